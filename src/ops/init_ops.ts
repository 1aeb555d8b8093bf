// TF1's initializers (python/ops/init_ops.py, r1.12): objects made by `tf.zeros_initializer()`,
// `tf.glorot_uniform_initializer(seed)`, ..., which `tf.get_variable` calls as `init(shape, dtype,
// partition_info)` to build a variable's initial value. Python's instances are callable objects of a class;
// here each instance is a function whose prototype is the class's, so `init instanceof tf.zeros_initializer`
// holds and `tf.zeros_initializer` itself may be passed where TF1 takes the class.
import type { DType } from '../framework/dtypes.js';
import { isFloating } from '../framework/dtypes.js';
import { asShape, TensorShape } from '../framework/shape.js';
import type { Tensor } from '../graph/tensor.js';
import { opt, parseArgs, repr, signed, type Call, type Params, type Parsed } from '../framework/args.js';
import { TypeError as TFTypeError, ValueError } from '../framework/errors.js';
import { NDArray } from '../framework/ndarray.js';
import { constant, ones, zeros } from './array_ops.js';
import { random_normal, random_uniform, truncated_normal } from './random_ops.js';
import { eye } from './linalg_ops.js';
import { binary } from './operators.js';
import { ANY, BOOL, DTYPE, FLOAT, SHAPE, STR, kind, pyType } from './kinds.js';

/** Marks an initializer instance (a function with its class's prototype). */
const INITIALIZER: unique symbol = Symbol.for('tf1-ts.initializer');
/** Marks an initializer class (the factory TF1 programs call, `tf.zeros_initializer`). */
const INITIALIZER_CLASS: unique symbol = Symbol.for('tf1-ts.initializer_class');

/** A TF1 initializer: `init(shape, dtype, partition_info)` builds the initial value; `get_config()` its arguments. */
export interface Initializer {
  (...args: Call<typeof CALL>): Tensor;
  /** The dtype it builds when the call gives none. */
  readonly dtype: DType;
  /** TF1's `get_config()`: the constructor's arguments. */
  get_config(): Record<string, unknown>;
  readonly [INITIALIZER]: true;
}

/** True for an initializer instance. */
export const isInitializer = (v: unknown): v is Initializer => typeof v === 'function' && INITIALIZER in v;
/** True for an initializer class (`tf.zeros_initializer` itself, which TF1 instantiates with the variable's dtype). */
export const isInitializerClass = (v: unknown): v is (keywords: { dtype: DType }) => Initializer => typeof v === 'function' && INITIALIZER_CLASS in v;

const CALL = [opt('shape', SHAPE), opt('dtype', DTYPE), opt('partition_info', ANY)] as const;
const CONSTANT_CALL = [...CALL, opt('verify_shape', BOOL)] as const;

/** The static shape an initializer is called with, as a list of sizes. */
function sizes(shape: unknown): number[] {
  const s = shape instanceof TensorShape ? shape : asShape(shape as number[]);
  if (!s.is_fully_defined()) throw new ValueError(`An initializer needs a fully defined shape, got ${s}`);
  return s.as_list() as number[];
}

/** TF1's `_assert_float_dtype`. */
function floatDType(d: DType): DType {
  if (!isFloating(d)) throw new ValueError(`Expected floating point type, got <dtype: '${d}'>.`);
  return d;
}

/**
 * Makes a TF1 initializer class: `build(args)` checks the constructor's arguments and returns the config
 * and the call; the class is a plain function (callable with or without `new`) with the signature attached.
 */
function initializerClass<const P extends Params>(
  name: string,
  params: P,
  build: (a: Parsed<P>) => { config: Record<string, unknown>; dtype: DType; call: (shape: unknown, dtype: DType, rest: Record<string, unknown>) => Tensor },
  call: Params = CALL,
): (...args: Call<P>) => Initializer {
  const proto = Object.create(Function.prototype) as object;
  const cls = {
    // biome-ignore lint/complexity/useArrowFunction: a function, so `new tf.zeros_initializer()` works too
    [name]: function (...args: Call<P>): Initializer {
      const made = build(parseArgs(name, params, args));
      const init = ((...callArgs: unknown[]): Tensor => {
        const c = parseArgs('__call__', call, callArgs) as Record<string, unknown>;
        return made.call(c.shape, (c.dtype as DType | null | undefined) ?? made.dtype, c);
      }) as unknown as Initializer;
      Object.setPrototypeOf(init, proto);
      Object.defineProperties(init, {
        dtype: { value: made.dtype, enumerable: true },
        get_config: { value: () => ({ ...made.config }) },
        [INITIALIZER]: { value: true },
      });
      return init;
    },
  }[name]!;
  Object.defineProperty(cls, 'prototype', { value: proto });
  Object.defineProperty(cls, INITIALIZER_CLASS, { value: true });
  return signed(cls, name, params);
}

const DTYPE_ONLY = [opt('dtype', DTYPE)] as const;
const SEED = kind<number>('int', (v) => typeof v === 'number' && Number.isInteger(v));

