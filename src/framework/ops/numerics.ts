// CheckNumerics (tensorflow/core/ops/array_ops.cc: `tensor: T` of the float types, `output: T`, attr `message`,
// UnchangedShape), with TF1 r1.12's gradient (python/ops/array_grad.py's _CheckNumericsGrad).
import type { OpDefs } from '../op_def.js';
import { FLOATS, allowDtypes, inShape, one } from '../shape_util.js';

/** The attributes of CheckNumerics. */
export interface NumericsAttrs {
  CheckNumerics: { message: string };
}

/** The message TF1's _CheckNumericsGrad gives the gradient's own check. */
export const GRAD_NUMERICS_MESSAGE = 'Not a number (NaN) or infinity (Inf) values detected in gradient.';

/** Definition of CheckNumerics. */
export const NUMERICS_OPS: OpDefs<NumericsAttrs> = {
  // The input passed through, or InvalidArgumentError "<message> : Tensor had NaN values" (Inf, Inf and NaN).
  // Its failure is its effect: stateful, so that it is never folded away and still runs when only a control
  // edge reads it (verify_tensor_all_finite's with_dependencies).
  CheckNumerics: {
    inputs: [{ name: 'tensor', type: { attr: 'T', allowed: FLOATS } }],
    attrs: { message: 'string' },
    flags: { stateful: true, valueChecked: true },
    shape: (c) => {
      allowDtypes(c, 0, 'T', FLOATS);
      return one(c.inputs[0]!.dtype, inShape(c));
    },
    grad: (_op, [g], tf) => [tf.op('CheckNumerics', [g!], { message: GRAD_NUMERICS_MESSAGE })],
  },
};
