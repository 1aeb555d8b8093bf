// The loss ops (tensorflow/core/ops/nn_ops.cc, array_ops.cc r1.12): SparseSoftmaxCrossEntropyWithLogits, the
// PreventGradient its gradient puts on its backprop output, and L2Loss, with TF1's gradients (python/ops/nn_grad.py,
// array_grad.py).
import { TensorShape as Shape } from '../shape.js';
import type { NoAttrs, OpDefs } from '../op_def.js';
import type { Tensor } from '../../graph/tensor.js';
import type { GradKit } from '../../ops/grad_kit.js';
import { LookupError } from '../lookup_error.js';
import { DTYPES } from '../dtypes.js';
import { FLOATS, INDEX, allowDtypes, inShape, mergeDim, one, withRank } from '../shape_util.js';

/** The attributes of the loss ops. */
export interface LossAttrs {
  SparseSoftmaxCrossEntropyWithLogits: NoAttrs;
  PreventGradient: { message: string };
  L2Loss: NoAttrs;
}

/** TF1's _BroadcastMul: `vec` [D0] times `mat` [D0, D1], as expand_dims(vec, -1) * mat. */
const broadcastMul = (tf: GradKit, vec: Tensor, mat: Tensor): Tensor => tf.mul(tf.expand_dims(vec, -1), mat);

/** r1.12's reason for refusing the second derivative of the sparse cross entropy. */
const NO_SECOND_DERIVATIVE =
  "Currently there is no way to take the second derivative of sparse_softmax_cross_entropy_with_logits due to the fused implementation's interaction with tf.gradients()";

/** Definitions of the loss ops. */
export const LOSS_OPS: OpDefs<LossAttrs> = {
  SparseSoftmaxCrossEntropyWithLogits: {
    inputs: [
      { name: 'features', type: { attr: 'T', allowed: FLOATS } },
      { name: 'labels', type: { attr: 'Tlabels', allowed: INDEX } },
    ],
    attrs: {},
    // The kernel refuses a label outside [0, classes).
    flags: { valueChecked: true },
    shape: (c) => {
      allowDtypes(c, 0, 'T', FLOATS);
      allowDtypes(c, 1, 'Tlabels', INDEX);
      const features = withRank(inShape(c, 0), 2).dims!;
      const labels = withRank(inShape(c, 1), 1).dims!;
      const batch = mergeDim(features[0]!, labels[0]!);
      const d = c.inputs[0]!.dtype;
      return [
        { dtype: d, shape: new Shape([batch]) },
        { dtype: d, shape: new Shape([batch, features[1]!]) },
      ];
    },
    // r1.12's _SparseSoftmaxCrossEntropyWithLogitsGrad: the backprop output (behind a PreventGradient, so a
    // second derivative is TF1's LookupError) times the loss gradient; the labels get none.
    grad: (op, [g], tf) => {
      const backprop = tf.op('PreventGradient', [op.outputs[1]!], { message: NO_SECOND_DERIVATIVE });
      return [broadcastMul(tf, g!, backprop), null];
    },
  },
  // An identity whose gradient is refused, with the reason given (array_ops.prevent_gradient).
  PreventGradient: {
    inputs: [{ name: 'input', type: { attr: 'T', allowed: DTYPES } }],
    attrs: { message: 'string' },
    flags: { view: true },
    shape: (c) => one(c.inputs[0]!.dtype, inShape(c)),
    grad: (op) => {
      throw new LookupError(`Gradient explicitly disabled. Reason: ${op.attrs.message}`);
    },
  },
  // sum(t ** 2) / 2, a scalar; d/dt: t * grad (nn_grad.py's _L2LossGrad).
  L2Loss: {
    api: ['nn.l2_loss'],
    inputs: [{ name: 't', type: { attr: 'T', allowed: FLOATS } }],
    attrs: {},
    shape: (c) => {
      allowDtypes(c, 0, 'T', FLOATS);
      return one(c.inputs[0]!.dtype, new Shape([]));
    },
    grad: (op, [g], tf) => [tf.mul(op.inputs[0]!, g!)],
  },
};
