// Svd's host kernel (TF1 r1.12's svd_op_impl.h runs Eigen's SVD on each matrix of the batch): one-sided Jacobi
// (Hestenes) in float64 whatever T is, which gets small singular values to high relative accuracy; the singular
// values come out in descending order as Eigen's do. Signs of the singular vectors are not unique.
import { InvalidArgumentError } from '../../framework/errors.js';
import type { HostKernel } from '../kernel.js';

/** One matrix's SVD: s (p), u (rows × uCols, row-major), v (cols × vCols); p = min(rows, cols). */
interface MatrixSvd {
  s: Float64Array;
  u: Float64Array;
  v: Float64Array;
}

const MAX_SWEEPS = 80;

/** `e_i` minus its projections on q's columns marked in `have` (twice through Gram-Schmidt, for orthogonality to working precision). */
function residual(q: Float64Array, len: number, have: readonly boolean[], i: number): Float64Array {
  const col = new Float64Array(len);
  col[i] = 1;
  for (let pass = 0; pass < 2; pass++)
    have.forEach((h, k) => {
      if (!h) return;
      let d = 0;
      for (let r = 0; r < len; r++) d += q[k * len + r]! * col[r]!;
      for (let r = 0; r < len; r++) col[r]! -= d * q[k * len + r]!;
    });
  return col;
}

/**
 * Fills the columns of q (len × have.length, column-major) not marked in `have` with an orthonormal basis of the
 * rest of the space: each from the standard basis vector e_i that keeps the most of its length after projection,
 * 1 - sum_k q[i, k]^2 for orthonormal columns k.
 */
function completeBasis(q: Float64Array, len: number, have: boolean[]): void {
  for (let j = 0; j < have.length; j++) {
    if (have[j]) continue;
    let bestI = 0;
    let bestLeft = -Infinity;
    for (let i = 0; i < len; i++) {
      let left = 1;
      have.forEach((h, k) => {
        if (h) left -= q[k * len + i]! ** 2;
      });
      if (left > bestLeft) [bestI, bestLeft] = [i, left];
    }
    const col = residual(q, len, have, bestI);
    const norm = Math.hypot(...col);
    for (let r = 0; r < len; r++) q[j * len + r] = col[r]! / norm;
    have[j] = true;
  }
}

/**
 * The SVD of a tall (or square) matrix a (m × n, m >= n, read through `at(i, j)`): Jacobi rotations of column
 * pairs until every pair is orthogonal; then the columns' norms are the singular values, the normalised columns
 * u, the accumulated rotations v. Returned column-major: u (m × uCols), v (n × n).
 */
function tallSvd(m: number, n: number, at: (i: number, j: number) => number, uCols: number): { s: Float64Array; u: Float64Array; v: Float64Array } {
  const w = new Float64Array(m * n);
  for (let j = 0; j < n; j++) for (let i = 0; i < m; i++) w[j * m + i] = at(i, j);
  const v = new Float64Array(n * n);
  for (let j = 0; j < n; j++) v[j * n + j] = 1;
  // A column whose squared norm is below this is rounding noise: rotating it against others only chases that noise
  // (a rank-deficient matrix would otherwise sweep until MAX_SWEEPS).
  let normF2 = 0;
  for (let i = 0; i < w.length; i++) normF2 += w[i]! * w[i]!;
  const floor = normF2 * Number.EPSILON ** 2;
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++)
      for (let q = p + 1; q < n; q++) {
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let i = 0; i < m; i++) {
          const x = w[p * m + i]!;
          const y = w[q * m + i]!;
          alpha += x * x;
          beta += y * y;
          gamma += x * y;
        }
        if (gamma === 0 || alpha <= floor || beta <= floor || Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const sn = c * t;
        for (let i = 0; i < m; i++) {
          const x = w[p * m + i]!;
          const y = w[q * m + i]!;
          w[p * m + i] = c * x - sn * y;
          w[q * m + i] = sn * x + c * y;
        }
        for (let i = 0; i < n; i++) {
          const x = v[p * n + i]!;
          const y = v[q * n + i]!;
          v[p * n + i] = c * x - sn * y;
          v[q * n + i] = sn * x + c * y;
        }
      }
    if (!rotated) break;
  }
  const norms = Array.from({ length: n }, (_, j) => {
    let d = 0;
    for (let i = 0; i < m; i++) d += w[j * m + i]! * w[j * m + i]!;
    return Math.sqrt(d);
  });
  const order = norms.map((_, j) => j).sort((a, b) => norms[b]! - norms[a]! || a - b);
  const s = Float64Array.from(order, (j) => norms[j]!);
  const vSorted = new Float64Array(n * n);
  order.forEach((j, k) => vSorted.set(v.subarray(j * n, (j + 1) * n), k * n));
  const u = new Float64Array(m * uCols);
  const have = Array<boolean>(uCols).fill(false);
  // A column whose norm is at rounding level carries no direction: it is completed like the extra columns.
  const tiny = (s[0] ?? 0) * m * 2.3e-16;
  order.forEach((j, k) => {
    if (!(s[k]! > tiny) || s[k] === 0) return;
    for (let i = 0; i < m; i++) u[k * m + i] = w[j * m + i]! / s[k]!;
    have[k] = true;
  });
  completeBasis(u, m, have);
  return { s, u, v: vSorted };
}

