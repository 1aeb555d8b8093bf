// tf.nn.moments, tf.nn.weighted_moments, tf.nn.sufficient_statistics and tf.nn.normalize_moments, built as TF1
// r1.12's nn_impl.py builds them (float16 is not a tf1-ts dtype, so moments' float32 detour never applies).
import type { Tensor } from '../graph/tensor.js';
import { MISMATCH, opt, req, tf1 } from '../framework/args.js';
import { graphOf, toTensor, type TensorLike } from './convert.js';
import { constant, stop_gradient, zeros_like } from './array_ops.js';
import { gather } from './array_index_ops.js';
import { squeeze } from './array_structure_ops.js';
import { add, cast, multiply, reciprocal, reduce_mean, reduce_prod, reduce_sum, square, squared_difference, subtract } from './math_ops.js';
import { binary } from './operators.js';
import { shape } from './array_ops.js';
import { AXIS, BOOL, STR, TENSOR, kind } from './kinds.js';
import { name_scope } from './scopes.js';

/** A Python list of ints (sufficient_statistics' `axes`, which it puts in a set). */
const INT_LIST = kind<readonly number[]>('list of ints', (v) => Array.isArray(v) && v.every((a) => typeof a === 'number' && Number.isInteger(a)));
/** A Tensor (or a value convertible to one) or None. */
const TENSOR_OR_NONE = kind<TensorLike | null>(`${TENSOR.what} or None`, (v) => v === null || TENSOR.parse(v) !== MISMATCH);

/** Python's `list(set(axes))` for small ints: each once, non-negative ones first in order, then the negative ones. */
const setOrder = (axes: readonly number[]): number[] => {
  const u = [...new Set(axes)];
  return [...u.filter((a) => a >= 0).sort((x, y) => x - y), ...u.filter((a) => a < 0).sort((x, y) => x - y)];
};

/** The axes as squeeze takes them: ints (a Tensor of axes cannot be squeezed, as in TF1). */
const squeezeAxes = (axes: number | readonly number[] | Tensor): number | readonly number[] => axes as number | readonly number[];

/**
 * `tf.nn.moments(x, axes, shift, name, keep_dims)`: the mean and (population) variance of `x` over `axes`. Under
 * the scope `moments`: the Mean `mean` (kept dims), the Mean `variance` of SquaredDifference(x, StopGradient(mean)),
 * then, without keep_dims, each squeezed (`Squeeze`, `Squeeze_1`). `shift` is unused, as in TF1.
 */
export const moments = tf1(
  'nn.moments',
  [req('x', TENSOR), req('axes', AXIS), opt('shift', TENSOR_OR_NONE), opt('name', STR), opt('keep_dims', BOOL)] as const,
  (a): [mean: Tensor, variance: Tensor] => {
    const graph = graphOf([a.x]);
    return graph.as_default(() =>
      name_scope(a.name ?? null, 'moments', [a.x, a.axes], (): [Tensor, Tensor] => {
        const y = toTensor(a.x, { graph });
        let mean = reduce_mean(y, a.axes, true, { name: 'mean' });
        let variance = reduce_mean(squared_difference(y, stop_gradient(mean)), a.axes, true, { name: 'variance' });
        if (!a.keep_dims) {
          mean = squeeze(mean, squeezeAxes(a.axes));
          variance = squeeze(variance, squeezeAxes(a.axes));
        }
        return [mean, variance];
      }),
    );
  },
);

/**
 * `tf.nn.weighted_moments(x, axes, frequency_weights, name, keep_dims)`: the frequency-weighted mean and variance
 * (two passes), under the scope `weighted_moments`: Sums `weighted_input_sum`, `sum_of_weights` and
 * `weighted_distsq` (kept dims), the Reciprocal `inv_weight_sum`, then squeezed without keep_dims.
 */
export const weighted_moments = tf1(
  'nn.weighted_moments',
  [req('x', TENSOR), req('axes', AXIS), req('frequency_weights', TENSOR), opt('name', STR), opt('keep_dims', BOOL)] as const,
  (a): [mean: Tensor, variance: Tensor] => {
    const graph = graphOf([a.x, a.frequency_weights]);
    return graph.as_default(() =>
      name_scope(a.name ?? null, 'weighted_moments', [a.x, a.frequency_weights, a.axes], (): [Tensor, Tensor] => {
        const x = toTensor(a.x, { name: 'x', graph });
        let w = toTensor(a.frequency_weights, { name: 'frequency_weights', graph });
        if (w.dtype !== x.dtype) w = cast(w, x.dtype);
        const weightedInputSum = reduce_sum(binary('Mul', 'mul', w, x), a.axes, { name: 'weighted_input_sum', keepdims: true });
        // Per-item weights in the shape of w * x (the weights need only broadcast with x).
        const broadcastedWeights = binary('Add', 'add', w, zeros_like(x));
        const sumOfWeights = reduce_sum(broadcastedWeights, a.axes, { name: 'sum_of_weights', keepdims: true });
        const divisor = reciprocal(sumOfWeights, 'inv_weight_sum');
        let mean = multiply(weightedInputSum, divisor);
        const distsq = reduce_sum(binary('Mul', 'mul', w, squared_difference(x, mean)), a.axes, { name: 'weighted_distsq', keepdims: true });
        let variance = multiply(distsq, divisor);
        if (!a.keep_dims) {
          mean = squeeze(mean, { axis: squeezeAxes(a.axes) });
          variance = squeeze(variance, { axis: squeezeAxes(a.axes) });
        }
        return [mean, variance];
      }),
    );
  },
);

