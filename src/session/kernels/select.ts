// Select and Where on the host, with TF1's kernel checks (cwise_op_select.cc, where_op.cc).
import { InvalidArgumentError } from '../../framework/errors.js';
import type { HostKernel } from '../kernel.js';
import { prodOf, sameShape, shapeStr } from './util.js';

/** How Select's condition covers t and e: one choice for all, one per row (a vector beside higher rank), or one per element. */
export interface SelectLayout {
  /** Choices the condition makes: 1, the rows, or every element. */
  choices: number;
  /** Elements each choice takes. */
  width: number;
}

/** Select's layout from its input shapes, or TF1's InvalidArgumentError for shapes the kernel refuses. */
export function selectLayout(name: string, cond: readonly number[], t: readonly number[], e: readonly number[]): SelectLayout {
  const same = (): void => {
    if (!sameShape(t, e)) throw new InvalidArgumentError(`'then' and 'else' must have the same size.  but received: ${shapeStr(t)} vs. ${shapeStr(e)}`, name);
  };
  const size = prodOf(t);
  if (cond.length === 0) {
    same();
    return { choices: 1, width: size };
  }
  if (cond.length === 1 && t.length !== 1) {
    if (t.length === 0) throw new InvalidArgumentError(`'then' must be at least a vector, but saw shape: ${shapeStr(t)}`, name);
    if (t[0] !== cond[0]) {
      throw new InvalidArgumentError(`Number of batches of 'then' must match size of 'cond', but saw: ${t[0]} vs. ${cond[0]}`, name);
    }
    same();
    return { choices: cond[0]!, width: cond[0] === 0 ? 0 : size / cond[0]! };
  }
  // OpKernelContext::ValidateInputsAreSameShape: every input against the first.
  for (const [i, s] of [t, e].entries()) {
    if (!sameShape(cond, s)) {
      throw new InvalidArgumentError(
        `Inputs to operation ${name} of type Select must have the same size and shape.  Input 0: ${shapeStr(cond)} != input ${i + 1}: ${shapeStr(s)}`,
        name,
      );
    }
  }
  return { choices: size, width: 1 };
}

/** Select(condition, t, e): t's elements where the condition holds, e's elsewhere. */
const select: HostKernel<'Select'> = ({ name, inputs, output }) => {
  const [c, t, e] = inputs as [(typeof inputs)[0], (typeof inputs)[0], (typeof inputs)[0]];
  const { choices, width } = selectLayout(name, c.shape, t.shape, e.shape);
  const o = output(0, t.shape).data;
  for (let k = 0; k < choices; k++) {
    const src = c.data[k] !== 0 ? t.data : e.data;
    const from = k * width;
    if (width === 1) o[from] = src[from]!;
    else o.set(src.subarray(from, from + width), from);
  }
};

/** Where(input): the coordinates of the nonzero elements, one int64 row each, in row-major order. */
const where: HostKernel<'Where'> = ({ inputs, output }) => {
  const x = inputs[0]!;
  const rank = x.shape.length;
  let count = 0;
  for (let i = 0; i < x.data.length; i++) if (x.data[i] !== 0) count++;
  const o = output(0, [count, rank]).data;
  let row = 0;
  for (let i = 0; i < x.data.length; i++) {
    if (x.data[i] === 0) continue;
    let rem = i;
    for (let k = rank - 1; k >= 0; k--) {
      const d = x.shape[k]!;
      o[row * rank + k] = rem % d;
      rem = Math.floor(rem / d);
    }
    row++;
  }
};

/** Host kernels of Select and Where. */
export const SELECT_KERNELS: { Select: HostKernel<'Select'>; Where: HostKernel<'Where'> } = { Select: select, Where: where };
