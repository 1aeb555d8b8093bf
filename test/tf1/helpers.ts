/** TF1's test assertions with NumPy's semantics, for the ported TF1 test files (test_util.py's assertAll*). */
import { expect } from 'vitest';
import * as tf from '../../src/index.js';
import type { DType } from '../../src/graph/dtypes.js';

/** What an assertion compares: an NDArray, a (nested) JS array or a number. */
export type ArrayLike = tf.NDArray | number | boolean | readonly unknown[];

/** Flat values and shape of an array-like (JS arrays are NumPy's nested lists). */
function flat(a: ArrayLike): { data: number[]; shape: number[] } {
  if (a instanceof tf.NDArray) return { data: Array.from(a.data), shape: [...a.shape] };
  if (!Array.isArray(a)) return { data: [Number(a)], shape: [] };
  const shape: number[] = [];
  for (let x: unknown = a; Array.isArray(x); x = x[0]) shape.push(x.length);
  return { data: (a as unknown[]).flat(Infinity).map(Number), shape };
}

/** An NDArray of `dtype` from nested JS values (NumPy's `np.array(v).astype(dtype)`). */
export function np(values: ArrayLike, dtype: DType = 'float64'): tf.NDArray {
  const { data, shape } = flat(values);
  const a = tf.NDArray.zeros(shape, dtype);
  a.data.set(data);
  return a;
}

/** `np.arange(n).reshape(shape)` of `dtype`. */
export function arange(shape: readonly number[], dtype: DType, start = 0): tf.NDArray {
  const a = tf.NDArray.zeros(shape, dtype);
  for (let i = 0; i < a.size; i++) a.data[i] = start + i;
  return a;
}

/** TF1's assertAllClose: same shape, and |a - b| <= atol + rtol * |b| elementwise (NaNs equal, infinities equal only to themselves). */
export function assertAllClose(a: ArrayLike, b: ArrayLike, { rtol = 1e-6, atol = 1e-6, msg = '' } = {}): void {
  const x = flat(a);
  const y = flat(b);
  expect(x.shape, `${msg} shape`).toEqual(y.shape);
  const bad: string[] = [];
  x.data.forEach((v, i) => {
    const w = y.data[i]!;
    const finite = Number.isFinite(v) && Number.isFinite(w);
    const ok = (Number.isNaN(v) && Number.isNaN(w)) || v === w || (finite && Math.abs(v - w) <= atol + rtol * Math.abs(w));
    if (!ok && bad.length < 5) bad.push(`[${i}]: ${v} vs ${w}`);
  });
  expect(bad, `${msg} not close (rtol ${rtol}, atol ${atol})`).toEqual([]);
}

/** TF1's assertAllEqual: same shape and exactly equal values (NaN equal to NaN, as NumPy's array_equal with equal_nan). */
export function assertAllEqual(a: ArrayLike, b: ArrayLike, msg = ''): void {
  const x = flat(a);
  const y = flat(b);
  expect(x.shape, `${msg} shape`).toEqual(y.shape);
  expect(x.data.map((v) => (Number.isNaN(v) ? 'nan' : v)), msg).toEqual(y.data.map((v) => (Number.isNaN(v) ? 'nan' : v)));
}

/** TF1's assertShapeEqual: the tensor's static shape is fully known and is the array's shape. */
export function assertShapeEqual(a: ArrayLike, t: tf.Tensor): void {
  expect(t.shape.as_list(), t.name).toEqual(flat(a).shape);
}

/** A fresh graph and a CPU session on it, for one test method (TF1's `self.cached_session()`). */
export function session(): { g: tf.Graph; sess: tf.Session } {
  const g = new tf.Graph();
  return { g, sess: new tf.Session({ graph: g, backend: 'cpu' }) };
}

/** A seeded uniform [0, 1) stream (NumPy's random draws in TF1's tests, reproducibly). */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