/** `tf.zeros_initializer(dtype=tf.float32)`: `tf.zeros(shape, dtype)`. */
export const zeros_initializer = initializerClass('zeros_initializer', DTYPE_ONLY, (a) => {
  const dtype = a.dtype ?? 'float32';
  return { config: { dtype }, dtype, call: (shape, d) => zeros(sizes(shape), d) };
});

/** `tf.ones_initializer(dtype=tf.float32)`: `tf.ones(shape, dtype)`. */
export const ones_initializer = initializerClass('ones_initializer', DTYPE_ONLY, (a) => {
  const dtype = a.dtype ?? 'float32';
  return { config: { dtype }, dtype, call: (shape, d) => ones(sizes(shape), d) };
});

const isScalarOrList = (v: unknown): boolean => typeof v === 'number' || typeof v === 'boolean' || Array.isArray(v) || v instanceof NDArray;

/**
 * `tf.constant_initializer(value=0, dtype=tf.float32, verify_shape=False)`: `tf.constant(value, dtype, shape)`,
 * so a shorter list is padded with its last value and a longer one is a ValueError, as in TF1.
 */
export const constant_initializer = initializerClass(
  'constant_initializer',
  [opt('value', ANY), opt('dtype', DTYPE), opt('verify_shape', BOOL)] as const,
  (a) => {
    const value = a.value ?? 0;
    if (!isScalarOrList(value)) {
      throw new TFTypeError(`Invalid type for initial value: ${pyType(value)} (expected Python scalar, list or tuple of values, or numpy.ndarray).`);
    }
    const dtype = a.dtype ?? 'float32';
    const verify = a.verify_shape ?? false;
    return {
      config: { value, dtype, verify_shape: verify },
      dtype,
      call: (shape, d, rest) => constant(value as number, d, sizes(shape), { verify_shape: (rest.verify_shape as boolean | null | undefined) ?? verify }),
    };
  },
  CONSTANT_CALL,
);

/** `tf.random_uniform_initializer(minval=0, maxval=None, seed=None, dtype=tf.float32)`: `tf.random_uniform`. */
export const random_uniform_initializer = initializerClass(
  'random_uniform_initializer',
  [opt('minval', FLOAT), opt('maxval', FLOAT), opt('seed', SEED), opt('dtype', DTYPE)] as const,
  (a) => {
    const dtype = a.dtype ?? 'float32';
    const minval = a.minval ?? 0;
    const maxval = a.maxval ?? null;
    const seed = a.seed ?? null;
    return { config: { minval, maxval, seed, dtype }, dtype, call: (shape, d) => random_uniform(sizes(shape), minval, maxval, d, seed) };
  },
);

const NORMAL = [opt('mean', FLOAT), opt('stddev', FLOAT), opt('seed', SEED), opt('dtype', DTYPE)] as const;

/** `tf.random_normal_initializer(mean=0.0, stddev=1.0, seed=None, dtype=tf.float32)`: `tf.random_normal`. */
export const random_normal_initializer = initializerClass('random_normal_initializer', NORMAL, (a) => {
  const dtype = floatDType(a.dtype ?? 'float32');
  const mean = a.mean ?? 0;
  const stddev = a.stddev ?? 1;
  const seed = a.seed ?? null;
  return { config: { mean, stddev, seed, dtype }, dtype, call: (shape, d) => random_normal(sizes(shape), mean, stddev, d, seed) };
});

/** `tf.truncated_normal_initializer(mean=0.0, stddev=1.0, seed=None, dtype=tf.float32)`: `tf.truncated_normal`. */
export const truncated_normal_initializer = initializerClass('truncated_normal_initializer', NORMAL, (a) => {
  const dtype = floatDType(a.dtype ?? 'float32');
  const mean = a.mean ?? 0;
  const stddev = a.stddev ?? 1;
  const seed = a.seed ?? null;
  return { config: { mean, stddev, seed, dtype }, dtype, call: (shape, d) => truncated_normal(sizes(shape), mean, stddev, d, seed) };
});

/**
 * `tf.uniform_unit_scaling_initializer(factor=1.0, seed=None, dtype=tf.float32)`: uniform in ±sqrt(3 / input_size)·factor,
 * input_size the product of all dimensions but the last (at least 1).
 */
export const uniform_unit_scaling_initializer = initializerClass(
  'uniform_unit_scaling_initializer',
  [opt('factor', FLOAT), opt('seed', SEED), opt('dtype', DTYPE)] as const,
  (a) => {
    const dtype = floatDType(a.dtype ?? 'float32');
    const factor = a.factor ?? 1;
    const seed = a.seed ?? null;
    return {
      config: { factor, seed, dtype },
      dtype,
      call: (shape, d) => {
        const dims = sizes(shape);
        const inputSize = Math.max(
          dims.slice(0, -1).reduce((p, x) => p * x, 1),
          1,
        );
        const max = Math.sqrt(3 / inputSize) * factor;
        return random_uniform(dims, -max, max, d, seed);
      },
    };
  },
);

