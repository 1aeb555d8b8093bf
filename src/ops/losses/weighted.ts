// tf.losses.Reduction and compute_weighted_loss (python/ops/losses/losses_impl.py r1.12), with the static checks of
// weights_broadcast_ops.assert_broadcastable and broadcast_weights.
import type { Tensor } from '../../graph/tensor.js';
import type { Operation } from '../../graph/operation.js';
import { opt, req, tf1 } from '../../framework/args.js';
import { ValueError } from '../../framework/errors.js';
import { get_default_graph } from '../../graph/graph.js';
import * as A from '../array_ops.js';
import * as M from '../math_ops.js';
import { convertInputs, graphOf, type TensorLike } from '../convert.js';
import { control_dependencies, name_scope } from '../scopes.js';
import { no_op } from '../control_flow_ops.js';
import { where } from '../select_ops.js';
import { STR, TENSOR, kind } from '../kinds.js';
import { add_loss, COLLECTION, LOSSES } from './util.js';

/** `tf.losses.Reduction`: how a loss reduces its weighted elements. */
export const Reduction = Object.freeze({
  NONE: 'none',
  SUM: 'weighted_sum',
  SUM_OVER_BATCH_SIZE: 'weighted_sum_over_batch_size',
  MEAN: 'weighted_mean',
  SUM_BY_NONZERO_WEIGHTS: 'weighted_sum_by_nonzero_weights',
  SUM_OVER_NONZERO_WEIGHTS: 'weighted_sum_by_nonzero_weights',
  all: (): string[] => [
    'none',
    'weighted_sum',
    'weighted_mean',
    'weighted_sum_over_batch_size',
    'weighted_sum_by_nonzero_weights',
    'weighted_sum_by_nonzero_weights',
  ],
  validate: (key: string): void => {
    if (!Reduction.all().includes(key)) throw new ValueError(`Invalid Reduction Key ${key}.`);
  },
});

/** The parameters every loss ends with: weights, scope, loss_collection, reduction. */
export const REDUCTION = kind<string>('a tf.losses.Reduction key', (v) => typeof v === 'string');
export const WEIGHTS = TENSOR;
export { COLLECTION };

/** A JS number given as weights is TF1's Python float: a float32 tensor. */
export const asFloat = (v: TensorLike): Tensor => M.to_float(typeof v === 'number' ? A.constant(v, { dtype: 'float32' }) : v);

const PREFIX = 'weights can not be broadcast to values.';

/**
 * weights_broadcast_ops.assert_broadcastable's static checks: a no_op where the ranks (and shapes) prove `weights`
 * broadcastable to `values`, TF1's ValueError where they prove it is not; null where only a run could tell (TF1
 * asserts there; tf1-ts has no Assert op, and the multiply fails such a run instead).
 */
function assertBroadcastable(weightsIn: TensorLike, values: Tensor): Operation | null {
  return name_scope(null, 'assert_broadcastable', [weightsIn, values], () => {
    // TF1 converts them with the scope's own name (`assert_broadcastable/weights`).
    const weights = name_scope(null, 'weights', [weightsIn], (s) =>
      typeof weightsIn === 'number'
        ? A.constant(weightsIn, { dtype: 'float32', name: s })
        : convertInputs(graphOf([weightsIn, values]), [['weights', weightsIn]], [], 'float32')[0]!,
    );
    const wr = weights.shape.ndims;
    const vr = values.shape.ndims;
    if (wr === null || vr === null) return null;
    if (wr === 0) return no_op({ name: 'static_scalar_check_success' });
    if (wr !== vr) {
      throw new ValueError(`${PREFIX} values.rank=${vr}. weights.rank=${wr}. values.shape=${values.shape}. weights.shape=${weights.shape}.`);
    }
    const ws = weights.shape.dims!;
    const vs = values.shape.dims!;
    if (ws.some((d) => d === null) || vs.some((d) => d === null)) return null;
    ws.forEach((d, i) => {
      if (d !== 1 && d !== vs[i]) throw new ValueError(`${PREFIX} Mismatch at dim ${i}. values.shape=[${vs.join(' ')}] weights.shape=[${ws.join(' ')}].`);
    });
    return no_op({ name: 'static_dims_check_success' });
  });
}

