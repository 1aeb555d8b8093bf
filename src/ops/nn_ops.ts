// tf.nn's softmax, log_softmax, relu and the softmax cross entropies, in TF1's calling convention.
import type { Tensor } from '../graph/tensor.js';
import { opt, req, tf1 } from '../graph/args.js';
import { ValueError } from '../graph/errors.js';
import { apply1, applyOp } from './apply.js';
import { toTensor, convertInputs, graphOf } from './convert.js';
import { ANY, INT, STR, TENSOR } from './kinds.js';

const SOFTMAX = [req('logits', TENSOR), opt('axis', INT), opt('name', STR), opt('dim', INT)] as const;

function softmaxLike(type: 'Softmax' | 'LogSoftmax', a: { logits: unknown; axis?: number | null; dim?: number | null; name?: string | null }): Tensor {
  if (a.axis != null && a.dim != null) throw new ValueError("Cannot specify both 'axis' and 'dim'");
  const axis = a.axis ?? a.dim ?? -1;
  if (axis !== -1) {
    const t = toTensor(a.logits as Tensor, { graph: graphOf([a.logits]) });
    if (t.shape.ndims === null || axis !== t.shape.ndims - 1) throw new ValueError(`${type === 'Softmax' ? 'softmax' : 'log_softmax'} supports the last axis only (axis=-1)`);
  }
  return apply1({ type, name: a.name ?? undefined, defaultName: type, inputs: [['logits', a.logits as Tensor]], fallback: 'float32', attrs: {} });
}

/** `tf.nn.softmax(logits, axis, name, dim)`: a Softmax op over the last axis. */
export const softmax = tf1('nn.softmax', SOFTMAX, (a) => softmaxLike('Softmax', a));

/** `tf.nn.log_softmax(logits, axis, name, dim)`: a LogSoftmax op over the last axis. */
export const log_softmax = tf1('nn.log_softmax', SOFTMAX, (a) => softmaxLike('LogSoftmax', a));

/** `tf.nn.relu(features, name)`. */
export const relu = tf1('nn.relu', [req('features', TENSOR), opt('name', STR)], (a) =>
  apply1({ type: 'Relu', name: a.name ?? undefined, defaultName: 'Relu', inputs: [['features', a.features]], attrs: {} }));

/** TF1's guard that the cross entropies are called with named arguments only (its `_sentinel` parameter). */
function namedOnly(fn: string, a: { _sentinel?: unknown; labels?: unknown; logits?: unknown }): void {
  if (a._sentinel !== undefined && a._sentinel !== null) {
    throw new ValueError(`Only call \`${fn}\` with named arguments (labels=..., logits=..., ...)`);
  }
  if (a.labels == null || a.logits == null) throw new ValueError('Both labels and logits must be provided.');
}

function lastAxisOnly(dim: number | null | undefined): void {
  if (dim != null && dim !== -1) throw new ValueError('softmax_cross_entropy_with_logits supports the last axis only (dim=-1)');
}

/**
 * `tf.nn.softmax_cross_entropy_with_logits({ labels, logits, dim, name })`: per-example cross entropy, computed
 * stably. As TF1 r1.12, labels get no gradient (`labels_stop_gradient`); inputs are [batch, classes].
 */
export const softmax_cross_entropy_with_logits = tf1('nn.softmax_cross_entropy_with_logits',
  [opt('_sentinel', ANY), opt('labels', TENSOR), opt('logits', TENSOR), opt('dim', INT), opt('name', STR)], (a) => {
    namedOnly('softmax_cross_entropy_with_logits', a);
    lastAxisOnly(a.dim);
    const graph = graphOf([a.labels, a.logits]);
    return graph.name_scope(a.name ?? 'softmax_cross_entropy_with_logits_sg', (scope) => {
      const [logits, rawLabels] = convertInputs(graph, [['logits', a.logits!], ['labels', a.labels!]], ['logits', 'labels'], 'float32') as [Tensor, Tensor];
      const labels = graph.create_op('StopGradient', [rawLabels], {}, 'labels_stop_gradient').outputs[0]!;
      return graph.create_op('SoftmaxCrossEntropyWithLogits', [logits, labels], {}, scope).outputs[0]!;
    });
  });

/** `tf.nn.softmax_cross_entropy_with_logits_v2({ labels, logits, axis, name, dim })`: the same, with gradients to the labels too. */
export const softmax_cross_entropy_with_logits_v2 = tf1('nn.softmax_cross_entropy_with_logits_v2',
  [opt('_sentinel', ANY), opt('labels', TENSOR), opt('logits', TENSOR), opt('axis', INT), opt('name', STR), opt('dim', INT)], (a) => {
    namedOnly('softmax_cross_entropy_with_logits_v2', a);
    if (a.axis != null && a.dim != null) throw new ValueError("Cannot specify both 'axis' and 'dim'");
    lastAxisOnly(a.axis ?? a.dim);
    return applyOp({
      type: 'SoftmaxCrossEntropyWithLogits', name: a.name ?? undefined, defaultName: 'softmax_cross_entropy_with_logits',
      inputs: [['features', a.logits!], ['labels', a.labels!]], fallback: 'float32', attrs: {},
    }).outputs[0]!;
  });
