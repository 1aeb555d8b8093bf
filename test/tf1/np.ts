// The few NumPy functions TF1's tests compute their expected values with, on NDArrays, with NumPy's
// semantics where they matter: broadcasting, the result's dtype, C casts in astype, Python's floor division
// and remainder, int32 wrapping. A seeded generator stands in for np.random.
import * as tf from '../../src/index.js';
import { allocHost, type DType } from '../../src/framework/dtypes.js';

type NDArray = tf.NDArray;

/** An NDArray of `dtype` from float64 values, converted as NumPy's astype (see cast). */
export function array(values: readonly number[], shape: readonly number[], dtype: DType): NDArray {
  const out = allocHost(dtype, values.length);
  values.forEach((v, i) => (out[i] = cast(v, dtype)));
  return new tf.NDArray(out, shape, dtype);
}

/** One value converted as C does on x86 (NumPy's astype): truncation, INT_MIN for NaN and out of range. */
export function cast(v: number, dtype: DType): number {
  switch (dtype) {
    case 'float32':
      return Math.fround(v);
    case 'float64':
      return v;
    case 'bool':
      return v !== 0 ? 1 : 0;
    case 'int32':
      return v > -2147483649 && v < 2147483648 ? Math.trunc(v) : -2147483648;
    case 'int64':
      return v >= -(2 ** 63) && v < 2 ** 63 ? Math.trunc(v) : -(2 ** 63);
    default:
      // the narrow integers: C's conversion through int32 (x86), the typed array's store wrapping it
      return v > -2147483649 && v < 2147483648 ? Math.trunc(v) : -2147483648;
  }
}

/** `a.astype(dtype)`. */
export function astype(a: NDArray, dtype: DType): NDArray {
  if (a.dtype === 'int64' && dtype === 'int32') return new tf.NDArray(Int32Array.from(a.data), a.shape, dtype);
  return array(Array.from(a.data), a.shape, dtype);
}

/** `a.reshape(shape)`. */
export const reshape = (a: NDArray, shape: readonly number[]): NDArray => new tf.NDArray(a.data, shape, a.dtype);

/** `np.arange(start, stop, step)`'s values. */
export function arange(start: number, stop: number, step = 1): number[] {
  const n = Math.max(0, Math.ceil((stop - start) / step));
  return Array.from({ length: n }, (_, i) => start + i * step);
}

/** `np.linspace(start, stop, num)`'s values: i * step + start, the last one exactly stop (one value: start). */
export function linspace(start: number, stop: number, num: number): number[] {
  if (num === 1) return [start];
  const step = (stop - start) / (num - 1);
  return Array.from({ length: num }, (_, i) => (i === num - 1 && num > 1 ? stop : i * step + start));
}

function broadcast(a: readonly number[], b: readonly number[]): number[] {
  const n = Math.max(a.length, b.length);
  return Array.from({ length: n }, (_, i) => {
    const x = a[a.length - n + i] ?? 1;
    const y = b[b.length - n + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) throw new Error(`operands could not be broadcast together with shapes (${a}) (${b})`);
    return x === 1 ? y : x;
  });
}

function index(shape: readonly number[], out: readonly number[], flat: number): number {
  let k = 0;
  let rem = flat;
  let stride = 1;
  for (let i = out.length - 1; i >= 0; i--) {
    const c = rem % out[i]!;
    rem = Math.floor(rem / out[i]!);
    const j = i - (out.length - shape.length);
    if (j >= 0) {
      if (shape[j] !== 1) k += c * stride;
      stride *= shape[j]!;
    }
  }
  return k;
}

/** A NumPy ufunc of two arrays: broadcast, computed in doubles, stored as `dtype` (rounding float32, wrapping int32). */
export function binary(a: NDArray, b: NDArray, f: (x: number, y: number) => number, dtype: DType = a.dtype): NDArray {
  const shape = broadcast(a.shape, b.shape);
  const n = shape.reduce((p, q) => p * q, 1);
  const out = allocHost(dtype, n);
  for (let i = 0; i < n; i++) out[i] = f(a.data[index(a.shape, shape, i)]!, b.data[index(b.shape, shape, i)]!);
  return new tf.NDArray(out, shape, dtype);
}

/** A NumPy ufunc of one array. */
export function unary(a: NDArray, f: (x: number) => number, dtype: DType = a.dtype): NDArray {
  const out = allocHost(dtype, a.size);
  a.data.forEach((v, i) => (out[i] = f(v)));
  return new tf.NDArray(out, a.shape, dtype);
}

