// The losses of tf.losses (python/ops/losses/losses_impl.py r1.12): each computes its elementwise losses inside its
// scope (`absolute_difference/...`) and reduces them there with compute_weighted_loss, adding the result to the
// LOSSES collection.
import type { Tensor } from '../../graph/tensor.js';
import { opt, req, tf1 } from '../../framework/args.js';
import { ValueError } from '../../framework/errors.js';
import { get_default_graph } from '../../graph/graph.js';
import * as A from '../array_ops.js';
import * as M from '../math_ops.js';
import { abs } from '../math_unary_ops.js';
import { relu } from '../nn_ops.js';
import { softmax_cross_entropy_with_logits_v2, sparse_softmax_cross_entropy_with_logits } from '../nn_xent.js';
import { sigmoid_cross_entropy_with_logits } from '../nn_impl.js';
import { binary, neg } from '../operators.js';
import { convertInputs, type TensorLike } from '../convert.js';
import { name_scope } from '../scopes.js';
import { FLOAT, STR, TENSOR } from '../kinds.js';
import { COLLECTION, REDUCTION, WEIGHTS, weightedLoss } from './weighted.js';

/** The parameters every loss ends with. */
const TAIL = [opt('scope', STR), opt('loss_collection', COLLECTION), opt('reduction', REDUCTION)] as const;

interface Tail {
  weights?: TensorLike | null;
  scope?: string | null;
  loss_collection?: string | null;
  reduction?: string | null;
}

/** TF1's `ops.convert_to_tensor`, JS numbers meaning floats. */
const convert = (v: TensorLike): Tensor => convertInputs(get_default_graph(), [['Const', v]], ['Const'], 'float32')[0]!;

/** TF1's `predictions.get_shape().assert_is_compatible_with(labels.get_shape())`. */
function compatible(a: Tensor, b: Tensor): void {
  if (!a.shape.is_compatible_with(b.shape)) throw new ValueError(`Shapes ${a.shape} and ${b.shape} are incompatible`);
}

function required(name: string, v: unknown): void {
  if (v == null) throw new ValueError(`${name} must not be None.`);
}

/** A loss of (labels, predictions) as r1.12 writes most of them: both cast to float32, shapes compatible, then `body`. */
function pairLoss(scopeName: string, labels: TensorLike, predictions: TensorLike, a: Tail, body: (labels: Tensor, predictions: Tensor) => Tensor): Tensor {
  return name_scope(a.scope ?? null, scopeName, [predictions, labels, a.weights], (scope) => {
    const p = M.to_float(predictions);
    const l = M.to_float(labels);
    compatible(p, l);
    return weightedLoss(body(l, p), a.weights, scope, a.loss_collection, a.reduction);
  });
}

/** `tf.losses.absolute_difference(labels, predictions, weights=1.0, scope=None, loss_collection=LOSSES, reduction=SUM_BY_NONZERO_WEIGHTS)`: |predictions - labels|. */
export const absolute_difference = tf1(
  'losses.absolute_difference',
  [req('labels', TENSOR), req('predictions', TENSOR), opt('weights', WEIGHTS), ...TAIL],
  (a) => {
    required('labels', a.labels);
    required('predictions', a.predictions);
    return pairLoss('absolute_difference', a.labels, a.predictions, a, (l, p) => abs(M.subtract(p, l)));
  },
);

/** `tf.losses.mean_squared_error(labels, predictions, weights=1.0, ...)`: (predictions - labels)². */
export const mean_squared_error = tf1(
  'losses.mean_squared_error',
  [req('labels', TENSOR), req('predictions', TENSOR), opt('weights', WEIGHTS), ...TAIL],
  (a) => {
    required('labels', a.labels);
    required('predictions', a.predictions);
    return pairLoss('mean_squared_error', a.labels, a.predictions, a, (l, p) => M.squared_difference(p, l));
  },
);

