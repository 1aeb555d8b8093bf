import { addressOf, alloc, copyIn, f32, mark, release } from '../../../framework/memory/host.js';
import { wasm } from '../../../session/cpu/wasm/instance.js';
import { confirmKept, fedThisRun, isConstant, keepInPlace, keptInPlace, keptUnchecked, markChecked, preparedForm, preparedOnce, resident } from './resident.js';
import { evenRanges, parallel, threadCount } from './pool.js';
import { settleShare, shareKey, splitRow } from './overlap_share.js';
import {
  align16,
  badFlag,
  isSet,
  pack,
  packedBytes,
  packInto,
  PANEL,
  PARALLEL_MIN_WORK,
  panelThreads,
  ranges,
  single,
  unchanged,
  wordAt,
  wordsFor,
  type Packed,
} from './matmul_pack.js';

let lastKey = { dense: false, rows: -1, len: -1, key: '' };
/** The kept forms' key of a packed A [rows, len]: a form packed for one shape must never serve another (its starts and ends have `rows` entries). The last is kept, as a run's products share their images' shape. */
function formKey(dense: boolean, rows: number, len: number): string {
  const k = lastKey;
  if (k.dense !== dense || k.rows !== rows || k.len !== len) lastKey = { dense, rows, len, key: `${dense ? 'dense' : 'sparse'}:${rows}x${len}` };
  return lastKey.key;
}

/** True when every element is finite: only then may A's zeros be skipped (0·inf is NaN). */
function allFinite(b: Float32Array): boolean {
  const at = addressOf(b);
  if (at !== null) return wasm!.exports.all_finite(at, b.length) === 1;
  for (let i = 0; i < b.length; i++) if (b[i]! - b[i]! !== 0) return false;
  return true;
}

/**
 * C[M, N] = op(A)·op(B) in float32 with the SIMD kernels, from A packed to its nonzero groups, 12
 * output columns at a time, rows split across threads. A fed array's packed form is kept across
 * runs while the array is unchanged: checked with verify when it lies in the memory (a pinned
 * array; the forward product checks it along with its product), else through a kept copy (resident.ts). A
 * computed in the run (a plan's buffer) is packed where it lies; anything else is copied in first.
 * A is [M, K], or with `ta` A^T stored [K, M]; B is [K, N], or with `tb` B^T stored [N, K].
 * False, with nothing done, when an operand is shorter than its shape (a view of a resizable buffer
 * that shrank): the kernels would read past it.
 */
export function wasmMatMul(a: Float32Array, ta: boolean, b: Float32Array, tb: boolean, c: Float32Array, M: number, N: number, K: number): boolean {
  if (a.length < M * K || b.length < K * N || c.length < M * N) return false;
  const dense = !allFinite(b);
  const rows = ta ? K : M;
  const len = ta ? M : K;
  const key = formKey(dense, rows, len);
  const at = addressOf(a);
  if (at !== null && (fedThisRun(a) || isConstant(a))) return inPlace(a, at, ta, b, tb, c, M, N, K, dense, key);
  if (at !== null) return product(null, at, a, ta, b, tb, c, M, N, K, dense, null);
  // a fed array elsewhere is copied in once and its packed form kept; anything else is packed afresh
  if (!ta && M * N * K >= PARALLEL_MIN_WORK && threadCount() > 1) {
    // The kept copy is compared with the fed bytes (memcmp, one thread) while the workers multiply it, this thread
    // then taking the last rows (overlap_share.ts): both cores busy, where the comparison used to leave the worker
    // idle. A copy found changed is copied afresh below.
    const kept = keptUnchecked<Packed>(a, key);
    let same = false;
    if (kept) product(kept.value, kept.address, a, ta, b, tb, c, M, N, K, dense, null, () => (same = confirmKept(a)));
    if (same) return true;
  }
  const copy = resident(a);
  // the form kept with the copy, else made now (a closure only then: a repeated run makes none)
  const form =
    copy === null ? null : (preparedForm<Packed>(a, key) ?? preparedOnce(a, key, packedBytes(rows, len), (addr, blk) => packInto(addr, rows, len, dense, blk)));
  product(form, copy, a, ta, b, tb, c, M, N, K, dense, null);
  return true;
}

/**
 * wasmMatMul of a fed A that lies in the memory at `at` (a pinned array): its packed form is kept across runs and
 * checked against A once a run (by verify, or by the forward product along with its product), made again when A changed. A
 * constant's copy in the memory (resident.ts's markConstant) keeps its form unchecked: nothing writes it.
 */
