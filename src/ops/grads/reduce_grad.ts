import type { Operation } from '../../graph/operation.js';
import type { Tensor } from '../../graph/tensor.js';
import { constantValue } from '../shapes/infer.js';
import * as A from '../array_ops.js';
import * as M from '../math_ops.js';
import { binary } from '../operators.js';
import { apply1 } from '../apply.js';
import type { GradFn } from './types.js';

/** TF1's `reduced_shape(input_shape, axes)`: the input shape with reduced axes set to 1, built from ops. */
export function reduced_shape(inputShape: Tensor, axes: Tensor): Tensor {
  const inputRank = A.size(inputShape);
  const ax = binary('FloorMod', 'mod', binary('Add', 'add', axes, inputRank), inputRank);
  const axesShape = A.shape(ax);
  // TF1's fill(axes_shape, 1) makes an int32 1 (a Python int); a JS 1 would be float32, which DynamicStitch's
  // data list (one dtype T for all) refuses next to the int32 input shape.
  const ones = apply1({ type: 'Fill', defaultName: 'Fill', inputs: [['dims', axesShape], ['value', 1]], shared: ['value'], fallback: 'int32', attrs: {} });
  return A.dynamic_stitch([A.range(0, inputRank), ax], [inputShape, ones]);
}

/** TF1's `_safe_shape_div`: x // max(y, 1). */
function safeShapeDiv(x: Tensor, y: Tensor): Tensor {
  return binary('FloorDiv', 'floordiv', x, M.maximum(y, 1));
}

/** d reduce_sum: the gradient reshaped to keep the reduced axes, then tiled back to the input's shape. */
export const sumGrad: GradFn<'Sum'> = (op, [g]) => {
  const input = op.inputs[0]!;
  const dims = input.shape.dims;
  const axes = constantValue(op.inputs[1]!);
  if (dims !== null && axes) {
    const rank = dims.length;
    const all = Array.from(axes.data).map((a) => (a < 0 ? a + rank : a)).sort((a, b) => a - b);
    if (all.length === rank && all.every((a, i) => a === i)) {
      const grad = A.reshape(g!, Array(rank).fill(1));
      const inputShape = input.shape.is_fully_defined() ? A.constant(dims as number[], { dtype: 'int32' }) : A.shape(input);
      return [A.tile(grad, inputShape), null];
    }
  }
  const inputShape = A.shape(input);
  const keptDims = reduced_shape(inputShape, op.inputs[1]!);
  const tileScaling = safeShapeDiv(inputShape, keptDims);
  return [A.tile(A.reshape(g!, keptDims), tileScaling), null];
};

/** d reduce_mean: the sum's gradient divided by the number of elements averaged. */
export const meanGrad: GradFn<'Mean'> = (op, grads) => {
  const sumG = sumGrad(op as unknown as Operation<'Sum'>, grads)[0]!;
  const inS = op.inputs[0]!.shape;
  const outS = op.outputs[0]!.shape;
  let factor: Tensor;
  if (inS.is_fully_defined() && outS.is_fully_defined()) {
    const f = Math.floor(inS.num_elements()! / Math.max(outS.num_elements()!, 1));
    factor = A.constant(f, { dtype: sumG.dtype });
  } else {
    const inputShape = A.shape(op.inputs[0]!);
    const outputShape = A.shape(op.outputs[0]!);
    factor = safeShapeDiv(M.reduce_prod(inputShape), M.reduce_prod(outputShape));
  }
  return [M.divide(sumG, M.cast(factor, sumG.dtype)), null];
};

/** d reduce_max: shared equally among the elements equal to the maximum, as TF1. */
export const maxGrad: GradFn<'Max'> = (op, [g]) => {
  const inputShape = A.shape(op.inputs[0]!);
  const keptDims = reduced_shape(inputShape, op.inputs[1]!);
  const y = A.reshape(op.outputs[0]!, keptDims);
  const grad = A.reshape(g!, keptDims);
  const indicators = M.cast(M.equal(y, op.inputs[0]!), grad.dtype);
  const numSelected = A.reshape(M.reduce_sum(indicators, { axis: op.inputs[1]! }), keptDims);
  return [binary('Mul', 'mul', M.divide(indicators, numSelected), grad), null];
};

/**
 * d reduce_prod: each element gets the product of the others in its group. TF1's _ProdGrad multiplies two
 * exclusive cumprods; without a cumprod op the zeros are counted instead: in a group with no zero that
 * product is prod / x, with one zero it is the product of the nonzeros at the zero's place and 0 elsewhere,
 * with two or more it is 0 everywhere. So `[0, 2, 3]` gives `[6, 0, 0]`, as TF1, where prod / x gave NaN.
 */
export const prodGrad: GradFn<'Prod'> = (op, [g]) => {
  const x = op.inputs[0]!;
  const axes = op.inputs[1]!;
  const inputShape = A.shape(x);
  const keptDims = reduced_shape(inputShape, axes);
  const tileScaling = safeShapeDiv(inputShape, keptDims);
  const grad = A.tile(A.reshape(g!, keptDims), tileScaling);
  const zero = M.cast(M.equal(x, 0), x.dtype);
  const zeros = M.reduce_sum(zero, { axis: axes, keepdims: true });
  // x with its zeros made ones: the product over it is the product of the nonzeros.
  const nonzero = binary('Add', 'add', x, zero);
  const prodNonzero = M.reduce_prod(nonzero, { axis: axes, keepdims: true });
  const when = (count: number): Tensor => M.cast(M.equal(zeros, count), x.dtype);
  // The numerator is 0 where the group has a zero, so no element divides a nonzero by a tiny x.
  const noZero = M.realdiv(binary('Mul', 'mul', prodNonzero, when(0)), nonzero);
  const oneZero = binary('Mul', 'mul', binary('Mul', 'mul', prodNonzero, when(1)), zero);
  return [binary('Mul', 'mul', grad, binary('Add', 'add', noZero, oneZero)), null];
};
