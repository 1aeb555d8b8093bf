// NumPy's basic indexing (`x[spec]` with integers, slices, Ellipsis and np.newaxis), written from Python's slice
// semantics, as the reference the StridedSlice ports compare TF1's `_slice_helper` against.
import * as tf from '../../src/index.js';

/** Python's `slice(start, stop, step).indices(n)` as the index list it yields. */
function sliceIndices(spec: string, n: number): number[] {
  const [a, b, c] = spec.split(':').map((p) => (p === '' || p === undefined ? null : Number(p)));
  const step = c ?? 1;
  const clamp = (v: number | null, dflt: number, lo: number, hi: number): number => {
    if (v === null) return dflt;
    const w = v < 0 ? v + n : v;
    return Math.min(Math.max(w, lo), hi);
  };
  const [start, stop] = step > 0 ? [clamp(a!, 0, 0, n), clamp(b!, n, 0, n)] : [clamp(a!, n - 1, -1, n - 1), clamp(b!, -1, -1, n - 1)];
  const out: number[] = [];
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(i);
  return out;
}

/** `x[spec]` as NumPy computes it: the values in row-major order and the shape. */
export function npIndex(x: tf.NDArray, spec: readonly tf.Index[]): tf.NDArray {
  const explicit = spec.filter((s) => s !== null && s !== '...').length;
  const full: tf.Index[] = [];
  let sawEllipsis = false;
  for (const s of spec) {
    if (s === '...') {
      if (!sawEllipsis) for (let k = 0; k < x.shape.length - explicit; k++) full.push(':');
      sawEllipsis = true;
    } else full.push(s);
  }
  while (full.filter((s) => s !== null).length < x.shape.length) full.push(':');
  // Per input dim: the indices it takes, and whether the dim stays; new axes recorded by output position.
  const picks: { idx: number[]; keep: boolean }[] = [];
  const outShape: number[] = [];
  let dim = 0;
  for (const s of full) {
    if (s === null) {
      outShape.push(1);
      continue;
    }
    const n = x.shape[dim++]!;
    if (typeof s === 'number') {
      const i = s < 0 ? s + n : s;
      if (i < 0 || i >= n) throw new RangeError(`index ${s} is out of bounds for axis with size ${n}`);
      picks.push({ idx: [i], keep: false });
    } else {
      const idx = sliceIndices(s, n);
      picks.push({ idx, keep: true });
      outShape.push(idx.length);
    }
  }
  const strides = x.shape.map((_, i) => x.shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const values: number[] = [];
  const walk = (d: number, off: number): void => {
    if (d === picks.length) {
      values.push(x.data[off]!);
      return;
    }
    for (const i of picks[d]!.idx) walk(d + 1, off + i * strides[d]!);
  };
  walk(0, 0);
  const out = tf.NDArray.zeros(outShape, x.dtype);
  out.data.set(values);
  return out;
}
