// tf.layers' core layers (python/layers/core.py over keras/layers/core.py, r1.12): Dense, Dropout, Flatten and
// their functional forms.
import { opt, parseArgs, req, signed, tf1, type Call } from '../../framework/args.js';
import type { DType } from '../../framework/dtypes.js';
import { ValueError } from '../../framework/errors.js';
import { TensorShape } from '../../framework/shape.js';
import type { Tensor } from '../../graph/tensor.js';
import { get_default_graph } from '../../graph/graph.js';
import { identity, shape as shapeOf } from '../array_ops.js';
import { stack } from '../array_structure_ops.js';
import type { TensorLike } from '../convert.js';
import { zeros_initializer } from '../init_ops.js';
import { BOOL, INT, STR, TENSOR, kind, list } from '../kinds.js';
import { matmul, subtract } from '../math_ops.js';
import { bias_add } from '../nn_bias.js';
import { dropout as nnDropout } from '../nn_dropout.js';
import { SEED } from '../random_ops.js';
import { transpose } from '../transpose.js';
import type { RefVariable } from '../variables.js';
import { type CallKwargs, type InitializerLike, Layer, type TensorFn, asTensorShape } from './base.js';
import { FN, INITIALIZER, LAYER_NAME, RATE, REUSE, TRAINING, construct, refuseConstraints, smartCond } from './kinds.js';
import { tensordotLast } from './tensordot.js';
import { normalizeDataFormat } from './utils.js';

