import { alloc, copyIn, f32, mark, release } from './memory.js';
import { preparedOnce } from './resident.js';
import { parallel, threadCount } from './pool.js';

/** Output columns per kernel call (kernels.wat keeps one accumulator per column in a register). */
const PANEL = 12;
// Below this many multiply-adds a job runs on one thread: waking a worker costs tens of µs.
const PARALLEL_MIN_WORK = 1 << 20;

/** A packed A: per row, its nonzero groups of four (kernels.wat describes the layout). */
interface Packed {
  vals: number;
  idx: number;
  starts: number;
  ends: number;
}

/** Splits [0, rows) into one range per thread. */
function ranges(rows: number, work: number): [number, number][] {
  const t = work < PARALLEL_MIN_WORK ? 1 : Math.min(threadCount(), rows);
  const out: [number, number][] = [];
  for (let i = 0, lo = 0; i < t; i++) {
    const hi = i === t - 1 ? rows : Math.round((rows * (i + 1)) / t);
    if (hi > lo) out.push([lo, hi]);
    lo = hi;
  }
  return out;
}

/** Packs A [rows, K] at address `a` (kernels.wat's pack), rows split across threads. */
function pack(a: number, rows: number, K: number, dense: boolean): Packed {
  const entries = rows * ((K + 3) >> 2);
  const p: Packed = { vals: alloc(entries * 16), idx: alloc(entries * 4), starts: alloc(rows * 4), ends: alloc(rows * 4) };
  const d = dense ? 1 : 0;
  parallel('pack', ranges(rows, rows * K).map(([lo, hi]) => [a, K, lo, hi, p.vals, p.idx, p.starts, p.ends, d]));
  return p;
}

/** B's element (k, j), B [K, N] or, with `tb`, B^T stored [N, K]; 0 past the edges (panel padding). */
function at(b: Float32Array, K: number, N: number, tb: boolean, k: number, j: number): number {
  if (k >= K || j >= N) return 0;
  return tb ? b[j * K + k]! : b[k * N + j]!;
}

/** For mm_nn: B's columns [j0, j0+12) laid out [ceil(K/4)][12][4]. */
function packRowsPanel(b: Float32Array, K: number, N: number, tb: boolean, j0: number, p: number): void {
  const Q = (K + 3) >> 2;
  const panel = f32(p, Q * PANEL * 4);
  for (let q = 0, o = 0; q < Q; q++) {
    for (let j = 0; j < PANEL; j++) {
      for (let l = 0; l < 4; l++, o++) panel[o] = at(b, K, N, tb, 4 * q + l, j0 + j);
    }
  }
}

/** For mm_tn: G's columns [j0, j0+12) as a [K, 12] panel. */
function packColsPanel(g: Float32Array, K: number, N: number, tb: boolean, j0: number, p: number): void {
  const panel = f32(p, K * PANEL);
  for (let k = 0, o = 0; k < K; k++) {
    for (let j = 0; j < PANEL; j++, o++) panel[o] = at(g, K, N, tb, k, j0 + j);
  }
}

/** True when every element is finite: only then may A's zeros be skipped (0·inf is NaN). */
function allFinite(b: Float32Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i]! - b[i]! !== 0) return false;
  return true;
}

/**
 * C[M, N] = op(A)·op(B) in float32 with the SIMD kernels: A packed to its nonzero groups (once
 * per run when A is fed), then 12 output columns at a time, rows split across threads.
 * A is [M, K], or with `ta` A^T stored [K, M]; B is [K, N], or with `tb` B^T stored [N, K].
 */
export function wasmMatMul(
  a: Float32Array, ta: boolean, b: Float32Array, tb: boolean, c: Float32Array, M: number, N: number, K: number,
): void {
  const dense = !allFinite(b);
  const [rows, len] = ta ? [K, M] : [M, K];
  const fed = preparedOnce(a, dense ? 'dense' : 'sparse', (addr) => pack(addr, rows, len, dense));
  const m = mark();
  try {
    const A = fed ?? pack(copyIn(a), rows, len, dense);
    if (ta) transposedProduct(A, b, tb, c, M, N, K);
    else rowsProduct(A, b, tb, c, M, N, K);
  } finally {
    release(m);
  }
}

/** C = A·B from a packed A [M, K]: each thread computes a range of C's rows. */
function rowsProduct(A: Packed, b: Float32Array, tb: boolean, c: Float32Array, M: number, N: number, K: number): void {
  const bp = alloc(((K + 3) >> 2) * PANEL * 16);
  const cp = alloc(M * PANEL * 4);
  const parts = ranges(M, M * K * PANEL);
  for (let j0 = 0; j0 < N; j0 += PANEL) {
    packRowsPanel(b, K, N, tb, j0, bp);
    parallel('mm_nn', parts.map(([lo, hi]) => [A.vals, A.idx, A.starts, A.ends, bp, cp, lo, hi]));
    const panel = f32(cp, M * PANEL);
    const w = Math.min(PANEL, N - j0);
    for (let i = 0, q = 0, o = j0; i < M; i++, q += PANEL, o += N) {
      for (let j = 0; j < w; j++) c[o + j] = panel[q + j]!;
    }
  }
}

/** C = A^T·G from a packed A stored [K, M]: each thread sums a range of A's rows into its own partial C. */
function transposedProduct(A: Packed, g: Float32Array, tb: boolean, c: Float32Array, M: number, N: number, K: number): void {
  const Q = (M + 3) >> 2;
  const gp = alloc(K * PANEL * 4);
  const parts = ranges(K, M * K * PANEL);
  const partials = parts.map(() => alloc(Q * PANEL * 16));
  for (let j0 = 0; j0 < N; j0 += PANEL) {
    packColsPanel(g, K, N, tb, j0, gp);
    parallel('mm_tn', parts.map(([lo, hi], t) => [A.vals, A.idx, A.starts, A.ends, gp, partials[t]!, lo, hi, Q]));
    const views = partials.map((p) => f32(p, Q * PANEL * 4));
    const w = Math.min(PANEL, N - j0);
    for (let i = 0; i < M; i++) {
      const base = ((i >> 2) * PANEL) * 4 + (i & 3);
      for (let j = 0; j < w; j++) {
        let s = 0;
        for (const v of views) s += v[base + 4 * j]!;
        c[i * N + j0 + j] = s;
      }
    }
  }
}
