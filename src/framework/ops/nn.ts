// Relu, softmax, the softmax cross entropy and MatMul (tensorflow/core/ops/nn_ops.cc, math_ops.cc), with TF1's
// gradients (python/ops/nn_grad.py, math_grad.py).
import type { TensorShape } from '../shape.js';
import { TensorShape as Shape } from '../shape.js';
import type { NoAttrs, OpDef, OpDefs } from '../op_def.js';
import { ShapeError } from '../op_def.js';
import type { Tensor } from '../../graph/tensor.js';
import type { GradKit } from '../../ops/grad_kit.js';
import { FLOATS, NUMERIC, allowDtypes, broadcastShapes, inShape, mergeDim, mergeShapes, one, sameDtype, withRank, withRankAtLeast } from '../shape_util.js';

/** The attributes of the nn ops and MatMul. */
export interface NnAttrs {
  Relu: NoAttrs;
  ReluGrad: NoAttrs;
  Softmax: NoAttrs;
  LogSoftmax: NoAttrs;
  SoftmaxCrossEntropyWithLogits: NoAttrs;
  MatMul: { transpose_a: boolean; transpose_b: boolean };
}

/**
 * TF1 r1.12's shape of SoftmaxCrossEntropyWithLogits: matrices of mergeable shapes, else the broadcast of
 * the two, which must have rank 2 (the kernel broadcasts labels and logits against each other).
 */
function xentShape(features: TensorShape, labels: TensorShape): TensorShape {
  try {
    return mergeShapes(withRank(features, 2), labels);
  } catch (e) {
    if (!(e instanceof ShapeError)) throw e;
  }
  const b = broadcastShapes(features, labels);
  if (b.dims === null) throw new ShapeError('Shape must be broadcasted with rank 2, but is rank is unknown.');
  if (b.dims.length !== 2) throw new ShapeError(`Shape must be broadcasted with rank 2, but is rank ${b.dims.length}`);
  return b;
}

function softmaxLike<K extends 'Softmax' | 'LogSoftmax'>(grad: OpDef<K>['grad']): OpDef<K> {
  return {
    inputs: [{ name: 'logits', type: { attr: 'T', allowed: FLOATS } }],
    attrs: {} as OpDef<K>['attrs'],
    shape: (c) => {
      allowDtypes(c, 0, 'T', FLOATS);
      withRankAtLeast(inShape(c), 1);
      return one(c.inputs[0]!.dtype, inShape(c));
    },
    grad,
  };
}

const broadcastMul = (tf: GradKit, vec: Tensor, mat: Tensor): Tensor => tf.mul(tf.expand_dims(vec, -1), mat);