function inPlace(
  a: Float32Array,
  at: number,
  ta: boolean,
  b: Float32Array,
  tb: boolean,
  c: Float32Array,
  M: number,
  N: number,
  K: number,
  dense: boolean,
  key: string,
): boolean {
  const [rows, len] = ta ? [K, M] : [M, K];
  const run = (A: Packed | null, check: Check | null = null): boolean => product(A, at, a, ta, b, tb, c, M, N, K, dense, check);
  const form = keptInPlace<Packed>(a, key);
  // a constant's copy is never written: its form, once made, stays right
  if (form && (form.checked || isConstant(a))) return run(form.value);
  if (form && (ta ? unchanged(at, rows, len, form.value, dense) : run(form.value, { a: at, K: len, dense }))) {
    markChecked(a, key);
    return ta ? run(form.value) : true;
  }
  run(keepInPlace(a, key, packedBytes(rows, len), (blk) => packInto(at, rows, len, dense, blk)));
  return true;
}

/** What the forward product checks along with its product: A [rows, K] at address `a` against the packed form. */
interface Check {
  a: number;
  K: number;
  dense: boolean;
}

/**
 * The product from a packed A (packed here when null, from `source`, A's address, or a copy of `a`); false when `check`
 * found A changed (C is then garbage). `during` (A not transposed) runs on this thread while the workers compute all of C's rows.
 */
function product(
  packed: Packed | null,
  source: number | null,
  a: Float32Array,
  ta: boolean,
  b: Float32Array,
  tb: boolean,
  c: Float32Array,
  M: number,
  N: number,
  K: number,
  dense: boolean,
  check: Check | null,
  during: (() => void) | null = null,
): boolean {
  const m = mark();
  try {
    const rows = ta ? K : M;
    const len = ta ? M : K;
    const at = source ?? (packed ? null : copyIn(a));
    const pb = addressOf(b) ?? copyIn(b);
    const pc = addressOf(c) ?? alloc(c.byteLength);
    if (ta && at !== null && denseTransposed(packed, at, pb, tb, pc, M, N, K)) {
      // done by mm_tn_reg_cols
    } else {
      const src = packed ?? pack(at!, rows, len, dense);
      if (ta) transposedProduct(src, pb, tb, pc, M, N, K);
      else if (!rowsProduct(src, pb, tb, pc, M, N, K, check, during)) return false;
    }
    if (pc !== addressOf(c)) c.set(f32(pc, c.length));
    return true;
  } finally {
    release(m);
  }
}

/**
 * The product as one job for the threads, each taking a range of the 12-column panels of the result over all its rows
 * (mm_nn_cols, mm_tn_cols, each thread with `scratch` bytes of its own), where there are at least two panels per thread:
 * a dense layer's product has few rows and many panels, and a job per panel would wake the workers hundreds of times.
 * False where the rows are the better split (the caller's row-split loop then runs).
 */
function byPanels(
  kernel: 'mm_nn_cols' | 'mm_tn_cols',
  A: Packed,
  b: number,
  tb: boolean,
  c: number,
  M: number,
  N: number,
  K: number,
  scratch: number,
): boolean {
  const P = Math.ceil(N / PANEL);
  const t = panelThreads(M, N, K);
  if (P < 2 * t) return false;
  parallel(
    kernel,
    evenRanges(P, t).map(([lo, hi]) => [A.vals, A.idx, A.starts, A.ends, b, K, N, tb ? 1 : 0, c, M, lo, hi, alloc(scratch)]),
  );
  return true;
}

/**
 * C = A·B, A [M, K] (B and C at addresses): each thread computes a range of C's rows, and with
 * `check` then checks those rows against A (mm_nn_verify, the same job); false when that found A changed. With `during`, the
 * first panel's first rows go to the workers, and this thread runs `during` meanwhile, then the last rows.
 */
function rowsProduct(A: Packed, b: number, tb: boolean, c: number, M: number, N: number, K: number, check: Check | null, during: (() => void) | null): boolean {
  if (!check && !during && byPanels('mm_nn_cols', A, b, tb, c, M, N, K, align16(Math.ceil(K / 4) * PANEL * 16) + align16(M * PANEL * 4))) return true;
  const w = wasm!.exports;
  const bp = alloc(Math.ceil(K / 4) * PANEL * 16);
  const cp = alloc(M * PANEL * 4);
  // on one thread (a mini-batch's product) the kernel is called directly: no argument lists to make
  const parts = single(M, M * K * PANEL) ? null : ranges(M, M * K * PANEL);
  for (let j0 = 0; j0 < N; j0 += PANEL) {
    const width = Math.min(PANEL, N - j0);
    w.panel_rows(b, K, N, tb ? 1 : 0, j0, bp);
    if (check && j0 === 0) {
      const bad = badFlag();
      parallel(
        'mm_nn_verify',
        (parts ?? [[0, M]]).map(([lo, hi]) => [A.vals, A.idx, A.starts, A.ends, bp, cp, lo, hi, check.a, check.K, check.dense ? 1 : 0, bad, width]),
      );
      if (isSet(bad)) return false;
    } else if (during && j0 === 0) {
      // the workers take the first rows; this thread, its comparison done, the rest (overlap_share.ts)
      const key = shareKey(M, K);
      const split = splitRow(key, M);
      const workers: [number, number][] = [[0, 0], ...ranges(split, split * K * PANEL, threadCount() - 1)];
      const t0 = performance.now();
      let mine = 0;
      parallel(
        'mm_nn',
        workers.map(([lo, hi]) => [A.vals, A.idx, A.starts, A.ends, bp, cp, lo, hi, width]),
        () => {
          during();
          if (split < M) w.mm_nn(A.vals, A.idx, A.starts, A.ends, bp, cp, split, M, width);
          mine = performance.now();
        },
      );
      settleShare(key, performance.now() - t0, mine - t0);
    } else if (parts === null) {
      w.mm_nn(A.vals, A.idx, A.starts, A.ends, bp, cp, 0, M, width);
    } else {
      parallel(
        'mm_nn',
        parts.map(([lo, hi]) => [A.vals, A.idx, A.starts, A.ends, bp, cp, lo, hi, width]),
      );
    }
    w.unpanel(cp, M, c, N, j0, width);
  }
  return true;
}

