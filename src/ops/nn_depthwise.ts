// tf.nn.depthwise_conv2d_native and its backprops as TF1 r1.12's generated wrappers (gen_nn_ops: inputs converted in
// the op's scope, the attrs checked as apply_op checks them), and tf.nn.depthwise_conv2d / separable_conv2d as
// nn_impl builds them: the inputs converted under the scope (`tensor_in`, `filter_in`, ...), the filter's `Shape` and
// the `dilation_rate` constant of nn_ops.with_space_to_batch, then the ops. A rate other than 1 runs the convolution
// between SpaceToBatchND and BatchToSpaceND, which tf1-ts does not have: such a rate is refused with a ValueError.
import { opt, req, tf1 } from '../framework/args.js';
import { ValueError } from '../framework/errors.js';
import type { OpType } from '../framework/op_defs.js';
import type { DepthwiseAttrs } from '../framework/ops/nn_depthwise.js';
import type { Graph } from '../graph/graph.js';
import { constantValue } from '../graph/infer.js';
import type { Tensor } from '../graph/tensor.js';
import { shape } from './array_ops.js';
import { convertInputs, graphOf, toTensor, withLiteralHint, type TensorLike } from './convert.js';
import { checkConvAttrs, convWrappers, INTS } from './conv_wrappers.js';
import { STR, TENSOR } from './kinds.js';
import { conv2d } from './nn_conv.js';

/** The attrs as apply_op checks them: padding and data_format among their allowed values, with TF1's ValueError. */
const depthwiseAttrs = (type: OpType, a: Parameters<typeof checkConvAttrs>[1]): DepthwiseAttrs => checkConvAttrs(type, a);

/** Creates the op named `name` (a scope string names it exactly), with TF1's hint when a JS literal took the wrong dtype. */
function create(graph: Graph, type: 'DepthwiseConv2dNative', inputs: Tensor[], attrs: DepthwiseAttrs, name: string): Tensor {
  try {
    return graph.create_op(type, inputs, attrs, name).outputs[0]!;
  } catch (e) {
    throw withLiteralHint(e, inputs);
  }
}

const NATIVE = convWrappers(
  ['nn.depthwise_conv2d_native', 'nn.depthwise_conv2d_native_backprop_input', 'nn.depthwise_conv2d_native_backprop_filter'],
  ['DepthwiseConv2dNative', 'DepthwiseConv2dNativeBackpropInput', 'DepthwiseConv2dNativeBackpropFilter'],
  [opt('data_format', STR), opt('dilations', INTS), opt('name', STR)] as const,
  depthwiseAttrs,
);

/** `tf.nn.depthwise_conv2d_native(input, filter, strides, padding, data_format, dilations, name)`: one DepthwiseConv2dNative op. */
export const depthwise_conv2d_native = NATIVE.forward;
/** `tf.nn.depthwise_conv2d_native_backprop_input(input_sizes, filter, out_backprop, strides, padding, ...)`. */
export const depthwise_conv2d_native_backprop_input = NATIVE.backpropInput;
/** `tf.nn.depthwise_conv2d_native_backprop_filter(input, filter_sizes, out_backprop, strides, padding, ...)`. */
export const depthwise_conv2d_native_backprop_filter = NATIVE.backpropFilter;

/**
 * nn_ops.with_space_to_batch's checks of `rate` (as the `dilation_rate` constant, after the filter's Shape), then
 * `op(input)` when every rate is 1; any other rate needs SpaceToBatchND and BatchToSpaceND.
 */
