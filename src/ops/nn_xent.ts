// tf.nn.softmax_cross_entropy_with_logits, its _v2 and the sparse form (and tf.nn.l2_loss), in TF1's calling
// convention (nn_ops.py r1.12): any rank >= 1, the class axis `dim` moved to the end, the outer dims flattened into the 2-D batch the op takes,
// and the per-row loss reshaped back to the logits' shape without that axis.
import type { Graph } from '../graph/graph.js';
import type { Tensor } from '../graph/tensor.js';
import { opt, tf1 } from '../framework/args.js';
import { ValueError } from '../framework/errors.js';
import { convertInputs, graphOf, type TensorLike } from './convert.js';
import * as M from './math_ops.js';
import { flattenOuterDims, moveToEnd, unflattenCost } from './nn_axes.js';
import { transpose } from './transpose.js';
import { ShapeError } from '../framework/op_def.js';
import { withRankAtLeast } from '../framework/shape_util.js';
import { ANY, INT, STR, TENSOR } from './kinds.js';
import * as A from './array_ops.js';
import { applyOp } from './apply.js';
import { unaryWrapper } from './wrappers.js';

/** TF1's guard that the cross entropies are called with named arguments only (its `_sentinel` parameter). */
function namedOnly(fn: string, a: { _sentinel?: unknown; labels?: unknown; logits?: unknown }): void {
  if (a._sentinel !== undefined && a._sentinel !== null) {
    throw new ValueError(`Only call \`${fn}\` with named arguments (labels=..., logits=..., ...)`);
  }
  if (a.labels == null || a.logits == null) throw new ValueError('Both labels and logits must be provided.');
}

/** The body of softmax_cross_entropy_with_logits_v2, inside its name scope `scope` (the op takes that name). */
function crossEntropy(graph: Graph, scope: string, labelsIn: TensorLike, logitsIn: TensorLike, dim: number): Tensor {
  const logits0 = convertInputs(graph, [['logits', logitsIn]], ['logits'], 'float32')[0]!;
  const labels0 = convertInputs(graph, [['labels', labelsIn]], ['labels'], logits0.dtype)[0]!;
  // TF1 casts the labels to the logits' dtype (a no-op when they match).
  let labels = M.cast(labels0, logits0.dtype);
  let logits = logits0;
  try {
    withRankAtLeast(logits.shape, 1);
  } catch (e) {
    if (e instanceof ShapeError) throw new ValueError(`${e.message} for the logits of '${scope.slice(0, -1)}'.`);
    throw e;
  }
  const shape = logits.shape;
  const last = shape.ndims === null ? null : shape.ndims - 1;
  if (dim !== -1 && dim !== last) {
    const perm = moveToEnd(logits, dim);
    logits = transpose(logits, perm);
    labels = transpose(labels, perm);
  }
  const [cost] = graph.create_op('SoftmaxCrossEntropyWithLogits', [flattenOuterDims(logits), flattenOuterDims(labels)], {}, scope).outputs;
  const out = unflattenCost(cost!, logits);
  if (shape.dims !== null) {
    const d = dim < 0 ? dim + shape.dims.length : dim;
    out.set_shape(shape.dims.filter((_, i) => i !== d));
  }
  return out;
}

/**
 * `tf.nn.softmax_cross_entropy_with_logits({ labels, logits, dim, name })`: the cross entropy along `dim`
 * (the last axis by default), computed stably. As TF1 r1.12, labels get no gradient (`labels_stop_gradient`).
 */
export const softmax_cross_entropy_with_logits = tf1(
  'nn.softmax_cross_entropy_with_logits',
  [opt('_sentinel', ANY), opt('labels', TENSOR), opt('logits', TENSOR), opt('dim', INT), opt('name', STR)],
  (a) => {
    namedOnly('softmax_cross_entropy_with_logits', a);
    const graph = graphOf([a.labels, a.logits]);
    return graph.name_scope(a.name ?? 'softmax_cross_entropy_with_logits_sg', (scope) => {
      const labels = graph.name_scope('labels_stop_gradient', (s) => {
        const t = convertInputs(graph, [['input', a.labels!]], ['input'])[0]!;
        return graph.create_op('StopGradient', [t], {}, s).outputs[0]!;
      });
      return crossEntropy(graph, scope, labels, a.logits!, a.dim ?? -1);
    });
  },
);

