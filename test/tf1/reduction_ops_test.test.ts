// TF1's tensorflow/python/kernel_tests/reduction_ops_test.py, ported: Sum, Mean, Prod and Max (Min, All and Any
// in reduction_ops_test_min_any_all.test.ts, count_nonzero in reduction_ops_test_count_nonzero.test.ts;
// EuclideanNorm is in NOT_PORTED.md). Read from microsoft/tensorflow-directml (TF 1.15, whose
// python tests are nearly 1.12's; the r1.12 file is not in the index). NumPy's random draws are a seeded stream.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import type { DType } from '../../src/framework/dtypes.js';
import { reducedShapeOp } from '../../src/framework/ops/reduce.js';
import { GRAD_KIT } from '../../src/ops/grad_kit.js';
import { arangeShaped, assertAllClose, assertAllEqual, assertShapeEqual, np, rng, session } from './helpers.js';

type Kind = 'sum' | 'mean' | 'prod' | 'max';
type Axes = number | readonly number[] | Int32Array | null;
const MAX_RANK = 5;

/** NumPy's reduction of `x` (in double precision, as the reference): np.sum / np.prod / np.amax, and TF's mean (integers floor-divided). */
function npReduce(x: tf.NDArray, axes: Axes, keepdims: boolean, kind: Kind): tf.NDArray {
  const r = x.shape.length;
  const list = axes === null ? [...Array(r).keys()] : typeof axes === 'number' ? [axes] : Array.from(axes);
  const red = new Set(list.map((a) => (a < 0 ? a + r : a)));
  const outShape = x.shape.flatMap((d, i) => (red.has(i) ? (keepdims ? [1] : []) : [d]));
  const keptDims = x.shape.map((d, i) => (red.has(i) ? 1 : d));
  const n = outShape.reduce((a, b) => a * b, 1);
  const init = kind === 'prod' ? 1 : kind === 'max' ? -Infinity : 0;
  const acc = new Float64Array(n).fill(init);
  const idx = new Array<number>(r).fill(0);
  for (let p = 0; p < x.size; p++) {
    let o = 0;
    for (let i = 0; i < r; i++) o = o * keptDims[i]! + (red.has(i) ? 0 : idx[i]!);
    const v = x.data[p]!;
    acc[o] = kind === 'prod' ? acc[o]! * v : kind === 'max' ? Math.max(acc[o]!, v) : acc[o]! + v;
    for (let i = r - 1; i >= 0; i--)
      if (++idx[i]! < x.shape[i]!) break;
      else idx[i] = 0;
  }
  if (kind === 'mean') {
    const count = [...red].reduce((a, i) => a * x.shape[i]!, 1);
    const int = x.dtype === 'int32' || x.dtype === 'int64';
    for (let i = 0; i < n; i++) acc[i] = int ? Math.floor(acc[i]! / count) : acc[i]! / count;
  }
  return new tf.NDArray(acc, outShape, 'float64');
}

/** Every subset of 0..n-1, as _powerset(range(n)). */
const powerset = (n: number): number[][] => Array.from({ length: 1 << n }, (_, m) => [...Array(n).keys()].filter((i) => (m >> i) & 1));

const REDUCE = { sum: tf.reduce_sum, mean: tf.reduce_mean, prod: tf.reduce_prod, max: tf.reduce_max } as const;