function withSpaceToBatch(graph: Graph, fn: string, input: Tensor, filter: Tensor, rate: TensorLike, op: () => Tensor): Tensor {
  shape(filter);
  const r = toTensor(rate, { dtype: 'int32', name: 'dilation_rate', graph });
  if (r.shape.ndims !== 1) throw new ValueError('rate must be rank 1');
  if (!r.shape.is_fully_defined()) throw new ValueError('rate must have known shape');
  const n = r.shape.dims![0]!;
  try {
    input.shape.with_rank_at_least(n + 1);
  } catch {
    throw new ValueError(`input tensor must have rank ${n + 1} at least`);
  }
  const value = constantValue(r);
  if (value && Array.from(value.data).some((d) => d < 1)) throw new ValueError('dilation_rate must be positive');
  if (value && Array.from(value.data).every((d) => d === 1)) return op();
  throw new ValueError(`${fn} with a rate other than 1 needs SpaceToBatchND and BatchToSpaceND, which tf1-ts does not have: use rate [1, 1]`);
}

/**
 * `tf.nn.depthwise_conv2d(input, filter, strides, padding, rate, name, data_format)`: a DepthwiseConv2dNative named
 * after the scope `depthwise` (input [N, H, W, C], filter [FH, FW, C, multiplier], C·multiplier channels out).
 */
export const depthwise_conv2d = tf1(
  'nn.depthwise_conv2d',
  [
    req('input', TENSOR),
    req('filter', TENSOR),
    req('strides', INTS),
    req('padding', STR),
    opt('rate', TENSOR),
    opt('name', STR),
    opt('data_format', STR),
  ] as const,
  (a) => {
    const graph = graphOf([a.input, a.filter]);
    return graph.name_scope(a.name ?? 'depthwise', (scope) => {
      const [input, filter] = convertInputs(
        graph,
        [
          ['tensor_in', a.input],
          ['filter_in', a.filter],
        ],
        ['tensor_in', 'filter_in'],
        'float32',
      ) as [Tensor, Tensor];
      return withSpaceToBatch(graph, 'depthwise_conv2d', input, filter, a.rate ?? [1, 1], () =>
        create(graph, 'DepthwiseConv2dNative', [input, filter], depthwiseAttrs('DepthwiseConv2dNative', a), scope),
      );
    });
  },
);

/**
 * `tf.nn.separable_conv2d(input, depthwise_filter, pointwise_filter, strides, padding, rate, name, data_format)`:
 * `separable_conv2d/depthwise` (a DepthwiseConv2dNative), then a 1×1 VALID Conv2D by the pointwise filter named after
 * the scope.
 */
export const separable_conv2d = tf1(
  'nn.separable_conv2d',
  [
    req('input', TENSOR),
    req('depthwise_filter', TENSOR),
    req('pointwise_filter', TENSOR),
    req('strides', INTS),
    req('padding', STR),
    opt('rate', TENSOR),
    opt('name', STR),
    opt('data_format', STR),
  ] as const,
  (a) => {
    const graph = graphOf([a.input, a.depthwise_filter, a.pointwise_filter]);
    return graph.name_scope(a.name ?? 'separable_conv2d', (scope) => {
      const [input, depthwise, pointwise] = convertInputs(
        graph,
        [
          ['tensor_in', a.input],
          ['depthwise_filter', a.depthwise_filter],
          ['pointwise_filter', a.pointwise_filter],
        ],
        ['tensor_in', 'depthwise_filter', 'pointwise_filter'],
        'float32',
      ) as [Tensor, Tensor, Tensor];
      const p = pointwise.shape.with_rank(4);
      for (const d of [p.dims?.[0] ?? null, p.dims?.[1] ?? null]) {
        if (d !== null && d !== 1) throw new ValueError(`Dimensions ${d} and 1 are not compatible`);
      }
      const inner = withSpaceToBatch(graph, 'separable_conv2d', input, depthwise, a.rate ?? [1, 1], () =>
        create(graph, 'DepthwiseConv2dNative', [input, depthwise], depthwiseAttrs('DepthwiseConv2dNative', a), 'depthwise'),
      );
      return conv2d(inner, pointwise, [1, 1, 1, 1], 'VALID', { data_format: a.data_format ?? null, name: scope });
    });
  },
);
