// FusedBatchNorm and FusedBatchNormGrad (tensorflow/core/ops/nn_ops.cc, T: {float}; the shape functions are r1.12's
// common_shape_fns.cc FusedBatchNormShape and FusedBatchNormGradShape), with TF1 r1.12's gradient
// (python/ops/nn_grad.py _BaseFusedBatchNormGrad, _FusedBatchNormGradGrad).
import { TensorShape, type Dim } from '../shape.js';
import type { OpDefs, ShapeCtx } from '../op_def.js';
import type { OpType } from '../op_defs.js';
import type { DataFormat } from './nn_extra.js';
import { allowDtypes, inShape, mergeDim, sameDtype, withRank } from '../shape_util.js';
import type { Tensor } from '../../graph/tensor.js';
import type { GradKit } from '../../ops/grad_kit.js';

/** The attributes FusedBatchNorm and FusedBatchNormGrad share. */
export interface FusedBatchNormAttrs {
  epsilon: number;
  data_format: DataFormat;
  is_training: boolean;
}

/** The attributes of FusedBatchNorm and FusedBatchNormGrad. */
export interface NnBatchNormAttrs {
  FusedBatchNorm: FusedBatchNormAttrs;
  FusedBatchNormGrad: FusedBatchNormAttrs;
}

/** GetTensorFeatureDimIndex(4, format): the channel axis of a 4-D value. */
export const featureAxis = (f: DataFormat): number => (f === 'NCHW' ? 1 : 3);

const ONLY_FLOAT = ['float32'] as const;

/** Each input from `from` on must be a vector whose size merges with the channel dim. */
function mergeVectors<K extends OpType>(c: ShapeCtx<K>, from: number, to: number, channel: Dim): Dim {
  let ch = channel;
  for (let i = from; i < to; i++) ch = mergeDim(ch, withRank(inShape(c, i), 1).dims![0]!);
  return ch;
}

/** FusedBatchNormShape: x of rank 4; scale and offset (and, for inference, mean and variance) vectors of its channels. */
function forwardShape(c: ShapeCtx<'FusedBatchNorm'>) {
  const d = sameDtype(c, ['x', 'scale', 'offset', 'mean', 'variance']);
  allowDtypes(c, 0, 'T', ONLY_FLOAT);
  const x = withRank(inShape(c, 0), 4).dims!;
  const axis = featureAxis(c.attrs.data_format);
  const ch = mergeVectors(c, 1, c.attrs.is_training ? 3 : 5, x[axis]!);
  const y = x.map((v, i) => (i === axis ? ch : v));
  const vec = new TensorShape([ch]);
  return [{ dtype: d, shape: new TensorShape(y) }, ...[1, 2, 3, 4].map(() => ({ dtype: d, shape: vec }))];
}

/** FusedBatchNormGradShape: y_backprop and x of rank 4 with one channel count, scale and the saved statistics vectors. */
function gradShape(c: ShapeCtx<'FusedBatchNormGrad'>) {
  const d = sameDtype(c, ['y_backprop', 'x', 'scale', 'reserve_space_1', 'reserve_space_2']);
  allowDtypes(c, 0, 'T', ONLY_FLOAT);
  const dy = withRank(inShape(c, 0), 4).dims!;
  const x = withRank(inShape(c, 1), 4).dims!;
  const axis = featureAxis(c.attrs.data_format);
  const ch = mergeVectors(c, 2, 5, mergeDim(dy[axis]!, x[axis]!));
  const vec = new TensorShape([ch]);
  const empty = new TensorShape([0]);
  return [
    { dtype: d, shape: new TensorShape(dy.map((v, i) => (i === axis ? ch : v))) },
    { dtype: d, shape: vec },
    { dtype: d, shape: vec },
    { dtype: d, shape: empty },
    { dtype: d, shape: empty },
  ];
}

/**
 * TF1's nn_grad._BatchNormGrad: FusedBatchNormGrad's outputs (grad_x, grad_scale, grad_offset) as plain ops, which
 * _FusedBatchNormGradGrad differentiates. Training: from x's own mean and variance; inference: from the population's.
 */
