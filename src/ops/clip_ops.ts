// tf.clip_by_value and tf.clip_by_norm, built as TF1 r1.12's clip_ops.py builds them (no ClipByValue op in r1.12).
import type { Tensor } from '../graph/tensor.js';
import { opt, req, tf1 } from '../framework/args.js';
import { graphOf, toTensor } from './convert.js';
import { STR, TENSOR } from './kinds.js';
import { identity, ones_like } from './array_ops.js';
import { binary, truediv } from './operators.js';
import * as M from './math_ops.js';
import { where } from './select_ops.js';

/**
 * `tf.clip_by_value(t, clip_value_min, clip_value_max, name)`: under the scope `clip_by_value`, a Minimum with
 * the max, then a Maximum with the min named after the scope; either may not broadcast `t` to a larger shape.
 */
export const clip_by_value = tf1(
  'clip_by_value',
  [req('t', TENSOR), req('clip_value_min', TENSOR), req('clip_value_max', TENSOR), opt('name', STR)] as const,
  (a) => {
    const graph = graphOf([a.t, a.clip_value_min, a.clip_value_max]);
    return graph.name_scope(a.name ?? 'clip_by_value', (scope): Tensor => {
      const t = toTensor(a.t, { name: 't', graph });
      // Assert that the shape is compatible with the initial shape, to prevent unintentional broadcasting.
      const tMin = M.minimum(t, a.clip_value_max);
      t.shape.merge_with(tMin.shape);
      const tMax = M.maximum(tMin, a.clip_value_min, { name: scope });
      t.shape.merge_with(tMax.shape);
      return tMax;
    });
  },
);

/**
 * `tf.clip_by_norm(t, clip_norm, axes, name)`: t · clip_norm / max(l2norm(t), clip_norm) under the scope
 * `clip_by_norm`, the L2 norm over `axes` (all when null) by TF1's two-tap where (no NaN gradient at 0), the
 * result an Identity named after the scope.
 */
export const clip_by_norm = tf1('clip_by_norm', [req('t', TENSOR), req('clip_norm', TENSOR), opt('axes', TENSOR), opt('name', STR)] as const, (a) => {
  const graph = graphOf([a.t, a.clip_norm]);
  return graph.name_scope(a.name ?? 'clip_by_norm', (scope): Tensor => {
    const t = toTensor(a.t, { name: 't', graph });
    const l2sum = M.reduce_sum(binary('Mul', 'mul', t, t), { axis: (a.axes ?? null) as Tensor | null, keepdims: true });
    const pred = binary('Greater', 'Greater', l2sum, 0);
    const l2sumSafe = where(pred, l2sum, ones_like(l2sum));
    const l2norm = where(pred, M.sqrt(l2sumSafe), l2sum);
    const intermediate = binary('Mul', 'mul', t, a.clip_norm);
    t.shape.merge_with(intermediate.shape);
    return identity(truediv(intermediate, M.maximum(l2norm, a.clip_norm)), { name: scope });
  });
});
