// tf.layers' 2-D pooling layers (python/layers/pooling.py over keras/layers/pooling.py, r1.12): MaxPool or
// AvgPool under the layer's scope (`max_pooling2d/MaxPool`, `average_pooling2d/AvgPool`).
import { opt, parseArgs, req, signed, tf1, type Call } from '../../framework/args.js';
import { ValueError } from '../../framework/errors.js';
import { TensorShape } from '../../framework/shape.js';
import type { Tensor } from '../../graph/tensor.js';
import { windowedOutputDim } from '../../framework/ops/nn_conv.js';
import { STR, TENSOR } from '../kinds.js';
import { avg_pool, max_pool } from '../nn_pool.js';
import { Layer, asTensorShape } from './base.js';
import { SIZES } from './kinds.js';
import { normalizeDataFormat, normalizePadding, normalizeTuple, opFormat } from './utils.js';

const POOL = [req('pool_size', SIZES), req('strides', SIZES), opt('padding', STR), opt('data_format', STR), opt('name', STR)] as const;

/** Keras's Pooling2D: pool_size and strides (2 ints each), padding, data_format; the pool function of the subclass. */
abstract class Pooling2D extends Layer {
  readonly pool_size: number[];
  readonly strides: number[];
  readonly padding: 'valid' | 'same';
  readonly data_format: 'channels_first' | 'channels_last';

  constructor(fn: string, args: unknown[]) {
    const a = parseArgs(fn, POOL, args);
    super({ name: a.name });
    if (a.strides === null) throw new ValueError('Argument `strides` must not be None.');
    this.pool_size = normalizeTuple(a.pool_size, 2, 'pool_size');
    this.strides = normalizeTuple(a.strides, 2, 'strides');
    this.padding = normalizePadding(a.padding ?? 'valid');
    this.data_format = normalizeDataFormat(a.data_format);
    this.input_spec = { ndim: 4 };
  }

  protected abstract pool(x: Tensor, ksize: number[], strides: number[], padding: string, format: string): Tensor;

  override call(inputs: Tensor): Tensor {
    const last = this.data_format === 'channels_last';
    const ksize = last ? [1, ...this.pool_size, 1] : [1, 1, ...this.pool_size];
    const strides = last ? [1, ...this.strides, 1] : [1, 1, ...this.strides];
    return this.pool(inputs, ksize, strides, this.padding.toUpperCase(), opFormat(this.data_format));
  }

  override compute_output_shape(input_shape: unknown): TensorShape {
    const d = asTensorShape(input_shape).as_list();
    const last = this.data_format === 'channels_last';
    const [h, w] = last ? [d[1]!, d[2]!] : [d[2]!, d[3]!];
    const padding = this.padding === 'same' ? 'SAME' : 'VALID';
    const rows = windowedOutputDim(h, this.pool_size[0]!, 1, this.strides[0]!, padding);
    const cols = windowedOutputDim(w, this.pool_size[1]!, 1, this.strides[1]!, padding);
    return new TensorShape(last ? [d[0]!, rows, cols, d[3]!] : [d[0]!, d[1]!, rows, cols]);
  }
}

/** `tf.layers.MaxPooling2D(pool_size, strides, padding, data_format, name)`: the maximum of each window. */
export class MaxPooling2D extends Pooling2D {
  constructor(...args: Call<typeof POOL>) {
    super('MaxPooling2D', args);
  }
  protected pool(x: Tensor, ksize: number[], strides: number[], padding: string, data_format: string): Tensor {
    return max_pool(x, ksize, strides, padding, { data_format });
  }
}
signed(MaxPooling2D, 'layers.MaxPooling2D', POOL);

/** `tf.layers.AveragePooling2D(pool_size, strides, padding, data_format, name)`: the mean of each window. */
export class AveragePooling2D extends Pooling2D {
  constructor(...args: Call<typeof POOL>) {
    super('AveragePooling2D', args);
  }
  protected pool(x: Tensor, ksize: number[], strides: number[], padding: string, data_format: string): Tensor {
    return avg_pool(x, ksize, strides, padding, { data_format });
  }
}
signed(AveragePooling2D, 'layers.AveragePooling2D', POOL);

const POOL_FN = [req('inputs', TENSOR), ...POOL] as const;

/** `tf.layers.max_pooling2d(inputs, pool_size, strides, padding, data_format, name)`. */
export const max_pooling2d = tf1('layers.max_pooling2d', POOL_FN, ({ inputs, pool_size, strides, ...rest }) =>
  new MaxPooling2D(pool_size, strides, rest).apply(inputs),
);

/** `tf.layers.average_pooling2d(inputs, pool_size, strides, padding, data_format, name)`. */
export const average_pooling2d = tf1('layers.average_pooling2d', POOL_FN, ({ inputs, pool_size, strides, ...rest }) =>
  new AveragePooling2D(pool_size, strides, rest).apply(inputs),
);
