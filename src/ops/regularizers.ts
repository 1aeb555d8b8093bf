// TF1's regularizers (contrib/layers/python/layers/regularizers.py, r1.12); their losses are read back with
// tf.losses.get_regularization_loss(es) (src/ops/losses/util.ts). A regularizer is a function
// of a weight tensor returning a scalar loss (or null); get_variable runs a scope's regularizer on each new variable.
import { GraphKeys, get_default_graph } from '../graph/graph.js';
import type { Tensor } from '../graph/tensor.js';
import { opt, req, tf1 } from '../framework/args.js';
import { ValueError } from '../framework/errors.js';
import { toTensor, graphOf, type TensorLike } from './convert.js';
import { abs } from './math_unary_ops.js';
import { l2_loss } from './nn_xent.js';
import { add_n, multiply, reduce_sum } from './math_ops.js';
import { constant } from './array_ops.js';
import { FLOAT, STR, TENSOR, kind, list } from './kinds.js';
import type { RefVariable } from './variables.js';

/** A regularizer: weights in, a scalar loss (or null) out. */
export type Regularizer = (weights: Tensor | RefVariable) => Tensor | null;

const REGULARIZER = kind<Regularizer>('callable', (v) => typeof v === 'function');

/** The scale check of l1_regularizer and l2_regularizer: negative is refused, 0 turns the regularizer off. */
function checkScale(scale: number): boolean {
  // TF1 also refuses a Python int scale ('scale cannot be an integer'); JavaScript's 0. and 0 are one number.
  if (scale < 0) throw new ValueError(`Setting a scale less than 0 on a regularizer: ${scale}`);
  return scale !== 0;
}

/** `tf.contrib.layers.l1_regularizer(scale, scope=None)`: `scale * sum(|w|)`, named `l1_regularizer` (or `scope`). */
export const l1_regularizer = tf1('l1_regularizer', [req('scale', FLOAT), opt('scope', STR)], (a): Regularizer => {
  if (!checkScale(a.scale)) return () => null;
  return (weights) => {
    const graph = graphOf([weights]);
    return graph.name_scope(a.scope ?? 'l1_regularizer', (name) => {
      const scale = toTensor(a.scale, { dtype: weights.dtype, name: 'scale', graph });
      return multiply(scale, reduce_sum(abs(weights)), name);
    });
  };
});

/** `tf.contrib.layers.l2_regularizer(scale, scope=None)`: `scale * l2_loss(w)` (sum(w ** 2) / 2), named `l2_regularizer` (or `scope`). */
export const l2_regularizer = tf1('l2_regularizer', [req('scale', FLOAT), opt('scope', STR)], (a): Regularizer => {
  if (!checkScale(a.scale)) return () => null;
  return (weights) => {
    const graph = graphOf([weights]);
    return graph.name_scope(a.scope ?? 'l2_regularizer', (name) => {
      const scale = toTensor(a.scale, { dtype: weights.dtype, name: 'scale', graph });
      return multiply(scale, l2_loss(weights), name);
    });
  };
});

/**
 * `tf.contrib.layers.l1_l2_regularizer(scale_l1=1.0, scale_l2=1.0, scope=None)`: the sum of l1_regularizer(scale_l1)
 * and l2_regularizer(scale_l2) under `scope` (default `l1_l2_regularizer`); just one of them when the other's scale is 0.
 */
export const l1_l2_regularizer = tf1('l1_l2_regularizer', [opt('scale_l1', FLOAT), opt('scale_l2', FLOAT), opt('scope', STR)], (a): Regularizer | null => {
  const scaleL1 = a.scale_l1 ?? 1.0;
  const scaleL2 = a.scale_l2 ?? 1.0;
  const scope = a.scope || 'l1_l2_regularizer';
  if (scaleL1 === 0) return l2_regularizer(scaleL2, scope);
  if (scaleL2 === 0) return l1_regularizer(scaleL1, scope);
  return sum_regularizer([l1_regularizer(scaleL1), l2_regularizer(scaleL2)], scope);
});

/** `tf.contrib.layers.sum_regularizer(regularizer_list, scope=None)`: the sum (`add_n`) of the regularizers' losses; null for none. */
export const sum_regularizer = tf1(
  'sum_regularizer',
  [req('regularizer_list', list(kind<Regularizer | null>('callable or None', (v) => v === null || typeof v === 'function'))), opt('scope', STR)],
  (a): Regularizer | null => {
    const regularizers = a.regularizer_list.filter((r): r is Regularizer => r !== null);
    if (!regularizers.length) return null;
    return (weights) => {
      const graph = graphOf([weights]);
      return graph.name_scope(a.scope ?? 'sum_regularizer', (name) => {
        const tensors = regularizers.map((r) => r(weights)).filter((t): t is Tensor => t !== null && t !== undefined);
        return tensors.length ? add_n(tensors, name) : null;
      });
    };
  },
);

/**
 * `tf.contrib.layers.apply_regularization(regularizer, weights_list=None)`: the summed penalty of the weights (the
 * WEIGHTS collection by default), named `get_regularization_penalty` and added to REGULARIZATION_LOSSES.
 */
export const apply_regularization = tf1('apply_regularization', [req('regularizer', REGULARIZER), opt('weights_list', list(TENSOR))], (a): Tensor => {
  const weights = (a.weights_list?.length ? a.weights_list : get_default_graph().get_collection<TensorLike>('weights')) as (Tensor | RefVariable)[];
  if (!weights.length) throw new ValueError('No weights to regularize.');
  const graph = graphOf(weights);
  return graph.as_default(() =>
    graph.name_scope('get_regularization_penalty', (scope) => {
      const penalties = weights.map((w) => a.regularizer(w) ?? constant(0.0, 'float32'));
      for (const p of penalties) {
        const ndims = p.shape.dims?.length;
        if (ndims !== 0) throw new ValueError(`regularizer must return a scalar Tensor instead of a Tensor with rank ${ndims ?? 'None'}.`);
      }
      const summed = add_n(penalties, scope);
      graph.add_to_collection(GraphKeys.REGULARIZATION_LOSSES, summed);
      return summed;
    }),
  );
});
