// The nn activations after relu: Relu6, Softplus, Softsign, Elu, Selu and their gradient helper ops
// (tensorflow/core/ops/nn_ops.cc), with TF1 r1.12's gradients (python/ops/nn_grad.py).
import type { DType } from '../dtypes.js';
import type { NoAttrs, OpDef, OpDefs } from '../op_def.js';
import { pairDef, unaryDef } from './elementwise_defs.js';
import { FLOATS, NUMERIC } from '../shape_util.js';

/** The attributes of the nn activations. */
export interface NnActivationAttrs {
  Relu6: NoAttrs;
  Relu6Grad: NoAttrs;
  Softplus: NoAttrs;
  SoftplusGrad: NoAttrs;
  Softsign: NoAttrs;
  SoftsignGrad: NoAttrs;
  Elu: NoAttrs;
  EluGrad: NoAttrs;
  Selu: NoAttrs;
  SeluGrad: NoAttrs;
}

type Activation = 'Relu6' | 'Softplus' | 'Softsign' | 'Elu' | 'Selu';
type Helper = 'Relu6Grad' | 'SoftplusGrad' | 'SoftsignGrad' | 'EluGrad' | 'SeluGrad';

/** An activation of one input `features` (UnchangedShape), wrapped by the public function `api`. */
const activation = <K extends Activation>(api: string, allowed: readonly DType[], grad: OpDef<K>['grad']): OpDef<K> =>
  unaryDef<K>('features', [api], allowed, grad);

/** A gradient helper of (gradients, features) (MergeBothInputsShapeFn). */
const helper = <K extends Helper>(allowed: readonly DType[], grad: OpDef<K>['grad']): OpDef<K> => pairDef<K>(['gradients', 'features'], allowed, grad);

/** Definitions of the nn activations. */
export const NN_ACTIVATION_OPS: OpDefs<NnActivationAttrs> = {
  // min(max(x, 0), 6); its gradient from the output (TF1's _Relu6Grad).
  Relu6: activation('nn.relu6', NUMERIC, (op, [g], tf) => [tf.op('Relu6Grad', [g!, op.outputs[0]!])]),
  // Linear in its gradients; the features get zeros of their shape (TF1's _Relu6GradGrad).
  Relu6Grad: helper(NUMERIC, (op, [g], tf) => {
    const x = op.inputs[1]!;
    return [tf.op('Relu6Grad', [g!, x]), tf.zeros(tf.shape(x), x.dtype)];
  }),
  // log(1 + exp(x)); its gradient from the input (TF1's _SoftplusGrad).
  Softplus: activation('nn.softplus', FLOATS, (op, [g], tf) => [tf.op('SoftplusGrad', [g!, op.inputs[0]!])]),
  // SoftplusGrad(dy, x) = dy / (1 + exp(-x)): by dy, SoftplusGrad(g, x); by x, g dy / (exp(-x) + 2 + exp(x)),
  // after g (TF1's _SoftplusGradGrad).
  SoftplusGrad: helper(FLOATS, (op, [g], tf) => {
    const [dy, x] = op.inputs as [(typeof op.inputs)[0], (typeof op.inputs)[0]];
    return tf.control_dependencies([g!], () => {
      const ddy = tf.op('SoftplusGrad', [g!, x!]);
      const d2x = tf.truediv(tf.mul(g!, dy!), tf.plus(tf.plus(tf.exp(tf.neg(x!)), 2.0), tf.exp(x!)));
      return [ddy, d2x];
    });
  }),
  // x / (1 + |x|); its gradient from the input (TF1's _SoftsignGrad).
  Softsign: activation('nn.softsign', FLOATS, (op, [g], tf) => [tf.op('SoftsignGrad', [g!, op.inputs[0]!])]),
  // TF1 r1.12 registers no gradient for SoftsignGrad.
  SoftsignGrad: helper(FLOATS, null),
  // x for x >= 0, exp(x) - 1 below; its gradient from the output (TF1's _EluGrad).
  Elu: activation('nn.elu', FLOATS, (op, [g], tf) => [tf.op('EluGrad', [g!, op.outputs[0]!])]),
  // EluGrad(dy, y) = dy (y + 1) where y < 0, else dy. r1.12's _EluGradGrad passes the gradient by dy through
  // EluGrad(g, <this op's output>), which is wrong wherever dy != 1; here it goes through EluGrad(g, y), as TF
  // fixed it later. By y: g dy where y < 0, else zeros (r1.12's where).
  EluGrad: helper(FLOATS, (op, [g], tf) => {
    const y = op.inputs[1]!;
    return [tf.op('EluGrad', [g!, y]), tf.where(tf.less(y, 0), tf.mul(g!, op.inputs[0]!), tf.zeros(tf.shape(y), y.dtype))];
  }),
  // scale x for x >= 0, scale alpha (exp(x) - 1) below; its gradient from the output (TF1's _SeluGrad).
  Selu: activation('nn.selu', FLOATS, (op, [g], tf) => [tf.op('SeluGrad', [g!, op.outputs[0]!])]),
  // SeluGrad(dy, y) = dy (y + scale alpha) where y < 0, else dy scale. r1.12's _SeluGradGrad passes the gradients
  // through EluGrad of this op's output (wrong: it is not Elu's rule); here by dy SeluGrad(g, y), by y g dy where
  // y < 0, else zeros (r1.12's where), as TF fixed it later.
  SeluGrad: helper(FLOATS, (op, [g], tf) => {
    const y = op.inputs[1]!;
    return [tf.op('SeluGrad', [g!, y]), tf.where(tf.less(y, 0.0), tf.mul(g!, op.inputs[0]!), tf.zeros(tf.shape(y), y.dtype))];
  }),
};