/** TF1's `_compute_fans(shape)`: (fan_in, fan_out), convolution kernels counting their receptive field. */
export function computeFans(shape: readonly number[]): [number, number] {
  if (shape.length < 1) return [1, 1];
  if (shape.length === 1) return [shape[0]!, shape[0]!];
  if (shape.length === 2) return [shape[0]!, shape[1]!];
  let receptive = 1;
  for (const d of shape.slice(0, -2)) receptive *= d;
  return [shape[shape.length - 2]! * receptive, shape[shape.length - 1]! * receptive];
}

const MODES = ['fan_in', 'fan_out', 'fan_avg'];
const DISTRIBUTIONS = ['normal', 'uniform', 'truncated_normal', 'untruncated_normal'];

/** The draw of VarianceScaling: its scale divided by the mode's fan, then TF1's three distributions. */
function varianceScaled(shape: unknown, dtype: DType, scale: number, mode: string, distribution: string, seed: number | null): Tensor {
  const dims = sizes(shape);
  const [fanIn, fanOut] = computeFans(dims);
  const n = mode === 'fan_in' ? fanIn : mode === 'fan_out' ? fanOut : (fanIn + fanOut) / 2;
  const s = scale / Math.max(1, n);
  if (distribution === 'normal' || distribution === 'truncated_normal') {
    // scipy.stats.truncnorm.std(a=-2, b=2, loc=0., scale=1.), as TF1 divides by it
    return truncated_normal(dims, 0, Math.sqrt(s) / 0.87962566103423978, dtype, seed);
  }
  if (distribution === 'untruncated_normal') return random_normal(dims, 0, Math.sqrt(s), dtype, seed);
  const limit = Math.sqrt(3 * s);
  return random_uniform(dims, -limit, limit, dtype, seed);
}

/**
 * `tf.variance_scaling_initializer(scale=1.0, mode="fan_in", distribution="truncated_normal", seed=None,
 * dtype=tf.float32)`: samples scaled by the fan of the shape (TF1's VarianceScaling).
 */
export const variance_scaling_initializer = initializerClass(
  'variance_scaling_initializer',
  [opt('scale', FLOAT), opt('mode', STR), opt('distribution', STR), opt('seed', SEED), opt('dtype', DTYPE)] as const,
  (a) => {
    const scale = a.scale ?? 1;
    if (scale <= 0) throw new ValueError('`scale` must be positive float.');
    const mode = a.mode ?? 'fan_in';
    if (!MODES.includes(mode)) throw new ValueError(`('Invalid \`mode\` argument:', ${repr(mode)})`);
    const distribution = (a.distribution ?? 'truncated_normal').toLowerCase();
    if (!DISTRIBUTIONS.includes(distribution)) throw new ValueError(`('Invalid \`distribution\` argument:', ${repr(distribution)})`);
    const dtype = floatDType(a.dtype ?? 'float32');
    const seed = a.seed ?? null;
    return {
      config: { scale, mode, distribution, seed, dtype },
      dtype,
      call: (shape, d) => varianceScaled(shape, d, scale, mode, distribution, seed),
    };
  },
);

const GLOROT = [opt('seed', SEED), opt('dtype', DTYPE)] as const;

/** `tf.glorot_uniform_initializer(seed=None, dtype=tf.float32)`: VarianceScaling(1.0, 'fan_avg', 'uniform'), the Xavier uniform draw. */
export const glorot_uniform_initializer = initializerClass('glorot_uniform_initializer', GLOROT, (a) => {
  const dtype = floatDType(a.dtype ?? 'float32');
  const seed = a.seed ?? null;
  return { config: { seed, dtype }, dtype, call: (shape, d) => varianceScaled(shape, d, 1, 'fan_avg', 'uniform', seed) };
});

/** `tf.glorot_normal_initializer(seed=None, dtype=tf.float32)`: VarianceScaling(1.0, 'fan_avg', 'truncated_normal'). */
export const glorot_normal_initializer = initializerClass('glorot_normal_initializer', GLOROT, (a) => {
  const dtype = floatDType(a.dtype ?? 'float32');
  const seed = a.seed ?? null;
  return { config: { seed, dtype }, dtype, call: (shape, d) => varianceScaled(shape, d, 1, 'fan_avg', 'truncated_normal', seed) };
});

/**
 * TF1's `init_ops.identity_initializer(gain=1.0, dtype=tf.float32)` (`tf.initializers.identity`): `gain * tf.eye(rows,
 * cols)` for a 2-D shape, Python's `*` (a node named `mul`).
 */
export const identity_initializer = initializerClass('identity_initializer', [opt('gain', FLOAT), opt('dtype', DTYPE)] as const, (a) => {
  const dtype = floatDType(a.dtype ?? 'float32');
  const gain = a.gain ?? 1;
  return {
    config: { gain, dtype },
    dtype,
    call: (shape, d) => {
      const full = sizes(shape);
      if (full.length !== 2) throw new ValueError('Identity matrix initializer can only be used for 2D matrices.');
      return binary('Mul', 'mul', gain, eye(full[0]!, full[1]!, { dtype: d }));
    },
  };
});
