// The output shape of a view op (its output shares input 0's elements) from the values it is run
// with, checked as TF1's kernels check them (reshape_op.h, shape_ops.h). Both backends call this
// where the plan left a view's shape open: a shape or dim that is fed, or computed from a feed.
import type { Operation } from '../graph/operation.js';
import { InvalidArgumentError } from '../framework/errors.js';
import type { NDArray } from '../framework/ndarray.js';

const shapeStr = (s: readonly number[]): string => `[${s.join(',')}]`;
const count = (s: readonly number[]): number => s.reduce((a, b) => a * b, 1);

/**
 * TF1's Reshape kernel: `sizes` may hold one -1, which takes what the element count leaves. Zero sizes
 * stay out of the product, so with a zero on both sides the -1 is inferred from the other dims
 * (`[0, 6]` to `[0, -1, 3]` is `[0, 2, 3]`).
 */
function reshaped(op: Operation, input: readonly number[], sizes: NDArray): number[] {
  const fail = (why: string): never => {
    throw new InvalidArgumentError(why, op);
  };
  if (sizes.shape.length !== 1) fail(`sizes input must be 1-D, not ${shapeStr(sizes.shape)}`);
  const n = count(input);
  const shape: number[] = [];
  let product = 1;
  let unknown = -1;
  let sizesHaveZero = false;
  for (let d = 0; d < sizes.size; d++) {
    const size = sizes.data[d]!;
    if (size === -1) {
      if (unknown !== -1) fail(`Only one input size may be -1, not both ${unknown} and ${d}`);
      unknown = d;
      shape.push(1);
    } else {
      if (size < 0) fail(`Size ${d} must be non-negative, not ${size}`);
      shape.push(size);
      if (size === 0) sizesHaveZero = true;
      else product *= size;
    }
  }
  if (unknown !== -1) {
    let elements = 1;
    let inputHasZero = false;
    for (const d of input) {
      if (d > 0 || !sizesHaveZero) elements *= d;
      else inputHasZero = true;
    }
    const missing = Math.floor(elements / product);
    if (!inputHasZero && product * missing !== elements)
      fail(`Input to reshape is a tensor with ${elements} values, but the requested shape requires a multiple of ${product}`);
    shape[unknown] = missing;
  }
  if (count(shape) !== n) fail(`Input to reshape is a tensor with ${n} values, but the requested shape has ${count(shape)}`);
  return shape;
}

/** TF1's ExpandDims kernel: one dim in [-rank - 1, rank]. */
function expanded(op: Operation, input: readonly number[], dim: NDArray): number[] {
  if (dim.size !== 1) throw new InvalidArgumentError("'dim' must be a tensor with a single value", op);
  const d = dim.data[0]!;
  const r = input.length;
  if (d < -1 - r || d > r) throw new InvalidArgumentError(`Tried to expand dim index ${d} for tensor with ${r} dimensions.`, op);
  const out = [...input];
  out.splice(d < 0 ? d + r + 1 : d, 0, 1);
  return out;
}

/** The output shape of view op `op` for input 0 of shape `input` and its other inputs' values (`values[i]` for input i). */
export function viewShape(op: Operation, input: readonly number[], values: readonly (NDArray | null)[]): number[] {
  if (op.type === 'Reshape') return reshaped(op, input, values[1]!);
  if (op.type === 'ExpandDims') return expanded(op, input, values[1]!);
  return [...input];
}