/** weights_broadcast_ops.broadcast_weights: `weights` itself when its static shape is `values`', else weights * ones_like(values). */
function broadcastWeights(weights: Tensor, values: Tensor): Tensor {
  return name_scope(null, 'broadcast_weights', [weights, values], () => {
    if (weights.shape.is_fully_defined() && values.shape.is_fully_defined() && weights.shape.is_compatible_with(values.shape)) return weights;
    const check = assertBroadcastable(weights, values);
    return control_dependencies(check ? [check] : [], () => M.multiply(weights, A.ones_like(values), { name: 'broadcast_weights' }));
  });
}

/** _safe_mean: sum(losses) / num_present, or 0 where num_present is 0 (the node `value`). */
function safeMean(losses: Tensor, numPresent: Tensor): Tensor {
  const total = M.reduce_sum(losses);
  const nonzero = M.greater(numPresent, 0);
  const denominator = where(M.equal(numPresent, 0), A.ones_like(numPresent), numPresent);
  return where(nonzero, M.divide(total, denominator), A.zeros_like(total), { name: 'value' });
}

/** _num_present: the number of elements of `losses` whose broadcast weight is nonzero (the node `num_present`). */
function numPresent(losses: Tensor, weights: TensorLike): Tensor {
  if (typeof weights === 'number' && weights !== 0) return numElements(losses);
  return name_scope(null, 'num_present', [losses, weights], (scope) => {
    const w = asFloat(weights);
    let present = where(M.equal(w, 0.0), A.zeros_like(w), A.ones_like(w));
    present = broadcastWeights(present, losses);
    return M.reduce_sum(present, { name: scope });
  });
}

/** _num_elements: size(losses) in the losses' dtype. */
function numElements(losses: Tensor): Tensor {
  return name_scope(null, 'num_elements', [losses], (scope) => M.cast(A.size(losses, { name: scope }), losses.dtype));
}

/** The body of compute_weighted_loss, for the losses that call it with their scope. */
export function weightedLoss(
  lossesIn: TensorLike,
  weights: TensorLike | null | undefined,
  scope: string | null | undefined,
  collection: string | null | undefined,
  reduction: string | null | undefined,
): Tensor {
  const red = reduction ?? Reduction.SUM_BY_NONZERO_WEIGHTS;
  Reduction.validate(red);
  const w = weights === undefined ? 1.0 : weights;
  if (w === null) throw new ValueError('None values not supported.');
  return name_scope(scope ?? null, 'weighted_loss', [lossesIn, w], () => {
    const g = get_default_graph();
    const check = assertBroadcastable(w, convertInputs(g, [['Const', lossesIn]], [], 'float32')[0]!);
    return control_dependencies(check ? [check] : [], () => {
      const losses0 = convertInputs(g, [['Const', lossesIn]], [], 'float32')[0]!;
      const inputDtype = losses0.dtype;
      const losses = M.to_float(losses0);
      const wf = asFloat(w);
      const weighted = M.multiply(losses, wf);
      let loss: Tensor;
      if (red === Reduction.NONE) loss = weighted;
      else {
        loss = M.reduce_sum(weighted);
        if (red === Reduction.MEAN) loss = safeMean(loss, M.reduce_sum(M.multiply(A.ones_like(losses), wf)));
        else if (red === Reduction.SUM_BY_NONZERO_WEIGHTS) loss = safeMean(loss, numPresent(losses, w));
        else if (red === Reduction.SUM_OVER_BATCH_SIZE) loss = safeMean(loss, numElements(losses));
      }
      loss = M.cast(loss, inputDtype);
      add_loss(loss, collection === undefined ? LOSSES : collection);
      return loss;
    });
  });
}

/** `tf.losses.compute_weighted_loss(losses, weights=1.0, scope=None, loss_collection=LOSSES, reduction=SUM_BY_NONZERO_WEIGHTS)`. */
export const compute_weighted_loss = tf1(
  'losses.compute_weighted_loss',
  [req('losses', TENSOR), opt('weights', WEIGHTS), opt('scope', STR), opt('loss_collection', COLLECTION), opt('reduction', REDUCTION)],
  (a) => weightedLoss(a.losses, a.weights, a.scope, a.loss_collection, a.reduction),
);