/** BaseReductionTest's helpers for one reduction, on a CPU session of a fresh graph. */
function reductionTest(kind: Kind) {
  const { g, sess } = session();
  const tfReduce = (x: tf.NDArray | tf.Tensor, axes: Axes, keepdims: boolean): tf.Tensor =>
    g.as_default(() => REDUCE[kind](x, axes as number[] | null, keepdims));
  const compare = async (x: tf.NDArray, axes: Axes, keepdims: boolean, feeds?: Map<tf.Tensor, tf.NDArray>): Promise<void> => {
    const npAns = npReduce(x, axes, keepdims, kind);
    const tfAns = tfReduce(x, axes, keepdims);
    const out = await sess.run(tfAns, feeds);
    assertAllClose(npAns, out, {
      msg: `${kind} axes ${JSON.stringify(axes === null ? null : Array.from(typeof axes === 'number' ? [axes] : axes))} keepdims ${keepdims}`,
    });
    assertShapeEqual(npAns, tfAns);
  };
  const compareAll = async (x: tf.NDArray, axes: Axes, feeds?: Map<tf.Tensor, tf.NDArray>): Promise<void> => {
    // A one-element axes list is also tried as a scalar, as TF1 does.
    if (axes !== null && typeof axes !== 'number' && axes.length === 1) await compareAll(x, axes[0]!);
    await compare(x, axes, false, feeds);
    await compare(x, axes, true, feeds);
  };
  const compareAllAxes = async (x: tf.NDArray): Promise<void> => {
    await compareAll(x, null);
    for (const axes of powerset(x.shape.length)) await compareAll(x, axes);
  };
  const compareGradient = async (x: tf.NDArray, axes: Axes, rtol = 1e-8, atol = 1e-8): Promise<void> => {
    if (axes !== null && typeof axes !== 'number' && axes.length === 1) await compareGradient(x, axes[0]!, rtol, atol);
    const t = g.as_default(() => tf.convert_to_tensor(x));
    const su = tfReduce(t, axes, false);
    const [jt, jn] = await sess.as_default(() => tf.test.compute_gradient(t, x.shape, su, su.shape.as_list() as number[], { x_init_value: x, delta: 1 }));
    assertAllClose(jt, jn, { rtol, atol, msg: `gradient of ${kind} over ${JSON.stringify(axes)}` });
  };
  const compareGradientAxes = async (x: tf.NDArray, rtol = 1e-8, atol = 1e-8): Promise<void> => {
    for (const axes of [null, [], 0, [1], [2], [1, 2], [0, 1, 2, 3]] as Axes[]) await compareGradient(x, axes, rtol, atol);
  };
  return { g, sess, tfReduce, compare, compareAll, compareAllAxes, compareGradient, compareGradientAxes };
}

/** x * 1/d elementwise, as NumPy's `array / d` (a float64 result). */
const divided = (x: tf.NDArray, d: number): tf.NDArray =>
  new tf.NDArray(
    Float64Array.from(x.data, (v) => v / d),
    x.shape,
    'float64',
  );

/** The [x, y] special values of testInfinity, in `dtype`. */
const infinities = (dtype: DType): tf.NDArray[] => [-Infinity, Infinity].flatMap((a) => [-Infinity, Infinity].map((b) => np([a, b], dtype)));

/** Each class's testAxesType: the reduction of [0, 0] over a scalar axis of int64 or int32. */
async function axesType(reduce: (x: number[], axis: tf.Tensor) => tf.Tensor): Promise<void> {
  for (const dtype of ['int64', 'int32'] as const) {
    const { g, sess } = session();
    const v = g.as_default(() => reduce([0, 0], tf.constant(0, { dtype })));
    assertAllEqual(await sess.run(v), 0);
  }
}

/** Each class's testEmptyGradients: the reduction of zeros([0, 3]) over axis 1 has a gradient error of exactly 0. */
async function emptyGradients(reduce: (x: tf.Tensor, axis: number[]) => tf.Tensor): Promise<void> {
  const { g } = session();
  const { x, y } = g.as_default(() => {
    const x = tf.zeros([0, 3]);
    return { x, y: reduce(x, [1]) };
  });
  expect(await tf.test.compute_gradient_error(x, [0, 3], y, [0])).toBe(0);
}

