// Helpers shared by the ports of TF1's own tests: TF1's test_util assertions with NumPy's semantics, a CPU
// session on a fresh graph (TF1's `with self.test_session():`), gradient_checker wrappers, NumPy's arange/rand.
import { expect } from 'vitest';
import * as tf from '../../src/index.js';
import { toNDArray, type ArrayLike } from '../../src/framework/from_js.js';
import { Rng } from './np.js';
import { bytesRepr } from '../../src/framework/format.js';

/** What the assertions take: an NDArray, a typed array, or a JS value NumPy would make an array of (booleans as 1/0, strings as UTF-8 bytes). */
export type Value = tf.NDArray | ArrayLike | number | boolean | string | readonly Value[];
/** The same, as the array ports name it. */
export type Expected = Value;

// String elements (a string NDArray's bytes, JS strings as UTF-8) compare as their Python repr (`b'a'`), so a
// mismatch prints as TF1's would; the type says numbers, as the numeric assertions read them.
const bytesKey = (b: Uint8Array): number => bytesRepr(b) as unknown as number;

function flatten(v: Value): { shape: number[]; data: number[] } {
  if (v instanceof tf.NDArray) return { shape: [...v.shape], data: v.dtype === 'string' ? v.strings.map(bytesKey) : Array.from(v.data) };
  if (ArrayBuffer.isView(v)) return flatten(toNDArray(v as ArrayLike));
  if (typeof v === 'string') return { shape: [], data: [bytesKey(new TextEncoder().encode(v))] };
  if (!Array.isArray(v)) return { shape: [], data: [typeof v === 'boolean' ? Number(v) : (v as number)] };
  const parts = (v as readonly Value[]).map(flatten);
  const inner = parts[0]?.shape ?? [];
  return { shape: [parts.length, ...inner], data: parts.flatMap((p) => p.data) };
}

const shapeEqual = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((d, i) => d === b[i]);

/** TF1's `assertAllClose(a, b, rtol, atol)`: same shape, |a - b| <= atol + rtol * |b| everywhere, NaNs equal. */
export function assertAllClose(a: Value, b: Value, opts: { rtol?: number; atol?: number; msg?: string } = {}): void {
  const { rtol = 1e-6, atol = 1e-6 } = opts;
  const x = flatten(a);
  const y = flatten(b);
  expect(shapeEqual(x.shape, y.shape), `${opts.msg ?? ''} Shape mismatch: expected [${x.shape}], got [${y.shape}]`).toBe(true);
  const bad: string[] = [];
  x.data.forEach((p, i) => {
    const q = y.data[i]!;
    if (Number.isNaN(p) && Number.isNaN(q)) return;
    if (p === q) return;
    if (!(Math.abs(p - q) <= atol + rtol * Math.abs(q))) bad.push(`[${i}] ${p} vs ${q}`);
  });
  expect(bad.slice(0, 8), `${opts.msg ?? ''} not close (rtol ${rtol}, atol ${atol}): ${bad.length} of ${x.data.length}`).toEqual([]);
}

/** TF1's `assertAllEqual(a, b)`: same shape and elements (NaNs equal, as TF1 for floats). */
export function assertAllEqual(a: Value, b: Value, msg = ''): void {
  const x = flatten(a);
  const y = flatten(b);
  expect(x.shape, `${msg} Shape mismatch`).toEqual(y.shape);
  const bad = x.data.flatMap((p, i) => (p === y.data[i] || (Number.isNaN(p) && Number.isNaN(y.data[i])) ? [] : [`[${i}] ${p} vs ${y.data[i]}`]));
  expect(bad.slice(0, 8), `${msg} not equal: ${bad.length} of ${x.data.length}`).toEqual([]);
}

/** TF1's `assertShapeEqual(np_array, tf_tensor)`: the tensor's static shape is fully known and is the array's. */
export function assertShapeEqual(expected: Value, t: tf.Tensor): void {
  expect(t.shape.as_list(), t.name).toEqual(flatten(expected).shape);
}

/** A fresh graph, default while `build` runs (TF1's `with self.test_session():`), with a CPU session on it. */
export function graphSession<T>(build: () => T): { graph: tf.Graph; sess: tf.Session; built: T } {
  const graph = new tf.Graph();
  const built = graph.as_default(build);
  return { graph, sess: new tf.Session({ graph, backend: 'cpu' }), built };
}

/** Builds in a fresh graph and evaluates the result(s) on the CPU (TF1's `self.evaluate`, `t.eval()`). */
export async function evaluate(build: () => tf.Tensor, feeds?: Map<tf.Tensor, tf.NDArray>): Promise<tf.NDArray>;
export async function evaluate(build: () => tf.Tensor[], feeds?: Map<tf.Tensor, tf.NDArray>): Promise<tf.NDArray[]>;
export async function evaluate(build: () => tf.Tensor | tf.Tensor[], feeds?: Map<tf.Tensor, tf.NDArray>): Promise<tf.NDArray | tf.NDArray[]> {
  const { sess, built } = graphSession(build);
  try {
    return (await sess.run(built as tf.Tensor, feeds)) as tf.NDArray | tf.NDArray[];
  } finally {
    sess.close();
  }
}

