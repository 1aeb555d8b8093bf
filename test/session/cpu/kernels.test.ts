import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../../src/framework/errors.js';
import { OP_TYPES, isView } from '../../../src/framework/op_defs.js';
import { HOST_KERNELS } from '../../../src/session/kernels/index.js';
import { iv, nd, run1, sc, stream } from './kernel_harness.js';

const f32 = (v: number): number => Math.fround(v);

describe('HOST_KERNELS table', () => {
  it("has an entry for every op type, null only for sources, NoOp, views, Assign, Switch, Merge, the while loop's ops and their Ref* twins (the executor's own steps) and the opaque node (never run)", () => {
    expect(Object.keys(HOST_KERNELS).sort()).toEqual([...OP_TYPES].sort());
    const nulls = Object.entries(HOST_KERNELS)
      .filter(([, k]) => k === null)
      .map(([t]) => t)
      .sort();
    expect(nulls).toEqual(
      [
        'Assign',
        'Const',
        'NoOp',
        'Placeholder',
        'VariableV2',
        ...OP_TYPES.filter(isView),
        'Switch',
        'RefSwitch',
        'Merge',
        'RefMerge',
        'Enter',
        'Exit',
        'NextIteration',
        'LoopCond',
        'RefEnter',
        'RefExit',
        'RefNextIteration',
        'StackV2',
        'StackPushV2',
        'StackPopV2',
        'StackCloseV2',
        'ControlTrigger',
        '_Opaque',
      ].sort(),
    );
  });
});

