// The reductions, ArgMax and ArgMin (tensorflow/core/ops/math_ops.cc), with TF1's gradients (python/ops/math_grad.py).
import { TensorShape, type Dim } from '../shape.js';
import type { InputType, OpDef, OpDefs, ShapeRule } from '../op_def.js';
import { ShapeError } from '../op_def.js';
import type { Operation } from '../../graph/operation.js';
import type { Tensor } from '../../graph/tensor.js';
import type { GradKit } from '../../ops/grad_kit.js';
import { INDEX, REAL, allowDtypes, inShape, one, reducedShape, withRankAtMost } from '../shape_util.js';

/** Attributes of a reduction: TF1's keep_dims. */
export interface ReduceAttrs {
  keep_dims: boolean;
}

/** The reductions' attributes. */
export interface ReductionAttrs {
  Sum: ReduceAttrs;
  Mean: ReduceAttrs;
  Max: ReduceAttrs;
  Prod: ReduceAttrs;
  ArgMax: { output_type: 'int32' | 'int64' };
  Min: ReduceAttrs;
  Any: ReduceAttrs;
  All: ReduceAttrs;
  ArgMin: { output_type: 'int32' | 'int64' };
}

type Reduction = 'Sum' | 'Mean' | 'Max' | 'Prod' | 'Min' | 'Any' | 'All';

const reduction: ShapeRule<Reduction> = (c) => {
  // Any and All take bools (`input: bool`, no T attribute).
  if (c.type !== 'Any' && c.type !== 'All') allowDtypes(c, 0, 'T', REAL);
  allowDtypes(c, 1, 'Tidx', INDEX);
  // TF1 (GraphDef version 21 on) takes axes as a scalar or a vector only.
  withRankAtMost(inShape(c, 1), 1);
  return one(c.inputs[0]!.dtype, reducedShape(inShape(c), c.inputs[1]!, c.attrs.keep_dims));
};

/** TF1's `reduced_shape(input_shape, axes)`: the input shape with reduced axes set to 1, built from ops. */
export function reducedShapeOp(tf: GradKit, inputShape: Tensor, axes: Tensor): Tensor {
  const inputRank = tf.size(inputShape);
  const ax = tf.mod(tf.plus(axes, inputRank), inputRank);
  return tf.dynamic_stitch([tf.range(0, inputRank), ax], [inputShape, tf.fill(tf.shape(ax), 1)]);
}

/** TF1's `_safe_shape_div`: x // max(y, 1). */
const safeShapeDiv = (tf: GradKit, x: Tensor, y: Tensor): Tensor => tf.floordiv(x, tf.maximum(y, 1));

/** d reduce_sum: the gradient reshaped to keep the reduced axes, then tiled back to the input's shape. */
function sumGrad(op: Operation<Reduction>, g: Tensor, tf: GradKit): Tensor {
  const input = op.inputs[0]!;
  const dims = input.shape.dims;
  const axes = tf.constant_value(op.inputs[1]!);
  if (dims !== null && axes) {
    const rank = dims.length;
    const all = Array.from(axes.data)
      .map((a) => (a < 0 ? a + rank : a))
      .sort((a, b) => a - b);
    if (all.length === rank && all.every((a, i) => a === i)) {
      const grad = tf.reshape(g, Array(rank).fill(1));
      const inputShape = input.shape.is_fully_defined() ? tf.constant(dims as number[], { dtype: 'int32' }) : tf.shape(input);
      return tf.tile(grad, inputShape);
    }
  }
  const inputShape = tf.shape(input);
  const keptDims = reducedShapeOp(tf, inputShape, op.inputs[1]!);
  return tf.tile(tf.reshape(g, keptDims), safeShapeDiv(tf, inputShape, keptDims));
}

/** TF1's _MinOrMaxGrad: the gradient shared equally among the elements equal to the result. */
function minOrMaxGrad(op: Operation<'Max' | 'Min'>, g: Tensor, tf: GradKit): (Tensor | null)[] {
  const keptDims = reducedShapeOp(tf, tf.shape(op.inputs[0]!), op.inputs[1]!);
  const y = tf.reshape(op.outputs[0]!, keptDims);
  const grad = tf.reshape(g, keptDims);
  const indicators = tf.cast(tf.equal(y, op.inputs[0]!), grad.dtype);
  const numSelected = tf.reshape(tf.reduce_sum(indicators, { axis: op.inputs[1]! }), keptDims);
  return [tf.mul(tf.divide(indicators, numSelected), grad), null];
}

function def<K extends Reduction>(grad: OpDef<K>['grad'], input: InputType = { attr: 'T', allowed: REAL }): OpDef<K> {
  return {
    inputs: [
      { name: 'input', type: input },
      { name: 'reduction_indices', type: { attr: 'Tidx', allowed: INDEX } },
    ],
    attrs: { keep_dims: 'bool' } as OpDef<K>['attrs'],
    flags: { valueInputs: [1] },
    shape: reduction,
    grad,
  };
}

