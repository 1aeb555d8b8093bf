// TF1's reductions written in Python from other ops: tf.count_nonzero (and tf.reduce_logsumexp), with TF1
// r1.12's node names.
import { opt, req, tf1 } from '../framework/args.js';
import { ValueError } from '../framework/errors.js';
import { reshape, shape, stop_gradient, zeros, zeros_like } from './array_ops.js';
import { convert_to_tensor, graphOf } from './convert.js';
import { AXIS, BOOL, DTYPE, STR, TENSOR } from './kinds.js';
import { add, cast, exp, log, not_equal, reduce_max, reduce_sum, subtract } from './math_ops.js';
import { is_finite } from './logical_ops.js';
import { where } from './select_ops.js';

/**
 * `tf.count_nonzero(input_tensor, axis, keepdims, dtype, name, reduction_indices, keep_dims)`: in a scope
 * `count_nonzero`, `cast(reduce_sum(to_int64(not_equal(input_tensor, zeros([]))), axis, keepdims), dtype)`.
 */
export const count_nonzero = tf1(
  'count_nonzero',
  [
    req('input_tensor', TENSOR),
    opt('axis', AXIS),
    opt('keepdims', BOOL),
    opt('dtype', DTYPE),
    opt('name', STR),
    opt('reduction_indices', AXIS),
    opt('keep_dims', BOOL),
  ] as const,
  (a) => {
    if (a.keep_dims != null && a.keepdims != null) throw new ValueError('keep_dims and keepdims cannot both be specified.');
    const keepdims = a.keepdims ?? a.keep_dims ?? false;
    const graph = graphOf([a.input_tensor]);
    // TF1's ops.name_scope(name, 'count_nonzero', [input_tensor]) enters the input's graph
    return graph.as_default(() =>
      graph.name_scope(a.name ?? 'count_nonzero', () => {
        const x = convert_to_tensor(a.input_tensor, { name: 'input_tensor' });
        // A scalar of 'zero' is enough as `not_equal` will broadcast.
        const zero = zeros([], x.dtype);
        const nonzero = cast(not_equal(x, zero), 'int64', 'ToInt64');
        return cast(reduce_sum(nonzero, { axis: a.axis, keepdims, reduction_indices: a.reduction_indices }), a.dtype ?? 'int64');
      }),
    );
  },
);

/**
 * `tf.reduce_logsumexp(input_tensor, axis, keepdims, name, reduction_indices, keep_dims)`: log(sum(exp(x))) as TF1
 * computes it, in a scope `ReduceLogSumExp`: the max (0 where it is not finite) subtracted before exp and added
 * back after log, behind a StopGradient.
 */
export const reduce_logsumexp = tf1(
  'reduce_logsumexp',
  [req('input_tensor', TENSOR), opt('axis', AXIS), opt('keepdims', BOOL), opt('name', STR), opt('reduction_indices', AXIS), opt('keep_dims', BOOL)] as const,
  (a) => {
    if (a.keep_dims != null && a.keepdims != null) throw new ValueError('keep_dims and keepdims cannot both be specified.');
    const keepdims = a.keepdims ?? a.keep_dims ?? false;
    const graph = graphOf([a.input_tensor]);
    return graph.as_default(() => {
      const x = convert_to_tensor(a.input_tensor);
      return graph.name_scope(a.name ?? 'ReduceLogSumExp', () => {
        const dims = { axis: a.axis, reduction_indices: a.reduction_indices };
        const rawMax = reduce_max(x, { ...dims, keepdims: true });
        let myMax = stop_gradient(where(is_finite(rawMax), rawMax, zeros_like(rawMax)));
        const result = log(reduce_sum(exp(subtract(x, myMax)), { ...dims, keepdims }));
        if (!keepdims) myMax = reshape(myMax, shape(result));
        const out = add(result, myMax);
        // TF1's _may_reduce_to_scalar
        if (a.axis == null && a.reduction_indices == null && !keepdims && !out.shape.is_fully_defined()) out.set_shape([]);
        return out;
      });
    });
  },
);