describe('binary elementwise kernels', () => {
  const x = nd([1, 2, 3, 4, 5, 6], [2, 3]);
  const r = nd([10, 20, 30], [3]);
  const c = nd([100, 200], [2, 1]);

  it('broadcast a row, a column and a scalar', () => {
    expect(run1('Add', [x, r], {}).tolist()).toEqual([
      [11, 22, 33],
      [14, 25, 36],
    ]);
    expect(run1('Sub', [x, c], {}).tolist()).toEqual([
      [-99, -98, -97],
      [-196, -195, -194],
    ]);
    expect(run1('Mul', [sc(2), x], {}).tolist()).toEqual([
      [2, 4, 6],
      [8, 10, 12],
    ]);
    expect(run1('RealDiv', [x, sc(4)], {}).tolist()).toEqual([
      [0.25, 0.5, 0.75],
      [1, 1.25, 1.5],
    ]);
    expect(run1('Maximum', [x, sc(3.5)], {}).tolist()).toEqual([
      [3.5, 3.5, 3.5],
      [4, 5, 6],
    ]);
    expect(run1('Minimum', [r, c], {}).tolist()).toEqual([
      [10, 20, 30],
      [10, 20, 30],
    ]);
    expect(run1('Add', [nd([1, 2], [1, 2]), nd([10, 20, 30], [3, 1])], {}).tolist()).toEqual([
      [11, 12],
      [21, 22],
      [31, 32],
    ]);
  });

  it('round float32 results to float32', () => {
    const a = nd([0.1], [1], 'float32');
    const b = nd([0.2], [1], 'float32');
    expect(run1('Add', [a, b], {}).data[0]).toBe(f32(f32(0.1) + f32(0.2)));
    expect(run1('RealDiv', [nd([1], [1], 'float32'), nd([3], [1], 'float32')], {}).data[0]).toBe(f32(1 / 3));
  });

  it('wrap int32 arithmetic modulo 2^32', () => {
    const big = nd([2147483647, -2147483648, 65536, 46341], [4], 'int32');
    expect(Array.from(run1('Add', [big, nd([1], [1], 'int32')], {}).data)).toEqual([-2147483648, -2147483647, 65537, 46342]);
    expect(Array.from(run1('Sub', [big, nd([1], [1], 'int32')], {}).data)).toEqual([2147483646, 2147483647, 65535, 46340]);
    expect(Array.from(run1('Mul', [big, big], {}).data)).toEqual([1, 0, 0, Math.imul(46341, 46341)]);
  });

  it('floor-divide and floor-mod with Python signs, ints and floats', () => {
    const a = nd([7, -7, 7, -7], [4], 'int32');
    const b = nd([2, 2, -2, -2], [4], 'int32');
    expect(Array.from(run1('FloorDiv', [a, b], {}).data)).toEqual([3, -4, -4, 3]);
    expect(Array.from(run1('FloorMod', [a, b], {}).data)).toEqual([1, 1, -1, -1]);
    expect(Array.from(run1('RealDiv', [a, b], {}).data)).toEqual([3, -3, -3, 3]);
    const a64 = nd([7, -7, 7, -7], [4], 'int64');
    const b64 = nd([2, 2, -2, -2], [4], 'int64');
    expect(Array.from(run1('FloorDiv', [a64, b64], {}).data)).toEqual([3, -4, -4, 3]);
    expect(Array.from(run1('FloorMod', [a64, b64], {}).data)).toEqual([1, 1, -1, -1]);
    const fa = nd([7.5, -7.5, 7.5, -7.5], [4]);
    const fb = nd([2, 2, -2, -2], [4]);
    expect(Array.from(run1('FloorDiv', [fa, fb], {}).data)).toEqual([3, -4, -4, 3]);
    expect(Array.from(run1('FloorMod', [fa, fb], {}).data)).toEqual([1.5, 0.5, -0.5, -1.5]);
    expect(Array.from(run1('FloorDiv', [nd([1, -1], [2]), sc(0)], {}).data)).toEqual([Infinity, -Infinity]);
  });

  it('floor-divide floats as TF1: floor of the quotient rounded to the dtype (floordiv(1, 0.1) is 10 in float32 too)', () => {
    for (const dt of ['float32', 'float64'] as const) {
      expect(Array.from(run1('FloorDiv', [nd([1, -1], [2], dt), nd([0.1], [1], dt)], {}).data)).toEqual([10, -10]);
    }
  });

  it("floor-mod floats with TF1's fmod(fmod(x, y) + y, y) when signs differ: a sum that rounds to y gives 0, and -6 mod 3 is +0", () => {
    expect(Array.from(run1('FloorMod', [nd([-1e-30, 1e-30], [2]), nd([1, -1], [2])], {}).data)).toEqual([0, -0]);
    expect(Array.from(run1('FloorMod', [nd([-1e-10, -0.25], [2], 'float32'), nd([1], [1], 'float32')], {}).data)).toEqual([0, 0.75]);
    for (const dt of ['float32', 'float64'] as const) {
      const [a, b] = run1('FloorMod', [nd([-6, 6], [2], dt), nd([3, -3], [2], dt)], {}).data;
      expect([Object.is(a, 0), Object.is(b, -0)]).toEqual([true, true]);
    }
  });

  it('throw InvalidArgumentError on integer division by zero', () => {
    for (const op of ['FloorDiv', 'FloorMod', 'RealDiv'] as const) {
      for (const dt of ['int32', 'int64'] as const) {
        const f = (): unknown => run1(op, [nd([1, 2], [2], dt), nd([1, 0], [2], dt)], {});
        expect(f).toThrow(InvalidArgumentError);
        expect(f).toThrow('Integer division by zero');
      }
    }
  });

  it('compare into bool', () => {
    const a = nd([1, 2, 3], [3], 'int32');
    const b = nd([2], [1], 'int32');
    const cmp = (op: 'Equal' | 'Greater' | 'GreaterEqual' | 'Less' | 'LessEqual'): unknown => {
      const o = run1(op, [a, b], {});
      expect(o.dtype).toBe('bool');
      return o.tolist();
    };
    expect(cmp('Equal')).toEqual([false, true, false]);
    expect(cmp('Greater')).toEqual([false, false, true]);
    expect(cmp('GreaterEqual')).toEqual([false, true, true]);
    expect(cmp('Less')).toEqual([true, false, false]);
    expect(cmp('LessEqual')).toEqual([true, true, false]);
    expect(run1('Equal', [nd([0, 1], [2], 'bool'), nd([1, 1], [2], 'bool')], {}).tolist()).toEqual([false, true]);
    expect(run1('Equal', [nd([NaN], [1]), nd([NaN], [1])], {}).tolist()).toEqual([false]);
  });

  it('reject shapes that turn out incompatible at run time', () => {
    const f = (): unknown => run1('Add', [nd([1, 2], [2]), nd([1, 2, 3], [3])], {}, { dtypes: ['float64'] });
    expect(f).toThrow(InvalidArgumentError);
    expect(f).toThrow('Incompatible shapes: [2] vs. [3]');
    expect(() => run1('ReluGrad', [nd([1, 2], [2]), nd([1], [1])], {}, { dtypes: ['float64'] })).toThrow('Incompatible shapes: [2] vs. [1]');
  });

  it('compute the gradient helpers', () => {
    expect(Array.from(run1('ReluGrad', [nd([1, 2, 3], [3]), nd([-1, 0, 5], [3])], {}).data)).toEqual([0, 0, 3]);
    expect(Array.from(run1('SqrtGrad', [nd([2, 4], [2]), nd([1, 8], [2])], {}).data)).toEqual([0.25, 1]);
    expect(Array.from(run1('ReciprocalGrad', [nd([2, -0.5], [2]), nd([1, 4], [2])], {}).data)).toEqual([-4, -1]);
  });
});

