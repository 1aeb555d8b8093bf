// tf.where in TF1's calling convention: with x and y, the Select op; with the condition alone, the Where op
// (the coordinates of its true elements).
import { opt, req, tf1 } from '../framework/args.js';
import { ValueError } from '../framework/errors.js';
import { apply1 } from './apply.js';
import { STR, TENSOR } from './kinds.js';

const WHERE = [req('condition', TENSOR), opt('x', TENSOR), opt('y', TENSOR), opt('name', STR)] as const;

/**
 * `tf.where(condition, x=None, y=None, name=None)`: elements of `x` where `condition` holds and of `y` elsewhere
 * (a vector condition picks whole rows of higher-rank `x` and `y`); with neither, an int64 matrix of the
 * coordinates of `condition`'s true (nonzero) elements, one row each in row-major order.
 */
export const where = tf1('where', WHERE, (a) => {
  const { x, y } = a;
  if (x != null && y != null) {
    return apply1({
      type: 'Select',
      name: a.name ?? undefined,
      defaultName: 'Select',
      inputs: [
        ['condition', a.condition],
        ['t', x],
        ['e', y],
      ],
      shared: ['t', 'e'],
      attrs: {},
    });
  }
  if (x != null || y != null) throw new ValueError('x and y must both be non-None or both be None.');
  return apply1({ type: 'Where', name: a.name ?? undefined, defaultName: 'Where', inputs: [['condition', a.condition]], fallback: 'bool', attrs: {} });
});