const isInt = (d: DType): boolean => d === 'int32' || d === 'int64' || d === 'uint8' || d === 'int8' || d === 'int16' || d === 'uint16';
/** The float arithmetic of `dtype`: float32 rounds every step. */
const rounding = (d: DType): ((v: number) => number) => (d === 'float32' ? Math.fround : (v) => v);

/** NumPy's npy_divmod for floats: [floor quotient, remainder with the divisor's sign], each step in the dtype's precision. */
function divmod(a: number, b: number, r: (v: number) => number): [number, number] {
  let mod = r(a % b);
  if (b === 0) return [r(a / b), mod];
  let div = r(r(a - mod) / b);
  if (mod) {
    if (b < 0 !== mod < 0) {
      mod = r(mod + b);
      div = r(div - 1);
    }
  } else {
    mod = b < 0 ? -0 : 0;
  }
  if (div) {
    let fl = Math.floor(div);
    if (r(div - fl) > 0.5) fl += 1;
    return [fl, mod];
  }
  return [a / b < 0 || Object.is(a / b, -0) ? -0 : 0, mod];
}

/** np.add. */
export const add = (a: NDArray, b: NDArray): NDArray => binary(a, b, (x, y) => x + y);
/** np.subtract. */
export const subtract = (a: NDArray, b: NDArray): NDArray => binary(a, b, (x, y) => x - y);
/** np.multiply (int32 products wrap, as NumPy's). */
export const multiply = (a: NDArray, b: NDArray): NDArray => binary(a, b, a.dtype === 'int32' ? Math.imul : (x, y) => x * y);
/** np.power (integers to the small non-negative powers TF1's tests take are exact in doubles). */
export const power = (a: NDArray, b: NDArray): NDArray => binary(a, b, (x, y) => x ** y);
/** np.true_divide: integers give float64. */
export const true_divide = (a: NDArray, b: NDArray): NDArray => binary(a, b, (x, y) => x / y, isInt(a.dtype) ? 'float64' : a.dtype);
/** np.floor_divide: Python's `//`. */
export const floor_divide = (a: NDArray, b: NDArray): NDArray =>
  binary(a, b, isInt(a.dtype) ? (x, y) => (y === 0 ? 0 : Math.floor(x / y)) : (x, y) => divmod(x, y, rounding(a.dtype))[0]);
/** np.mod (np.remainder): Python's `%`, the divisor's sign. */
export const mod = (a: NDArray, b: NDArray): NDArray =>
  binary(a, b, isInt(a.dtype) ? (x, y) => (y === 0 ? 0 : x - Math.floor(x / y) * y) : (x, y) => divmod(x, y, rounding(a.dtype))[1]);
/** np.fmod: C's remainder, the dividend's sign. */
export const fmod = (a: NDArray, b: NDArray): NDArray => binary(a, b, (x, y) => x % y);
/** np.maximum (NaN propagates). */
export const maximum = (a: NDArray, b: NDArray): NDArray => binary(a, b, (x, y) => (x >= y || Number.isNaN(x) ? x : y));
/** np.minimum (NaN propagates). */
export const minimum = (a: NDArray, b: NDArray): NDArray => binary(a, b, (x, y) => (x <= y || Number.isNaN(x) ? x : y));
/** np.less. */
export const less = (a: NDArray, b: NDArray): NDArray => binary(a, b, (x, y) => Number(x < y), 'bool');
/** np.less_equal. */
export const less_equal = (a: NDArray, b: NDArray): NDArray => binary(a, b, (x, y) => Number(x <= y), 'bool');
/** np.greater. */
export const greater = (a: NDArray, b: NDArray): NDArray => binary(a, b, (x, y) => Number(x > y), 'bool');
/** np.greater_equal. */
export const greater_equal = (a: NDArray, b: NDArray): NDArray => binary(a, b, (x, y) => Number(x >= y), 'bool');
/** np.equal. */
export const equal = (a: NDArray, b: NDArray): NDArray => binary(a, b, (x, y) => Number(x === y), 'bool');
/** np.not_equal. */
export const not_equal = (a: NDArray, b: NDArray): NDArray => binary(a, b, (x, y) => Number(x !== y), 'bool');
/** np.logical_and. */
export const logical_and = (a: NDArray, b: NDArray): NDArray => binary(a, b, (x, y) => Number(x !== 0 && y !== 0), 'bool');
/** np.logical_or. */
export const logical_or = (a: NDArray, b: NDArray): NDArray => binary(a, b, (x, y) => Number(x !== 0 || y !== 0), 'bool');
/** np.logical_xor. */
export const logical_xor = (a: NDArray, b: NDArray): NDArray => binary(a, b, (x, y) => Number((x !== 0) !== (y !== 0)), 'bool');
/** np.logical_not. */
export const logical_not = (a: NDArray): NDArray => unary(a, (x) => Number(x === 0), 'bool');

