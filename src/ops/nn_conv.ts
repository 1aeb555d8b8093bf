// tf.nn.conv2d, conv2d_backprop_input and conv2d_backprop_filter as TF1 r1.12's generated wrappers (gen_nn_ops:
// inputs converted in the op's scope, then the attrs checked as apply_op checks them), and conv2d_transpose as
// nn_ops.conv2d_transpose (its ValueErrors, then one Conv2DBackpropInput).
import { opt, req, tf1 } from '../framework/args.js';
import { ValueError } from '../framework/errors.js';
import type { ConvAttrs } from '../framework/ops/nn_conv.js';
import type { Dim } from '../framework/shape.js';
import { TensorShape } from '../framework/shape.js';
import { graphOf, toTensor, withLiteralHint } from './convert.js';
import { checkConvAttrs, convWrappers, INTS } from './conv_wrappers.js';
import { BOOL, STR, TENSOR } from './kinds.js';

const CONV = convWrappers(
  ['nn.conv2d', 'nn.conv2d_backprop_input', 'nn.conv2d_backprop_filter'],
  ['Conv2D', 'Conv2DBackpropInput', 'Conv2DBackpropFilter'],
  [opt('use_cudnn_on_gpu', BOOL), opt('data_format', STR), opt('dilations', INTS), opt('name', STR)] as const,
  (type, a): ConvAttrs => ({ ...checkConvAttrs(type, a), use_cudnn_on_gpu: a.use_cudnn_on_gpu ?? true }),
);

/** `tf.nn.conv2d(input, filter, strides, padding, use_cudnn_on_gpu, data_format, dilations, name)`: one Conv2D op. */
export const conv2d = CONV.forward;
/** `tf.nn.conv2d_backprop_input(input_sizes, filter, out_backprop, strides, padding, ...)`: one Conv2DBackpropInput op. */
export const conv2d_backprop_input = CONV.backpropInput;
/** `tf.nn.conv2d_backprop_filter(input, filter_sizes, out_backprop, strides, padding, ...)`: one Conv2DBackpropFilter op. */
export const conv2d_backprop_filter = CONV.backpropFilter;

const dimStr = (d: Dim): string => (d === null ? '?' : String(d));
const dimAt = (s: TensorShape, i: number): Dim => (s.dims === null ? null : (s.dims[i] ?? null));
const compatible = (a: Dim, b: Dim): boolean => a === null || b === null || a === b;

/**
 * `tf.nn.conv2d_transpose(value, filter, output_shape, strides, padding, data_format, name)`: the gradient of
 * conv2d, Conv2DBackpropInput(output_shape, filter, value) under the scope `conv2d_transpose`, with TF1's checks.
 */
export const conv2d_transpose = tf1(
  'nn.conv2d_transpose',
  [
    req('value', TENSOR),
    req('filter', TENSOR),
    req('output_shape', TENSOR),
    req('strides', INTS),
    opt('padding', STR),
    opt('data_format', STR),
    opt('name', STR),
  ] as const,
  (a) => {
    const graph = graphOf([a.value, a.filter, a.output_shape]);
    return graph.name_scope(a.name ?? 'conv2d_transpose', (scope) => {
      const format = a.data_format ?? 'NHWC';
      const padding = a.padding ?? 'SAME';
      if (format !== 'NCHW' && format !== 'NHWC') throw new ValueError('data_format has to be either NCHW or NHWC.');
      const value = toTensor(a.value, { name: 'value', graph });
      const filter = toTensor(a.filter, { name: 'filter', graph });
      const axis = format === 'NHWC' ? 3 : 1;
      const [vc, fc] = [dimAt(value.shape, axis), dimAt(filter.shape, 3)];
      if (!compatible(vc, fc)) throw new ValueError(`input channels does not match filter's input channels, ${dimStr(vc)} != ${dimStr(fc)}`);
      const outputShape = toTensor(a.output_shape, { name: 'output_shape', graph });
      if (!outputShape.shape.is_compatible_with(new TensorShape([4]))) throw new ValueError(`output_shape must have shape (4,), got ${outputShape.shape}`);
      if (Array.isArray(a.output_shape) && !compatible(dimAt(filter.shape, 2), a.output_shape[axis] as number)) {
        throw new ValueError(`output_shape does not match filter's output channels, ${a.output_shape[axis]} != ${dimStr(dimAt(filter.shape, 2))}`);
      }
      if (padding !== 'VALID' && padding !== 'SAME') throw new ValueError(`padding must be either VALID or SAME: ${padding}`);
      const attrs: ConvAttrs = { ...checkConvAttrs('Conv2DBackpropInput', { strides: a.strides, padding, data_format: format }), use_cudnn_on_gpu: true };
      if (outputShape.dtype !== 'int32')
        throw new ValueError(`Tensor conversion requested dtype int32 for Tensor with dtype ${outputShape.dtype}: '${outputShape}'`);
      try {
        return graph.create_op('Conv2DBackpropInput', [outputShape, filter, value], attrs, scope).outputs[0]!;
      } catch (e) {
        throw withLiteralHint(e, [outputShape, filter, value]);
      }
    });
  },
);
