// Plain references for the linalg ports, standing in for numpy.linalg in TF1's tests: norm (numpy.linalg.norm's
// vector and matrix norms over given axes) and the SVD, from a symmetric eigensolver (cyclic Jacobi on the Gram
// matrix of the smaller side), an algorithm independent of the one-sided Jacobi kernel under test.
import * as tf from '../../src/index.js';

/** Eigenvalues (descending) and eigenvectors (columns, row-major n × n) of a symmetric n × n matrix. */
export function symEig(a0: ArrayLike<number>, n: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(a0);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q]! ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++)
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (apq === 0) continue;
        const theta = (a[q * n + q]! - a[p * n + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]!;
          const akq = a[k * n + q]!;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]!;
          const aqk = a[q * n + k]!;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!;
          const vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[j * n + j]! - a[i * n + i]!);
  const values = Float64Array.from(order, (i) => a[i * n + i]!);
  const vectors = new Float64Array(n * n);
  for (let r = 0; r < n; r++) order.forEach((i, k) => (vectors[r * n + k] = v[r * n + i]!));
  return { values, vectors };
}

/** numpy.linalg.svd of one m × n matrix (row-major), thin: s (descending), u (m × p), v (n × p), p = min(m, n). */
export function refSvd(a: ArrayLike<number>, m: number, n: number): { s: Float64Array; u: Float64Array; v: Float64Array } {
  const p = Math.min(m, n);
  const tall = m >= n;
  // The Gram matrix of the smaller side: a^T a (n × n) for a tall matrix, a a^T (m × m) for a wide one.
  const k = tall ? n : m;
  const at = (i: number, j: number): number => (tall ? a[i * n + j]! : a[j * n + i]!);
  const rowsOf = tall ? m : n;
  const gram = new Float64Array(k * k);
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      let d = 0;
      for (let r = 0; r < rowsOf; r++) d += at(r, i) * at(r, j);
      gram[i * k + j] = d;
    }
  const { values, vectors } = symEig(gram, k);
  const s = Float64Array.from(values.subarray(0, p), (x) => Math.sqrt(Math.max(x, 0)));
  // small: the eigenvectors (k × p); big: the other side's vectors, at(·)·small / s.
  const small = new Float64Array(k * p);
  for (let i = 0; i < k; i++) for (let c = 0; c < p; c++) small[i * p + c] = vectors[i * k + c]!;
  const big = new Float64Array(rowsOf * p);
  for (let r = 0; r < rowsOf; r++)
    for (let c = 0; c < p; c++) {
      let d = 0;
      for (let i = 0; i < k; i++) d += at(r, i) * small[i * p + c]!;
      big[r * p + c] = s[c]! === 0 ? 0 : d / s[c]!;
    }
  return tall ? { s, u: big, v: small } : { s, u: small, v: big };
}

/** The index of each element along `axes` of `shape` grouped by the other axes: calls `f(group, elementsOfGroup)`. */
function groups(shape: readonly number[], axes: readonly number[], f: (outIndex: number, flat: number[]) => void): void {
  const rest = shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const restSizes = rest.map((i) => shape[i]!);
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((x, y) => x * y, 1));
  const nOut = restSizes.reduce((x, y) => x * y, 1);
  const inner = axes.map((i) => shape[i]!);
  const nIn = inner.reduce((x, y) => x * y, 1);
  for (let o = 0; o < nOut; o++) {
    let base = 0;
    let r = o;
    for (let k = rest.length - 1; k >= 0; k--) {
      base += (r % restSizes[k]!) * strides[rest[k]!]!;
      r = Math.floor(r / restSizes[k]!);
    }
    const flat: number[] = [];
    for (let e = 0; e < nIn; e++) {
      let off = base;
      let q = e;
      for (let k = axes.length - 1; k >= 0; k--) {
        off += (q % inner[k]!) * strides[axes[k]!]!;
        q = Math.floor(q / inner[k]!);
      }
      flat.push(off);
    }
    f(o, flat);
  }
}

/**
 * numpy.linalg.norm(x, ord, axis, keepdims) for the cases TF1's norm test compares: a vector norm along one axis
 * (or over every element when axis is null, tf.norm's reading), a matrix norm over two axes ('fro', 1, 2, inf).
 */
export function npNorm(x: tf.NDArray, ord: string | number, axis: number | readonly [number, number] | null, keepdims: boolean): tf.NDArray {
  const r = x.shape.length;
  const axes = axis === null ? x.shape.map((_, i) => i) : (typeof axis === 'number' ? [axis] : [...axis]).map((a) => (a + r) % r);
  const outShape = keepdims ? x.shape.map((d, i) => (axes.includes(i) ? 1 : d)) : x.shape.filter((_, i) => !axes.includes(i));
  const out = tf.NDArray.zeros(outShape, 'float64');
  const matrix = Array.isArray(axis);
  groups(x.shape, axes, (o, flat) => {
    const vals = flat.map((i) => x.data[i]!);
    if (!matrix) {
      const abs = vals.map(Math.abs);
      if (ord === Infinity) out.data[o] = Math.max(...abs);
      else if (ord === 'euclidean' || ord === 2) out.data[o] = Math.sqrt(abs.reduce((s, v) => s + v * v, 0));
      else out.data[o] = abs.reduce((s, v) => s + v ** (ord as number), 0) ** (1 / (ord as number));
      return;
    }
    // vals in row-major order over (axes[0], axes[1]): rows along axis[0], columns along axis[1].
    const [rows, cols] = [x.shape[axes[0]!]!, x.shape[axes[1]!]!];
    const at = (i: number, j: number): number => vals[i * cols + j]!;
    if (ord === 'fro' || ord === 'euclidean') out.data[o] = Math.sqrt(vals.reduce((s, v) => s + v * v, 0));
    else if (ord === 2) out.data[o] = refSvd(vals, rows, cols).s[0]!;
    else if (ord === 1)
      out.data[o] = Math.max(...Array.from({ length: cols }, (_, j) => Array.from({ length: rows }, (_, i) => Math.abs(at(i, j))).reduce((s, v) => s + v, 0)));
    else
      out.data[o] = Math.max(...Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => Math.abs(at(i, j))).reduce((s, v) => s + v, 0)));
  });
  return out;
}
