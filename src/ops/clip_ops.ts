// tf.clip_by_value, tf.clip_by_norm, tf.global_norm, tf.clip_by_global_norm and tf.clip_by_average_norm, built as
// TF1 r1.12's clip_ops.py builds them (no ClipByValue op in r1.12).
import type { Tensor } from '../graph/tensor.js';
import { IndexedSlices } from '../graph/indexed_slices.js';
import { opt, req, tf1, type Call, type RestOf } from '../framework/args.js';
import { TypeError as TFTypeError } from '../framework/errors.js';
import { graphOf, toTensor, type TensorLike } from './convert.js';
import { kind, STR, TENSOR } from './kinds.js';
import { constant, identity, ones_like, range, rank, size } from './array_ops.js';
import { stack } from './array_structure_ops.js';
import { rsqrt } from './math_unary_ops.js';
import { l2_loss } from './nn_xent.js';
import { verify_tensor_all_finite } from './numerics.js';
import { name_scope } from './scopes.js';
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

/** An IndexedSlices' values (what clip_ops clips of one), anything else as it is. */
const valuesOf = (t: TensorLike): TensorLike => (t instanceof IndexedSlices ? t.values : t);

/** The clipped values put back in the IndexedSlices they came from (its indices and dense_shape), if they did. */
const likeInput = (clipped: Tensor, t: unknown): Tensor | IndexedSlices =>
  t instanceof IndexedSlices ? new IndexedSlices(clipped, t.indices, t.dense_shape) : clipped;

const CLIP_BY_NORM = [req('t', TENSOR), req('clip_norm', TENSOR), opt('axes', TENSOR), opt('name', STR)] as const;

/** clip_by_norm's types: an IndexedSlices for one, else a Tensor. */
interface ClipByNormFn {
  (t: IndexedSlices, ...rest: RestOf<typeof CLIP_BY_NORM, 1>): IndexedSlices;
  (...args: Call<typeof CLIP_BY_NORM>): Tensor;
}

/**
 * `tf.clip_by_norm(t, clip_norm, axes, name)`: t · clip_norm / max(l2norm(t), clip_norm) under the scope
 * `clip_by_norm`, the L2 norm over `axes` (all when null) by TF1's two-tap where (no NaN gradient at 0), the
 * result an Identity named after the scope; of an IndexedSlices, its values are clipped and it stays one.
 */
export const clip_by_norm: ClipByNormFn = tf1('clip_by_norm', CLIP_BY_NORM, (a) => {
  const graph = graphOf([a.t, a.clip_norm]);
  return graph.name_scope(a.name ?? 'clip_by_norm', (scope): Tensor | IndexedSlices => {
    const t = toTensor(valuesOf(a.t), { name: 't', graph });
    const l2sum = M.reduce_sum(binary('Mul', 'mul', t, t), { axis: (a.axes ?? null) as Tensor | null, keepdims: true });
    const pred = binary('Greater', 'Greater', l2sum, 0);
    const l2sumSafe = where(pred, l2sum, ones_like(l2sum));
    const l2norm = where(pred, M.sqrt(l2sumSafe), l2sum);
    const intermediate = binary('Mul', 'mul', t, a.clip_norm);
    t.shape.merge_with(intermediate.shape);
    return likeInput(identity(truediv(intermediate, M.maximum(l2norm, a.clip_norm)), { name: scope }), a.t);
  });
}) as ClipByNormFn;

/** A Python sequence of tensors and Nones (a list or tuple); anything else is TF1's TypeError. */
const T_LIST = kind<readonly (TensorLike | null)[]>('sequence', (v) => Array.isArray(v), {
  refuse: () => new TFTypeError('t_list should be a sequence'),
});

/** Each non-null entry (an IndexedSlices' values) converted as `t_<i>` in the current scope. */
const convertList = (tList: readonly (TensorLike | null)[], graph: ReturnType<typeof graphOf>): (Tensor | null)[] =>
  tList.map((t, i) => (t === null || t === undefined ? null : toTensor(valuesOf(t), { name: `t_${i}`, graph })));

/**
 * `tf.global_norm(t_list, name)`: sqrt(sum of l2norm(t)^2), Nones ignored, an IndexedSlices by its values. Under the scope `global_norm`: an
 * L2Loss per tensor, their `stack` summed, times 2 (`mul`), and the Sqrt named `global_norm/global_norm`.
 */