describe('unary elementwise kernels', () => {
  const x = nd([1, 4, 9], [3]);
  it('compute each op', () => {
    expect(Array.from(run1('Neg', [x], {}).data)).toEqual([-1, -4, -9]);
    expect(Array.from(run1('Log', [x], {}).data)).toEqual([0, Math.log(4), Math.log(9)]);
    expect(Array.from(run1('Exp', [x], {}).data)).toEqual([Math.E, Math.exp(4), Math.exp(9)]);
    expect(Array.from(run1('Sqrt', [x], {}).data)).toEqual([1, 2, 3]);
    expect(Array.from(run1('Square', [x], {}).data)).toEqual([1, 16, 81]);
    expect(Array.from(run1('Reciprocal', [nd([2, -4], [2])], {}).data)).toEqual([0.5, -0.25]);
    expect(Array.from(run1('Relu', [nd([-2, 0, 3, NaN], [4])], {}).data)).toEqual([0, 0, 3, NaN]);
  });

  it('keep the dtype, rounding float32 and wrapping int32', () => {
    const o = run1('Exp', [nd([1], [1], 'float32')], {});
    expect(o.dtype).toBe('float32');
    expect(o.data[0]).toBe(f32(Math.E));
    const i = nd([-2147483648, 46341, -3], [3], 'int32');
    expect(Array.from(run1('Neg', [i], {}).data)).toEqual([-2147483648, -46341, 3]);
    expect(Array.from(run1('Square', [i], {}).data)).toEqual([0, Math.imul(46341, 46341), 9]);
    expect(Array.from(run1('Relu', [i], {}).data)).toEqual([0, 46341, 0]);
    expect(run1('Neg', [sc(5, 'int64')], {}).tolist()).toBe(-5);
  });

  it('never produce -0 for int64, which lives in a Float64Array', () => {
    const z = nd([0, -6, 0], [3], 'int64');
    const m3 = nd([-3], [1], 'int64');
    for (const o of [
      run1('Neg', [z], {}),
      run1('Mul', [z, m3], {}),
      run1('FloorMod', [z, m3], {}),
      run1('FloorDiv', [z, m3], {}),
      run1('RealDiv', [nd([0, -1, 1], [3], 'int64'), m3], {}),
    ]) {
      for (const v of o.data) expect(Object.is(v, -0)).toBe(false);
    }
  });
});