/** `tf.losses.hinge_loss(labels, logits, weights=1.0, ...)`: relu(1 - (2·labels - 1)·logits), labels in {0, 1}. */
export const hinge_loss = tf1('losses.hinge_loss', [req('labels', TENSOR), req('logits', TENSOR), opt('weights', WEIGHTS), ...TAIL], (a) => {
  required('labels', a.labels);
  required('logits', a.logits);
  return pairLoss('hinge_loss', a.labels, a.logits, a, (l, logits) => {
    const allOnes = A.ones_like(l);
    const signs = M.subtract(binary('Mul', 'mul', 2, l), allOnes);
    return relu(M.subtract(allOnes, M.multiply(signs, logits)));
  });
});

/** `tf.losses.huber_loss(labels, predictions, weights=1.0, delta=1.0, ...)`: ½x² for |x| <= delta, else ½delta² + delta(|x| - delta). */
export const huber_loss = tf1(
  'losses.huber_loss',
  [req('labels', TENSOR), req('predictions', TENSOR), opt('weights', WEIGHTS), opt('delta', FLOAT), ...TAIL],
  (a) => {
    required('labels', a.labels);
    required('predictions', a.predictions);
    const delta = a.delta ?? 1.0;
    return pairLoss('huber_loss', a.labels, a.predictions, a, (l, p) => {
      const absError = abs(M.subtract(p, l));
      const quadratic = M.minimum(absError, delta);
      // The same value as maximum(abs_error - delta, 0), with gradient 0 where abs_error == delta.
      const linear = M.subtract(absError, quadratic);
      return M.add(M.multiply(A.constant(0.5, { dtype: quadratic.dtype }), M.multiply(quadratic, quadratic)), M.multiply(delta, linear));
    });
  },
);

/** `tf.losses.log_loss(labels, predictions, weights=1.0, epsilon=1e-7, ...)`: -labels·log(p + ε) - (1 - labels)·log(1 - p + ε). */
export const log_loss = tf1(
  'losses.log_loss',
  [req('labels', TENSOR), req('predictions', TENSOR), opt('weights', WEIGHTS), opt('epsilon', FLOAT), ...TAIL],
  (a) => {
    required('labels', a.labels);
    required('predictions', a.predictions);
    const eps = a.epsilon ?? 1e-7;
    return pairLoss('log_loss', a.labels, a.predictions, a, (l, p) => {
      const plus = (x: TensorLike, y: TensorLike): Tensor => binary('Add', 'add', x, y);
      const minus = (x: TensorLike, y: TensorLike): Tensor => binary('Sub', 'sub', x, y);
      const first = neg(M.multiply(l, M.log(plus(p, eps))));
      return minus(first, M.multiply(minus(1, l), M.log(plus(minus(1, p), eps))));
    });
  },
);

/**
 * `tf.losses.softmax_cross_entropy(onehot_labels, logits, weights=1.0, label_smoothing=0, ...)`: the softmax cross
 * entropy of each row, the labels smoothed towards 1/num_classes, with no gradient into them.
 */
export const softmax_cross_entropy = tf1(
  'losses.softmax_cross_entropy',
  [req('onehot_labels', TENSOR), req('logits', TENSOR), opt('weights', WEIGHTS), opt('label_smoothing', FLOAT), ...TAIL],
  (a) => {
    required('onehot_labels', a.onehot_labels);
    required('logits', a.logits);
    return name_scope(a.scope ?? null, 'softmax_cross_entropy_loss', [a.logits, a.onehot_labels, a.weights], (scope) => {
      const logits = convert(a.logits);
      let labels = M.cast(a.onehot_labels, logits.dtype);
      compatible(logits, labels);
      const smoothing = a.label_smoothing ?? 0;
      if (smoothing > 0) {
        // r1.12 reads num_classes as shape(onehot_labels)[1]; each row's count of ones_like is the same number.
        const n = labels.shape.dims?.[1];
        const numClasses = n != null ? A.constant(n, { dtype: logits.dtype }) : M.reduce_sum(A.ones_like(labels), { axis: 1, keepdims: true });
        const smoothNegatives = binary('RealDiv', 'truediv', smoothing, numClasses);
        labels = binary('Add', 'add', binary('Mul', 'mul', labels, 1.0 - smoothing), smoothNegatives);
      }
      labels = A.stop_gradient(labels, { name: 'labels_stop_gradient' });
      const losses = softmax_cross_entropy_with_logits_v2({ labels, logits, name: 'xentropy' });
      return weightedLoss(losses, a.weights, scope, a.loss_collection, a.reduction);
    });
  },
);

