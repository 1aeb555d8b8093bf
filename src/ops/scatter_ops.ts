// TF1's tf.scatter_update, scatter_add, ..., scatter_nd_sub (state_ops.py): each writes a variable's rows or slices in
// place and returns its ref, as tf.assign_add does (the Variable methods that apply an IndexedSlices with them:
// variable_scatter.ts). The op types and use_locking defaults are the definitions' table.
import { opt, req, tf1, type Call } from '../framework/args.js';
import { SCATTER_API } from '../framework/ops/scatter.js';
import type { Tensor } from '../graph/tensor.js';
import { apply1 } from './apply.js';
import { BOOL, STR, SYMBOLIC, TENSOR } from './kinds.js';
import { refOf } from './variables.js';

const PARAMS = [req('ref', SYMBOLIC), req('indices', TENSOR), req('updates', TENSOR), opt('use_locking', BOOL), opt('name', STR)] as const;

/** A scatter function: `(ref, indices, updates, use_locking, name)`. */
export type ScatterFn = (...args: Call<typeof PARAMS>) => Tensor;

function scatter(api: string): ScatterFn {
  const s = SCATTER_API.find((x) => x.api === api)!;
  return tf1(api, PARAMS, (a) =>
    apply1({
      type: s.type,
      name: a.name ?? undefined,
      defaultName: s.type,
      inputs: [
        ['ref', refOf(a.ref, s.type)],
        ['indices', a.indices],
        ['updates', a.updates],
      ],
      shared: ['ref', 'updates'],
      attrs: { use_locking: a.use_locking ?? s.locking },
    }),
  );
}

/** TF1's `tf.scatter_update(ref, indices, updates, use_locking=True, name)`: `ref[indices, ...] = updates`. */
export const scatter_update = scatter('scatter_update');
/** TF1's `tf.scatter_add(ref, indices, updates, use_locking=False, name)`: `ref[indices, ...] += updates`, repeated indices adding up. */
export const scatter_add = scatter('scatter_add');
/** TF1's `tf.scatter_sub(ref, indices, updates, use_locking=False, name)`: `ref[indices, ...] -= updates`. */
export const scatter_sub = scatter('scatter_sub');
/** TF1's `tf.scatter_mul(ref, indices, updates, use_locking=False, name)`: `ref[indices, ...] *= updates`. */
export const scatter_mul = scatter('scatter_mul');
/** TF1's `tf.scatter_div(ref, indices, updates, use_locking=False, name)`: `ref[indices, ...] /= updates`. */
export const scatter_div = scatter('scatter_div');
/** TF1's `tf.scatter_min(ref, indices, updates, use_locking=False, name)`: `ref[indices, ...] = min(ref[indices, ...], updates)`. */
export const scatter_min = scatter('scatter_min');
/** TF1's `tf.scatter_max(ref, indices, updates, use_locking=False, name)`: `ref[indices, ...] = max(ref[indices, ...], updates)`. */
export const scatter_max = scatter('scatter_max');
/** TF1's `tf.scatter_nd_update(ref, indices, updates, use_locking=True, name)`: slices of `ref` at N-d indices set to updates. */
export const scatter_nd_update = scatter('scatter_nd_update');
/** TF1's `tf.scatter_nd_add(ref, indices, updates, use_locking=False, name)`: updates added to slices of `ref` at N-d indices. */
export const scatter_nd_add = scatter('scatter_nd_add');
/** TF1's `tf.scatter_nd_sub(ref, indices, updates, use_locking=False, name)`: updates subtracted from slices of `ref` at N-d indices. */
export const scatter_nd_sub = scatter('scatter_nd_sub');
