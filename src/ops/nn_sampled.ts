// tf.nn.nce_loss and tf.nn.sampled_softmax_loss as TF1 r1.12's nn_impl.py builds them, through its
// _compute_sampled_logits: the same ops in the same order, so the graph has TF1's node names.
import type { Tensor } from '../graph/tensor.js';
import { opt, req, tf1 } from '../framework/args.js';
import { Tensor as TensorClass } from '../graph/tensor.js';
import { NDArray } from '../framework/ndarray.js';
import { graphOf, toTensor, type TensorLike } from './convert.js';
import * as A from './array_ops.js';
import { concat, slice, stack } from './array_structure_ops.js';
import { embedding_lookup } from './array_index_ops.js';
import { cast, log, matmul, multiply } from './math_ops.js';
import { compute_accidental_hits, log_uniform_candidate_sampler } from './candidate_sampling_ops.js';
import { sigmoid_cross_entropy_with_logits } from './nn_impl.js';
import { softmax_cross_entropy_with_logits_v2 } from './nn_xent.js';
import { sparse_to_dense } from './sparse_ops.js';
import { BOOL, INT, STR, TENSOR, isVariable, kind } from './kinds.js';
import { SEED } from './random_ops.js';

type Params = TensorLike | readonly TensorLike[];
const PARAMS = kind<Params>('a Tensor or a list of Tensors', (v) => v !== null && v !== undefined);
const PARTITION = kind<'mod' | 'div'>("'mod' or 'div'", (v) => v === 'mod' || v === 'div');
const SAMPLED_VALUES = kind<readonly [TensorLike, TensorLike, TensorLike]>(
  'a tuple of (sampled_candidates, true_expected_count, sampled_expected_count)',
  (v) => Array.isArray(v) && v.length === 3,
);

/** TF1's `list(weights)`: a list of Tensors (Variables, NDArrays) stays a list, anything else is one. */
const asList = (p: Params): TensorLike[] => {
  const isPart = (x: unknown): boolean => x instanceof TensorClass || isVariable(x) || x instanceof NDArray;
  return Array.isArray(p) && p.every(isPart) ? [...(p as TensorLike[])] : [p as TensorLike];
};

/** TF1's `_sum_rows(x)`: each row's sum as x·ones([cols, 1]) reshaped to a vector (a cheaper gradient than reduce_sum's). */
export function _sum_rows(x: Tensor): Tensor {
  const cols = A.shape(x).at(1);
  const onesShape = stack([cols, 1]);
  const ones = A.ones(onesShape, x.dtype);
  return A.reshape(matmul(x, ones), [-1]);
}

/** The arguments of `_compute_sampled_logits`. */
export interface SampledLogitsArgs {
  weights: Params;
  biases: Params;
  labels: TensorLike;
  inputs: TensorLike;
  num_sampled: number;
  num_classes: number;
  num_true?: number | null;
  sampled_values?: readonly [TensorLike, TensorLike, TensorLike] | null;
  subtract_log_q?: boolean | null;
  remove_accidental_hits?: boolean | null;
  partition_strategy?: 'mod' | 'div' | null;
  name?: string | null;
  seed?: number | null;
}

/**
 * TF1's `_compute_sampled_logits`: [batch, num_true + num_sampled] logits (the true classes' first) and labels (1 /
 * num_true for each true class, 0 for the sampled ones) for the sampled losses.
 */
