// The logical ops on bool tensors: tf.logical_and, logical_or and logical_not (the ops' plain wrappers), and
// TF1's Python logical_xor, composed from them with TF1's node names; the float checks tf.is_nan, is_inf and
// is_finite (bool results).
import { opt, req, tf1 } from '../framework/args.js';
import { STR, TENSOR } from './kinds.js';
import { binaryWrapper, unaryWrapper } from './wrappers.js';

/** `tf.logical_and(x, y, name)`: elementwise `x AND y` of bools, broadcasting. */
export const logical_and = binaryWrapper('logical_and', 'x', 'y');
/** `tf.logical_or(x, y, name)`: elementwise `x OR y` of bools, broadcasting. */
export const logical_or = binaryWrapper('logical_or', 'x', 'y');
/** `tf.logical_not(x, name)`: elementwise `NOT x` of bools. */
export const logical_not = unaryWrapper('logical_not', 'x');
/** `tf.is_nan(x, name)`: elementwise NaN test of floats, bool. */
export const is_nan = unaryWrapper('is_nan', 'x');
/** `tf.is_inf(x, name)`: elementwise infinity test of floats, bool. */
export const is_inf = unaryWrapper('is_inf', 'x');
/** `tf.is_finite(x, name)`: elementwise test of floats for neither NaN nor infinity, bool. */
export const is_finite = unaryWrapper('is_finite', 'x');

/**
 * `tf.logical_xor(x, y, name='LogicalXor')`: `(x | y) & ~(x & y)`, as TF1 builds it (no scope of its own: nodes
 * `LogicalOr`, `LogicalAnd`, `LogicalNot`, and the last LogicalAnd named `LogicalXor`).
 */
export const logical_xor = tf1('logical_xor', [req('x', TENSOR), req('y', TENSOR), opt('name', STR)] as const, (a) =>
  logical_and(logical_or(a.x, a.y), logical_not(logical_and(a.x, a.y)), { name: a.name ?? 'LogicalXor' }),
);
