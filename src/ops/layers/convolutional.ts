// tf.layers.Conv2D and tf.layers.conv2d (python/layers/convolutional.py over keras/layers/convolutional.py, r1.12):
// Conv2D then BiasAdd under the layer's scope (`conv2d/Conv2D`, `conv2d/BiasAdd`), kernel [kh, kw, in, filters].
import { opt, parseArgs, req, signed, tf1, type Call } from '../../framework/args.js';
import type { DType } from '../../framework/dtypes.js';
import { ValueError } from '../../framework/errors.js';
import type { Tensor } from '../../graph/tensor.js';
import type { TensorLike } from '../convert.js';
import { zeros_initializer } from '../init_ops.js';
import { BOOL, INT, STR, TENSOR } from '../kinds.js';
import { bias_add } from '../nn_bias.js';
import { convolutionOp } from '../nn_atrous.js';
import { conv2d as nnConv2d } from '../nn_conv.js';
import type { RefVariable } from '../variables.js';
import { type InitializerLike, Layer, type TensorFn, asTensorShape } from './base.js';
import { FN, INITIALIZER, LAYER_NAME, REUSE, SIZES, construct, refuseConstraints } from './kinds.js';
import { normalizeDataFormat, normalizePadding, normalizeTuple, opFormat } from './utils.js';

const CONV2D = [
  req('filters', INT),
  req('kernel_size', SIZES),
  opt('strides', SIZES),
  opt('padding', STR),
  opt('data_format', STR),
  opt('dilation_rate', SIZES),
  opt('activation', FN),
  opt('use_bias', BOOL),
  opt('kernel_initializer', INITIALIZER),
  opt('bias_initializer', INITIALIZER),
  opt('kernel_regularizer', FN),
  opt('bias_regularizer', FN),
  opt('activity_regularizer', FN),
  opt('kernel_constraint', FN),
  opt('bias_constraint', FN),
  opt('trainable', BOOL),
  opt('name', LAYER_NAME),
] as const;

/** A tuple parameter: its default when left out; Python's explicit None goes to normalize_tuple (its ValueError). */
const tupleArg = (v: unknown, dflt: number[], name: string): number[] => normalizeTuple(v === undefined ? dflt : v, 2, name);

/**
 * `tf.layers.Conv2D(filters, kernel_size, strides, padding, data_format, dilation_rate, activation, use_bias,
 * kernel_initializer, bias_initializer, kernel_regularizer, bias_regularizer, activity_regularizer,
 * kernel_constraint, bias_constraint, trainable, name)`: a 2-D convolution layer.
 */
export class Conv2D extends Layer {
  readonly rank = 2;
  readonly filters: number;
  readonly kernel_size: number[];
  readonly strides: number[];
  readonly padding: 'valid' | 'same';
  readonly data_format: 'channels_first' | 'channels_last';
  readonly dilation_rate: number[];
  readonly activation: TensorFn | null;
  readonly use_bias: boolean;
  readonly kernel_initializer: InitializerLike | null;
  readonly bias_initializer: InitializerLike;
  readonly kernel_regularizer: TensorFn | null;
  readonly bias_regularizer: TensorFn | null;
  /** The kernel variable (made on the first call). */
  kernel: RefVariable | null = null;
  /** The bias variable, or null without one. */
  bias: RefVariable | null = null;

  constructor(...args: Call<typeof CONV2D>) {
    const a = parseArgs('Conv2D', CONV2D, args);
    refuseConstraints(a);
    super({ trainable: a.trainable, name: a.name, activity_regularizer: a.activity_regularizer });
    this.filters = a.filters;
    this.kernel_size = normalizeTuple(a.kernel_size, 2, 'kernel_size');
    this.strides = tupleArg(a.strides, [1, 1], 'strides');
    this.padding = normalizePadding(a.padding ?? 'valid');
    this.data_format = normalizeDataFormat(a.data_format);
    this.dilation_rate = tupleArg(a.dilation_rate, [1, 1], 'dilation_rate');
    this.activation = a.activation ?? null;
    this.use_bias = a.use_bias ?? true;
    this.kernel_initializer = a.kernel_initializer ?? null;
    this.bias_initializer = a.bias_initializer ?? zeros_initializer();
    this.kernel_regularizer = a.kernel_regularizer ?? null;
    this.bias_regularizer = a.bias_regularizer ?? null;
    this.input_spec = { ndim: 4 };
  }

  private get channelAxis(): number {
    return this.data_format === 'channels_first' ? 1 : -1;
  }

  override build(shape: unknown): void {
    const dims = asTensorShape(shape).dims;
    const axis = this.channelAxis;
    const inputDim = dims === null ? null : (dims[axis < 0 ? dims.length + axis : axis] ?? null);
    if (inputDim === null) throw new ValueError('The channel dimension of the inputs should be defined. Found `None`.');
    this.kernel = this.add_weight('kernel', [...this.kernel_size, inputDim, this.filters], {
      initializer: this.kernel_initializer,
      regularizer: this.kernel_regularizer,
      dtype: this.dtype,
      trainable: true,
    });
    if (this.use_bias) {
      this.bias = this.add_weight('bias', [this.filters], {
        initializer: this.bias_initializer,
        regularizer: this.bias_regularizer,
        dtype: this.dtype,
        trainable: true,
      });
    }
    this.input_spec = { ndim: 4, axes: { [axis]: inputDim } };
    this.built = true;
  }

  override call(inputs: Tensor): Tensor {
    const format = opFormat(this.data_format);
    const spatial = (v: number[]) => (format === 'NHWC' ? [1, v[0]!, v[1]!, 1] : [1, 1, v[0]!, v[1]!]);
    // TF1's layers build nn_ops.Convolution: a dilated one is SpaceToBatchND → Conv2D → BatchToSpaceND (the CPU
    // kernels have no dilated Conv2D backprops); an undilated one is the plain Conv2D.
    let outputs = this.dilation_rate.some((r) => r !== 1)
      ? convolutionOp(
          inputs.shape,
          this.kernel!.shape,
          this.padding.toUpperCase(),
          this.strides,
          this.dilation_rate,
          null,
          format,
        )(inputs, this.kernel!.value())
      : nnConv2d(inputs, this.kernel!, spatial(this.strides), this.padding.toUpperCase(), { data_format: format, dilations: spatial(this.dilation_rate) });
    if (this.use_bias) outputs = bias_add(outputs, this.bias!, { data_format: format });
    return this.activation ? this.activation(outputs)! : outputs;
  }
}
signed(Conv2D, 'layers.Conv2D', CONV2D);

/**
 * `tf.layers.conv2d(inputs, filters, kernel_size, strides, padding, data_format, dilation_rate, activation, use_bias,
 * kernel_initializer, bias_initializer, kernel_regularizer, bias_regularizer, activity_regularizer,
 * kernel_constraint, bias_constraint, trainable, name, reuse)`: a Conv2D layer applied to `inputs`.
 */
export const conv2d = tf1('layers.conv2d', [req('inputs', TENSOR), ...CONV2D, opt('reuse', REUSE)] as const, (a) => {
  const { inputs, reuse: _reuse, filters, kernel_size, ...rest } = a;
  const dtype = (inputs as { dtype?: DType }).dtype ?? null;
  const layer = construct({ _scope: a.name ?? null, _reuse: a.reuse ?? null, dtype }, () => new Conv2D(filters, kernel_size, rest as never));
  return layer.apply(inputs as TensorLike);
});
