// tf.nn.fused_batch_norm as TF1 r1.12's nn_impl.py builds it: x, scale and offset converted (`input`, `scale`,
// `offset`), an empty constant for a missing mean or variance, epsilon raised to cuDNN's minimum 1.001e-5, then one
// FusedBatchNorm op (gen_nn_ops._fused_batch_norm) whose first three outputs it returns.
import { MISMATCH, opt, req, tf1 } from '../framework/args.js';
import { ValueError } from '../framework/errors.js';
import type { DataFormat } from '../framework/ops/nn_extra.js';
import type { Tensor } from '../graph/tensor.js';
import { applyOp } from './apply.js';
import { constant } from './array_ops.js';
import { graphOf, toTensor, type TensorLike } from './convert.js';
import { BOOL, FLOAT, STR, TENSOR, kind } from './kinds.js';

/** A Tensor (or a value convertible to one) or None. */
const TENSOR_OR_NONE = kind<TensorLike | null>(`${TENSOR.what} or None`, (v) => v === null || TENSOR.parse(v) !== MISMATCH);

/** cuDNN's least epsilon, which TF1 applies on every device. */
const MIN_EPSILON = 1.001e-5;

/**
 * `tf.nn.fused_batch_norm(x, scale, offset, mean, variance, epsilon, data_format, is_training, name)`: the 4-D `x`
 * normalized per channel (the last axis for NHWC, axis 1 for NCHW), returning `[y, batch_mean, batch_var]`. While
 * training, the batch's statistics (batch_var with Bessel's correction, n/(n − 1)); otherwise the given mean and
 * variance. TF1's CPU kernels (and so tf1-ts's CPU backend) take NHWC only; the WebGPU backend takes both.
 */
export const fused_batch_norm = tf1(
  'nn.fused_batch_norm',
  [
    req('x', TENSOR),
    req('scale', TENSOR),
    req('offset', TENSOR),
    opt('mean', TENSOR_OR_NONE),
    opt('variance', TENSOR_OR_NONE),
    opt('epsilon', FLOAT),
    opt('data_format', STR),
    opt('is_training', BOOL),
    opt('name', STR),
  ] as const,
  (a): [y: Tensor, batch_mean: Tensor, batch_var: Tensor] => {
    const graph = graphOf([a.x, a.scale, a.offset]);
    return graph.as_default(() => {
      const x = toTensor(a.x, { name: 'input', graph });
      const scale = toTensor(a.scale, { name: 'scale', graph });
      const offset = toTensor(a.offset, { name: 'offset', graph });
      const mean = a.mean ?? constant([], { dtype: 'float32' });
      const variance = a.variance ?? constant([], { dtype: 'float32' });
      const eps = a.epsilon ?? 0.001;
      const format = a.data_format ?? 'NHWC';
      if (format !== 'NHWC' && format !== 'NCHW') {
        throw new ValueError(`Attr 'data_format' of 'FusedBatchNorm' Op passed string '${format}' not in: "NHWC", "NCHW".`);
      }
      const op = applyOp({
        type: 'FusedBatchNorm',
        name: a.name ?? undefined,
        defaultName: 'FusedBatchNorm',
        inputs: [
          ['x', x],
          ['scale', scale],
          ['offset', offset],
          ['mean', mean],
          ['variance', variance],
        ],
        fallback: 'float32',
        attrs: { epsilon: Math.max(eps, MIN_EPSILON), data_format: format as DataFormat, is_training: a.is_training ?? true },
      });
      return [op.outputs[0]!, op.outputs[1]!, op.outputs[2]!];
    });
  },
);