export function _compute_sampled_logits(a: SampledLogitsArgs): [Tensor, Tensor] {
  const weights = asList(a.weights);
  const numTrue = a.num_true ?? 1;
  const partition_strategy = a.partition_strategy ?? 'mod';
  const graph = graphOf([...weights, ...asList(a.biases), a.inputs, a.labels]);
  return graph.as_default(() =>
    graph.name_scope(a.name ?? 'compute_sampled_logits', () => {
      let labels = toTensor(a.labels, { graph, name: 'labels' });
      const inputs = toTensor(a.inputs, { graph, name: 'inputs' });
      if (labels.dtype !== 'int64') labels = cast(labels, 'int64');
      const labelsFlat = A.reshape(labels, [-1]);
      // Sample the negative labels: [num_sampled], [batch_size, num_true], [num_sampled].
      const sampledValues =
        a.sampled_values ??
        log_uniform_candidate_sampler({
          true_classes: labels,
          num_true: numTrue,
          num_sampled: a.num_sampled,
          unique: true,
          range_max: a.num_classes,
          seed: a.seed ?? null,
        });
      const [sampled0, trueExpectedCount, sampledExpectedCount] = sampledValues.map((s) => A.stop_gradient(s)) as [Tensor, Tensor, Tensor];
      const sampled = cast(sampled0, 'int64');
      // labels_flat is a [batch_size * num_true] tensor, sampled a [num_sampled] int tensor.
      const allIds = concat([labelsFlat, sampled], 0);
      // The true weights and the sampled ones: weights is [num_classes, dim].
      const allW = embedding_lookup(weights, allIds, { partition_strategy });
      const trueW = slice(allW, [0, 0], stack([A.shape(labelsFlat).at(0), -1]));
      const sampledW = slice(allW, stack([A.shape(labelsFlat).at(0), 0]), [-1, -1]);
      // inputs [batch_size, dim] times sampled_w' [dim, num_sampled].
      let sampledLogits = matmul(inputs, sampledW, { transpose_b: true });
      const allB = embedding_lookup(a.biases, allIds, { partition_strategy });
      let trueB = slice(allB, [0], A.shape(labelsFlat));
      const sampledB = slice(allB, A.shape(labelsFlat), [-1]);
      // The row-wise dots of inputs with true_w ([batch_size, num_true, dim]) summed, plus the biases.
      const dim = A.shape(trueW).at('1:2');
      const newTrueWShape = concat([[-1, numTrue], dim], 0);
      const rowWiseDots = multiply(A.expand_dims(inputs, 1), A.reshape(trueW, newTrueWShape));
      const dotsAsMatrix = A.reshape(rowWiseDots, concat([[-1], dim], 0));
      let trueLogits = A.reshape(_sum_rows(dotsAsMatrix), [-1, numTrue]);
      trueB = A.reshape(trueB, [-1, numTrue]);
      trueLogits = trueLogits.add(trueB);
      sampledLogits = sampledLogits.add(sampledB);
      if (a.remove_accidental_hits) {
        const [accIndices, accIds, accWeights0] = compute_accidental_hits(labels, sampled, { num_true: numTrue });
        // This is how SparseToDense expects the indices.
        const accIndices2d = A.reshape(accIndices, [-1, 1]);
        const accIds2dInt32 = A.reshape(cast(accIds, 'int32'), [-1, 1]);
        const sparseIndices = concat([accIndices2d, accIds2dInt32], 1, 'sparse_indices');
        // sampled_logits_shape = [batch_size, num_sampled]
        const sampledLogitsShape = concat([A.shape(labels).at(':1'), A.expand_dims(a.num_sampled, 0)], 0);
        const accWeights = sampledLogits.dtype !== accWeights0.dtype ? cast(accWeights0, sampledLogits.dtype) : accWeights0;
        sampledLogits = sampledLogits.add(sparse_to_dense(sparseIndices, sampledLogitsShape, accWeights, { default_value: 0, validate_indices: false }));
      }
      if (a.subtract_log_q ?? true) {
        // Subtract log of Q(l), prior probability that l appears in sampled.
        trueLogits = trueLogits.sub(log(trueExpectedCount));
        sampledLogits = sampledLogits.sub(log(sampledExpectedCount));
      }
      // The output logits and labels; the true ones start at column 0, their labels summing to 1 per example.
      const outLogits = concat([trueLogits, sampledLogits], 1);
      const outLabels = concat([A.ones_like(trueLogits).div(numTrue), A.zeros_like(sampledLogits)], 1);
      return [outLogits, outLabels];
    }),
  );
}

const COMMON = [
  req('weights', PARAMS),
  req('biases', PARAMS),
  req('labels', TENSOR),
  req('inputs', TENSOR),
  req('num_sampled', INT),
  req('num_classes', INT),
  opt('num_true', INT),
  opt('sampled_values', SAMPLED_VALUES),
  opt('remove_accidental_hits', BOOL),
  opt('partition_strategy', PARTITION),
  opt('name', STR),
] as const;

/**
 * `tf.nn.nce_loss(weights, biases, labels, inputs, num_sampled, num_classes, num_true, sampled_values,
 * remove_accidental_hits, partition_strategy, name)`: each example's noise-contrastive estimation loss, the sigmoid
 * cross entropy of its true and sampled logits summed (log-uniform samples unless sampled_values are given).
 */
export const nce_loss = tf1('nn.nce_loss', COMMON, (a) => {
  const [logits, labels] = _compute_sampled_logits({ ...a, subtract_log_q: true, name: a.name ?? 'nce_loss' });
  const sampledLosses = sigmoid_cross_entropy_with_logits({ labels, logits, name: 'sampled_losses' });
  // sampled_losses is batch_size x {true_loss, sampled_losses...}: sum out true and sampled losses.
  return _sum_rows(sampledLosses);
});

/**
 * `tf.nn.sampled_softmax_loss(weights, biases, labels, inputs, num_sampled, num_classes, num_true, sampled_values,
 * remove_accidental_hits, partition_strategy, name, seed)`: each example's softmax cross entropy over its true and
 * sampled classes (accidental hits removed by default).
 */
export const sampled_softmax_loss = tf1('nn.sampled_softmax_loss', [...COMMON, opt('seed', SEED)], (a) => {
  const [logits, labels0] = _compute_sampled_logits({
    ...a,
    subtract_log_q: true,
    remove_accidental_hits: a.remove_accidental_hits ?? true,
    name: a.name ?? 'sampled_softmax_loss',
  });
  const labels = A.stop_gradient(labels0, 'labels_stop_gradient');
  // sampled_losses is a [batch_size] tensor.
  return softmax_cross_entropy_with_logits_v2({ labels, logits });
});
