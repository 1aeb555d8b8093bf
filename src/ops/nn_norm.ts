// tf.nn.l2_normalize and tf.nn.batch_normalization: TF1 r1.12's nn_impl.py compositions of existing ops.
import type { Tensor } from '../graph/tensor.js';
import { MISMATCH, opt, req, tf1 } from '../framework/args.js';
import { ValueError } from '../framework/errors.js';
import { graphOf, toTensor, type TensorLike } from './convert.js';
import { cast, maximum, multiply, reduce_sum, square } from './math_ops.js';
import { rsqrt } from './math_unary_ops.js';
import { binary, neg } from './operators.js';
import { AXIS, FLOAT, STR, TENSOR, kind } from './kinds.js';

/** A Tensor (or a value convertible to one) or None: batch_normalization's offset and scale, required but nullable. */
const TENSOR_OR_NONE = kind<TensorLike | null>(`${TENSOR.what} or None`, (v) => v === null || TENSOR.parse(v) !== MISMATCH);

/**
 * `tf.nn.l2_normalize(x, axis, epsilon, name, dim)`: x / sqrt(max(sum(x², axis), epsilon)), as TF1 builds it in
 * the scope `l2_normalize`: Square, Sum (keepdims), Maximum, Rsqrt, and the Mul named after the scope.
 */
export const l2_normalize = tf1(
  'nn.l2_normalize',
  [req('x', TENSOR), opt('axis', AXIS), opt('epsilon', FLOAT), opt('name', STR), opt('dim', AXIS)] as const,
  (a) => {
    if (a.axis != null && a.dim != null) throw new ValueError("Cannot specify both 'axis' and 'dim'");
    const axis = a.axis ?? a.dim ?? null;
    const graph = graphOf([a.x]);
    return graph.name_scope(a.name ?? 'l2_normalize', (scope) => {
      const x = toTensor(a.x, { name: 'x', graph });
      const squareSum = reduce_sum(square(x), { axis, keepdims: true });
      const xInvNorm = rsqrt(maximum(squareSum, a.epsilon ?? 1e-12));
      return multiply(x, xInvNorm, { name: scope });
    });
  },
);

/**
 * `tf.nn.batch_normalization(x, mean, variance, offset, scale, variance_epsilon, name)`: as TF1 in the scope
 * `batchnorm`: `inv = rsqrt(variance + variance_epsilon)` (times scale when given), then
 * `x * inv + (offset - mean * inv)` (or `-mean * inv` without an offset), the same op order TF1 keeps.
 */
export const batch_normalization = tf1(
  'nn.batch_normalization',
  [
    req('x', TENSOR),
    req('mean', TENSOR),
    req('variance', TENSOR),
    req('offset', TENSOR_OR_NONE),
    req('scale', TENSOR_OR_NONE),
    req('variance_epsilon', TENSOR),
    opt('name', STR),
  ] as const,
  (a) => {
    const graph = graphOf([a.x, a.mean, a.variance, a.scale, a.offset]);
    return graph.name_scope(a.name ?? 'batchnorm', () => {
      let inv: Tensor = rsqrt(binary('Add', 'add', a.variance, a.variance_epsilon));
      if (a.scale !== null && a.scale !== undefined) inv = binary('Mul', 'mul', inv, a.scale);
      const x = toTensor(a.x, { graph });
      // Python's left-to-right order: x * inv first, then the shift.
      const scaled = binary('Mul', 'mul', x, cast(inv, x.dtype));
      const shift =
        a.offset !== null && a.offset !== undefined
          ? binary('Sub', 'sub', a.offset, binary('Mul', 'mul', a.mean, inv))
          : binary('Mul', 'mul', neg(a.mean), inv);
      return binary('Add', 'add', scaled, cast(shift, x.dtype));
    });
  },
);
