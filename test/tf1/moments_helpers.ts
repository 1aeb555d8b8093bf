// NumPy's sums over axes (np.sum(v, axis, keepdims)) for the moments tests' expected values, in float64.
import * as tf from '../../src/index.js';

/** `np.sum(w * v, axis=axes, keepdims)` with w broadcast to v's shape (null: all ones); float64. */
export function npSum(
  v: ArrayLike<number>,
  shape: readonly number[],
  axes: readonly number[],
  keepDims: boolean,
  w?: { data: ArrayLike<number>; shape: readonly number[] },
): tf.NDArray {
  const rank = shape.length;
  const ax = new Set(axes.map((a) => (a < 0 ? a + rank : a)));
  const outFull = shape.map((d, i) => (ax.has(i) ? 1 : d));
  const out = tf.NDArray.zeros(keepDims ? outFull : shape.filter((_, i) => !ax.has(i)), 'float64');
  const strides = (s: readonly number[]): number[] => s.map((_, i) => s.slice(i + 1).reduce((p, d) => p * d, 1));
  const outStrides = strides(outFull);
  const wShape = w ? [...Array(rank - w.shape.length).fill(1), ...w.shape] : null;
  const wStrides = wShape ? strides(wShape) : null;
  const n = shape.reduce((p, d) => p * d, 1);
  const idx = new Array<number>(rank).fill(0);
  for (let i = 0; i < n; i++) {
    let rem = i;
    for (let k = rank - 1; k >= 0; k--) {
      idx[k] = rem % shape[k]!;
      rem = Math.floor(rem / shape[k]!);
    }
    let o = 0;
    let wi = 0;
    for (let k = 0; k < rank; k++) {
      if (!ax.has(k)) o += idx[k]! * outStrides[k]!;
      if (wShape) wi += (wShape[k] === 1 ? 0 : idx[k]!) * wStrides![k]!;
    }
    out.data[o] = out.data[o]! + (w ? w.data[wi]! : 1) * v[i]!;
  }
  return out;
}

/** Elementwise f over NDArrays of one shape, float64. */
export function npMap(f: (...xs: number[]) => number, ...arrays: tf.NDArray[]): tf.NDArray {
  const out = tf.NDArray.zeros(arrays[0]!.shape, 'float64');
  for (let i = 0; i < out.size; i++) out.data[i] = f(...arrays.map((a) => a.data[i]!));
  return out;
}
