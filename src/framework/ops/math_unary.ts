// More elementwise unary math (tensorflow/core/ops/math_ops.cc): tanh, abs, sign, rsqrt, log1p, expm1, sin, cos
// and the roundings, with their gradient helper ops and TF1's gradients (python/ops/math_grad.py). TF1's
// math_ops.conj(x) is x for real dtypes, so the rules below leave it out.
import type { DType } from '../dtypes.js';
import type { Tensor } from '../../graph/tensor.js';
import type { GradKit } from '../../ops/grad_kit.js';
import type { NoAttrs, OpDef, OpDefs } from '../op_def.js';
import { pairDef, unaryDef } from './elementwise_defs.js';
import { FLOATS, NUMERIC } from '../shape_util.js';

/** The ops' attributes. */
export interface MathUnaryAttrs {
  Tanh: NoAttrs;
  TanhGrad: NoAttrs;
  Abs: NoAttrs;
  Sign: NoAttrs;
  Rsqrt: NoAttrs;
  RsqrtGrad: NoAttrs;
  Log1p: NoAttrs;
  Expm1: NoAttrs;
  Sin: NoAttrs;
  Cos: NoAttrs;
  Floor: NoAttrs;
  Ceil: NoAttrs;
  Round: NoAttrs;
  Rint: NoAttrs;
  Sinh: NoAttrs;
  Cosh: NoAttrs;
  Tan: NoAttrs;
  Asin: NoAttrs;
  Acos: NoAttrs;
  Atan: NoAttrs;
}

type Unary = Exclude<keyof MathUnaryAttrs, 'TanhGrad' | 'RsqrtGrad'>;

/** An elementwise op of one input `x`, wrapped by the public functions `api`. */
const unary = <K extends Unary>(api: readonly string[], allowed: readonly DType[], grad: OpDef<K>['grad']): OpDef<K> => unaryDef<K>('x', api, allowed, grad);

/** A gradient helper `(y, dy)` of equal shapes (UNARY_GRADIENT_COMPLEX). */
const helper = <K extends 'TanhGrad' | 'RsqrtGrad'>(grad: OpDef<K>['grad']): OpDef<K> => pairDef<K>(['y', 'dy'], FLOATS, grad);

/** TF1's _FloorGrad, _CeilGrad, _RoundGrad, _RintGrad: a rule that returns no gradient. */
const noGradient = (): [null] => [null];