/** Definitions of the nn ops and MatMul. */
export const NN_OPS: OpDefs<NnAttrs> = {
  Relu: {
    api: ['nn.relu'],
    inputs: [{ name: 'features', type: { attr: 'T', allowed: NUMERIC } }],
    attrs: {},
    shape: (c) => {
      allowDtypes(c, 0, 'T', NUMERIC);
      return one(c.inputs[0]!.dtype, inShape(c));
    },
    grad: (op, [g], tf) => [tf.op('ReluGrad', [g!, op.outputs[0]!])],
  },
  ReluGrad: {
    inputs: [
      { name: 'gradients', type: { attr: 'T', allowed: NUMERIC } },
      { name: 'features', type: { attr: 'T', allowed: NUMERIC } },
    ],
    attrs: {},
    shape: (c) => one(sameDtype(c, ['gradients', 'features']), mergeShapes(inShape(c, 0), inShape(c, 1))),
    // Linear in its gradient input; the features input gets none.
    grad: (op, [g], tf) => [tf.op('ReluGrad', [g!, op.inputs[1]!]), tf.zeros_like(op.inputs[1]!)],
  },
  // d softmax: (g - sum(g * s, -1)) * s.
  Softmax: softmaxLike((op, [g], tf) => {
    const s = op.outputs[0]!;
    const sumChannels = tf.reduce_sum(tf.mul(g!, s), { axis: -1, keep_dims: true });
    return [tf.mul(tf.sub(g!, sumChannels), s)];
  }),
  // d log_softmax: g - sum(g, -1) * exp(log_softmax).
  LogSoftmax: softmaxLike((op, [g], tf) => {
    const softmax = tf.exp(op.outputs[0]!);
    return [tf.subtract(g!, tf.multiply(tf.reduce_sum(g!, { axis: -1, keep_dims: true }), softmax))];
  }),
  SoftmaxCrossEntropyWithLogits: {
    inputs: [
      { name: 'features', type: { attr: 'T', allowed: FLOATS } },
      { name: 'labels', type: { attr: 'T', allowed: FLOATS } },
    ],
    attrs: {},
    shape: (c) => {
      const d = sameDtype(c, ['features', 'labels']);
      allowDtypes(c, 0, 'T', FLOATS);
      const s = xentShape(inShape(c, 0), inShape(c, 1));
      return [
        { dtype: d, shape: new Shape([s.dims![0]!]) },
        { dtype: d, shape: s },
      ];
    },
    /**
     * The op's own backprop output times the loss gradient; -log_softmax for the labels. A gradient into the
     * backprop output (softmax - labels) also reaches the labels as its negation; TF1 omits that term, which
     * makes second derivatives through labels that depend on x wrong.
     */
    grad: (op, [gLoss, gGrad], tf) => {
      const logits = op.inputs[0]!;
      let grad = broadcastMul(tf, gLoss!, op.outputs[1]!);
      let labelsGrad = broadcastMul(tf, gLoss!, tf.neg(tf.log_softmax(logits)));
      if (gGrad && gGrad.op.type !== 'ZerosLike') {
        const softmax = tf.softmax(logits);
        const inner = tf.reduce_sum(tf.multiply(gGrad, softmax), { axis: 1, keep_dims: true });
        grad = tf.add(grad, tf.multiply(tf.subtract(gGrad, inner), softmax));
        labelsGrad = tf.subtract(labelsGrad, gGrad);
      }
      return [grad, labelsGrad];
    },
  },
  MatMul: {
    inputs: [
      { name: 'a', type: { attr: 'T', allowed: NUMERIC } },
      { name: 'b', type: { attr: 'T', allowed: NUMERIC } },
    ],
    attrs: { transpose_a: 'bool', transpose_b: 'bool' },
    shape: (c) => {
      const d = sameDtype(c, ['a', 'b']);
      allowDtypes(c, 0, 'T', NUMERIC);
      const a = withRank(inShape(c, 0), 2).dims!;
      const b = withRank(inShape(c, 1), 2).dims!;
      const [m, ka] = c.attrs.transpose_a ? [a[1]!, a[0]!] : [a[0]!, a[1]!];
      const [kb, n] = c.attrs.transpose_b ? [b[1]!, b[0]!] : [b[0]!, b[1]!];
      mergeDim(ka, kb);
      return one(d, new Shape([m, n]));
    },
    // TF1's four transpose cases.
    grad: (op, [g], tf) => {
      const { transpose_a: ta, transpose_b: tb } = op.attrs;
      const [a, b] = op.inputs as [Tensor, Tensor];
      if (!ta && !tb) return [tf.matmul(g!, b, { transpose_b: true }), tf.matmul(a, g!, { transpose_a: true })];
      if (!ta && tb) return [tf.matmul(g!, b), tf.matmul(g!, a, { transpose_a: true })];
      if (ta && !tb) return [tf.matmul(b, g!, { transpose_b: true }), tf.matmul(a, g!)];
      return [tf.matmul(b, g!, { transpose_a: true, transpose_b: true }), tf.matmul(g!, a, { transpose_a: true, transpose_b: true })];
    },
  },
};
