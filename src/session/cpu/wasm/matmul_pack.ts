// A's packed form (matmul.wat's pack) and the splitting of a product's rows across the threads, which matmul.ts's
// products share: the form's layout in bytes, packing and verifying it, and the flag word a checking kernel sets.
import { alloc, mark, release } from '../../../framework/memory/host.js';
import { wasm } from '../../../session/cpu/wasm/instance.js';
import { evenRanges, parallel, threadCount } from './pool.js';

/** Output columns per kernel call (matmul.wat keeps one accumulator per column in a register). */
export const PANEL = 12;
/** Below this many multiply-adds a job runs on one thread: waking a worker costs tens of µs. */
export const PARALLEL_MIN_WORK = 1 << 20;

/** A packed A: per row, its nonzero groups of four (matmul.wat describes the layout). */
export interface Packed {
  vals: number;
  idx: number;
  starts: number;
  ends: number;
}

/** Splits [0, rows) into one range per thread (of `threads`, by default all). */
export function ranges(rows: number, work: number, threads?: number): [number, number][] {
  return evenRanges(rows, work < PARALLEL_MIN_WORK ? 1 : Math.min(threads ?? threadCount(), rows));
}

/** Threads a product C [M, N] = A·B (K deep) splits its 12-column panels across (byPanels in matmul.ts), where they are at least two a thread. */
export function panelThreads(M: number, N: number, K: number): number {
  return M * N * K < PARALLEL_MIN_WORK ? 1 : threadCount();
}

/** True when a job of `work` multiply-adds over `rows` rows runs on this thread alone (ranges() would give one range). */
export function single(rows: number, work: number): boolean {
  return work < PARALLEL_MIN_WORK || rows <= 1 || threadCount() === 1;
}

let words: Int32Array | null = null;
/** The memory as 32-bit words, for single words at byte address `at` (a view made again only once the memory has grown past it). */
export function wordsFor(at: number): Int32Array {
  if (words === null || at >= words.byteLength) words = new Int32Array(wasm!.memory.buffer);
  return words;
}

/** `n` rounded up to a multiple of 16 (in doubles: addresses pass 2^31). */
export const align16 = (n: number): number => Math.ceil(n / 16) * 16;

/** Bytes of a packed A [rows, K]: its vals, idx, starts and ends, each 16-byte aligned. */
export function packedBytes(rows: number, K: number): number {
  const entries = rows * Math.ceil(K / 4);
  return align16(entries * 16) + align16(entries * 4) + 2 * align16(rows * 4);
}

/** Packs A [rows, K] at address `a` (matmul.wat's pack) into the packedBytes(rows, K) at `at`, rows split across threads. */
export function packInto(a: number, rows: number, K: number, dense: boolean, at: number): Packed {
  const entries = rows * Math.ceil(K / 4);
  const idx = at + align16(entries * 16);
  const starts = idx + align16(entries * 4);
  const p: Packed = { vals: at, idx, starts, ends: starts + align16(rows * 4) };
  const d = dense ? 1 : 0;
  if (single(rows, rows * K)) wasm!.exports.pack(a, K, 0, rows, p.vals, p.idx, p.starts, p.ends, d);
  else
    parallel(
      'pack',
      ranges(rows, rows * K).map(([lo, hi]) => [a, K, lo, hi, p.vals, p.idx, p.starts, p.ends, d]),
    );
  return p;
}

/** Packs A [rows, K] at address `a` into scratch. */
export function pack(a: number, rows: number, K: number, dense: boolean): Packed {
  return packInto(a, rows, K, dense, alloc(packedBytes(rows, K)));
}

/** A cleared scratch word that a checking kernel sets to 1 on a difference: its address (read it with isSet). */
export function badFlag(): number {
  const bad = alloc(4);
  wordsFor(bad)[bad >>> 2] = 0;
  return bad;
}

/** The word at byte address `at`, unsigned (an address past 2 GiB stays one). */
export const wordAt = (at: number): number => wordsFor(at)[at >>> 2]! >>> 0;

/** True when a checking kernel set the flag word at `bad`. */
export const isSet = (bad: number): boolean => wordAt(bad) !== 0;

/** True when A [rows, K] at `a` still packs to `p` (matmul_glue.wat's verify, rows split across threads). */
export function unchanged(a: number, rows: number, K: number, p: Packed, dense: boolean): boolean {
  const m = mark();
  try {
    const bad = badFlag();
    parallel(
      'verify',
      ranges(rows, rows * K).map(([lo, hi]) => [a, K, lo, hi, p.vals, p.idx, p.starts, p.ends, dense ? 1 : 0, bad]),
    );
    return !isSet(bad);
  } finally {
    release(m);
  }
}