/** The share of A's groups of four that must hold a nonzero for mm_tn_reg (which reads them all, about 1.6× as fast a group) to pay. */
const DENSE_ENOUGH = 2 / 3;

/** A packed A's kept entries: its nonzero groups (all of them when packed dense). */
function entries(A: Packed, rows: number): number {
  const words = wordsFor(Math.max(A.starts, A.ends) + rows * 4);
  const s0 = A.starts >>> 2;
  const e0 = A.ends >>> 2;
  let n = 0;
  for (let i = 0; i < rows; i++) n += words[e0 + i]! - words[s0 + i]!;
  return n;
}

/**
 * C = A^T·G from A as it lies at `a` (stored [K, M]), by panels of the result across the threads with the sums in
 * registers (mm_tn_reg_cols), where A's rows are whole groups (M a multiple of 4), mostly nonzero (packed: its kept
 * entries; else counted) and there are panels enough to split; false, with nothing done, elsewhere. Every term is
 * multiplied, so it is exact for any G (0·inf is NaN, as in the loops).
 */
function denseTransposed(packed: Packed | null, a: number, g: number, tb: boolean, c: number, M: number, N: number, K: number): boolean {
  const P = Math.ceil(N / PANEL);
  const t = panelThreads(M, N, K);
  if (M % 4 !== 0 || K === 0 || P < 2 * t) return false;
  const groups = (K * M) / 4;
  const nonzero = packed ? entries(packed, K) : wasm!.exports.nonzero_groups(a, K * M);
  if (nonzero < DENSE_ENOUGH * groups) return false;
  const scratch = align16(K * PANEL * 4) + align16((M / 4) * PANEL * 16) + 16;
  parallel(
    'mm_tn_reg_cols',
    evenRanges(P, t).map(([lo, hi]) => [a, g, K, N, tb ? 1 : 0, c, M, lo, hi, alloc(scratch)]),
  );
  return true;
}

/** C = A^T·G, A stored [K, M] (G and C at addresses): each thread sums a range of A's rows into its own partial C. */
function transposedProduct(A: Packed, g: number, tb: boolean, c: number, M: number, N: number, K: number): void {
  if (byPanels('mm_tn_cols', A, g, tb, c, M, N, K, align16(K * PANEL * 4) + align16(Math.ceil(M / 4) * PANEL * 16) + 16)) return;
  const w = wasm!.exports;
  const Q = Math.ceil(M / 4);
  const gp = alloc(K * PANEL * 4);
  // on one thread (a mini-batch's product) the kernel is called directly: no argument lists to make
  const parts = single(K, M * K * PANEL) ? null : ranges(K, M * K * PANEL);
  const T = parts?.length ?? 1;
  // the partials' addresses, as sum_partials reads them
  const list = alloc(T * 4);
  for (let t = 0; t < T; t++) {
    const part = alloc(Q * PANEL * 16);
    wordsFor(list + t * 4)[(list >>> 2) + t] = part;
  }
  for (let j0 = 0; j0 < N; j0 += PANEL) {
    const width = Math.min(PANEL, N - j0);
    w.panel_cols(g, K, N, tb ? 1 : 0, j0, gp);
    if (parts === null) w.mm_tn(A.vals, A.idx, A.starts, A.ends, gp, wordAt(list), 0, K, Q, width);
    else
      parallel(
        'mm_tn',
        parts.map(([lo, hi], t) => [A.vals, A.idx, A.starts, A.ends, gp, wordAt(list + t * 4), lo, hi, Q, width]),
      );
    w.sum_partials(list, T, M, c, N, j0, width);
  }
}