/**
 * `tf.nn.sufficient_statistics(x, axes, shift, keep_dims, name)`: [count, sum of (x - shift), sum of
 * (x - shift)^2, shift] over `axes`, under the scope `sufficient_statistics`. The count is a Const of x's dtype
 * when those dims are known, else the Prod `count` of x's shape gathered at `axes`; the sums are named `mean_ss`
 * and `var_ss` (Sub and SquaredDifference with a shift, the input and its Square without).
 */
export const sufficient_statistics = tf1(
  'nn.sufficient_statistics',
  [req('x', TENSOR), req('axes', INT_LIST), opt('shift', TENSOR_OR_NONE), opt('keep_dims', BOOL), opt('name', STR)] as const,
  (a): [count: Tensor, mean_ss: Tensor, variance_ss: Tensor, shift: Tensor | null] => {
    const axes = setOrder(a.axes);
    const graph = graphOf([a.x, a.shift ?? null]);
    return graph.as_default(() =>
      name_scope(a.name ?? null, 'sufficient_statistics', [a.x, a.shift ?? null], (): [Tensor, Tensor, Tensor, Tensor | null] => {
        const x = toTensor(a.x, { name: 'x', graph });
        const dims = x.shape.dims;
        const dimAt = (d: number): number | null => (dims === null ? null : (dims[d < 0 ? dims.length + d : d] ?? null));
        let counts: Tensor;
        if (axes.every((d) => dimAt(d) !== null)) {
          counts = constant(
            axes.reduce((p, d) => p * dimAt(d)!, 1),
            x.dtype,
          );
        } else {
          const xDims = gather(cast(shape(x), x.dtype), axes);
          counts = reduce_prod(xDims, { name: 'count' });
        }
        let shift: Tensor | null = null;
        let mSs: Tensor;
        let vSs: Tensor;
        if (a.shift != null) {
          // JavaScript has no float literal: a plain number (TF1's `1.0`) takes x's dtype.
          shift = toTensor(a.shift, { name: 'shift', graph, dtype: typeof a.shift === 'number' ? x.dtype : undefined });
          mSs = subtract(x, shift);
          vSs = squared_difference(x, shift);
        } else {
          mSs = x;
          vSs = square(x);
        }
        mSs = reduce_sum(mSs, axes, { keepdims: a.keep_dims ?? false, name: 'mean_ss' });
        vSs = reduce_sum(vSs, axes, { keepdims: a.keep_dims ?? false, name: 'var_ss' });
        return [counts, mSs, vSs, shift];
      }),
    );
  },
);

/**
 * `tf.nn.normalize_moments(counts, mean_ss, variance_ss, shift, name)`: the mean and variance from sufficient
 * statistics, under the scope `normalize`: the Reciprocal `divisor`, the Mul `shifted_mean` and Add `mean` (with a
 * shift) or the Mul `mean` (without), and the Sub `variance`.
 */
export const normalize_moments = tf1(
  'nn.normalize_moments',
  [req('counts', TENSOR), req('mean_ss', TENSOR), req('variance_ss', TENSOR), req('shift', TENSOR_OR_NONE), opt('name', STR)] as const,
  (a): [mean: Tensor, variance: Tensor] => {
    const graph = graphOf([a.counts, a.mean_ss, a.variance_ss, a.shift ?? null]);
    return graph.as_default(() =>
      name_scope(a.name ?? null, 'normalize', [a.counts, a.mean_ss, a.variance_ss, a.shift ?? null], (): [Tensor, Tensor] => {
        const divisor = reciprocal(a.counts, 'divisor');
        let shiftedMean: Tensor;
        let mean: Tensor;
        if (a.shift != null) {
          shiftedMean = multiply(a.mean_ss, divisor, 'shifted_mean');
          mean = add(shiftedMean, a.shift, 'mean');
        } else {
          shiftedMean = multiply(a.mean_ss, divisor, 'mean');
          mean = shiftedMean;
        }
        const variance = subtract(multiply(a.variance_ss, divisor), square(shiftedMean), 'variance');
        return [mean, variance];
      }),
    );
  },
);