/** confusion_matrix.remove_squeezable_dimensions where ranks are static: labels of shape logits.shape[:-1] + [1] lose that last 1. */
function squeezeLabels(labels: Tensor, logits: Tensor): Tensor {
  const lr = labels.shape.ndims;
  const pr = logits.shape.ndims;
  if (lr === null || pr === null || lr - pr !== 0) return labels;
  const last = labels.shape.dims![lr - 1];
  if (last !== 1 && last !== null) {
    throw new ValueError(
      `Can not squeeze dim[${lr - 1}], expected a dimension of 1, got ${last} for 'remove_squeezable_dimensions/Squeeze' (op: 'Squeeze') with input shapes: ${labels.shape.toBracketString()}.`,
    );
  }
  return A.reshape(
    labels,
    labels.shape.dims!.slice(0, -1).map((d) => d ?? -1),
  );
}

/**
 * _remove_squeezable_dimensions' weights, where ranks are static: weights of one more rank than the labels lose
 * their last (size 1) dimension. (TF1 decides with a cond at run time when the weights' rank is unknown.)
 */
function squeezeWeights(weights: TensorLike | null | undefined, labels: Tensor): TensorLike | null | undefined {
  if (weights == null || typeof weights === 'number') return weights;
  const w = convert(weights);
  const wr = w.shape.ndims;
  const lr = labels.shape.ndims;
  if (wr === null || lr === null || wr - lr !== 1 || (w.shape.dims![wr - 1] ?? 1) !== 1) return w;
  return A.reshape(
    w,
    w.shape.dims!.slice(0, -1).map((d) => d ?? -1),
  );
}

/** `tf.losses.sparse_softmax_cross_entropy(labels, logits, weights=1.0, ...)`: the cross entropy of class indices against logits. */
export const sparse_softmax_cross_entropy = tf1(
  'losses.sparse_softmax_cross_entropy',
  [req('labels', TENSOR), req('logits', TENSOR), opt('weights', WEIGHTS), ...TAIL],
  (a) => {
    required('labels', a.labels);
    required('logits', a.logits);
    return name_scope(a.scope ?? null, 'sparse_softmax_cross_entropy_loss', [a.logits, a.labels, a.weights], (scope) => {
      const logits = convert(a.logits);
      const labels = squeezeLabels(convertInputs(get_default_graph(), [['Const', a.labels]], [])[0]!, logits);
      const weights = squeezeWeights(a.weights, labels);
      const losses = sparse_softmax_cross_entropy_with_logits({ labels, logits, name: 'xentropy' });
      return weightedLoss(losses, weights, scope, a.loss_collection, a.reduction);
    });
  },
);

/** `tf.losses.sigmoid_cross_entropy(multi_class_labels, logits, weights=1.0, label_smoothing=0, ...)`: each element's logistic loss, labels smoothed towards 1/2. */
export const sigmoid_cross_entropy = tf1(
  'losses.sigmoid_cross_entropy',
  [req('multi_class_labels', TENSOR), req('logits', TENSOR), opt('weights', WEIGHTS), opt('label_smoothing', FLOAT), ...TAIL],
  (a) => {
    required('multi_class_labels', a.multi_class_labels);
    required('logits', a.logits);
    return name_scope(a.scope ?? null, 'sigmoid_cross_entropy_loss', [a.logits, a.multi_class_labels, a.weights], (scope) => {
      const logits = convert(a.logits);
      let labels = M.cast(a.multi_class_labels, logits.dtype);
      compatible(logits, labels);
      const smoothing = a.label_smoothing ?? 0;
      if (smoothing > 0) labels = binary('Add', 'add', binary('Mul', 'mul', labels, 1 - smoothing), 0.5 * smoothing);
      const losses = sigmoid_cross_entropy_with_logits({ labels, logits, name: 'xentropy' });
      return weightedLoss(losses, a.weights, scope, a.loss_collection, a.reduction);
    });
  },
);
