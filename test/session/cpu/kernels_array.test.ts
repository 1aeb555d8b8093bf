import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DType } from '../../../src/framework/dtypes.js';
import { InvalidArgumentError } from '../../../src/framework/errors.js';
import { sizeOf, type NDArray } from '../../../src/framework/ndarray.js';
import { indices, iv, nd, run, run1, sc } from './kernel_harness.js';

const cast = (x: NDArray, DstT: DType): number[] => Array.from(run1('Cast', [x], { DstT }).data);

describe('Cast', () => {
  it('converts between every pair of dtypes as TF1 does', () => {
    const f = nd([-1.7, 1.7, 0, NaN, 2.5], [5]);
    expect(cast(f, 'int32')).toEqual([-1, 1, 0, -(2 ** 31), 2]);
    const i64 = cast(f, 'int64');
    expect(i64).toEqual([-1, 1, 0, -(2 ** 63), 2]);
    expect(Object.is(cast(nd([-0.5], [1]), 'int64')[0], 0)).toBe(true);
    expect(cast(f, 'bool')).toEqual([1, 1, 0, 1, 1]);
    expect(cast(nd([16777217], [1], 'int32'), 'float32')).toEqual([16777216]);
    expect(cast(nd([0.1], [1]), 'float32')).toEqual([Math.fround(0.1)]);
    expect(cast(nd([2 ** 32 + 5, -(2 ** 31) - 1], [2], 'int64'), 'int32')).toEqual([5, 2 ** 31 - 1]);
    expect(cast(nd([1, 0, 1], [3], 'bool'), 'float64')).toEqual([1, 0, 1]);
    expect(cast(nd([3, -4], [2], 'int32'), 'int64')).toEqual([3, -4]);
    expect(cast(nd([3, 0], [2], 'int64'), 'bool')).toEqual([1, 0]);
    const o = run1('Cast', [nd([1, 2, 3, 4], [2, 2], 'int32')], { DstT: 'float32' });
    expect(o.dtype).toBe('float32');
    expect(o.shape).toEqual([2, 2]);
  });

  it('casts NaN, infinities and out-of-range floats to the integer minimum, as TF1 on x86 (cvttss2si)', () => {
    const special = [NaN, Infinity, -Infinity, 2 ** 31, -(2 ** 31) - 1, 3e9, -3e9, 1e30];
    for (const dt of ['float32', 'float64'] as const) {
      expect(cast(nd(special, [8], dt), 'int32')).toEqual(Array(8).fill(-(2 ** 31)));
      expect(cast(nd([NaN, Infinity, -Infinity, 2 ** 63, 1e30, -1e30], [6], dt), 'int64')).toEqual(Array(6).fill(-(2 ** 63)));
      expect(cast(nd([3e9, -3e9, -(2 ** 63), 2 ** 40], [4], dt), 'int64')).toEqual([3e9, -3e9, -(2 ** 63), 2 ** 40]);
    }
    // the edges of int32's range: in range up to truncation, out of it past them
    expect(cast(nd([2 ** 31 - 1, 2147483647.9, -2147483648.9, 2 ** 31], [4], 'float64'), 'int32')).toEqual([2 ** 31 - 1, 2 ** 31 - 1, -(2 ** 31), -(2 ** 31)]);
  });

  it("wraps int64 to int32 modulo 2^32, as C's conversion", () => {
    expect(cast(nd([2 ** 32 + 5, -(2 ** 31) - 1, 2 ** 40 + 7], [3], 'int64'), 'int32')).toEqual([5, 2 ** 31 - 1, 7]);
  });
});

describe('Fill, ZerosLike, OnesLike, Shape, Size, Rank', () => {
  it('build values and shapes', () => {
    expect(run1('Fill', [iv(2, 3), sc(7, 'int32')], {}).tolist()).toEqual([
      [7, 7, 7],
      [7, 7, 7],
    ]);
    expect(run1('Fill', [iv(), sc(1.5)], {}).tolist()).toBe(1.5);
    expect(() => run1('Fill', [iv(2, -1), sc(1)], {}, { dtypes: ['float64'] })).toThrow(InvalidArgumentError);
    const x = nd([1, 2, 3, 4, 5, 6], [2, 3], 'float32');
    const z = run1('ZerosLike', [x], {});
    expect([z.dtype, z.tolist()]).toEqual([
      'float32',
      [
        [0, 0, 0],
        [0, 0, 0],
      ],
    ]);
    expect(run1('OnesLike', [nd([0, 0], [2], 'bool')], {}).tolist()).toEqual([true, true]);
    const s = run1('Shape', [x], { out_type: 'int32' });
    expect([s.dtype, s.tolist()]).toEqual(['int32', [2, 3]]);
    expect(run1('Shape', [sc(1)], { out_type: 'int64' }).shape).toEqual([0]);
    expect(run1('Size', [x], { out_type: 'int64' }).tolist()).toBe(6);
    expect(run1('Rank', [x], {}).tolist()).toBe(2);
  });
});