/** `tf.nn.softmax_cross_entropy_with_logits_v2({ labels, logits, axis, name, dim })`: the same, with gradients to the labels too. */
export const softmax_cross_entropy_with_logits_v2 = tf1(
  'nn.softmax_cross_entropy_with_logits_v2',
  [opt('_sentinel', ANY), opt('labels', TENSOR), opt('logits', TENSOR), opt('axis', INT), opt('name', STR), opt('dim', INT)],
  (a) => {
    namedOnly('softmax_cross_entropy_with_logits_v2', a);
    if (a.axis != null && a.dim != null) throw new ValueError("Cannot specify both 'axis' and 'dim'");
    const graph = graphOf([a.labels, a.logits]);
    return graph.name_scope(a.name ?? 'softmax_cross_entropy_with_logits', (scope) => crossEntropy(graph, scope, a.labels!, a.logits!, a.axis ?? a.dim ?? -1));
  },
);

/**
 * `tf.nn.sparse_softmax_cross_entropy_with_logits({ labels, logits, name })`: the cross entropy of class indices
 * `labels` (int32 or int64, shape logits.shape[:-1]) against `logits`, as TF1 r1.12's nn_ops.py: the op itself on
 * [batch, classes] logits, else logits flattened to 2-D, labels to 1-D, and the loss reshaped to the labels'
 * shape. (TF1 also asserts equal dynamic shapes when the static ones are not fully known; here the op's own
 * batch check fails such a run.)
 */
export const sparse_softmax_cross_entropy_with_logits = tf1(
  'nn.sparse_softmax_cross_entropy_with_logits',
  [opt('_sentinel', ANY), opt('labels', TENSOR), opt('logits', TENSOR), opt('name', STR)],
  (a) => {
    namedOnly('sparse_softmax_cross_entropy_with_logits', a);
    const graph = graphOf([a.labels, a.logits]);
    const name = a.name ?? undefined;
    return graph.name_scope(a.name ?? 'SparseSoftmaxCrossEntropyWithLogits', () => {
      // As TF1's convert_to_tensor (Consts named 'Const'), JS numbers meaning floats for the logits.
      const labels0 = convertInputs(graph, [['Const', a.labels!]], [])[0]!;
      const logits0 = convertInputs(graph, [['Const', a.logits!]], ['Const'], 'float32')[0]!;
      const labelsStatic = labels0.shape;
      const labelsShape = A.shape(labels0);
      const ls = logits0.shape;
      const outerDefined = ls.dims?.slice(0, -1).every((d) => d !== null) === true;
      const staticDefined = labelsStatic.is_fully_defined() && outerDefined;
      if (ls.ndims === 0) throw new ValueError(`Logits cannot be scalars - received shape ${ls}.`);
      if (ls.ndims !== null && labelsStatic.ndims !== null && labelsStatic.ndims !== ls.ndims - 1) {
        throw new ValueError(`Rank mismatch: Rank of labels (received ${labelsStatic.ndims}) should equal rank of logits minus 1 (received ${ls.ndims}).`);
      }
      if (staticDefined && labelsStatic.dims!.some((d, i) => d !== ls.dims![i])) {
        throw new ValueError(
          `Shape mismatch: The shape of labels (received ${labelsStatic}) should equal the shape of logits except for the last dimension (received ${ls}).`,
        );
      }
      const xent = (logits: Tensor, labels: Tensor): Tensor =>
        applyOp({
          type: 'SparseSoftmaxCrossEntropyWithLogits',
          name,
          defaultName: 'SparseSoftmaxCrossEntropyWithLogits',
          inputs: [
            ['features', logits],
            ['labels', labels],
          ],
          shared: [],
          attrs: {},
        }).outputs[0]!;
      if (ls.ndims === 2) return xent(logits0, labels0);
      const cost = xent(flattenOuterDims(logits0), A.reshape(labels0, [-1]));
      const out = A.reshape(cost, labelsShape);
      out.set_shape(labelsStatic);
      return out;
    });
  },
);

/** `tf.nn.l2_loss(t, name)`: sum(t ** 2) / 2, a scalar (op L2Loss). */
export const l2_loss = unaryWrapper('nn.l2_loss', 't');