const DENSE = [
  req('units', INT),
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

/**
 * `tf.layers.Dense(units, activation, use_bias, kernel_initializer, bias_initializer, kernel_regularizer,
 * bias_regularizer, activity_regularizer, kernel_constraint, bias_constraint, trainable, name)`:
 * `activation(inputs . kernel + bias)`, MatMul on a rank-2 input and Tensordot above.
 */
export class Dense extends Layer {
  readonly units: number;
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

  constructor(...args: Call<typeof DENSE>) {
    const a = parseArgs('Dense', DENSE, args);
    refuseConstraints(a);
    super({ trainable: a.trainable, name: a.name, activity_regularizer: a.activity_regularizer });
    this.units = a.units;
    this.activation = a.activation ?? null;
    this.use_bias = a.use_bias ?? true;
    this.kernel_initializer = a.kernel_initializer ?? null;
    this.bias_initializer = a.bias_initializer ?? zeros_initializer();
    this.kernel_regularizer = a.kernel_regularizer ?? null;
    this.bias_regularizer = a.bias_regularizer ?? null;
    this.input_spec = { min_ndim: 2 };
  }

  override build(shape: unknown): void {
    const input_shape = asTensorShape(shape);
    const last = input_shape.dims === null ? null : (input_shape.dims[input_shape.dims.length - 1] ?? null);
    if (last === null) throw new ValueError('The last dimension of the inputs to `Dense` should be defined. Found `None`.');
    this.input_spec = { min_ndim: 2, axes: { [-1]: last } };
    this.kernel = this.add_weight('kernel', [last, this.units], {
      initializer: this.kernel_initializer,
      regularizer: this.kernel_regularizer,
      dtype: this.dtype,
      trainable: true,
    });
    if (this.use_bias) {
      this.bias = this.add_weight('bias', [this.units], {
        initializer: this.bias_initializer,
        regularizer: this.bias_regularizer,
        dtype: this.dtype,
        trainable: true,
      });
    }
    this.built = true;
  }

  override call(inputs: Tensor): Tensor {
    const rank = inputs.shape.ndims!;
    let outputs: Tensor;
    if (rank > 2) {
      outputs = tensordotLast(inputs.graph, inputs, this.kernel!);
      outputs.set_shape([...inputs.shape.as_list().slice(0, -1), this.units]);
    } else {
      outputs = matmul(inputs, this.kernel!);
    }
    if (this.use_bias) outputs = bias_add(outputs, this.bias!);
    return this.activation ? this.activation(outputs)! : outputs;
  }

  override compute_output_shape(input_shape: unknown): TensorShape {
    const s = asTensorShape(input_shape).with_rank_at_least(2);
    if (s.dims === null || s.dims[s.dims.length - 1] === null) throw new ValueError(`The innermost dimension of input_shape must be defined, but saw: ${s}`);
    return new TensorShape([...s.dims.slice(0, -1), this.units]);
  }
}
signed(Dense, 'layers.Dense', DENSE);

/**
 * `tf.layers.dense(inputs, units, activation, use_bias, kernel_initializer, bias_initializer, kernel_regularizer,
 * bias_regularizer, activity_regularizer, kernel_constraint, bias_constraint, trainable, name, reuse)`: a Dense
 * layer in the variable scope `name` (unique `dense`, `dense_1`, ... without one), applied to `inputs`.
 */
export const dense = tf1('layers.dense', [req('inputs', TENSOR), ...DENSE, opt('reuse', REUSE)] as const, (a) => {
  const inputs = a.inputs as TensorLike;
  const dtype = (inputs as { dtype?: DType }).dtype ?? null;
  const { inputs: _inputs, reuse: _reuse, units, ...rest } = a;
  const layer = construct({ _scope: a.name ?? null, _reuse: a.reuse ?? null, dtype }, () => new Dense(units, rest));
  return layer.apply(inputs);
});

/** A size in a noise shape, or None. */
const DIM = kind<number | null>('int or None', (v) => v === null || (typeof v === 'number' && Number.isInteger(v)));

const DROPOUT = [opt('rate', RATE), opt('noise_shape', list(DIM)), opt('seed', SEED), opt('name', STR)] as const;

/**
 * `tf.layers.Dropout(rate, noise_shape, seed, name)`: with `training` true, each element dropped with probability
 * `rate` (tf.nn.dropout with keep_prob `1 - rate`); with training false (the default), the input (`Identity`).
 */
export class Dropout extends Layer {
  readonly rate: number | Tensor;
  readonly noise_shape: readonly (number | null)[] | null;
  readonly seed: number | null;

  constructor(...args: Call<typeof DROPOUT>) {
    const a = parseArgs('Dropout', DROPOUT, args);
    super({ name: a.name });
    this.rate = a.rate ?? 0.5;
    this.noise_shape = a.noise_shape ?? null;
    this.seed = a.seed ?? null;
  }

  override call(inputs: Tensor, kwargs: CallKwargs): Tensor {
    // TF1's smart_cond: a bool Tensor `training` builds a tf.cond between the dropped and the plain input.
    const dropped = (): Tensor => {
      const rate = this.rate;
      const keep = typeof rate === 'number' ? 1 - rate : subtract(1, rate);
      return nnDropout(inputs, keep, { noise_shape: this.noise_shape as (number | null)[] | null, seed: this.seed });
    };
    return smartCond(kwargs.training, dropped, () => identity(inputs));
  }

  override compute_output_shape(input_shape: unknown): TensorShape {
    return asTensorShape(input_shape);
  }
}
signed(Dropout, 'layers.Dropout', DROPOUT);

/** `tf.layers.dropout(inputs, rate, noise_shape, seed, training, name)`: a Dropout layer applied with `training` (a boolean or a bool Tensor). */
export const dropout = tf1(
  'layers.dropout',
  [req('inputs', TENSOR), opt('rate', RATE), opt('noise_shape', list(DIM)), opt('seed', SEED), opt('training', TRAINING), opt('name', STR)] as const,
  (a) => {
    const layer = new Dropout(a.rate ?? 0.5, { noise_shape: a.noise_shape ?? null, seed: a.seed ?? null, name: a.name ?? null });
    return layer.apply(a.inputs, { training: a.training ?? false });
  },
);

const FLATTEN = [opt('data_format', STR), opt('name', STR)] as const;

/** `tf.layers.Flatten(data_format, name)`: the input reshaped to `[batch, -1]` (channels moved last first for channels_first). */
export class Flatten extends Layer {
  readonly data_format: 'channels_first' | 'channels_last';

  constructor(...args: Call<typeof FLATTEN>) {
    const a = parseArgs('Flatten', FLATTEN, args);
    super({ name: a.name });
    this.data_format = normalizeDataFormat(a.data_format);
    this.input_spec = { min_ndim: 2 };
  }

  override call(inputs: Tensor): Tensor {
    let x = inputs;
    const graph = get_default_graph();
    if (this.data_format === 'channels_first') {
      const n = x.shape.ndims!;
      x = transpose(x, [0, ...Array.from({ length: n - 2 }, (_, i) => i + 2), 1]);
    }
    const batch = shapeOf(x).at(0);
    const outputs = graph.name_scope('Reshape', (scope) => {
      const packed = graph.name_scope('shape', (s) => stack([batch, -1], { name: s }));
      return graph.create_op('Reshape', [x, packed], {}, scope).outputs[0]!;
    });
    outputs.set_shape(this.compute_output_shape(x.shape));
    return outputs;
  }

  override compute_output_shape(input_shape: unknown): TensorShape {
    const dims = asTensorShape(input_shape).as_list();
    const rest = dims.slice(1);
    const known = rest.every((d) => d !== null && d !== 0);
    return new TensorShape([dims[0]!, known ? rest.reduce<number>((p, d) => p * d!, 1) : null]);
  }
}
signed(Flatten, 'layers.Flatten', FLATTEN);

/** `tf.layers.flatten(inputs, name, data_format)`: a Flatten layer applied to `inputs`. */
export const flatten = tf1('layers.flatten', [req('inputs', TENSOR), opt('name', STR), opt('data_format', STR)] as const, (a) =>
  new Flatten({ data_format: a.data_format ?? 'channels_last', name: a.name ?? null }).apply(a.inputs),
);
