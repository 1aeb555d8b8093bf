import type { HostArray } from '../../framework/dtypes.js';

/**
 * A strided pairwise loop over `n` elements: o[oi + t] = f(x[xi + t*sx], y[yi + t*sy]).
 * Strides are 0 (broadcast) or the contiguous step, so one function body per op serves every
 * broadcast pattern without a per-element callback. Returns false on integer division by zero,
 * leaving the kernel to throw with its op name.
 */
export type PairLoop = (x: HostArray, xi: number, sx: number, y: HostArray, yi: number, sy: number, o: HostArray, oi: number, n: number) => boolean;

/** NumPy's broadcast of two run-time shapes, or null when they are incompatible. */
export function broadcastShape(a: readonly number[], b: readonly number[]): number[] | null {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[a.length - n + i] ?? 1;
    const y = b[b.length - n + i] ?? 1;
    if (x === y || y === 1) out.push(x);
    else if (x === 1) out.push(y);
    else return null;
  }
  return out;
}

/** Contiguous strides of `shape` right-aligned to `rank` dims, 0 where the dim is broadcast. */
export function bstrides(shape: readonly number[], outShape: readonly number[]): number[] {
  const rank = outShape.length;
  const s = new Array<number>(rank).fill(0);
  let step = 1;
  for (let i = rank - 1, j = shape.length - 1; i >= 0; i--, j--) {
    const d = j >= 0 ? shape[j]! : 1;
    s[i] = d === 1 ? 0 : step;
    step *= d;
  }
  return s;
}

/** A broadcast as few dims as possible: dims whose strides continue each other merge, size-1 dims vanish. */
export interface Coalesced {
  dims: number[];
  /** x's stride per dim, in elements (0 where x repeats). */
  sx: number[];
  /** y's stride per dim. */
  sy: number[];
}

/** The arrays coalesce fills for a caller that keeps nothing: they only grow, so a warm run allocates none. */
export const SCRATCH: Coalesced = { dims: [], sx: [], sy: [] };

/** x's (or y's) stride at out dim i of `rank` dims: contiguous, 0 where the dim is broadcast (bstrides' entry i). */
function strideAt(shape: readonly number[], rank: number, i: number): number {
  let step = 1;
  for (let j = shape.length - 1, k = rank - 1; k > i; j--, k--) step *= j >= 0 ? shape[j]! : 1;
  const j = shape.length - rank + i;
  return j < 0 || shape[j] === 1 ? 0 : step;
}

/**
 * Coalesces x and y broadcast to `outShape`, from the innermost dim outwards, without allocating: the dims and
 * strides, outermost first, into the first r entries of `c`'s arrays (entries past r are stale); returns r.
 */
export function coalesce(xShape: readonly number[], yShape: readonly number[], outShape: readonly number[], c: Coalesced): number {
  const { dims, sx, sy } = c;
  const rank = outShape.length;
  let r = 0;
  // innermost first into entries 0..r-1, reversed at the end
  for (let i = rank - 1; i >= 0; i--) {
    const d = outShape[i]!;
    if (d === 1) continue;
    const fx = strideAt(xShape, rank, i);
    const fy = strideAt(yShape, rank, i);
    const k = r - 1;
    if (k >= 0 && fx === sx[k]! * dims[k]! && fy === sy[k]! * dims[k]!) {
      dims[k] = dims[k]! * d;
    } else {
      dims[r] = d;
      sx[r] = fx;
      sy[r] = fy;
      r++;
    }
  }
  for (let a = 0, b = r - 1; a < b; a++, b--) {
    const d = dims[a]!;
    dims[a] = dims[b]!;
    dims[b] = d;
    const x = sx[a]!;
    sx[a] = sx[b]!;
    sx[b] = x;
    const y = sy[a]!;
    sy[a] = sy[b]!;
    sy[b] = y;
  }
  return r;
}

/**
 * Applies `loop` to x and y broadcast to `outShape`, writing the contiguous `o`.
 * Dims are coalesced first, so the common cases reduce to one loop call (same shape, or a
 * scalar on either side) or one call per row (a row or column broadcast); only genuinely
 * strided patterns walk the outer dims with an odometer.
 */
export function broadcastApply(
  loop: PairLoop,
  x: HostArray,
  xShape: readonly number[],
  y: HostArray,
  yShape: readonly number[],
  o: HostArray,
  outShape: readonly number[],
): boolean {
  const n = o.length;
  if (n === 0) return true;
  if (x.length === n && y.length === n) return loop(x, 0, 1, y, 0, 1, o, 0, n);
  if (x.length === 1 && y.length === n) return loop(x, 0, 0, y, 0, 1, o, 0, n);
  if (y.length === 1 && x.length === n) return loop(x, 0, 1, y, 0, 0, o, 0, n);

  const r = coalesce(xShape, yShape, outShape, SCRATCH);
  const { dims, sx, sy } = SCRATCH;
  const inner = dims[r - 1]!;
  const isx = sx[r - 1]!;
  const isy = sy[r - 1]!;
  if (r === 1) return loop(x, 0, isx, y, 0, isy, o, 0, inner);
  if (r === 2) {
    const rows = dims[0]!;
    const rx = sx[0]!;
    const ry = sy[0]!;
    for (let i = 0; i < rows; i++) {
      if (!loop(x, i * rx, isx, y, i * ry, isy, o, i * inner, inner)) return false;
    }
    return true;
  }
  const idx = new Array<number>(r - 1).fill(0);
  let xo = 0;
  let yo = 0;
  for (let oo = 0; oo < n; oo += inner) {
    if (!loop(x, xo, isx, y, yo, isy, o, oo, inner)) return false;
    for (let d = r - 2; d >= 0; d--) {
      xo += sx[d]!;
      yo += sy[d]!;
      if (++idx[d]! < dims[d]!) break;
      xo -= sx[d]! * dims[d]!;
      yo -= sy[d]! * dims[d]!;
      idx[d] = 0;
    }
  }
  return true;
}
