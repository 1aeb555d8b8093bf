// TF1's reductions written in Python from other ops: tf.count_nonzero (and tf.reduce_logsumexp), with TF1
// r1.12's node names.
import { opt, req, tf1 } from '../framework/args.js';
import { ValueError } from '../framework/errors.js';
import { zeros } from './array_ops.js';
import { convert_to_tensor, graphOf } from './convert.js';
import { AXIS, BOOL, DTYPE, STR, TENSOR } from './kinds.js';
import { cast, not_equal, reduce_sum } from './math_ops.js';

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
