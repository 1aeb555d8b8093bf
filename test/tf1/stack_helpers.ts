// What the stack and unstack ports share: NumPy's split-and-squeeze along an axis, and random arrays of a dtype.
import * as tf from '../../src/index.js';
import { randn } from './helpers.js';

/** TF1's np_split_squeeze: the slices of `a` along `axis`, each without that axis. */
export function npSplitSqueeze(a: tf.NDArray, axis: number): tf.NDArray[] {
  const r = a.shape.length;
  const ax = axis < 0 ? axis + r : axis;
  const n = a.shape[ax]!;
  const outer = a.shape.slice(0, ax).reduce((x, y) => x * y, 1);
  const inner = a.shape.slice(ax + 1).reduce((x, y) => x * y, 1);
  return Array.from({ length: n }, (_, i) => {
    const out = tf.NDArray.zeros(
      a.shape.filter((_, k) => k !== ax),
      a.dtype,
    );
    for (let o = 0; o < outer; o++) out.data.set(a.data.subarray((o * n + i) * inner, (o * n + i + 1) * inner), o * inner);
    return out;
  });
}

/** `np.random.randn(*shape).astype(dtype)`: C's conversion (truncation toward zero; nonzero is true). */
export function randnAs(shape: readonly number[], dtype: tf.DType): tf.NDArray {
  const v = randn(shape, 'float64');
  const out = tf.NDArray.zeros(shape, dtype);
  for (let i = 0; i < v.size; i++) {
    const x = v.data[i]!;
    out.data[i] = dtype === 'bool' ? Number(x !== 0) : dtype === 'int32' || dtype === 'int64' ? Math.trunc(x) + 0 : x;
  }
  return out;
}

/** `np.random.random(np.random.permutation(i) + 1)`: a random array whose dims are 1..i shuffled. */
export function randomPermutedShape(i: number): tf.NDArray {
  const dims = Array.from({ length: i }, (_, k) => k + 1);
  for (let k = dims.length - 1; k > 0; k--) {
    const j = Math.floor(Math.random() * (k + 1));
    [dims[k], dims[j]] = [dims[j]!, dims[k]!];
  }
  const a = tf.NDArray.zeros(dims, 'float64');
  for (let k = 0; k < a.size; k++) a.data[k] = Math.random();
  return a;
}
