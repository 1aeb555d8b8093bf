import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DType } from '../../../src/framework/dtypes.js';
import { InvalidArgumentError } from '../../../src/framework/errors.js';
import { sizeOf } from '../../../src/framework/ndarray.js';
import { indices, iv, nd, roundTo, run1, sc, stream, values } from './kernel_harness.js';

type Red = 'Sum' | 'Mean' | 'Max' | 'Prod';
const kd = (keep_dims: boolean) => ({ keep_dims });

describe('reduction kernels', () => {
  const x = nd([1, 2, 3, 4, 5, 6], [2, 3]);

  it('reduce the last axis, the first axis, both, and none', () => {
    expect(run1('Sum', [x, iv(1)], kd(false)).tolist()).toEqual([6, 15]);
    expect(run1('Sum', [x, iv(0)], kd(false)).tolist()).toEqual([5, 7, 9]);
    expect(run1('Sum', [x, iv(0, 1)], kd(false)).tolist()).toBe(21);
    expect(run1('Sum', [x, iv()], kd(false)).tolist()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(run1('Mean', [x, iv(1)], kd(true)).tolist()).toEqual([[2], [5]]);
    expect(run1('Max', [x, iv(0)], kd(true)).tolist()).toEqual([[4, 5, 6]]);
    expect(run1('Prod', [x, iv(-1)], kd(false)).tolist()).toEqual([6, 120]);
    expect(run1('Sum', [x, sc(-2, 'int32')], kd(false)).tolist()).toEqual([5, 7, 9]);
    expect(run1('Mean', [x, nd([1, 0, -1], [3], 'int64')], kd(true)).tolist()).toEqual([[3.5]]);
  });

  it('reduce non-adjacent axes of a 4-D array', () => {
    const y = nd(
      Array.from({ length: 24 }, (_, i) => i),
      [2, 3, 2, 2],
    );
    expect(run1('Sum', [y, iv(0, 2)], kd(false)).tolist()).toEqual([
      [28, 32],
      [44, 48],
      [60, 64],
    ]); // y[a,b,c,d] = 12a + 4b + 2c + d
    expect(run1('Max', [y, iv(1, 3)], kd(true)).shape).toEqual([2, 1, 2, 1]);
  });

  it('keep the dtype: int32 sums wrap, int means truncate, float32 rounds once', () => {
    const i = nd([2147483647, 1, -7, 2], [2, 2], 'int32');
    expect(run1('Sum', [i, iv(1)], kd(false)).tolist()).toEqual([-2147483648, -5]);
    expect(run1('Mean', [i, iv(0)], kd(false)).tolist()).toEqual([1073741820, 1]);
    expect(run1('Mean', [nd([-7, 2], [2], 'int64'), iv(0)], kd(false)).tolist()).toBe(-2);
    expect(run1('Prod', [nd([65536, 65536, 3], [3], 'int32'), iv(0)], kd(false)).tolist()).toBe(0);
    expect(Object.is(run1('Prod', [nd([0, -3], [2], 'int64'), iv(0)], kd(false)).tolist(), 0)).toBe(true);
    const f = nd([0.1, 0.2, 0.3], [3], 'float32');
    const s = run1('Sum', [f, iv(0)], kd(false));
    expect(s.dtype).toBe('float32');
    expect(s.data[0]).toBe(Math.fround(Math.fround(0.1) + Math.fround(0.2) + Math.fround(0.3)));
  });

  it('reduce empty inputs to the identity of the reduction', () => {
    const e = nd([], [0, 2]);
    expect(run1('Sum', [e, iv(0)], kd(false)).tolist()).toEqual([0, 0]);
    expect(run1('Prod', [e, iv(0)], kd(false)).tolist()).toEqual([1, 1]);
    expect(run1('Max', [e, iv(0)], kd(false)).tolist()).toEqual([-Infinity, -Infinity]);
    expect(run1('Max', [nd([], [0], 'int32'), iv(0)], kd(false)).tolist()).toBe(-2147483648);
    expect(run1('Mean', [e, iv(0)], kd(false)).data.every(Number.isNaN)).toBe(true);
    expect(run1('Sum', [e, iv(1)], kd(true)).shape).toEqual([0, 1]);
  });

  it('propagate NaN through Max', () => {
    expect(run1('Max', [nd([1, NaN, 3, 4], [2, 2]), iv(1)], kd(false)).tolist()).toEqual([NaN, 4]);
    expect(run1('Max', [nd([1, NaN, 3, 4], [2, 2]), iv(0)], kd(false)).tolist()).toEqual([3, NaN]);
  });

  it('reject an axis out of range with TF1 words', () => {
    const f = (): unknown => run1('Sum', [x, iv(2)], kd(false), { dtypes: ['float64'] });
    expect(f).toThrow(InvalidArgumentError);
    expect(f).toThrow('Invalid reduction dimension (2 for input with 2 dimension(s)');
  });

  it('match a naive reference over random shapes and axis subsets', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 0, maxLength: 4 }),
        fc.array(fc.integer({ min: -4, max: 3 }), { maxLength: 4 }),
        fc.boolean(),
        fc.constantFrom<Red>('Sum', 'Mean', 'Max', 'Prod'),
        fc.constantFrom<DType>('float64', 'float32', 'int32', 'int64'),
        fc.integer({ min: 1, max: 1e6 }),
        (shape, rawAxes, keep, op, dt, seed) => {
          const r = shape.length;
          const axes = rawAxes.filter((a) => a >= -r && a < r);
          const red = new Set(axes.map((a) => (a < 0 ? a + r : a)));
          const x = nd(values(sizeOf(shape), dt, stream(seed)), shape, dt);
          const o = run1(op, [x, iv(...axes)], kd(keep));
          const outShape = shape.flatMap((d, i) => (red.has(i) ? (keep ? [1] : []) : [d]));
          expect(o.shape).toEqual(outShape);
          const acc = new Map<number, number[]>();
          for (const idx of indices(shape)) {
            let key = 0;
            shape.forEach((d, i) => {
              if (!red.has(i)) key = key * d + idx[i]!;
            });
            const flat = idx.reduce((f, v, i) => f * shape[i]! + v, 0);
            (acc.get(key) ?? acc.set(key, []).get(key)!).push(x.data[flat]!);
          }
          for (let k = 0; k < o.size; k++) {
            const vs = acc.get(k) ?? [];
            const sum = vs.reduce((a, b) => a + b, 0);
            const ref =
              op === 'Sum'
                ? sum
                : op === 'Prod'
                  ? vs.reduce((a, b) => (dt === 'int32' ? Math.imul(a, b) : a * b), 1)
                  : op === 'Max'
                    ? vs.length === 0 && dt === 'int32'
                      ? -(2 ** 31)
                      : vs.length === 0 && dt === 'int64'
                        ? -(2 ** 63)
                        : Math.max(...vs)
                    : dt === 'int32' || dt === 'int64'
                      ? vs.length
                        ? Math.trunc(sum / vs.length)
                        : 0
                      : sum / vs.length;
            const want = roundTo(o.dtype, ref);
            if (Number.isNaN(want)) expect(o.data[k]).toBeNaN();
            // Several reduced runs are summed run by run, an order the flat reference does not share.
            else if (dt === 'float32' || dt === 'float64') expect(o.data[k]).toBeCloseTo(want, 4);
            else expect(o.data[k]).toBe(want);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('ArgMax', () => {
  const x = nd([1, 9, 3, 7, 2, 9], [2, 3]);
  const am = (t = x, axis = 1, output_type: 'int32' | 'int64' = 'int64') => run1('ArgMax', [t, sc(axis, 'int32')], { output_type });

  it('drops the axis and picks the first maximum', () => {
    expect(am().tolist()).toEqual([1, 2]);
    expect(am(x, 0).tolist()).toEqual([1, 0, 1]);
    expect(am(x, -1, 'int32').dtype).toBe('int32');
    expect(am(nd([3, 3, 3], [3]), 0).tolist()).toBe(0);
    expect(am(nd([-1, -5, 0, 0, 4, 4], [3, 2]), 0, 'int32').tolist()).toEqual([2, 2]);
  });

  it('matches a naive reference on 3-D inputs along every axis', () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })),
        fc.integer({ min: -3, max: 2 }),
        fc.integer({ min: 1, max: 1e6 }),
        (shape, axis, seed) => {
          const t = nd(values(sizeOf(shape), 'int32', stream(seed)), shape, 'int32');
          const o = am(t, axis);
          const ax = axis < 0 ? axis + 3 : axis;
          const kept = shape.filter((_, i) => i !== ax);
          let k = 0;
          for (const idx of indices(kept)) {
            let best = 0;
            const at = (r: number): number => {
              const full = [...idx];
              full.splice(ax, 0, r);
              return t.get(...full);
            };
            for (let r = 1; r < shape[ax]!; r++) if (at(r) > at(best)) best = r;
            expect(o.data[k++]).toBe(best);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('rejects an empty axis and an axis out of range', () => {
    expect(() => am(nd([], [2, 0]), 1)).toThrow('Reduction axis 1 is empty in shape [2,0]');
    const f = (): unknown => run1('ArgMax', [x, sc(2, 'int32')], { output_type: 'int64' }, { dtypes: ['int64'] });
    expect(f).toThrow(InvalidArgumentError);
    expect(f).toThrow('Expected dimension in the range [-2, 2), but got 2');
  });
});