/** gradient_checker.compute_gradient in a fresh graph: `build` gives x and y; the pair for x (TF1's x_init_value given). */
export async function computeGradient(
  build: () => { x: tf.Tensor; y: tf.Tensor },
  xInit: tf.NDArray,
  yShape: readonly number[],
  delta?: number,
): Promise<[tf.NDArray, tf.NDArray]> {
  const { sess, built } = graphSession(build);
  try {
    return await sess.as_default(() =>
      tf.test.compute_gradient(built.x, [...xInit.shape], built.y, [...yShape], { x_init_value: xInit, delta: delta ?? null }),
    );
  } finally {
    sess.close();
  }
}

/** gradient_checker.compute_gradient_error in a fresh graph. */
export async function computeGradientError(
  build: () => { x: tf.Tensor; y: tf.Tensor },
  xShape: readonly number[],
  yShape: readonly number[],
  opts: { xInit?: tf.NDArray; delta?: number } = {},
): Promise<number> {
  const { sess, built } = graphSession(build);
  try {
    return await sess.as_default(() =>
      tf.test.compute_gradient_error(built.x, [...xShape], built.y, [...yShape], { x_init_value: opts.xInit ?? null, delta: opts.delta ?? null }),
    );
  } finally {
    sess.close();
  }
}

/** TF1's `with self.cached_session():` on a new default graph: `fn` gets the graph and a CPU session, closed afterwards. */
export async function inSession<T>(fn: (g: tf.Graph, sess: tf.Session) => Promise<T>): Promise<T> {
  const g = new tf.Graph();
  const sess = new tf.Session({ graph: g, backend: 'cpu' });
  try {
    return await fn(g, sess);
  } finally {
    sess.close();
  }
}

/** Builds `fn` in a new graph (TF1's `with ops.Graph().as_default():`). */
export function inGraph<T>(fn: (g: tf.Graph) => T): T {
  const g = new tf.Graph();
  return g.as_default(() => fn(g));
}

/** TF1's `assertEqual(shape, t.get_shape())`: a static shape as a list (null for unknown dims), or null for unknown rank. */
export function staticShape(t: tf.Tensor | tf.RefVariable): (number | null)[] | null {
  const dims = t.shape.dims;
  return dims === null ? null : [...dims];
}

/** NumPy's `np.arange(start, stop)` reshaped to `shape`, as an NDArray of `dtype`. */
export function arange(start: number, stop: number, shape: readonly number[], dtype: tf.DType = 'float32'): tf.NDArray {
  const a = tf.NDArray.zeros(shape, dtype);
  for (let i = 0; i < a.size; i++) a.data[i] = start + i;
  if (a.size !== stop - start) throw new RangeError(`arange(${start}, ${stop}) has ${stop - start} values, shape [${shape.join(',')}] holds ${a.size}`);
  return a;
}

/** NumPy's `np.random.rand(*shape)` (uniform in [0, 1)) as an NDArray of `dtype`. */
export function rand(shape: readonly number[], dtype: tf.DType = 'float32'): tf.NDArray {
  const a = tf.NDArray.zeros(shape, dtype);
  for (let i = 0; i < a.size; i++) a.data[i] = Math.random();
  return a;
}

/** NumPy's `np.random.randn(*shape)` (standard normal) as an NDArray of `dtype`. */
export function randn(shape: readonly number[], dtype: tf.DType = 'float32'): tf.NDArray {
  const a = tf.NDArray.zeros(shape, dtype);
  for (let i = 0; i < a.size; i++) a.data[i] = Math.sqrt(-2 * Math.log(1 - Math.random())) * Math.cos(2 * Math.PI * Math.random());
  return a;
}

/** TF1's `gradient_checker.compute_gradient_error(x, x_shape, y, y_shape, x_init_value)`, in `sess`. */
export async function gradientError(sess: tf.Session, x: tf.Tensor, xShape: number[], y: tf.Tensor, yShape: number[], xInit?: tf.NDArray): Promise<number> {
  return sess.as_default(() => tf.test.compute_gradient_error(x, xShape, y, yShape, xInit === undefined ? {} : { x_init_value: xInit }));
}

/** Runs `fn` and returns what it threw (failing when it throws nothing): TF1's assertRaises for sync code. */
export function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error, none was raised');
}

/** The error a Promise rejects with (failing when it resolves): TF1's assertRaisesOpError around a run. */
export async function rejected(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the run to fail, it succeeded');
}

/** An NDArray of `dtype` from nested JS values (NumPy's `np.array(v).astype(dtype)`), float64 by default as NumPy's. */
export function np(values: Value, dtype: tf.DType = 'float64'): tf.NDArray {
  const { data, shape } = flatten(values);
  const a = tf.NDArray.zeros(shape, dtype);
  a.data.set(data);
  return a;
}

/** `np.arange(n).reshape(shape)` of `dtype`, counting from `start`. */
export function arangeShaped(shape: readonly number[], dtype: tf.DType, start = 0): tf.NDArray {
  const a = tf.NDArray.zeros(shape, dtype);
  for (let i = 0; i < a.size; i++) a.data[i] = start + i;
  return a;
}

/** A fresh graph and a CPU session on it, for one test method (TF1's `self.cached_session()`). */
export function session(): { g: tf.Graph; sess: tf.Session } {
  const g = new tf.Graph();
  return { g, sess: new tf.Session({ graph: g, backend: 'cpu' }) };
}

/** A seeded uniform [0, 1) stream (np.random.rand's role in TF1's tests, reproducibly; see np.ts's Rng). */
export function rng(seed: number): () => number {
  const r = new Rng(seed);
  return () => r.uniform();
}