/**
 * The SVD of one rows × cols matrix (row-major `a`), u and v row-major with `full` deciding their column counts
 * (rows or p, cols or p). A wide matrix is decomposed through its transpose: a^T = U S V^T gives a = V S U^T.
 */
function matrixSvd(a: ArrayLike<number>, rows: number, cols: number, full: boolean): MatrixSvd {
  const p = Math.min(rows, cols);
  const uCols = full ? rows : p;
  const vCols = full ? cols : p;
  const tall = rows >= cols;
  const [m, n] = tall ? [rows, cols] : [cols, rows];
  const at = tall ? (i: number, j: number) => a[i * cols + j]! : (i: number, j: number) => a[j * cols + i]!;
  const r = tallSvd(m, n, at, tall ? uCols : vCols);
  // r.u is m × (tall ? uCols : vCols) and r.v n × n, column-major; lay them out row-major as u and v.
  const [bigCols, smallCols] = tall ? [uCols, vCols] : [vCols, uCols];
  const big = new Float64Array(m * bigCols);
  for (let i = 0; i < m; i++) for (let k = 0; k < bigCols; k++) big[i * bigCols + k] = r.u[k * m + i]!;
  const small = new Float64Array(n * smallCols);
  for (let i = 0; i < n; i++) for (let k = 0; k < smallCols; k++) small[i * smallCols + k] = r.v[k * n + i]!;
  return tall ? { s: r.s, u: big, v: small } : { s: r.s, u: small, v: big };
}

/** The singular values, and with compute_uv the singular vectors, of each matrix of the batch. */
export const svd: HostKernel<'Svd'> = ({ name, inputs, attrs, output }) => {
  const x = inputs[0]!;
  if (x.shape.length < 2) throw new InvalidArgumentError('Input tensor 0 must have rank >= 2', name);
  const batchShape = x.shape.slice(0, -2);
  const batch = batchShape.reduce((a, d) => a * d, 1);
  const [rows, cols] = x.shape.slice(-2) as [number, number];
  const p = Math.min(rows, cols);
  const { compute_uv: uv, full_matrices: full } = attrs;
  const uCols = full ? rows : p;
  const vCols = full ? cols : p;
  const s = output(0, [...batchShape, p]).data;
  const u = output(1, uv ? [...batchShape, rows, uCols] : [...batchShape, 0]).data;
  const v = output(2, uv ? [...batchShape, cols, vCols] : [...batchShape, 0]).data;
  const size = rows * cols;
  for (let b = 0; b < batch; b++) {
    if (p === 0) {
      // An empty matrix has no singular values; full u (or v) of its nonzero side is the identity, as TF1's.
      if (uv && full) {
        for (let i = 0; i < rows; i++) u[(b * rows + i) * rows + i] = 1;
        for (let i = 0; i < cols; i++) v[(b * cols + i) * cols + i] = 1;
      }
      continue;
    }
    const r = matrixSvd(x.data.subarray(b * size, (b + 1) * size) as ArrayLike<number>, rows, cols, full);
    s.set(r.s, b * p);
    if (!uv) continue;
    u.set(r.u, b * rows * uCols);
    v.set(r.v, b * cols * vCols);
  }
};
