// tf.contrib.layers' initializers (contrib/layers/python/layers/initializers.py, r1.12): xavier_initializer and
// its variance_scaling_initializer (factor, 'FAN_IN'/'FAN_OUT'/'FAN_AVG', uniform), which are plain functions
// `(shape, dtype, partition_info) => Tensor`, not init_ops' classes.
import type { DType } from '../framework/dtypes.js';
import { isFloating } from '../framework/dtypes.js';
import type { Tensor } from '../graph/tensor.js';
import { opt, parseArgs, repr, tf1 } from '../framework/args.js';
import { TypeError as TFTypeError } from '../framework/errors.js';
import { random_uniform, truncated_normal } from './random_ops.js';
import { ANY, BOOL, DTYPE, FLOAT, SHAPE, STR, kind } from './kinds.js';
import { asShape, TensorShape } from '../framework/shape.js';

const SEED = kind<number>('int', (v) => typeof v === 'number' && Number.isInteger(v));
const CALL = [opt('shape', SHAPE), opt('dtype', DTYPE), opt('partition_info', ANY)] as const;

/** A contrib initializer: called as `init(shape, dtype, partition_info)`. */
export type ContribInitializer = (...args: unknown[]) => Tensor;

function make(factor: number, mode: string, uniform: boolean, seed: number | null, dtype: DType): ContribInitializer {
  if (!isFloating(dtype)) throw new TFTypeError('Cannot create initializer for non-floating point type.');
  if (!['FAN_IN', 'FAN_OUT', 'FAN_AVG'].includes(mode)) throw new TFTypeError(`('Unknown mode %s [FAN_IN, FAN_OUT, FAN_AVG]', ${repr(mode)})`);
  return (...args: unknown[]): Tensor => {
    const a = parseArgs('_initializer', CALL, args);
    const d = a.dtype ?? dtype;
    if (!isFloating(d)) throw new TFTypeError('Cannot create initializer for non-floating point type.');
    const s = a.shape instanceof TensorShape ? a.shape : asShape(a.shape as number[]);
    const shape = s.as_list() as number[];
    // Estimating fan_in and fan_out is not possible to do perfectly, but TF1 tries (matmul and convolutions).
    let fanIn = shape.length ? (shape.length > 1 ? shape[shape.length - 2]! : shape[shape.length - 1]!) : 1;
    let fanOut = shape.length ? shape[shape.length - 1]! : 1;
    for (const dim of shape.slice(0, -2)) {
      fanIn *= dim;
      fanOut *= dim;
    }
    const n = mode === 'FAN_IN' ? fanIn : mode === 'FAN_OUT' ? fanOut : (fanIn + fanOut) / 2;
    if (uniform) {
      const limit = Math.sqrt((3 * factor) / n);
      return random_uniform(shape, -limit, limit, d, seed);
    }
    return truncated_normal(shape, 0, Math.sqrt((1.3 * factor) / n), d, seed);
  };
}

/**
 * `tf.contrib.layers.variance_scaling_initializer(factor=2.0, mode='FAN_IN', uniform=False, seed=None, dtype=tf.float32)`:
 * uniform in ±sqrt(3·factor/n), else truncated normal of stddev sqrt(1.3·factor/n), n the mode's fan.
 */
export const variance_scaling_initializer = tf1(
  'variance_scaling_initializer',
  [opt('factor', FLOAT), opt('mode', STR), opt('uniform', BOOL), opt('seed', SEED), opt('dtype', DTYPE)],
  (a) => make(a.factor ?? 2.0, a.mode ?? 'FAN_IN', a.uniform ?? false, a.seed ?? null, a.dtype ?? 'float32'),
);

const XAVIER = [opt('uniform', BOOL), opt('seed', SEED), opt('dtype', DTYPE)] as const;

/** `tf.contrib.layers.xavier_initializer(uniform=True, seed=None, dtype=tf.float32)`: variance scaling with factor 1, FAN_AVG (Glorot). */
export const xavier_initializer = tf1('xavier_initializer', XAVIER, (a) => make(1.0, 'FAN_AVG', a.uniform ?? true, a.seed ?? null, a.dtype ?? 'float32'));

/** `tf.contrib.layers.xavier_initializer_conv2d`: the same function, TF1's other name. */
export const xavier_initializer_conv2d = tf1('xavier_initializer_conv2d', XAVIER, (a) =>
  make(1.0, 'FAN_AVG', a.uniform ?? true, a.seed ?? null, a.dtype ?? 'float32'),
);