describe('Tile', () => {
  it('repeats each axis', () => {
    const x = nd([1, 2, 3, 4], [2, 2]);
    expect(run1('Tile', [x, iv(2, 3)], {}).tolist()).toEqual([
      [1, 2, 1, 2, 1, 2],
      [3, 4, 3, 4, 3, 4],
      [1, 2, 1, 2, 1, 2],
      [3, 4, 3, 4, 3, 4],
    ]);
    expect(run1('Tile', [x, iv(1, 0)], {}).shape).toEqual([2, 0]);
    expect(run1('Tile', [sc(3), iv()], {}).tolist()).toBe(3);
    expect(() => run1('Tile', [x, iv(2)], {}, { dtypes: ['float64'] })).toThrow('Expected multiples argument to be a vector of length 2 but got length 1');
  });

  it('matches out[i] = x[i mod shape] on random shapes', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 })), { maxLength: 4 }), (dims) => {
        const shape = dims.map(([d]) => d);
        const mult = dims.map(([, m]) => m);
        const x = nd(
          Array.from({ length: sizeOf(shape) }, (_, i) => i + 1),
          shape,
          'int32',
        );
        const o = run1('Tile', [x, iv(...mult)], {});
        const outShape = shape.map((d, i) => d * mult[i]!);
        expect(o.shape).toEqual(outShape);
        let k = 0;
        for (const idx of indices(outShape)) expect(o.data[k++]).toBe(x.get(...idx.map((v, i) => v % shape[i]!)));
      }),
    );
  });
});

describe('Range', () => {
  it('counts up, down, and in float steps accumulated in the dtype', () => {
    expect(run1('Range', [sc(0, 'int32'), sc(10, 'int32'), sc(3, 'int32')], {}).tolist()).toEqual([0, 3, 6, 9]);
    expect(run1('Range', [sc(5, 'int64'), sc(1, 'int64'), sc(-2, 'int64')], {}).tolist()).toEqual([5, 3]);
    expect(run1('Range', [sc(3, 'int32'), sc(3, 'int32'), sc(1, 'int32')], {}).tolist()).toEqual([]);
    expect(run1('Range', [sc(0), sc(1), sc(0.25)], {}).tolist()).toEqual([0, 0.25, 0.5, 0.75]);
    const r = run1('Range', [sc(0, 'float32'), sc(1, 'float32'), sc(0.1, 'float32')], {});
    expect(r.shape).toEqual([10]);
    let v = 0;
    for (let i = 0; i < 10; i++, v = Math.fround(v + Math.fround(0.1))) expect(r.data[i]).toBe(v);
  });

  it('rejects a zero delta and a delta pointing away from the limit', () => {
    const range = (s: number, l: number, d: number) => () => run1('Range', [sc(s, 'int32'), sc(l, 'int32'), sc(d, 'int32')], {}, { dtypes: ['int32'] });
    expect(range(0, 5, 0)).toThrow('Requires delta != 0: 0');
    expect(range(5, 0, 1)).toThrow('Requires start <= limit when delta > 0: 5/0');
    expect(range(0, 5, -1)).toThrow('Requires start >= limit when delta < 0: 0/5');
  });
});