export const global_norm = tf1('global_norm', [req('t_list', T_LIST), opt('name', STR)] as const, (a): Tensor => {
  const tList = [...a.t_list];
  const graph = graphOf(tList.filter((t) => t !== null));
  return graph.as_default(() =>
    name_scope(a.name ?? null, 'global_norm', tList, (): Tensor => {
      const values = convertList(tList, graph);
      const halfSquaredNorms = values.filter((v): v is Tensor => v !== null).map((v) => l2_loss(v));
      const halfSquaredNorm = M.reduce_sum(stack(halfSquaredNorms));
      return M.sqrt(binary('Mul', 'mul', halfSquaredNorm, constant(2.0, halfSquaredNorm.dtype)), { name: 'global_norm' });
    }),
  );
});

/** What clip_by_global_norm returns: the clipped list (None where the input was None, an IndexedSlices where it was one) and the global norm. */
export type ClipByGlobalNormResult = [list_clipped: (Tensor | IndexedSlices | null)[], global_norm: Tensor];

/**
 * `tf.clip_by_global_norm(t_list, clip_norm, use_norm, name)`: each t · clip_norm / max(global_norm, clip_norm),
 * and the global norm. As r1.12: the norm (global_norm's, or `use_norm`) behind verify_tensor_all_finite
 * ("Found Inf or NaN global norm."), then under the scope `clip_by_global_norm` the scale
 * clip_norm · min(1 / norm, 1 / clip_norm) and an Identity per tensor named `clip_by_global_norm/clip_by_global_norm/_<i>`
 * (TF1 names it `"%s_%d" % (scope, i)` inside the scope).
 */
export const clip_by_global_norm = tf1(
  'clip_by_global_norm',
  [req('t_list', T_LIST), req('clip_norm', TENSOR), opt('use_norm', TENSOR), opt('name', STR)] as const,
  (a): ClipByGlobalNormResult => {
    const tList = [...a.t_list];
    const graph = graphOf([...tList.filter((t) => t !== null), a.clip_norm]);
    return graph.as_default((): ClipByGlobalNormResult => {
      const norm = verify_tensor_all_finite(a.use_norm ?? global_norm(tList, a.name ?? null), 'Found Inf or NaN global norm.');
      return name_scope(a.name ?? null, 'clip_by_global_norm', [...tList, a.clip_norm], (scope): ClipByGlobalNormResult => {
        const scale = binary('Mul', 'mul', a.clip_norm, M.minimum(truediv(1.0, norm), truediv(constant(1.0, norm.dtype), a.clip_norm)));
        const values = convertList(tList, graph);
        const clipped = values.map((v, i) => (v === null ? null : identity(binary('Mul', 'mul', v, scale), { name: `${scope}_${i}` })));
        return [clipped.map((c, i) => c && likeInput(c, tList[i])), norm];
      });
    });
  },
);

/**
 * `tf.clip_by_average_norm(t, clip_norm, name)`: t · clip_norm · min(n / l2norm(t), 1 / clip_norm), n = size(t) as
 * float32, under the scope `clip_by_average_norm`, the result an Identity named after the scope (an IndexedSlices
 * is converted to a Tensor first, `t`, as r1.12 does).
 */
export const clip_by_average_norm = tf1('clip_by_average_norm', [req('t', TENSOR), req('clip_norm', TENSOR), opt('name', STR)] as const, (a) => {
  const graph = graphOf([a.t, a.clip_norm]);
  return graph.name_scope(a.name ?? 'clip_by_average_norm', (scope): Tensor => {
    const t = toTensor(a.t, { name: 't', graph });
    const nElement = M.cast(size(t), 'float32');
    const l2normInv = rsqrt(M.reduce_sum(binary('Mul', 'mul', t, t), range(rank(t))));
    const scaled = binary('Mul', 'mul', t, a.clip_norm);
    const factor = M.minimum(binary('Mul', 'mul', l2normInv, nElement), truediv(constant(1.0, 'float32'), a.clip_norm));
    return identity(binary('Mul', 'mul', scaled, factor), { name: scope });
  });
});