describe('ReducedShapeTest', () => {
  const check = async (shape: number[], axes: number[], result: number[]): Promise<void> => {
    // math_ops.reduced_shape is internal in TF1 too; tf1-ts's is the gradient rules' own.
    const { g, sess } = session();
    const out = g.as_default(() =>
      reducedShapeOp(GRAD_KIT, tf.constant(shape, { dtype: tf.int32, shape: [shape.length] }), tf.constant(axes, { dtype: tf.int32, shape: [axes.length] })),
    );
    assertAllEqual(await sess.run(out), result);
  };

  it('testSimple', async () => {
    await check([3], [], [3]);
    await check([3], [0], [1]);
    await check([5, 3], [], [5, 3]);
    await check([5, 3], [0], [1, 3]);
    await check([5, 3], [1], [5, 1]);
    await check([5, 3], [0, 1], [1, 1]);
  });

  it('testZeros', async () => {
    await check([0], [], [0]);
    await check([0], [0], [1]);
    await check([0, 3], [], [0, 3]);
    await check([0, 3], [0], [1, 3]);
    await check([0, 3], [1], [0, 1]);
    await check([0, 3], [0, 1], [1, 1]);
    await check([3, 0], [], [3, 0]);
    await check([3, 0], [0], [1, 0]);
    await check([3, 0], [1], [3, 1]);
    await check([3, 0], [0, 1], [1, 1]);
  });

  it('testNegAxes', async () => {
    await check([10, 10, 10], [-1], [10, 10, 1]);
    await check([10, 10, 10], [-1, 2], [10, 10, 1]);
    await check([10, 10, 10], [-1, -1], [10, 10, 1]);
    await check([10, 10, 10], [-1, 0], [1, 10, 1]);
    await check([10, 10, 10], [-3], [1, 10, 10]);
  });
});

describe('ReductionUnknownShape', () => {
  it('testBasic', () => {
    // reduce_min, reduce_all and reduce_any: reduction_ops_test_min_any_all.test.ts; reduce_euclidean_norm: NOT_PORTED.md.
    for (const reduction of [tf.reduce_sum, tf.reduce_mean, tf.reduce_prod, tf.reduce_max]) {
      const { g } = session();
      const y = g.as_default(() => reduction(tf.placeholder(tf.float32, { shape: null })));
      expect(y.shape.as_list()).toEqual([]);
    }
  });
});

