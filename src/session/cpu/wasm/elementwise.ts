import type { HostArray } from '../../../framework/dtypes.js';
import { ResourceExhaustedError } from '../../../framework/errors.js';
import { coalesce, SCRATCH } from '../../kernels/broadcast.js';
import { prodOf } from '../../kernels/util.js';
import { addressOf, alloc, mark, release } from '../../../framework/memory/host.js';
import { wasm } from '../../../session/cpu/wasm/instance.js';
import { evenRanges, parallel, threadCount } from './pool.js';
import { resident } from './resident.js';
import type { AdamScalars } from '../../kernel.js';

// The float32 elementwise, softmax and sum kernels (elementwise.wat, elementwise_ops.mjs), run in
// place on arrays in the kernels' memory. Each function returns false when it cannot run (no SIMD
// here, an operand outside the memory, a pattern it does not cover) and the caller's JavaScript
// loop runs instead; both compute the same bits.

/** The op codes of the binary and unary kernels, by TF1 op type: generated from simd_ops.mjs, as are the kernels' br_tables. */
export { BINARY_CODES, UNARY_CODES } from './binary.js';

/** Where a kernel can read a float32 operand: in the memory already, or a fed array's kept copy; else null. */
function operand(a: HostArray): number | null {
  if (!(a instanceof Float32Array)) return null;
  return addressOf(a) ?? resident(a);
}

/** The addresses `addresses` found, output first, then each operand's: valid until its next call (kernels run one at a time). */
const AT: number[] = [0, 0, 0, 0, 0];

/** Operand k's address into AT[k]; false when it is not reachable. */
function place(k: number, x: HostArray): boolean {
  const p = operand(x);
  if (p === null) return false;
  AT[k] = p;
  return true;
}

/**
 * Fills AT with the addresses of a float32 output in the memory and of its operands (up to four, each with the
 * elements the kernel reads), or returns false when one is not reachable or holds fewer elements than the kernel
 * will touch (`need`, from the shapes: a view of a resizable buffer may have shrunk since it was fed), so that no
 * kernel reads or writes past an array. Positional, not a list, so that a warm run allocates nothing here.
 */
function addresses(o: HostArray, need: number, a: HostArray, na: number, b?: HostArray, nb = 0, c?: HostArray, nc = 0, d?: HostArray, nd = 0): boolean {
  if (!wasm || !(o instanceof Float32Array) || o.length < need) return false;
  if (a.length < na || (b && b.length < nb) || (c && c.length < nc) || (d && d.length < nd)) return false;
  const po = addressOf(o);
  if (po === null) return false;
  AT[0] = po;
  return place(1, a) && (!b || place(2, b)) && (!c || place(3, c)) && (!d || place(4, d));
}

/** The `binary` kernel's walk of a broadcast: [rows, inner], each operand's strides per row and within one (0 or 1). */
export interface BinaryPass {
  rows: number;
  inner: number;
  rx: number;
  ix: number;
  ry: number;
  iy: number;
}

/** What binaryPass() found last (kernels run one at a time): filled in place, so that a warm run allocates nothing. */
export const PASS: BinaryPass = { rows: 0, inner: 0, rx: 0, ix: 0, ry: 0, iy: 0 };

/**
 * The `binary` kernel's walk of x and y broadcast to `outShape`, into PASS: false where the kernel cannot walk it (the
 * coalesced broadcast has more than two dims, or an inner stride other than 0 or 1).
 */
export function binaryPass(xShape: readonly number[], yShape: readonly number[], outShape: readonly number[]): boolean {
  const n = coalesce(xShape, yShape, outShape, SCRATCH);
  if (n > 2) return false;
  const { dims, sx, sy } = SCRATCH;
  // [rows, inner] with inner strides of 0 or 1; a lone element is one row of one
  PASS.inner = n > 0 ? dims[n - 1]! : 1;
  PASS.ix = n > 0 ? sx[n - 1]! : 1;
  PASS.iy = n > 0 ? sy[n - 1]! : 1;
  if (PASS.ix > 1 || PASS.iy > 1) return false;
  const two = n === 2;
  PASS.rows = two ? dims[0]! : 1;
  PASS.rx = two ? sx[0]! : 0;
  PASS.ry = two ? sy[0]! : 0;
  return true;
}

