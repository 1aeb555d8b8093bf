// tf.unique and tf.unique_with_counts as TF1 r1.12's gen_array_ops makes them: one op each, named after its type,
// returning TF1's namedtuples (`y, idx = tf.unique(x)`, or `.y` and `.idx`).
import type { Tensor } from '../graph/tensor.js';
import { kind, opt, req, tf1 } from '../framework/args.js';
import { applyOp } from './apply.js';
import { STR, TENSOR } from './kinds.js';

const OUT_IDX = kind<'int32' | 'int64'>('int32 or int64', (v) => v === 'int32' || v === 'int64');
const PARAMS = [req('x', TENSOR), opt('out_idx', OUT_IDX), opt('name', STR)] as const;

/** TF1's Unique namedtuple. */
export type UniqueResult = readonly [y: Tensor, idx: Tensor] & { readonly y: Tensor; readonly idx: Tensor };
/** TF1's UniqueWithCounts namedtuple. */
export type UniqueWithCountsResult = readonly [y: Tensor, idx: Tensor, count: Tensor] & { readonly y: Tensor; readonly idx: Tensor; readonly count: Tensor };

/** `tf.unique(x, out_idx=tf.int32, name)`: x's distinct values in order of first appearance (y) and each element's index in y (idx). */
export const unique = tf1('unique', PARAMS, (a): UniqueResult => {
  const op = applyOp({ type: 'Unique', name: a.name ?? undefined, defaultName: 'Unique', inputs: [['x', a.x]], attrs: { out_idx: a.out_idx ?? 'int32' } });
  const [y, idx] = op.outputs as [Tensor, Tensor];
  return Object.assign([y, idx] as const, { y, idx });
});

/** `tf.unique_with_counts(x, out_idx=tf.int32, name)`: as tf.unique, and how many times each distinct value appears (count). */
export const unique_with_counts = tf1('unique_with_counts', PARAMS, (a): UniqueWithCountsResult => {
  const op = applyOp({
    type: 'UniqueWithCounts',
    name: a.name ?? undefined,
    defaultName: 'UniqueWithCounts',
    inputs: [['x', a.x]],
    attrs: { out_idx: a.out_idx ?? 'int32' },
  });
  const [y, idx, count] = op.outputs as [Tensor, Tensor, Tensor];
  return Object.assign([y, idx, count] as const, { y, idx, count });
});