describe('SumReductionTest', () => {
  it('testAxesType', () => axesType((x, axis) => tf.reduce_sum(x, axis)));

  it('testInfinity', async () => {
    const t = reductionTest('sum');
    for (const dtype of ['float32', 'float64'] as const) for (const x of infinities(dtype)) await t.compareAll(x, null);
  });

  it('testInt32', async () => {
    const t = reductionTest('sum');
    for (let rank = 1; rank <= MAX_RANK; rank++) await t.compareAllAxes(arangeShaped(Array(rank).fill(2), 'int32'));
  });

  it('testFloat32', async () => {
    const t = reductionTest('sum');
    for (let rank = 1; rank <= MAX_RANK; rank++) await t.compareAllAxes(arangeShaped(Array(rank).fill(2), 'float32'));
    const random = rng(1);
    for (let k = 0; k < 10; k++) {
      const sizeX = Math.floor(2 ** (random() * 15));
      let sizeY = Math.floor(2 ** (random() * 15));
      if (sizeX * sizeY > 1e7) sizeY = Math.floor(1e7 / sizeX);
      const arr = tf.NDArray.zeros([sizeX, sizeY], 'float32');
      arr.data.fill(1);
      const { g, sess } = session();
      const [row, col] = g.as_default(() => [tf.reduce_sum(arr, 1, false), tf.reduce_sum(arr, 0, false)]);
      const [outRow, outCol] = await sess.run([row!, col!]);
      assertAllClose(outCol!, npReduce(arr, 0, false, 'sum'));
      assertAllClose(outRow!, npReduce(arr, 1, false, 'sum'));
      sess.close();
    }
    for (const sx of [1, 3, 16, 33])
      for (const sy of [1, 3, 16, 33])
        for (const sz of [1, 3, 16, 33]) {
          const arr = tf.NDArray.zeros([sx, sy, sz], 'float32');
          arr.data.fill(1);
          const { g, sess } = session();
          const [xz, y] = g.as_default(() => [tf.reduce_sum(arr, [0, 2], false), tf.reduce_sum(arr, 1, false)]);
          const [outXz, outY] = await sess.run([xz!, y!]);
          assertAllClose(outY!, npReduce(arr, 1, false, 'sum'));
          assertAllClose(outXz!, npReduce(arr, [0, 2], false, 'sum'));
          sess.close();
        }
  });

  it('testFloat64', async () => {
    const t = reductionTest('sum');
    for (let rank = 1; rank <= MAX_RANK; rank++) await t.compareAllAxes(arangeShaped(Array(rank).fill(2), 'float64'));
  });

  it('testInvalidIndex', () => {
    const { g } = session();
    g.as_default(() => {
      const input = tf.convert_to_tensor(arangeShaped([2, 5], 'float32'));
      for (const axes of [[-3], [2], [0, 2]]) {
        expect(() => tf.reduce_sum(input, axes)).toThrow(tf.errors.ValueError);
        expect(() => tf.reduce_sum(input, axes)).toThrow('Invalid reduction dimension');
      }
    });
  });

  it('testPartialShapes', async () => {
    const random = rng(1618);
    const randn = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const npInput = (): tf.NDArray => new tf.NDArray(Float64Array.from({ length: 27 }, randn), [3, 3, 3], 'float64');
    const t = reductionTest('sum');
    const axes = [1, 2];
    // Input shape is unknown.
    const cUnknown = t.g.as_default(() => tf.placeholder(tf.float32));
    const sUnknown = t.g.as_default(() => tf.reduce_sum(cUnknown, axes));
    expect(sUnknown.shape.dims).toBeNull();
    let x = npInput();
    await t.compareAll(x, axes, new Map([[cUnknown, x]]));
    // Input shape only has known rank.
    const cKnownRank = t.g.as_default(() => tf.placeholder(tf.float32));
    cKnownRank.set_shape([null, null, null]);
    const sKnownRank = t.g.as_default(() => tf.reduce_sum(cKnownRank, axes, { keepdims: true }));
    expect(sKnownRank.shape.ndims).toBe(3);
    x = npInput();
    await t.compareAll(x, axes, new Map([[cKnownRank, x]]));
    // Reduction indices are unknown.
    const { unknownKeep, unknownNoKeep } = t.g.as_default(() => {
      const unknownIndices = tf.placeholder(tf.int32);
      const c = tf.constant([[10.0], [20.0]], { dtype: tf.float32 });
      return { unknownNoKeep: tf.reduce_sum(c, unknownIndices, { keepdims: false }), unknownKeep: tf.reduce_sum(c, unknownIndices, { keepdims: true }) };
    });
    expect(unknownNoKeep.shape.dims).toBeNull();
    expect(unknownKeep.shape.ndims).toBe(2);
  });

  it('testWrongShapeForReductionIndices', () => {
    const { g } = session();
    g.as_default(() => {
      const cUnknown = tf.placeholder(tf.float32);
      expect(() => tf.reduce_sum(cUnknown, [[1], [2]] as never)).toThrow(tf.errors.ValueError);
      expect(() => tf.reduce_sum(cUnknown, [[1], [2]] as never)).toThrow(/must be at most rank 1/);
    });
  });

  it('testGradient', async () => {
    // complex64 and complex128: NOT_PORTED.md.
    for (const dtype of ['float32', 'float64'] as const) await reductionTest('sum').compareGradientAxes(arangeShaped([2, 3, 4, 2], dtype));
  });

  it('testHighRank', async () => {
    const random = rng(42);
    const randint = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo));
    const data = (shape: number[]): tf.NDArray =>
      new tf.NDArray(
        Float64Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => randint(0, 1024)),
        shape,
        'int64',
      );
    const t = reductionTest('sum');
    for (let k = 0; k < 20; k++) {
      const rank = randint(4, 11);
      const axes = [...Array(rank).keys()].filter(() => randint(0, 2) === 1);
      const shape = Array.from({ length: rank }, () => randint(1, 4));
      await t.compareAll(data(shape), axes);
    }
    for (const rank of [4, 7, 10]) {
      const shape = Array.from({ length: rank }, () => randint(1, 4));
      const x = data(shape);
      const all = [...Array(rank).keys()];
      for (const axes of [[], all, all.filter((i) => i % 2 === 0), all.filter((i) => i % 2 === 1)]) await t.compareAll(x, axes);
    }
  });

  it('testExpand', async () => {
    await reductionTest('sum').compareAll(tf.NDArray.zeros([5, 0], 'float64'), [1]);
  });

  it('testEmptyGradients', () => emptyGradients((x, axis) => tf.reduce_sum(x, axis)));

  it('testDegenerate', async () => {
    // float16, complex64 and complex128: NOT_PORTED.md.
    for (const dtype of ['float32', 'float64'] as const) {
      const { g, sess } = session();
      const y = g.as_default(() => tf.reduce_sum(tf.zeros([0, 9938], dtype), [0]));
      assertAllEqual(await sess.run(y), np(Array(9938).fill(0)));
    }
  });
});