/** Definitions of the reductions, ArgMax and ArgMin. */
export const REDUCE_OPS: OpDefs<ReductionAttrs> = {
  Sum: def((op, [g], tf) => [sumGrad(op, g!, tf), null]),
  // d reduce_mean: the sum's gradient divided by the number of elements averaged.
  Mean: def((op, [g], tf) => {
    const sumG = sumGrad(op, g!, tf);
    const inS = op.inputs[0]!.shape;
    const outS = op.outputs[0]!.shape;
    let factor: Tensor;
    if (inS.is_fully_defined() && outS.is_fully_defined()) {
      factor = tf.constant(Math.floor(inS.num_elements()! / Math.max(outS.num_elements()!, 1)), { dtype: sumG.dtype });
    } else {
      factor = safeShapeDiv(tf, tf.reduce_prod(tf.shape(op.inputs[0]!)), tf.reduce_prod(tf.shape(op.outputs[0]!)));
    }
    return [tf.divide(sumG, tf.cast(factor, sumG.dtype)), null];
  }),
  // d reduce_max: shared equally among the elements equal to the maximum, as TF1.
  Max: def((op, [g], tf) => minOrMaxGrad(op, g!, tf)),
  /**
   * d reduce_prod: each element gets the product of the others in its group. TF1's _ProdGrad multiplies two
   * exclusive cumprods; without a cumprod op the zeros are counted instead: in a group with no zero that
   * product is prod / x, with one zero it is the product of the nonzeros at the zero's place and 0 elsewhere,
   * with two or more it is 0 everywhere. So `[0, 2, 3]` gives `[6, 0, 0]`, as TF1, where prod / x gave NaN.
   */
  Prod: def((op, [g], tf) => {
    const x = op.inputs[0]!;
    const axes = op.inputs[1]!;
    const inputShape = tf.shape(x);
    const keptDims = reducedShapeOp(tf, inputShape, axes);
    const grad = tf.tile(tf.reshape(g!, keptDims), safeShapeDiv(tf, inputShape, keptDims));
    const zero = tf.cast(tf.equal(x, 0), x.dtype);
    const zeros = tf.reduce_sum(zero, { axis: axes, keepdims: true });
    // x with its zeros made ones: the product over it is the product of the nonzeros.
    const nonzero = tf.plus(x, zero);
    const prodNonzero = tf.reduce_prod(nonzero, { axis: axes, keepdims: true });
    const when = (count: number): Tensor => tf.cast(tf.equal(zeros, count), x.dtype);
    // The numerator is 0 where the group has a zero, so no element divides a nonzero by a tiny x.
    const noZero = tf.realdiv(tf.mul(prodNonzero, when(0)), nonzero);
    const oneZero = tf.mul(tf.mul(prodNonzero, when(1)), zero);
    return [tf.mul(grad, tf.plus(noZero, oneZero)), null];
  }),
  ArgMax: argDef(),
  Min: def((op, [g], tf) => minOrMaxGrad(op, g!, tf)),
  // TF1 registers no gradient for Any and All.
  Any: def(null, 'bool'),
  All: def(null, 'bool'),
  ArgMin: argDef(),
};

/** ArgMax and ArgMin: the index of the extreme along one axis, which the output drops. */
function argDef<K extends 'ArgMax' | 'ArgMin'>(): OpDef<K> {
  return {
    inputs: [
      { name: 'input', type: { attr: 'T', allowed: REAL } },
      { name: 'dimension', type: { attr: 'Tidx', allowed: INDEX } },
    ],
    attrs: { output_type: 'index_dtype' } as OpDef<K>['attrs'],
    flags: { valueChecked: true, valueInputs: [1] },
    shape: (c) => {
      allowDtypes(c, 0, 'T', REAL);
      allowDtypes(c, 1, 'Tidx', INDEX);
      const s = inShape(c);
      const axis = c.inputs[1]!;
      if (axis.shape.ndims !== null && axis.shape.ndims !== 0) throw new ShapeError(`Shape must be rank 0 but is rank ${axis.shape.ndims}`);
      if (s.dims === null || !axis.value)
        return one(c.attrs.output_type, s.dims === null ? s : new TensorShape(Array<Dim>(Math.max(0, s.dims.length - 1)).fill(null)));
      const a = axis.value.data[0]!;
      if (a < -s.dims.length || a >= s.dims.length) throw new ShapeError(`Expected dimension in the range [${-s.dims.length}, ${s.dims.length}), but got ${a}`);
      const ax = a < 0 ? a + s.dims.length : a;
      return one(c.attrs.output_type, new TensorShape(s.dims.filter((_, i) => i !== ax)));
    },
    grad: 'none',
  };
}
