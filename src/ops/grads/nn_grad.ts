import type { Tensor } from '../../graph/tensor.js';
import * as A from '../array_ops.js';
import * as M from '../math_ops.js';
import * as N from '../nn_ops.js';
import { binary, neg } from '../operators.js';
import type { GradFn } from './types.js';

const mul = (a: Tensor, b: Tensor): Tensor => binary('Mul', 'mul', a, b);
const sub = (a: Tensor, b: Tensor): Tensor => binary('Sub', 'sub', a, b);

/** d softmax: (g - sum(g * s, -1)) * s. */
export const softmaxGrad: GradFn<'Softmax'> = (op, [g]) => {
  const s = op.outputs[0]!;
  const sumChannels = M.reduce_sum(mul(g!, s), { axis: -1, keep_dims: true });
  return [mul(sub(g!, sumChannels), s)];
};

/** d log_softmax: g - sum(g, -1) * exp(log_softmax). */
export const logSoftmaxGrad: GradFn<'LogSoftmax'> = (op, [g]) => {
  const softmax = M.exp(op.outputs[0]!);
  return [M.subtract(g!, M.multiply(M.reduce_sum(g!, { axis: -1, keep_dims: true }), softmax))];
};

/** d relu, as the ReluGrad op. */
export const reluGrad: GradFn<'Relu'> = (op, [g]) => [op.graph.create_op('ReluGrad', [g!, op.outputs[0]!], {}, 'ReluGrad').outputs[0]!];

/** ReluGrad is linear in its gradient input; its features input gets none. */
export const reluGradGrad: GradFn<'ReluGrad'> = (op, [g]) => [op.graph.create_op('ReluGrad', [g!, op.inputs[1]!], {}, 'ReluGrad').outputs[0]!, A.zeros_like(op.inputs[1]!)];

const broadcastMul = (vec: Tensor, mat: Tensor): Tensor => mul(A.expand_dims(vec, -1), mat);

/**
 * d softmax cross entropy: the op's own backprop output times the loss gradient; -log_softmax for the labels.
 * A gradient into the backprop output (softmax - labels) also reaches the labels as its negation; TF1 omits
 * that term, which makes second derivatives through labels that depend on x wrong.
 */
export const xentGrad: GradFn<'SoftmaxCrossEntropyWithLogits'> = (op, [gLoss, gGrad]) => {
  const logits = op.inputs[0]!;
  let grad = broadcastMul(gLoss!, op.outputs[1]!);
  let labelsGrad = broadcastMul(gLoss!, neg(N.log_softmax(logits)));
  if (gGrad && gGrad.op.type !== 'ZerosLike') {
    const softmax = N.softmax(logits);
    const inner = M.reduce_sum(M.multiply(gGrad, softmax), { axis: 1, keep_dims: true });
    grad = M.add(grad, M.multiply(M.subtract(gGrad, inner), softmax));
    labelsGrad = M.subtract(labelsGrad, gGrad);
  }
  return [grad, labelsGrad];
};