/** o = x OP y, x and y broadcast to `outShape` (o's shape), when the coalesced broadcast has at most two dims. */
export function wasmBinary(
  op: number,
  x: HostArray,
  xShape: readonly number[],
  y: HostArray,
  yShape: readonly number[],
  o: HostArray,
  outShape: readonly number[],
): boolean {
  if (!wasm || o.length === 0 || addressOf(o) === null || !binaryPass(xShape, yShape, outShape)) return false;
  // read before `addresses`, which may copy a fed operand in (not touching PASS, but nothing is assumed)
  const { rows, inner, rx, ix, ry, iy } = PASS;
  if (!addresses(o, prodOf(outShape), x, prodOf(xShape), y, prodOf(yShape))) return false;
  wasm.exports.binary(op, rows, inner, AT[1]!, rx, ix, AT[2]!, ry, iy, AT[0]!);
  return true;
}

/** o = OP x over n elements. */
export function wasmUnary(op: number, x: HostArray, o: HostArray): boolean {
  if (!wasm || !addresses(o, o.length, x, o.length)) return false;
  wasm.exports.unary(op, AT[1]!, AT[0]!, o.length);
  return true;
}

/**
 * Elements from which softmax's rows are split across the threads: its exps in doubles take 5 to 7 ns an element on
 * one thread, so 2^15 of them (the article's [5500, 10] has 55,000) are worth a worker's wake-up; a mini-batch's
 * [100, 10] is not.
 */
export const SOFTMAX_SPLIT = 1 << 15;

/** Softmax over rows of C: a range of rows a thread where there are enough (SOFTMAX_SPLIT), each row computed alike. */
export function wasmSoftmax(x: HostArray, o: HostArray, C: number): boolean {
  if (!wasm || !addresses(o, o.length, x, o.length)) return false;
  const rows = C === 0 ? 0 : o.length / C;
  const threads = o.length < SOFTMAX_SPLIT ? 1 : Math.min(threadCount(), rows);
  const m = mark();
  try {
    if (threads > 1) {
      const xs = AT[1]!;
      const os = AT[0]!;
      parallel(
        'softmax',
        evenRanges(rows, threads).map(([lo, hi]) => [xs + lo * C * 4, os + lo * C * 4, hi - lo, C, alloc((C + 1) * 8)]),
      );
    } else wasm.exports.softmax(AT[1]!, AT[0]!, rows, C, alloc((C + 1) * 8));
  } catch (e) {
    // no room for the row's scratch: the JavaScript loop computes the same bits
    if (e instanceof ResourceExhaustedError) return false;
    throw e;
  } finally {
    release(m);
  }
  return true;
}

/** o[a, i] = Σ_r x[a, r, i] / div over a contiguous [A, R, I]. */
export function wasmSum(x: HostArray, A: number, R: number, I: number, o: HostArray, div: number): boolean {
  if (!wasm || !addresses(o, A * I, x, A * R * I)) return false;
  wasm.exports.sum(AT[1]!, A, R, I, AT[0]!, div);
  return true;
}

/** v -= f32(alpha · d), in place (ApplyGradientDescent on float32). */
export function wasmApplyGradientDescent(v: HostArray, alpha: number, d: HostArray): boolean {
  if (!wasm || !addresses(v, v.length, d, v.length)) return false;
  wasm.exports.apply_gd(AT[0]!, alpha, AT[1]!, v.length);
  return true;
}

/** TF1's Adam on float32 in place (ApplyAdam), with its scalars already float32: alpha = lr_t, c1 = 1 − β1, c2 = 1 − β2. */
export function wasmApplyAdam(w: HostArray, m: HostArray, v: HostArray, g: HostArray, s: AdamScalars): boolean {
  const n = w.length;
  if (!wasm || !addresses(w, n, m, n, v, n, g, n) || addressOf(m) === null || addressOf(v) === null) return false;
  wasm.exports.apply_adam(AT[0]!, AT[1]!, AT[2]!, AT[3]!, n, s.alpha, s.c1, s.c2, s.b1, s.eps, s.nesterov ? 1 : 0);
  return true;
}
