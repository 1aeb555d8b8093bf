// tf.tanh, tf.abs, tf.sign, tf.rsqrt, tf.log1p, tf.expm1, tf.sin, tf.cos and the roundings, in TF1's calling convention.
import { isInteger } from '../framework/dtypes.js';
import { opt, req, tf1 } from '../framework/args.js';
import { apply1 } from './apply.js';
import { graphOf, toTensor } from './convert.js';
import { STR, TENSOR } from './kinds.js';
import { unaryWrapper } from './wrappers.js';

/** `tf.tanh(x, name)`, also `tf.nn.tanh`. */
export const tanh = unaryWrapper('tanh', 'x');
/** `tf.abs(x, name)`. */
export const abs = unaryWrapper('abs', 'x');
/** `tf.sign(x, name)`: -1, 0 or 1. */
export const sign = unaryWrapper('sign', 'x');
/** `tf.rsqrt(x, name)`: 1 / sqrt(x). */
export const rsqrt = unaryWrapper('rsqrt', 'x');
/** `tf.log1p(x, name)`: log(1 + x). */
export const log1p = unaryWrapper('log1p', 'x');
/** `tf.expm1(x, name)`: exp(x) - 1. */
export const expm1 = unaryWrapper('expm1', 'x');
/** `tf.sin(x, name)`. */
export const sin = unaryWrapper('sin', 'x');
/** `tf.cos(x, name)`. */
export const cos = unaryWrapper('cos', 'x');
/** `tf.floor(x, name)`. */
export const floor = unaryWrapper('floor', 'x');
/** `tf.ceil(x, name)`. */
export const ceil = unaryWrapper('ceil', 'x');
/** `tf.rint(x, name)`: the nearest integer, halves to even. */
export const rint = unaryWrapper('rint', 'x');

/** `tf.sinh(x, name)`. */
export const sinh = unaryWrapper('sinh', 'x');
/** `tf.cosh(x, name)`. */
export const cosh = unaryWrapper('cosh', 'x');
/** `tf.tan(x, name)`. */
export const tan = unaryWrapper('tan', 'x');
/** `tf.asin(x, name)`. */
export const asin = unaryWrapper('asin', 'x');
/** `tf.acos(x, name)`. */
export const acos = unaryWrapper('acos', 'x');
/** `tf.atan(x, name)`. */
export const atan = unaryWrapper('atan', 'x');

/** `tf.round(x, name)`: halves to even (banker's rounding); an integer input is returned itself, as TF1's math_ops.round. */
export const round = tf1('round', [req('x', TENSOR), opt('name', STR)] as const, (a) => {
  // TF1 converts x outside any name scope (a Python number becomes a Const named `x`).
  const x = toTensor(a.x, { graph: graphOf([a.x]), name: 'x' });
  if (isInteger(x.dtype)) return x;
  return apply1({ type: 'Round', name: a.name ?? undefined, defaultName: 'Round', inputs: [['x', x]], attrs: {} });
});
