import type { HostArray } from '../../../framework/dtypes.js';
import { ResourceExhaustedError } from '../../../framework/errors.js';
import { coalesce } from '../../kernels/broadcast.js';
import { addressOf, alloc, mark, release } from '../../../framework/memory/host.js';
import { wasm } from '../../../session/cpu/wasm/instance.js';
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

/**
 * The addresses of a float32 output in the memory and of its operands, or null when one is not
 * reachable or holds fewer elements than the kernel will touch (`need`, from the shapes: a view of
 * a resizable buffer may have shrunk since it was fed), so that no kernel reads or writes past an array.
 */
function addresses(o: HostArray, need: number, ...inputs: [HostArray, number][]): number[] | null {
  if (!wasm || !(o instanceof Float32Array) || o.length < need) return null;
  if (inputs.some(([x, n]) => x.length < n)) return null;
  const at = [addressOf(o)];
  if (at[0] === null) return null;
  for (const [x] of inputs) {
    const p = operand(x);
    if (p === null) return null;
    at.push(p);
  }
  return at as number[];
}

const count = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

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
  if (!wasm || o.length === 0 || addressOf(o) === null) return false;
  const { dims, sx, sy } = coalesce(xShape, yShape, outShape);
  if (dims.length > 2) return false;
  // [rows, inner] with inner strides of 0 or 1; a lone element is one row of one
  const inner = dims[dims.length - 1] ?? 1;
  const ix = sx[sx.length - 1] ?? 1;
  const iy = sy[sy.length - 1] ?? 1;
  if (ix > 1 || iy > 1) return false;
  const at = addresses(o, count(outShape), [x, count(xShape)], [y, count(yShape)]);
  if (!at) return false;
  const [po, px, py] = at as [number, number, number];
  const two = dims.length === 2;
  wasm.exports.binary(op, two ? dims[0]! : 1, inner, px, two ? sx[0]! : 0, ix, py, two ? sy[0]! : 0, iy, po);
  return true;
}

/** o = OP x over n elements. */
export function wasmUnary(op: number, x: HostArray, o: HostArray): boolean {
  const at = addresses(o, o.length, [x, o.length]);
  if (!wasm || !at) return false;
  wasm.exports.unary(op, at[1]!, at[0]!, o.length);
  return true;
}

/** Softmax over rows of C. */
export function wasmSoftmax(x: HostArray, o: HostArray, C: number): boolean {
  const at = addresses(o, o.length, [x, o.length]);
  if (!wasm || !at) return false;
  const m = mark();
  try {
    wasm.exports.softmax(at[1]!, at[0]!, o.length / C, C, alloc((C + 1) * 8));
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
  const at = addresses(o, A * I, [x, A * R * I]);
  if (!wasm || !at) return false;
  wasm.exports.sum(at[1]!, A, R, I, at[0]!, div);
  return true;
}

/** v -= f32(alpha · d), in place (ApplyGradientDescent on float32). */
export function wasmApplyGradientDescent(v: HostArray, alpha: number, d: HostArray): boolean {
  const at = addresses(v, v.length, [d, v.length]);
  if (!wasm || !at) return false;
  wasm.exports.apply_gd(at[0]!, alpha, at[1]!, v.length);
  return true;
}

/** TF1's Adam on float32 in place (ApplyAdam), with its scalars already float32: alpha = lr_t, c1 = 1 − β1, c2 = 1 − β2. */
export function wasmApplyAdam(w: HostArray, m: HostArray, v: HostArray, g: HostArray, s: AdamScalars): boolean {
  const n = w.length;
  const at = addresses(w, n, [m, n], [v, n], [g, n]);
  if (!wasm || !at || addressOf(m) === null || addressOf(v) === null) return false;
  wasm.exports.apply_adam(at[0]!, at[1]!, at[2]!, at[3]!, n, s.alpha, s.c1, s.c2, s.b1, s.eps, s.nesterov ? 1 : 0);
  return true;
}
