import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DType } from '../../../src/framework/dtypes.js';
import { sizeOf } from '../../../src/framework/ndarray.js';
import { bindex, indices, nd, roundTo, run1, stream, values } from './kernel_harness.js';

/** An output shape and two input shapes that broadcast to it (leading dims dropped, dims set to 1). */
const broadcastTriple = fc
  .array(fc.integer({ min: 1, max: 4 }), { minLength: 0, maxLength: 5 })
  .chain((out) => {
    const side = fc
      .tuple(fc.integer({ min: 0, max: out.length }), fc.array(fc.boolean(), { minLength: out.length, maxLength: out.length }))
      .map(([drop, ones]) => out.slice(drop).map((d, i) => (ones[i + drop] ? 1 : d)));
    return fc.tuple(fc.constant(out), side, side);
  })
  .map(([, xs, ys]) => {
    const n = Math.max(xs.length, ys.length);
    const out = Array.from({ length: n }, (_, i) => Math.max(xs[xs.length - n + i] ?? 1, ys[ys.length - n + i] ?? 1));
    return { xs, ys, out };
  });

type Op = 'Add' | 'Sub' | 'Mul' | 'RealDiv' | 'Maximum' | 'Minimum' | 'FloorDiv' | 'FloorMod' | 'Equal' | 'Greater' | 'GreaterEqual' | 'Less' | 'LessEqual';

/** Each op's meaning on doubles, applied before the dtype's own rounding or wrap. */
const REF: Record<Op, (a: number, b: number, dt: DType) => number> = {
  Add: (a, b) => a + b,
  Sub: (a, b) => a - b,
  Mul: (a, b, dt) => (dt === 'int32' ? Math.imul(a, b) : a * b),
  RealDiv: (a, b, dt) => (dt === 'int32' || dt === 'int64' ? Math.trunc(a / b) : a / b),
  Maximum: (a, b) => Math.max(a, b),
  Minimum: (a, b) => Math.min(a, b),
  FloorDiv: (a, b) => Math.floor(a / b),
  FloorMod: (a, b) => a - Math.floor(a / b) * b,
  Equal: (a, b) => +(a === b),
  Greater: (a, b) => +(a > b),
  GreaterEqual: (a, b) => +(a >= b),
  Less: (a, b) => +(a < b),
  LessEqual: (a, b) => +(a <= b),
};

describe('binary kernels broadcast as NumPy does', () => {
  it('match a naive per-index reference on random shapes, ops and dtypes', () => {
    fc.assert(
      fc.property(
        broadcastTriple,
        fc.constantFrom(...(Object.keys(REF) as Op[])),
        fc.constantFrom<DType>('float64', 'float32', 'int32', 'int64'),
        fc.integer({ min: 1, max: 1e6 }),
        ({ xs, ys, out }, op, dt, seed) => {
          const rng = stream(seed);
          let xv = values(sizeOf(xs), dt, rng);
          let yv = values(sizeOf(ys), dt, rng);
          if (op === 'FloorDiv' || op === 'FloorMod' || op === 'RealDiv') yv = yv.map((v) => (v === 0 ? 3 : v));
          if (dt === 'int32' && op === 'Mul') xv = xv.map((v) => v * 123456789);
          const x = nd(xv, xs, dt);
          const y = nd(yv, ys, dt);
          const o = run1(op, [x, y], {});
          expect(o.shape).toEqual(out);
          for (const idx of indices(out)) {
            const a = x.data[bindex(xs, idx)]!;
            const b = y.data[bindex(ys, idx)]!;
            const got = o.data[bindex(out, idx)]!;
            const ref = roundTo(o.dtype, REF[op](a, b, dt));
            if (Number.isNaN(ref)) expect(got).toBeNaN();
            else if (op === 'FloorMod' && (dt === 'float32' || dt === 'float64')) expect(got).toBeCloseTo(ref, 5);
            else expect(got).toBe(ref);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('handle the strided general case (inner broadcast inside outer broadcast)', () => {
    const x = nd([1, 2, 3, 4, 5, 6], [2, 1, 3]);
    const y = nd([10, 20, 30, 40], [1, 4, 1]);
    const o = run1('Add', [x, y], {});
    expect(o.shape).toEqual([2, 4, 3]);
    expect(o.tolist()).toEqual([
      [
        [11, 12, 13],
        [21, 22, 23],
        [31, 32, 33],
        [41, 42, 43],
      ],
      [
        [14, 15, 16],
        [24, 25, 26],
        [34, 35, 36],
        [44, 45, 46],
      ],
    ]);
    const deep = run1('Mul', [nd([1, 2], [2, 1, 1, 1]), nd([1, 2, 3, 4, 5, 6], [1, 3, 1, 2])], {});
    expect(deep.shape).toEqual([2, 3, 1, 2]);
    expect(Array.from(deep.data)).toEqual([1, 2, 3, 4, 5, 6, 2, 4, 6, 8, 10, 12]);
  });

  it('handle empty dimensions', () => {
    const o = run1('Add', [nd([], [0, 3]), nd([1, 2, 3], [3])], {});
    expect(o.shape).toEqual([0, 3]);
    expect(run1('Less', [nd([], [2, 0]), nd([1], [1])], {}).shape).toEqual([2, 0]);
  });
});