describe('state kernels write the variable in place', () => {
  it('AssignAdd, AssignSub', () => {
    const v = nd([4, 5, 6], [3], 'float32');
    expect(run1('AssignAdd', [v, nd([0, 0, 0], [3], 'float32')], { use_locking: false })).toBe(v);
    run1('AssignAdd', [v, nd([0.5, 0.5, 0.5], [3], 'float32')], { use_locking: false });
    expect(Array.from(v.data)).toEqual([4.5, 5.5, 6.5]);
    run1('AssignSub', [v, nd([1, 2, 3], [3], 'float32')], { use_locking: false });
    expect(Array.from(v.data)).toEqual([3.5, 3.5, 3.5]);
    const i = nd([2147483647], [1], 'int32');
    run1('AssignAdd', [i, nd([1], [1], 'int32')], { use_locking: false });
    expect(i.data[0]).toBe(-2147483648);
  });

  it('ApplyGradientDescent rounds alpha*delta to float32 first', () => {
    const v = nd([1, 2], [2], 'float32');
    run1('ApplyGradientDescent', [v, sc(0.1, 'float32'), nd([0.3, -1], [2], 'float32')], { use_locking: false });
    expect(v.data[0]).toBe(f32(1 - f32(f32(0.1) * f32(0.3))));
    expect(v.data[1]).toBe(f32(2 + f32(0.1)));
    const w = nd([1], [1], 'float64');
    run1('ApplyGradientDescent', [w, sc(0.5), nd([3], [1])], { use_locking: false });
    expect(w.data[0]).toBe(-0.5);
  });
});

describe('random kernels', () => {
  const attrs = (dtype: 'float32' | 'float64' = 'float32') => ({ dtype, seed: 0, seed2: 0 });
  const stats = (d: ArrayLike<number>): [number, number] => {
    let m = 0;
    for (let i = 0; i < d.length; i++) m += d[i]!;
    m /= d.length;
    let v = 0;
    for (let i = 0; i < d.length; i++) v += (d[i]! - m) ** 2;
    return [m, Math.sqrt(v / d.length)];
  };

  it('RandomStandardNormal has mean 0, std 1 and the requested shape', () => {
    const o = run1('RandomStandardNormal', [iv(200, 101)], attrs());
    expect(o.shape).toEqual([200, 101]);
    const [m, s] = stats(o.data);
    expect(Math.abs(m)).toBeLessThan(0.02);
    expect(Math.abs(s - 1)).toBeLessThan(0.02);
  });

  it('TruncatedNormal stays within two standard deviations', () => {
    const o = run1('TruncatedNormal', [iv(20001)], attrs('float64'));
    const d = Array.from(o.data);
    expect(d.every((v) => Math.abs(v) < 2)).toBe(true);
    const [m, s] = stats(d);
    expect(Math.abs(m)).toBeLessThan(0.03);
    expect(Math.abs(s - 0.8796)).toBeLessThan(0.02); // std of N(0,1) truncated to (-2, 2)
  });

  it('RandomUniform stays in [0, 1), even where float32 rounding reaches 1', () => {
    const o = run1('RandomUniform', [iv(10000)], attrs());
    expect(Array.from(o.data).every((v) => v >= 0 && v < 1)).toBe(true);
    expect(Math.abs(stats(o.data)[0] - 0.5)).toBeLessThan(0.02);
    const near1 = { next: () => 1 - 1e-12 };
    expect(run1('RandomUniform', [iv(3)], attrs(), { random: near1 }).data[0]).toBeLessThan(1);
  });

  it('draws fresh values from the stream and rejects negative dims', () => {
    const rng = stream(7);
    const a = run1('RandomUniform', [iv(4)], attrs('float64'), { random: rng });
    const b = run1('RandomUniform', [iv(4)], attrs('float64'), { random: rng });
    expect(a.tolist()).not.toEqual(b.tolist());
    expect(() => run1('RandomUniform', [iv(-1)], attrs(), { dtypes: ['float32'] })).toThrow(InvalidArgumentError);
  });
});
