// tf.losses' collection helpers (python/ops/losses/util.py r1.12): add_loss, get_losses, get_regularization_loss(es),
// get_total_loss.
import { GraphKeys, get_default_graph } from '../../graph/graph.js';
import type { Tensor } from '../../graph/tensor.js';
import { opt, req, tf1 } from '../../framework/args.js';
import { constant } from '../array_ops.js';
import { add_n } from '../math_ops.js';
import { BOOL, STR, SYMBOLIC, kind } from '../kinds.js';

/** TF1's `tf.GraphKeys.LOSSES`: the collection tf.losses adds each loss to. */
export const LOSSES = 'losses';

/** A collection key, or null (Python's None) for none. */
export const COLLECTION = kind<string | null>('string or None', (v) => typeof v === 'string' || v === null);

/** `tf.losses.add_loss(loss, loss_collection=LOSSES)`: adds `loss` to the collection (none when it is null). */
export const add_loss = tf1('losses.add_loss', [req('loss', SYMBOLIC), opt('loss_collection', COLLECTION)], (a) => {
  const key = a.loss_collection === undefined ? LOSSES : a.loss_collection;
  if (key) get_default_graph().add_to_collection(key, a.loss);
});

/** `tf.losses.get_losses(scope=None, loss_collection=LOSSES)`: the losses in the collection, filtered by the name regex `scope`. */
export const get_losses = tf1(
  'losses.get_losses',
  [opt('scope', STR), opt('loss_collection', STR)],
  (a): Tensor[] => get_default_graph().get_collection(a.loss_collection ?? LOSSES, a.scope ?? undefined) as Tensor[],
);

/** `tf.losses.get_regularization_losses(scope=None)`: the regularization losses, filtered by the name regex `scope`. */
export const get_regularization_losses = tf1(
  'losses.get_regularization_losses',
  [opt('scope', STR)],
  (a): Tensor[] => get_default_graph().get_collection(GraphKeys.REGULARIZATION_LOSSES, a.scope ?? undefined) as Tensor[],
);

/** `tf.losses.get_regularization_loss(scope=None, name='total_regularization_loss')`: their sum (AddN), or a constant 0.0 when there are none. */
export const get_regularization_loss = tf1('losses.get_regularization_loss', [opt('scope', STR), opt('name', STR)], (a): Tensor => {
  const losses = get_regularization_losses(a.scope ?? null);
  if (losses.length > 0) return add_n(losses, { name: a.name ?? 'total_regularization_loss' });
  return constant(0.0, { dtype: 'float32' });
});

/** `tf.losses.get_total_loss(add_regularization_losses=True, name='total_loss')`: the sum (AddN) of the losses and, by default, the regularization losses. */
export const get_total_loss = tf1('losses.get_total_loss', [opt('add_regularization_losses', BOOL), opt('name', STR)], (a): Tensor => {
  const losses = get_losses();
  if (a.add_regularization_losses ?? true) losses.push(...get_regularization_losses());
  return add_n(losses, { name: a.name ?? 'total_loss' });
});
