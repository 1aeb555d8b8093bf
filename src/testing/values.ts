import fc from 'fast-check';
import { NDArray, sizeOf } from '../framework/ndarray.js';

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
    if (b <= lo) {
      lo = Math.max(lo, b);
      continue;
    }
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
      if (Math.abs(e - v) < dist) {
        dist = Math.abs(e - v);
        best = e;
      }
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
  return fc
    .tuple(fc.shuffledSubarray(cells, { minLength: n, maxLength: n }), fc.array(fc.double({ min: 0, max: d, noNaN: true }), { minLength: n, maxLength: n }))
    .map(([starts, jitter]) => starts.map((s, i) => s + jitter[i]!));
}

/** The number of values an array of random shape may need: the pool fast-check shrinks independently of the shape. */
const DEFAULT_MAX_SIZE = 64;

function toArrays(vals: readonly number[], shapes: readonly (readonly number[])[], dtype: 'float32' | 'float64'): NDArray[] {
  let at = 0;
  return shapes.map((s) => {
    const part = vals.slice(at, (at += sizeOf(s)));
    return new NDArray(dtype === 'float32' ? Float32Array.from(part) : Float64Array.from(part), s, dtype);
  });
}

/**
 * Several arrays drawn together (so `distinct` holds across all of them), of fixed shapes or of shapes from
 * an arbitrary. For random shapes the values come from a pool of `max_size` values that shrinks apart from
 * the shapes, so a failure shrinks to both a small shape and simple values (fc.chain would not).
 */
export function ndarrays(
  shapes: readonly (readonly number[])[] | fc.Arbitrary<readonly (readonly number[])[]>,
  c: ValueConstraints & { max_size?: number } = {},
): fc.Arbitrary<NDArray[]> {
  const dtype = c.dtype ?? 'float64';
  const pool = (n: number): fc.Arbitrary<number[]> => (c.distinct !== undefined ? distinctValues(n, c.distinct, c) : freeValues(n, c));
  if (!(shapes instanceof fc.Arbitrary)) {
    return pool(shapes.reduce((a, s) => a + sizeOf(s), 0)).map((vals) => toArrays(vals, shapes, dtype));
  }
  const max = c.max_size ?? DEFAULT_MAX_SIZE;
  return fc.tuple(shapes, pool(max)).map(([ss, vals]) => {
    const need = ss.reduce((a, s) => a + sizeOf(s), 0);
    if (need > max) throw new RangeError(`arrays of shapes ${JSON.stringify(ss)} need ${need} values; raise max_size (${max})`);
    return toArrays(vals, ss, dtype);
  });
}

/** A random array of a fixed shape or of shapes from an arbitrary, with values in the allowed set (float64 by default). */
export function ndarray(shape: readonly number[] | fc.Arbitrary<readonly number[]>, c: ValueConstraints & { max_size?: number } = {}): fc.Arbitrary<NDArray> {
  const shapes = shape instanceof fc.Arbitrary ? shape.map((s) => [s]) : [shape];
  return ndarrays(shapes, c).map((a) => a[0]!);
}