/** Definitions of the ops. */
export const MATH_UNARY_OPS: OpDefs<MathUnaryAttrs> = {
  // d tanh x = g (1 - y²), from the output y, after g (TF1's _TanhGrad).
  Tanh: unary(['tanh', 'nn.tanh'], FLOATS, (op, [g], tf) => tf.control_dependencies([g!], () => [tf.op('TanhGrad', [op.outputs[0]!, g!])])),
  // TanhGrad(y, dy) = dy (1 - y²): by y, g · -2 · dy · y; by dy, TanhGrad(y, g) (TF1's _TanhGradGrad).
  TanhGrad: helper((op, [g], tf) => {
    const [a, b] = op.inputs as [(typeof op.inputs)[0], (typeof op.inputs)[0]];
    return tf.control_dependencies([g!], () => [tf.mul(tf.mul(tf.mul(g!, -2), b!), a!), tf.op('TanhGrad', [a!, g!])]);
  }),
  Abs: unary(['abs'], NUMERIC, (op, [g], tf) => [tf.mul(g!, tf.sign(op.inputs[0]!))]),
  // TF1's _SignGrad: zeros of x's shape and dtype.
  Sign: unary(['sign'], NUMERIC, (op, _g, tf) => {
    const x = op.inputs[0]!;
    return [tf.zeros(tf.shape(x), x.dtype)];
  }),
  Rsqrt: unary(['rsqrt'], FLOATS, (op, [g], tf) => [tf.op('RsqrtGrad', [op.outputs[0]!, g!])]),
  // RsqrtGrad(a, b) = -0.5 b a³: by a, -1.5 · g · b · a²; by b, RsqrtGrad(a, g) (TF1's _RsqrtGradGrad).
  RsqrtGrad: helper((op, [g], tf) => {
    const [a, b] = op.inputs as [(typeof op.inputs)[0], (typeof op.inputs)[0]];
    return tf.control_dependencies([g!], () => {
      const gradA = tf.mul(tf.mul(tf.mul(-1.5, g!), b!), tf.square(a!));
      return [gradA, tf.op('RsqrtGrad', [a!, g!])];
    });
  }),
  // d log1p x = g / (1 + x), after g.
  Log1p: unary(['log1p'], FLOATS, (op, [g], tf) => tf.control_dependencies([g!], () => [tf.mul(g!, tf.reciprocal(tf.plus(1, op.inputs[0]!)))])),
  // d expm1 x = g exp(x), after g.
  Expm1: unary(['expm1'], FLOATS, (op, [g], tf) => tf.control_dependencies([g!], () => [tf.mul(g!, tf.exp(op.inputs[0]!))])),
  Sin: unary(['sin'], FLOATS, (op, [g], tf) => tf.control_dependencies([g!], () => [tf.mul(g!, tf.cos(op.inputs[0]!))])),
  Cos: unary(['cos'], FLOATS, (op, [g], tf) => tf.control_dependencies([g!], () => [tf.mul(tf.neg(g!), tf.sin(op.inputs[0]!))])),
  Floor: unary(['floor'], FLOATS, noGradient),
  Ceil: unary(['ceil'], FLOATS, noGradient),
  // tf.round returns an integer input itself, so its builder is written by hand; the op takes integers too.
  Round: unary([], NUMERIC, noGradient),
  Rint: unary(['rint'], FLOATS, noGradient),
  Sinh: unary(['sinh'], FLOATS, (op, [g], tf) => tf.control_dependencies([g!], () => [tf.mul(g!, tf.cosh(op.inputs[0]!))])),
  Cosh: unary(['cosh'], FLOATS, (op, [g], tf) => tf.control_dependencies([g!], () => [tf.mul(g!, tf.sinh(op.inputs[0]!))])),
  // d tan x = g sec² x: g * square(reciprocal(cos(x))).
  Tan: unary(['tan'], FLOATS, (op, [g], tf) => tf.control_dependencies([g!], () => [tf.mul(g!, tf.square(tf.reciprocal(tf.cos(op.inputs[0]!))))])),
  // d asin x = g / sqrt(1 - x²), d acos x = -g / sqrt(1 - x²), d atan x = g / (1 + x²), one a constant of g's dtype.
  Asin: unary(['asin'], FLOATS, (op, [g], tf) => tf.control_dependencies([g!], () => [tf.mul(g!, inverseRoot(op.inputs[0]!, g!, tf))])),
  Acos: unary(['acos'], FLOATS, (op, [g], tf) => tf.control_dependencies([g!], () => [tf.mul(tf.neg(g!), inverseRoot(op.inputs[0]!, g!, tf))])),
  Atan: unary(['atan'], FLOATS, (op, [g], tf) =>
    tf.control_dependencies([g!], () => {
      const x2 = tf.square(op.inputs[0]!);
      const one = tf.constant(1, { dtype: g!.dtype });
      return [tf.mul(g!, tf.reciprocal(tf.add(one, x2)))];
    }),
  ),
};

/** TF1's 1 / sqrt(1 - x²) of _AsinGrad and _AcosGrad. */
function inverseRoot(x: Tensor, g: Tensor, tf: GradKit): Tensor {
  const x2 = tf.square(x);
  const one = tf.constant(1, { dtype: g.dtype });
  return tf.reciprocal(tf.sqrt(tf.subtract(one, x2)));
}
