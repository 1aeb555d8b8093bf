// Constant folding at plan time: which ops a plan computes once, and their values, from the host kernels.
import type { Operation } from '../graph/operation.js';
import { NDArray } from '../framework/ndarray.js';
import { isStateful, isView, type OpAttrs } from '../framework/op_defs.js';
import { HOST_KERNELS } from './kernels/index.js';
import type { HostKernel } from './kernel.js';
import { viewShape } from './view_shape.js';

/** True for ops whose value can be computed once at plan time. */
export function foldable(op: Operation, inputsConst: boolean): boolean {
  if (isStateful(op.type) || op.control_inputs.length > 0) return false;
  return inputsConst && (op.type === 'Const' || HOST_KERNELS[op.type] !== null || isView(op.type));
}

/** Computes a stateless op on constant inputs with the CPU kernels (views copy nothing). */
export function foldOp(op: Operation, inputs: NDArray[]): NDArray[] {
  if (op.type === 'Const') return [(op.attrs as OpAttrs['Const']).value];
  // A view's shape is its kernel's (the static rule may leave dims open, as for two -1s in a Reshape).
  if (isView(op.type)) {
    const x = inputs[0]!;
    return [new NDArray(x.dtype === 'string' ? x.strings : x.data, viewShape(op, x.shape, inputs), x.dtype)];
  }
  const outs: NDArray[] = [];
  const kernel = HOST_KERNELS[op.type] as HostKernel<typeof op.type>;
  kernel({
    name: op.name,
    inputs,
    attrs: op.attrs as OpAttrs[typeof op.type],
    output: (i, shape) => (outs[i] = NDArray.zeros(shape, op.outputs[i]!.dtype)),
    random: () => {
      throw new Error('random ops are not folded');
    },
  });
  return outs;
}