describe('MeanReductionTest', () => {
  it('testAxesType', () => axesType((x, axis) => tf.reduce_mean(x, axis)));

  it('testInfinity', async () => {
    const t = reductionTest('mean');
    for (const dtype of ['float32', 'float64'] as const) for (const x of infinities(dtype)) await t.compareAll(x, null);
  });

  it('testInt32', async () => {
    const t = reductionTest('mean');
    for (let rank = 1; rank <= MAX_RANK; rank++) await t.compareAllAxes(arangeShaped(Array(rank).fill(2), 'int32'));
  });

  it('testFloat32', async () => {
    const t = reductionTest('mean');
    for (let rank = 1; rank <= MAX_RANK; rank++) await t.compareAllAxes(arangeShaped(Array(rank).fill(2), 'float32'));
  });

  it('testFloat64', async () => {
    const t = reductionTest('mean');
    for (let rank = 1; rank <= MAX_RANK; rank++) await t.compareAllAxes(arangeShaped(Array(rank).fill(2), 'float64'));
  });

  it('testGradient', async () => {
    for (const dtype of ['float32', 'float64'] as const) await reductionTest('mean').compareGradientAxes(arangeShaped([2, 3, 4, 2], dtype), 1e-3, 1e-3);
  });

  it('testEmptyGradients', () => emptyGradients((x, axis) => tf.reduce_mean(x, axis)));

  it('testDegenerate', async () => {
    // float16: NOT_PORTED.md.
    for (const dtype of ['float32', 'float64'] as const) {
      const { g, sess } = session();
      const y = await sess.run(g.as_default(() => tf.reduce_mean(tf.zeros([0, 9938], dtype), [0])));
      expect(y.shape).toEqual([9938]);
      expect(Array.from(y.data).every(Number.isNaN)).toBe(true);
    }
  });
});