describe('DynamicStitch', () => {
  it('merges TF1 documentation example', () => {
    const o = run1(
      'DynamicStitch',
      [
        sc(6, 'int32'),
        iv(4, 1),
        nd([5, 2, 0, 3], [2, 2], 'int32'),
        nd([61, 62], [2]),
        nd([41, 42, 11, 12], [2, 2]),
        nd([51, 52, 21, 22, 1, 2, 31, 32], [2, 2, 2]),
      ],
      {},
    );
    expect(o.tolist()).toEqual([
      [1, 2],
      [11, 12],
      [21, 22],
      [31, 32],
      [41, 42],
      [51, 52],
      [61, 62],
    ]);
  });

  it('builds a reduction gradient shape, later indices winning', () => {
    const o = run1('DynamicStitch', [iv(0, 1, 2), iv(1), iv(2, 3, 5), iv(1)], {});
    expect(o.tolist()).toEqual([2, 1, 5]);
    expect(o.dtype).toBe('int32');
  });

  it('rejects data whose shape does not extend its indices', () => {
    expect(() => run1('DynamicStitch', [iv(0, 1), nd([1, 2, 3], [3])], {}, { dtypes: ['float64'] })).toThrow(
      'data[0].shape = [3] does not start with indices[0].shape = [2]',
    );
  });
});

describe('BroadcastGradientArgs', () => {
  const bga = (x: number[], y: number[], dt: 'int32' | 'int64' = 'int32'): unknown[] =>
    run('BroadcastGradientArgs', [nd(x, [x.length], dt), nd(y, [y.length], dt)], {}).map((t) => t.tolist());

  it('gives the axes each side was broadcast along, as TF1 BCast', () => {
    expect(bga([2, 3, 5], [1])).toEqual([[], [0, 1, 2]]);
    expect(bga([2, 1, 5], [3, 1])).toEqual([[1], [0, 2]]);
    expect(bga([], [2, 3])).toEqual([[0, 1], []]);
    expect(bga([1, 3], [1, 1])).toEqual([[0], [0, 1]]);
    expect(bga([1, 3], [1, 3])).toEqual([[], []]);
    expect(bga([5, 1], [1, 7], 'int64')).toEqual([[1], [0]]);
  });

  it('gives ascending axes that sum the broadcast result back to each shape', () => {
    const shapes = fc.array(fc.tuple(fc.integer({ min: 1, max: 4 }), fc.boolean(), fc.boolean()), { maxLength: 5 });
    fc.assert(
      fc.property(shapes, fc.nat(5), fc.nat(5), (spec, dx, dy) => {
        const out = spec.map(([d]) => d);
        const x = spec.map(([d, one]) => (one ? 1 : d)).slice(Math.min(dx, spec.length));
        const y = spec.map(([d, , one]) => (one ? 1 : d)).slice(Math.min(dy, spec.length));
        const n = Math.max(x.length, y.length);
        const o = out.slice(out.length - n).map((_, i) => Math.max(x[x.length - n + i] ?? 1, y[y.length - n + i] ?? 1));
        const [rx, ry] = bga(x, y) as number[][];
        for (const [r, s] of [
          [rx!, x],
          [ry!, y],
        ] as const) {
          expect([...r].sort((a, b) => a - b)).toEqual(r);
          const kept = o.filter((_, i) => !r.includes(i)).reduce((a, b) => a * b, 1);
          expect(kept).toBe(sizeOf(s));
        }
      }),
    );
  });

  it('rejects incompatible shapes', () => {
    const f = (): unknown => bga([2, 3], [4]);
    expect(f).toThrow(InvalidArgumentError);
    expect(f).toThrow('Incompatible shapes: [2,3] vs. [4]');
  });
});

describe('AddN', () => {
  it('sums one, two or many inputs in the dtype', () => {
    const a = nd([1, 2], [2], 'float32');
    expect(run1('AddN', [a], {}).tolist()).toEqual([1, 2]);
    expect(run1('AddN', [a, a], {}).tolist()).toEqual([2, 4]);
    expect(run1('AddN', [a, a, a, a], {}).tolist()).toEqual([4, 8]);
    const i = nd([2147483647], [1], 'int32');
    expect(run1('AddN', [i, i, nd([2], [1], 'int32')], {}).tolist()).toEqual([0]);
    const f = nd([0.1], [1], 'float32');
    const F = Math.fround;
    expect(run1('AddN', [f, f, f], {}).data[0]).toBe(F(F(F(0.1) + F(0.1)) + F(0.1)));
    expect(() => run1('AddN', [a, nd([1], [1], 'float32')], {}, { dtypes: ['float32'] })).toThrow('Incompatible shapes: [2] vs. [1]');
  });
});