function batchNormGrad(tf: GradKit, gy: Tensor, x: Tensor, scale: Tensor, popMean: Tensor, popVar: Tensor, a: FusedBatchNormAttrs): [Tensor, Tensor, Tensor] {
  const nhwc = a.data_format === 'NHWC';
  const axis = nhwc ? [0, 1, 2] : [0, 2, 3];
  const toChannels = (v: Tensor) => tf.reshape(v, tf.stack([1, tf.size(scale), 1, 1]));
  if (a.is_training) {
    const keepdims = !nhwc;
    const s = nhwc ? scale : tf.reshape(scale, tf.stack([1, tf.size(scale), 1, 1]));
    const meanGy = tf.reduce_mean(gy, axis, keepdims);
    const meanX = tf.reduce_mean(x, axis, keepdims);
    const varX = tf.reduce_mean(tf.squared_difference(x, tf.stop_gradient(meanX)), axis, keepdims);
    const gyOffset = tf.sub(gy, meanGy);
    const xOffset = tf.sub(x, meanX);
    const mean = tf.reduce_mean(tf.mul(gy, xOffset), { axis, keepdims });
    const gx = tf.mul(tf.mul(s, tf.rsqrt(tf.plus(varX, a.epsilon))), tf.sub(gyOffset, tf.mul(tf.mul(tf.reciprocal(tf.plus(varX, a.epsilon)), mean), xOffset)));
    let gs = tf.mul(tf.rsqrt(tf.plus(varX, a.epsilon)), tf.reduce_sum(tf.mul(gy, xOffset), { axis, keepdims }));
    if (!nhwc) gs = tf.squeeze(gs);
    return [gx, gs, tf.reduce_sum(gy, { axis })];
  }
  const [m, v, s] = nhwc ? [popMean, popVar, scale] : [toChannels(popMean), toChannels(popVar), toChannels(scale)];
  const go = tf.reduce_sum(gy, { axis });
  const varRsqrt = tf.rsqrt(tf.plus(v, a.epsilon));
  const gs = tf.reduce_sum(tf.mul(tf.mul(gy, tf.sub(x, m)), varRsqrt), { axis });
  return [tf.mul(tf.mul(gy, s), varRsqrt), gs, go];
}

const T = { attr: 'T', allowed: ONLY_FLOAT } as const;
const ATTRS = { epsilon: 'float', data_format: 'string', is_training: 'bool' } as const;

/** Definitions of FusedBatchNorm and FusedBatchNormGrad. */
export const NN_BATCHNORM_OPS: OpDefs<NnBatchNormAttrs> = {
  FusedBatchNorm: {
    inputs: ['x', 'scale', 'offset', 'mean', 'variance'].map((name) => ({ name, type: T })),
    attrs: ATTRS,
    shape: forwardShape,
    // TF1's _BaseFusedBatchNormGrad: while training, FusedBatchNormGrad with the saved batch statistics (outputs 3
    // and 4); otherwise with the population statistics, in NHWC (an NCHW x and gradient transposed there and back).
    grad: (op, grads, tf) => {
      const [x, scale] = [op.inputs[0]!, op.inputs[1]!];
      const dy = grads[0] ?? tf.zeros_like(op.outputs[0]!);
      const { epsilon, data_format, is_training } = op.attrs;
      if (is_training) {
        const [dx, dscale, doffset, r3, r4] = tf.op_outputs('FusedBatchNormGrad', [dy, x, scale, op.outputs[3]!, op.outputs[4]!], {
          epsilon,
          data_format,
          is_training,
        });
        return [dx!, dscale!, doffset!, r3!, r4!];
      }
      const nchw = data_format === 'NCHW';
      const xs = nchw ? tf.transpose(x, [0, 2, 3, 1]) : x;
      const dys = nchw ? tf.transpose(dy, [0, 2, 3, 1]) : dy;
      const [dx, dscale, doffset] = tf.op_outputs('FusedBatchNormGrad', [dys, xs, scale, op.inputs[3]!, op.inputs[4]!], {
        epsilon,
        data_format: 'NHWC',
        is_training,
      });
      return [nchw ? tf.transpose(dx!, [0, 3, 1, 2]) : dx!, dscale!, doffset!, null, null];
    },
  },
  FusedBatchNormGrad: {
    inputs: ['y_backprop', 'x', 'scale', 'reserve_space_1', 'reserve_space_2'].map((name) => ({ name, type: T })),
    attrs: ATTRS,
    shape: gradShape,
    // TF1's _FusedBatchNormGradGrad: the gradients of nn_grad._BatchNormGrad's three outputs, weighted by the
    // incoming gradients, by grad_y, x and scale (none for the statistics).
    grad: (op, grads, tf) => {
      const [gy, x, scale, m, v] = op.inputs as [Tensor, Tensor, Tensor, Tensor, Tensor];
      const outs = batchNormGrad(tf, gy, x, scale, m, v, op.attrs);
      const [ggy, gx, gscale] = tf.gradients(outs, [gy, x, scale], [grads[0] ?? null, grads[1] ?? null, grads[2] ?? null]);
      return [ggy ?? null, gx ?? null, gscale ?? null, null, null];
    },
  },
};
