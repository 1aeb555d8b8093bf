// BiasAdd and its gradient helper BiasAddGrad (tensorflow/core/ops/nn_ops.cc), with TF1 r1.12's gradients
// (python/ops/nn_grad.py).
import { TensorShape } from '../shape.js';
import type { OpDefs } from '../op_def.js';
import type { Tensor } from '../../graph/tensor.js';
import type { GradKit } from '../../ops/grad_kit.js';
import { REAL, allowDtypes, inShape, mergeDim, one, sameDtype, withRank, withRankAtLeast } from '../shape_util.js';

/** TF1's convnet data formats (GetConvnetDataFormatAttrString): the channels last (NHWC) or second (NCHW). */
export type DataFormat = 'NHWC' | 'NCHW';

/** The attributes of BiasAdd and BiasAddGrad. */
export interface NnExtraAttrs {
  BiasAdd: { data_format: DataFormat };
  BiasAddGrad: { data_format: DataFormat };
}

/** The channel axis of a value of `rank`: the last for NHWC, 1 for NCHW (BiasOp's channel_dim, NCHW's C at any rank >= 3). */
export const channelAxis = (f: DataFormat, rank: number): number => (f === 'NCHW' ? 1 : rank - 1);
/** The least rank of a value: 2 (NHWC), 3 (NCHW). */
const minRank = (f: DataFormat): number => (f === 'NCHW' ? 3 : 2);

/**
 * TF1's `_BiasAddGradGrad`: the bias gradient reshaped to rank(input) with ones around the channel axis, then
 * tiled over the input's other sizes. TF1 builds the reshape target and multiples with strided slices and
 * concat; here they are the same int32 vectors from a one-hot mask of the channel axis
 * (`ones + hot * (C - 1)` and `shape * (1 - hot) + hot`), which the planner folds from the shapes.
 */
function biasAddGradGrad(tf: GradKit, input: Tensor, g: Tensor, format: DataFormat): Tensor {
  const shape = tf.shape(input);
  const rank = tf.size(shape);
  const axis = format === 'NCHW' ? 1 : tf.sub(rank, 1);
  const hot = tf.cast(tf.equal(tf.range(rank), axis), 'int32');
  const biasShape = tf.shape(g);
  const expandedShape = tf.plus(tf.ones_like(shape), tf.mul(hot, tf.sub(biasShape, 1)));
  const tileMults = tf.plus(tf.mul(shape, tf.sub(1, hot)), hot);
  return tf.tile(tf.reshape(g, expandedShape), tileMults);
}

/** Definitions of BiasAdd and BiasAddGrad. */
export const NN_EXTRA_OPS: OpDefs<NnExtraAttrs> = {
  BiasAdd: {
    inputs: [
      { name: 'value', type: { attr: 'T', allowed: REAL } },
      { name: 'bias', type: { attr: 'T', allowed: REAL } },
    ],
    attrs: { data_format: 'string' },
    // TF1's BiasAddShape: value of rank >= 2 (3 for NCHW), bias a vector merged with the channel dim.
    shape: (c) => {
      const d = sameDtype(c, ['value', 'bias']);
      allowDtypes(c, 0, 'T', REAL);
      const input = inShape(c, 0);
      withRankAtLeast(input, minRank(c.attrs.data_format));
      const biasDim = withRank(inShape(c, 1), 1).dims![0]!;
      if (input.dims === null) return one(d, TensorShape.unknown());
      const dims = [...input.dims];
      const k = channelAxis(c.attrs.data_format, dims.length);
      dims[k] = mergeDim(dims[k]!, biasDim);
      return one(d, new TensorShape(dims));
    },
    // TF1's _BiasAddGrad: the gradient itself for the value, BiasAddGrad of it for the bias.
    grad: (op, [g], tf) => [g!, tf.op('BiasAddGrad', [g!], { data_format: op.attrs.data_format })],
  },
  BiasAddGrad: {
    inputs: [{ name: 'out_backprop', type: { attr: 'T', allowed: REAL } }],
    attrs: { data_format: 'string' },
    // A vector of the channel dim's size.
    shape: (c) => {
      allowDtypes(c, 0, 'T', REAL);
      const input = inShape(c, 0);
      withRankAtLeast(input, minRank(c.attrs.data_format));
      return one(c.inputs[0]!.dtype, new TensorShape([input.dims === null ? null : input.dims[channelAxis(c.attrs.data_format, input.dims.length)]!]));
    },
    grad: (op, [g], tf) => [biasAddGradGrad(tf, op.inputs[0]!, g!, op.attrs.data_format)],
  },
};
