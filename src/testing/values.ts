import fc from 'fast-check';
import { NDArray, sizeOf } from '../ndarray/ndarray.js';

/** Where random values may lie: an interval, minus neighbourhoods of an op's singularities and kinks. */
export interface ValueConstraints {
  /** float64 (the default, for gradient checks) or float32. */
  dtype?: 'float32' | 'float64';
  /** Inclusive bounds; default [-2, 2]. */
  min?: number;
  max?: number;
  /** Points to keep away from, e.g. `[0]` for log, division, relu. */
  avoid?: readonly number[];
  /** How far from each avoided point (default 0.1). */
  gap?: number;
  /** When set, all values (of all the arrays drawn together) are at least this far apart: no ties for max, maximum, minimum. */
  distinct?: number;
}

type Interval = [number, number];

/** [min, max] minus the open gaps around avoided points, as sorted disjoint intervals. */
function allowedIntervals(c: ValueConstraints): Interval[] {
  const { min = -2, max = 2, avoid = [], gap = 0.1 } = c;
  if (!(min <= max)) throw new RangeError(`min ${min} must not exceed max ${max}`);
  const holes = avoid.map((s): Interval => [s - gap, s + gap]).sort((a, b) => a[0] - b[0]);
  const out: Interval[] = [];
  let lo = min;
  for (const [a, b] of holes) {
    if (b <= lo) { lo = Math.max(lo, b); continue; }
    if (a >= lo) out.push([lo, Math.min(a, max)]);
    lo = Math.max(lo, b);
    if (lo > max) break;
  }
  if (lo <= max) out.push([lo, max]);
  const kept = out.filter(([a, b]) => a <= b);
  if (!kept.length) throw new RangeError(`no values in [${min}, ${max}] stay ${gap} away from ${avoid.join(', ')}`);
  return kept;
}

/** Any double in the allowed set: drawn in [min, max], then moved out of a gap to its nearer edge. */
function freeValues(n: number, c: ValueConstraints): fc.Arbitrary<number[]> {
  const intervals = allowedIntervals(c);
  const lo = intervals[0]![0];
  const hi = intervals[intervals.length - 1]![1];
  const snap = (v: number): number => {
    let best = v;
    let dist = Infinity;
    for (const [a, b] of intervals) {
      if (v >= a && v <= b) return v;
      const e = v < a ? a : b;
      if (Math.abs(e - v) < dist) { dist = Math.abs(e - v); best = e; }
    }
    return best;
  };
  return fc.array(fc.double({ min: lo, max: hi, noNaN: true }).map(snap), { minLength: n, maxLength: n });
}

/** n values pairwise at least `d` apart: distinct cells of width 2d (nearest 0 first, so shrinking finds small values), jittered by up to d. */
function distinctValues(n: number, d: number, c: ValueConstraints): fc.Arbitrary<number[]> {
  const cells: number[] = [];
  for (const [a, b] of allowedIntervals(c)) {
    // Cells of neighbouring intervals must also stay 2d apart.
    const from = cells.length ? Math.max(a, cells[cells.length - 1]! + 2 * d) : a;
    for (let s = from; s + d <= b + 1e-12; s += 2 * d) cells.push(s);
  }
  if (cells.length < n) throw new RangeError(`cannot place ${n} values ${d} apart in the allowed range (room for ${cells.length})`);
  cells.sort((x, y) => Math.abs(x + d / 2) - Math.abs(y + d / 2));
  return fc.tuple(
    fc.shuffledSubarray(cells, { minLength: n, maxLength: n }),
    fc.array(fc.double({ min: 0, max: d, noNaN: true }), { minLength: n, maxLength: n }),
  ).map(([starts, jitter]) => starts.map((s, i) => s + jitter[i]!));
}

/** Several arrays of these shapes drawn together (so `distinct` holds across all of them). */
export function ndarrays(shapes: readonly (readonly number[])[], c: ValueConstraints = {}): fc.Arbitrary<NDArray[]> {
  const sizes = shapes.map((s) => sizeOf(s));
  const total = sizes.reduce((a, b) => a + b, 0);
  const flat = c.distinct !== undefined ? distinctValues(total, c.distinct, c) : freeValues(total, c);
  const dtype = c.dtype ?? 'float64';
  return flat.map((vals) => {
    let at = 0;
    return shapes.map((s, i) => {
      const part = vals.slice(at, (at += sizes[i]!));
      return new NDArray(dtype === 'float32' ? Float32Array.from(part) : Float64Array.from(part), s, dtype);
    });
  });
}

/** A random array of this shape with values in the allowed set (float64 by default). */
export function ndarray(shape: readonly number[], c: ValueConstraints = {}): fc.Arbitrary<NDArray> {
  return ndarrays([shape], c).map((a) => a[0]!);
}