/** np.negative. */
export const negative = (a: NDArray): NDArray => unary(a, (x) => -x);
/** np.square (int32 wraps). */
export const square = (a: NDArray): NDArray => unary(a, a.dtype === 'int32' ? (x) => Math.imul(x, x) : (x) => x * x);
/** np.sqrt. */
export const sqrt = (a: NDArray): NDArray => unary(a, Math.sqrt);
/** np.exp. */
export const exp = (a: NDArray): NDArray => unary(a, Math.exp);
/** np.log. */
export const log = (a: NDArray): NDArray => unary(a, Math.log);
/** 1 / (1 + exp(-x)) (cwise_ops_test's _sigmoid). */
export const sigmoid = (a: NDArray): NDArray => unary(a, (x) => 1 / (1 + Math.exp(-x)));
/** 1 / x (cwise_ops_test's _inv). */
export const inv = (a: NDArray): NDArray => unary(a, (x) => 1 / x);

/** `np.matrix(a) * np.matrix(b)`: the matrix product, accumulated in doubles, stored in the dtype. */
export function matmul(a: NDArray, b: NDArray): NDArray {
  const [m, k] = a.shape as [number, number];
  const n = b.shape[1]!;
  const out = allocHost(a.dtype, m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++)
        s = a.dtype === 'int32' ? (s + Math.imul(a.data[i * k + p]!, b.data[p * n + j]!)) | 0 : s + a.data[i * k + p]! * b.data[p * n + j]!;
      out[i * n + j] = s;
    }
  }
  return new tf.NDArray(out, [m, n], a.dtype);
}

/** `a.T` of a matrix. */
export function transpose(a: NDArray): NDArray {
  const [m, n] = a.shape as [number, number];
  const out = allocHost(a.dtype, m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out[j * m + i] = a.data[i * n + j]!;
  return new tf.NDArray(out, [n, m], a.dtype);
}

/** `a.argmax(axis)` (first index on ties, as NumPy), int64. */
export const argmax = (a: NDArray, axis: number): NDArray => argExtreme(a, axis, false);
/** `a.argmin(axis)` (first index on ties, as NumPy), int64. */
export const argmin = (a: NDArray, axis: number): NDArray => argExtreme(a, axis, true);

function argExtreme(a: NDArray, axis: number, min: boolean): NDArray {
  const ax = axis < 0 ? axis + a.shape.length : axis;
  const outer = a.shape.slice(0, ax).reduce((p, q) => p * q, 1);
  const len = a.shape[ax]!;
  const inner = a.shape.slice(ax + 1).reduce((p, q) => p * q, 1);
  const out = new Float64Array(outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let best = 0;
      for (let j = 1; j < len; j++) {
        const v = a.data[(o * len + j) * inner + i]!;
        const b = a.data[(o * len + best) * inner + i]!;
        if (min ? v < b : v > b) best = j;
      }
      out[o * inner + i] = best;
    }
  }
  return new tf.NDArray(
    out,
    a.shape.filter((_, i) => i !== ax),
    'int64',
  );
}

/** A seeded stand-in for np.random (mulberry32): TF1's tests draw from NumPy's generator, whose stream this is not. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  /** np.random.rand: uniform in [0, 1). */
  uniform(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  }
  /** np.random.randn: a standard normal (Box-Muller). */
  normal(): number {
    return Math.sqrt(-2 * Math.log(1 - this.uniform())) * Math.cos(2 * Math.PI * this.uniform());
  }
  /** `n` values of `draw`. */
  many(n: number, draw: () => number): number[] {
    return Array.from({ length: n }, draw);
  }
  /** np.random.randint(lo, hi): an integer in [lo, hi). */
  randint(lo: number, hi: number): number {
    return lo + Math.floor(this.uniform() * (hi - lo));
  }
}
