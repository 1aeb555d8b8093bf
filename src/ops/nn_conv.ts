// tf.nn.conv2d, conv2d_backprop_input and conv2d_backprop_filter as TF1 r1.12's generated wrappers (gen_nn_ops:
// inputs converted in the op's scope, then the attrs checked as apply_op checks them), and conv2d_transpose as
// nn_ops.conv2d_transpose (its ValueErrors, then one Conv2DBackpropInput).
import { opt, req, tf1 } from '../framework/args.js';
import { ValueError } from '../framework/errors.js';
import type { OpType } from '../framework/op_defs.js';
import type { ConvAttrs, ConvPadding } from '../framework/ops/nn_conv.js';
import type { DataFormat } from '../framework/ops/nn_extra.js';
import type { Dim } from '../framework/shape.js';
import { TensorShape } from '../framework/shape.js';
import type { Tensor } from '../graph/tensor.js';
import { convertInputs, graphOf, toTensor, withLiteralHint, type TensorLike } from './convert.js';
import { BOOL, INT, STR, TENSOR, list } from './kinds.js';

const PADDINGS: readonly ConvPadding[] = ['SAME', 'VALID'];
const FORMATS: readonly DataFormat[] = ['NHWC', 'NCHW'];
const INTS = list(INT, 'list of ints');

/** The attrs as apply_op checks them: each string among its allowed values, with TF1's ValueError. */
function convAttrs(
  type: OpType,
  a: { strides: readonly number[]; padding: string; use_cudnn_on_gpu?: boolean | null; data_format?: string | null; dilations?: readonly number[] | null },
): ConvAttrs {
  const check = (attr: string, v: string, allowed: readonly string[]) => {
    if (!allowed.includes(v)) throw new ValueError(`Attr '${attr}' of '${type}' Op passed string '${v}' not in: "${allowed.join('", "')}".`);
  };
  const format = a.data_format ?? 'NHWC';
  check('padding', a.padding, PADDINGS);
  check('data_format', format, FORMATS);
  return {
    strides: [...a.strides],
    use_cudnn_on_gpu: a.use_cudnn_on_gpu ?? true,
    padding: a.padding as ConvPadding,
    data_format: format as DataFormat,
    dilations: [...(a.dilations ?? [1, 1, 1, 1])],
  };
}

/** One conv op in its scope: `float` inputs share T (JS values take the tensor's dtype), `sizes` is int32. */
function convOp(type: OpType, name: string, inputs: readonly [string, TensorLike][], sizes: number, attrs: () => ConvAttrs): Tensor {
  const graph = graphOf(inputs.map(([, v]) => v));
  return graph.name_scope(name, (scope) => {
    const floats = inputs.filter((_, i) => i !== sizes);
    const converted = convertInputs(
      graph,
      floats,
      floats.map(([n]) => n),
      'float32',
    );
    const tensors = inputs.map(([n, v], i) =>
      i === sizes ? toTensor(v, { dtype: 'int32', name: n, graph }) : converted[i > sizes && sizes >= 0 ? i - 1 : i]!,
    );
    const at = attrs();
    try {
      return graph.create_op(type as 'Conv2D', tensors, at, scope).outputs[0]!;
    } catch (e) {
      throw withLiteralHint(e, tensors);
    }
  });
}

const ATTR_PARAMS = [opt('use_cudnn_on_gpu', BOOL), opt('data_format', STR), opt('dilations', INTS), opt('name', STR)] as const;

/** `tf.nn.conv2d(input, filter, strides, padding, use_cudnn_on_gpu, data_format, dilations, name)`: one Conv2D op. */
export const conv2d = tf1('nn.conv2d', [req('input', TENSOR), req('filter', TENSOR), req('strides', INTS), req('padding', STR), ...ATTR_PARAMS] as const, (a) =>
  convOp(
    'Conv2D',
    a.name ?? 'Conv2D',
    [
      ['input', a.input],
      ['filter', a.filter],
    ],
    -1,
    () => convAttrs('Conv2D', a),
  ),
);

/** `tf.nn.conv2d_backprop_input(input_sizes, filter, out_backprop, strides, padding, ...)`: one Conv2DBackpropInput op. */
export const conv2d_backprop_input = tf1(
  'nn.conv2d_backprop_input',
  [req('input_sizes', TENSOR), req('filter', TENSOR), req('out_backprop', TENSOR), req('strides', INTS), req('padding', STR), ...ATTR_PARAMS] as const,
  (a) =>
    convOp(
      'Conv2DBackpropInput',
      a.name ?? 'Conv2DBackpropInput',
      [
        ['input_sizes', a.input_sizes],
        ['filter', a.filter],
        ['out_backprop', a.out_backprop],
      ],
      0,
      () => convAttrs('Conv2DBackpropInput', a),
    ),
);

/** `tf.nn.conv2d_backprop_filter(input, filter_sizes, out_backprop, strides, padding, ...)`: one Conv2DBackpropFilter op. */
export const conv2d_backprop_filter = tf1(
  'nn.conv2d_backprop_filter',
  [req('input', TENSOR), req('filter_sizes', TENSOR), req('out_backprop', TENSOR), req('strides', INTS), req('padding', STR), ...ATTR_PARAMS] as const,
  (a) =>
    convOp(
      'Conv2DBackpropFilter',
      a.name ?? 'Conv2DBackpropFilter',
      [
        ['input', a.input],
        ['filter_sizes', a.filter_sizes],
        ['out_backprop', a.out_backprop],
      ],
      1,
      () => convAttrs('Conv2DBackpropFilter', a),
    ),
);

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
      const attrs = convAttrs('Conv2DBackpropInput', { strides: a.strides, padding, data_format: format });
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