describe('ProdReductionTest', () => {
  it('testAxesType', () => axesType((x, axis) => tf.reduce_prod(x, axis)));

  it('testInfinity', async () => {
    const t = reductionTest('prod');
    for (const dtype of ['float32', 'float64'] as const) for (const x of infinities(dtype)) await t.compareAll(x, null);
  });

  it('testInt32', async () => {
    // As TF1: the int32 incremental array divided by 2, which NumPy makes a float64 array.
    const t = reductionTest('prod');
    for (let rank = 1; rank <= MAX_RANK; rank++) await t.compareAllAxes(divided(arangeShaped(Array(rank).fill(2), 'int32'), 2));
  });

  it('testFloat32', async () => {
    const t = reductionTest('prod');
    for (let rank = 1; rank <= MAX_RANK; rank++) await t.compareAllAxes(arangeShaped(Array(rank).fill(2), 'float32'));
  });

  it('testFloat64', async () => {
    const t = reductionTest('prod');
    for (let rank = 1; rank <= MAX_RANK; rank++) await t.compareAllAxes(arangeShaped(Array(rank).fill(2), 'float64'));
  });

  it('testGradientWithZeros', async () => {
    const s = [2, 3, 4, 2];
    // x / 20 in float32, as NumPy keeps a float32 array's dtype when dividing by a Python float.
    const x = new tf.NDArray(
      Float32Array.from(arangeShaped(s, 'float32').data, (v) => v / 20),
      s,
      'float32',
    );
    /** A copy of x with x[:, :, k, :] set to 0 for each k in `ks`. */
    const zeroed = (ks: number[]): tf.NDArray => {
      const c = new tf.NDArray(Float32Array.from(x.data), s, 'float32');
      for (let i = 0; i < c.size; i++) if (ks.includes(Math.floor(i / 2) % 4)) c.data[i] = 0;
      return c;
    };
    const t = reductionTest('prod');
    // No zeros in input; zero at beginning; zero at end; zero in middle; all zeros.
    for (const input of [x, zeroed([0]), zeroed([3]), zeroed([2]), zeroed([0, 1, 2, 3])]) await t.compareGradientAxes(input, 1e-3, 1e-3);
  });

  it('testEmptyGradients', () => emptyGradients((x, axis) => tf.reduce_prod(x, axis)));

  it('testDegenerate', async () => {
    // float16: NOT_PORTED.md.
    for (const dtype of ['float32', 'float64'] as const) {
      const { g, sess } = session();
      const y = g.as_default(() => tf.reduce_prod(tf.zeros([0, 9938], dtype), [0]));
      assertAllEqual(await sess.run(y), np(Array(9938).fill(1)));
    }
  });
});

describe('MaxReductionTest', () => {
  /** MaxReductionTest's _compareAll: axes given as an int32 array, with and without keepdims (TF1 runs each on CPU and GPU). */
  const compareAll = async (x: tf.NDArray, axes: number[] | null): Promise<void> => {
    const t = reductionTest('max');
    const ax = axes === null ? null : Int32Array.from(axes);
    await t.compare(x, ax, false);
    await t.compare(x, ax, true);
  };
  const reduce3D = async (x: tf.NDArray): Promise<void> => {
    for (const axes of [null, [], [0], [1], [2], [0, 1], [1, 2], [0, 2], [0, 1, 2]]) await compareAll(x, axes);
  };
  /** testGradient*: d reduce_max over `axes` of arangeShaped(-49, -1) in float64, with delta 1. */
  const gradient = async (axes: number[] | null, yShape: number[]): Promise<void> => {
    const s = [2, 3, 4, 2];
    const x = arangeShaped(s, 'float64', -49);
    const { g, sess } = session();
    const { t, su } = g.as_default(() => {
      const t = tf.convert_to_tensor(x);
      return { t, su: axes === null ? tf.reduce_max(t) : tf.reduce_max(t, axes) };
    });
    const [jt, jn] = await sess.as_default(() => tf.test.compute_gradient(t, s, su, yShape, { x_init_value: x, delta: 1 }));
    assertAllClose(jt, jn, { rtol: 1e-8, atol: 1e-8 });
  };

  it('testAxesType', () => axesType((x, axis) => tf.reduce_max(x, axis)));

  it('testInfinity', async () => {
    for (const dtype of ['float32', 'float64'] as const) for (const x of infinities(dtype)) await compareAll(x, null);
  });

  it('testInt64Reduce3D', () => reduce3D(arangeShaped([2, 3, 5], 'int64', -31)));
  it('testFloatReduce3D', () => reduce3D(arangeShaped([2, 3, 5], 'float32', -31)));
  it('testDoubleReduce3D', () => reduce3D(arangeShaped([2, 3, 5], 'float64', -31)));

  it('testGradient', () => gradient([1, 2], [2, 2]));
  it('testGradient2', () => gradient([1], [2, 4, 2]));
  it('testGradient3', () => gradient([2], [2, 3, 2]));
  it('testGradient4', () => gradient(null, [1]));

  it('testEmptyGradients', () => emptyGradients((x, axis) => tf.reduce_max(x, axis)));
});
