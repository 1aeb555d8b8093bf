import type { Tensor } from '../graph/tensor.js';
import { ValueError } from '../graph/errors.js';
import { apply1, applyOp } from './apply.js';
import { convert_to_tensor, convertInputs, graphOf, type TensorLike } from './convert.js';

/** `tf.nn.softmax(logits)` over the last axis: a Softmax op. */
export function softmax(logits: TensorLike, opts: { name?: string; axis?: number } = {}): Tensor {
  if (opts.axis !== undefined && opts.axis !== -1) {
    const t = convert_to_tensor(logits, { graph: graphOf([logits]) });
    if (t.shape.ndims === null || opts.axis !== t.shape.ndims - 1) throw new ValueError('softmax supports the last axis only (axis=-1)');
  }
  return apply1({ type: 'Softmax', name: opts.name, defaultName: 'Softmax', inputs: [['logits', logits]], fallback: 'float32', attrs: {} });
}

/** `tf.nn.log_softmax(logits)` over the last axis. */
export function log_softmax(logits: TensorLike, opts: { name?: string } = {}): Tensor {
  return apply1({ type: 'LogSoftmax', name: opts.name, defaultName: 'LogSoftmax', inputs: [['logits', logits]], fallback: 'float32', attrs: {} });
}

/** `tf.nn.relu`. */
export function relu(features: TensorLike, name?: string): Tensor {
  return apply1({ type: 'Relu', name, defaultName: 'Relu', inputs: [['features', features]], fallback: 'float32', attrs: {} });
}

/**
 * `tf.nn.softmax_cross_entropy_with_logits({ labels, logits })`: per-example cross entropy, computed stably.
 * As TF1 r1.12, labels get no gradient (`labels_stop_gradient`); inputs must be rank 2 [batch, classes].
 */
export function softmax_cross_entropy_with_logits(args: { labels: TensorLike; logits: TensorLike; name?: string }): Tensor {
  const graph = graphOf([args.labels, args.logits]);
  return graph.name_scope(args.name ?? 'softmax_cross_entropy_with_logits_sg', (scope) => {
    const [logits, rawLabels] = convertInputs(graph, [['logits', args.logits], ['labels', args.labels]], ['logits', 'labels'], 'float32') as [Tensor, Tensor];
    const labels = graph.create_op('StopGradient', [rawLabels], {}, 'labels_stop_gradient').outputs[0]!;
    return graph.create_op('SoftmaxCrossEntropyWithLogits', [logits, labels], {}, scope).outputs[0]!;
  });
}

/** `tf.nn.softmax_cross_entropy_with_logits_v2`: the same, with gradients to the labels too. */
export function softmax_cross_entropy_with_logits_v2(args: { labels: TensorLike; logits: TensorLike; name?: string }): Tensor {
  return applyOp({
    type: 'SoftmaxCrossEntropyWithLogits', name: args.name, defaultName: 'softmax_cross_entropy_with_logits',
    inputs: [['features', args.logits], ['labels', args.labels]], fallback: 'float32', attrs: {},
  }).outputs[0]!;
}
