// The ops behind `tf.where`: Select(condition, t, e) (tensorflow/core/ops/math_ops.cc) with TF1 r1.12's gradient
// (python/ops/math_grad.py's _SelectGrad), and Where(input), the coordinates of the true elements (array_ops.cc).
import { ALL_DTYPES } from '../dtypes.js';
import type { NoAttrs, OpDefs } from '../op_def.js';
import { TensorShape } from '../shape.js';
import { REAL, inShape, mergeDim, mergeShapes, one } from '../shape_util.js';

/** The attributes of Select and Where (beyond the inferred `T`). */
export interface SelectAttrs {
  Select: NoAttrs;
  Where: NoAttrs;
}

/** Definitions of Select and Where. */
export const SELECT_OPS: OpDefs<SelectAttrs> = {
  Select: {
    inputs: [
      { name: 'condition', type: 'bool' },
      { name: 't', type: { attr: 'T', allowed: ALL_DTYPES } },
      { name: 'e', type: { attr: 'T', allowed: ALL_DTYPES } },
    ],
    attrs: {},
    // TF1's shape function: t and e merge; a scalar condition picks either whole; a condition of rank other than
    // 1 (or a vector beside scalar t and e) merges with them; a vector condition beside t and e of higher rank
    // has t's first dimension.
    shape: (c) => {
      const data = mergeShapes(inShape(c, 1), inShape(c, 2));
      const cond = inShape(c, 0);
      const dtype = c.inputs[1]!.dtype;
      if (cond.dims === null || data.dims === null || cond.dims.length === 0) return one(dtype, data);
      if (cond.dims.length !== 1 || data.dims.length === 0) return one(dtype, mergeShapes(data, cond));
      mergeDim(cond.dims[0]!, data.dims[0]!);
      return one(dtype, data);
    },
    // The gradient goes to t where the condition holds and to e elsewhere; the condition gets none.
    grad: (op, [g], tf) => {
      const [c, x] = op.inputs as [(typeof op.inputs)[0], (typeof op.inputs)[0]];
      const zeros = tf.zeros_like(x!);
      return [null, tf.where(c!, g!, zeros), tf.where(c!, zeros, g!)];
    },
  }, // One int64 row of coordinates per true (nonzero) element, in row-major order: [?, rank(input)].
  Where: {
    inputs: [{ name: 'input', type: { attr: 'T', allowed: [...REAL, 'bool'] } }],
    attrs: {},
    shape: (c) => {
      const dims = inShape(c, 0).dims;
      return one('int64', new TensorShape([null, dims === null ? null : dims.length]));
    },
    grad: 'none',
  },
};
