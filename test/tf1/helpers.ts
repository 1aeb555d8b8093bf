// What TF1's tf.test.TestCase gives its kernel tests, kept small and generic: a fresh graph with a CPU
// session, assertAllClose/assertAllEqual with NumPy's semantics, and the gradient checker.
import { expect } from 'vitest';
import * as tf from '../../src/index.js';
import { toNDArray, type ArrayLike } from '../../src/ndarray/from_js.js';

/** A value as NumPy would hold it: an NDArray, or nested JS arrays / numbers / booleans. */
export type Expected = tf.NDArray | ArrayLike;

const asArray = (v: Expected): tf.NDArray => (v instanceof tf.NDArray ? v : toNDArray(v as ArrayLike));

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

function sameShape(actual: tf.NDArray, expected: tf.NDArray): void {
  expect([...actual.shape], 'shape').toEqual([...expected.shape]);
}

/** TF1's assertAllClose: equal shapes, and |a - b| <= atol + rtol * |b| elementwise (NaNs equal), rtol = atol = 1e-6 by default. */
export function assertAllClose(actual: Expected, expected: Expected, opts: { rtol?: number; atol?: number } = {}): void {
  const a = asArray(actual);
  const b = asArray(expected);
  sameShape(a, b);
  const rtol = opts.rtol ?? 1e-6;
  const atol = opts.atol ?? 1e-6;
  const bad: string[] = [];
  for (let i = 0; i < a.size && bad.length < 5; i++) {
    const x = a.data[i]!;
    const y = b.data[i]!;
    if (Number.isNaN(x) && Number.isNaN(y)) continue;
    if (!(Math.abs(x - y) <= atol + rtol * Math.abs(y)) && x !== y) bad.push(`[${i}] ${x} vs ${y}`);
  }
  expect(bad, `not close (rtol=${rtol}, atol=${atol})`).toEqual([]);
}

/** TF1's assertAllEqual: equal shapes and equal elements (booleans as 0/1, NaNs equal). */
export function assertAllEqual(actual: Expected, expected: Expected): void {
  const a = asArray(actual);
  const b = asArray(expected);
  sameShape(a, b);
  const bad: string[] = [];
  for (let i = 0; i < a.size && bad.length < 5; i++) {
    const x = a.data[i]!;
    const y = b.data[i]!;
    if (x !== y && !(Number.isNaN(x) && Number.isNaN(y))) bad.push(`[${i}] ${x} vs ${y}`);
  }
  expect(bad, 'not equal').toEqual([]);
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
