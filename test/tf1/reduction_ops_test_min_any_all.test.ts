// TF1's tensorflow/python/kernel_tests/reduction_ops_test.py, ported: MinReductionTest, AllReductionTest and
// AnyReductionTest (Sum, Mean, Prod and Max are in reduction_ops_test.test.ts). Read from TF 1.x's file of the
// test_session era; testAxesType is TF 1.15's. TF1 runs each _compare with use_gpu True and False: both are
// CPU-backend runs here. NumPy's random draws are a seeded stream.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { arangeShaped, assertAllClose, assertAllEqual, assertShapeEqual, np, rng, session } from './helpers.js';

type Kind = 'min' | 'all' | 'any';
const REDUCE = { min: tf.reduce_min, all: tf.reduce_all, any: tf.reduce_any } as const;

/** np.amin / np.all / np.any over `axes` (all of them for null), with keepdims, in double precision. */
function npReduce(x: tf.NDArray, axes: readonly number[] | null, keepdims: boolean, kind: Kind): tf.NDArray {
  const r = x.shape.length;
  const red = new Set((axes ?? [...Array(r).keys()]).map((a) => (a < 0 ? a + r : a)));
  const outShape = x.shape.flatMap((d, i) => (red.has(i) ? (keepdims ? [1] : []) : [d]));
  const keptDims = x.shape.map((d, i) => (red.has(i) ? 1 : d));
  const n = outShape.reduce((a, b) => a * b, 1);
  const acc = new Float64Array(n).fill(kind === 'min' ? Infinity : kind === 'all' ? 1 : 0);
  const idx = new Array<number>(r).fill(0);
  for (let p = 0; p < x.size; p++) {
    let o = 0;
    for (let i = 0; i < r; i++) o = o * keptDims[i]! + (red.has(i) ? 0 : idx[i]!);
    const v = x.data[p]!;
    acc[o] = kind === 'min' ? Math.min(acc[o]!, v) : kind === 'all' ? Number(acc[o]! !== 0 && v !== 0) : Number(acc[o]! !== 0 || v !== 0);
    for (let i = r - 1; i >= 0; i--)
      if (++idx[i]! < x.shape[i]!) break;
      else idx[i] = 0;
  }
  return new tf.NDArray(acc, outShape, 'float64');
}

/** Each class's _compare (reduction axes as an int32 array) and _compareAll (keep_dims False and True). */
async function compareAll(kind: Kind, x: tf.NDArray, axes: number[] | null): Promise<void> {
  for (const keepDims of [false, true]) {
    for (let useGpu = 0; useGpu < 2; useGpu++) {
      const npAns = npReduce(x, axes, keepDims, kind);
      const { g, sess } = session();
      try {
        const tfAns = g.as_default(() => REDUCE[kind](x, (axes === null ? null : Int32Array.from(axes)) as number[] | null, keepDims));
        const out = (await sess.run(tfAns)) as tf.NDArray;
        if (kind === 'min') assertAllClose(npAns, out);
        else assertAllEqual(npAns, out);
        assertShapeEqual(npAns, tfAns);
      } finally {
        sess.close();
      }
    }
  }
}

const AXES_3D: (number[] | null)[] = [null, [], [0], [1], [2], [0, 1], [1, 2], [0, 2], [0, 1, 2]];

describe('ReductionUnknownShape', () => {
  it('testBasic (reduce_min, reduce_all, reduce_any)', () => {
    for (const [reduction, dtype] of [
      [tf.reduce_min, tf.float32],
      [tf.reduce_all, tf.bool],
      [tf.reduce_any, tf.bool],
    ] as const) {
      const { g } = session();
      const y = g.as_default(() => reduction(tf.placeholder(dtype, { shape: null })));
      expect(y.shape.as_list()).toEqual([]);
    }
  });
});

describe('MinReductionTest', () => {
  /** testGradient*: d reduce_min over `axes` of arange(1, 49) in float64, with delta 1. */
  const gradient = async (axes: number[] | null, yShape: number[]): Promise<void> => {
    const s = [2, 3, 4, 2];
    const x = arangeShaped(s, 'float64', 1);
    const { g, sess } = session();
    const { t, su } = g.as_default(() => {
      const t = tf.convert_to_tensor(x);
      return { t, su: axes === null ? tf.reduce_min(t) : tf.reduce_min(t, axes) };
    });
    const [jt, jn] = await sess.as_default(() => tf.test.compute_gradient(t, s, su, yShape, { x_init_value: x, delta: 1 }));
    assertAllClose(jt, jn, { rtol: 1e-8, atol: 1e-8 });
  };

  it('testAxesType', async () => {
    for (const dtype of ['int64', 'int32'] as const) {
      const { g, sess } = session();
      const v = g.as_default(() => tf.reduce_min([0, 0], tf.constant(0, { dtype })));
      assertAllEqual(await sess.run(v), 0);
    }
  });

  it('testInfinity', async () => {
    for (const dtype of ['float32', 'float64'] as const)
      for (const a of [-Infinity, Infinity]) for (const b of [-Infinity, Infinity]) await compareAll('min', np([a, b], dtype), null);
  });

  it('testFloatReduce3D', async () => {
    for (const axes of AXES_3D) await compareAll('min', arangeShaped([2, 3, 5], 'float32'), axes);
  });

  it('testDoubleReduce3D', async () => {
    for (const axes of AXES_3D) await compareAll('min', arangeShaped([2, 3, 5], 'float64'), axes);
  });

  it('testGradient', () => gradient([1, 2], [2, 2]));
  it('testGradient2', () => gradient([1], [2, 4, 2]));
  it('testGradient3', () => gradient([2], [2, 3, 2]));
  it('testGradient4', () => gradient(null, [1]));

  it('testEmptyGradients', async () => {
    const { g } = session();
    const { x, y } = g.as_default(() => {
      const x = tf.zeros([0, 3]);
      return { x, y: tf.reduce_min(x, [1]) };
    });
    expect(await tf.test.compute_gradient_error(x, [0, 3], y, [0])).toBe(0);
  });
});

/** `(np.random.uniform(0, 1, 30) > threshold).reshape([2, 3, 5])`. */
function randomBools(threshold: number): tf.NDArray {
  const u = rng(threshold === 0.1 ? 11 : 12);
  return new tf.NDArray(
    np(
      Array.from({ length: 30 }, () => Number(u() > threshold)),
      'bool',
    ).data,
    [2, 3, 5],
    'bool',
  );
}

/** testEmpty: `_compareAll([], [0])`; the list `[]` itself converts to bool, the op's fixed input type. */
async function empty(kind: 'all' | 'any', want: number): Promise<void> {
  await compareAll(kind, np([], 'bool'), [0]);
  const { g, sess } = session();
  try {
    const y = g.as_default(() => REDUCE[kind]([], [0]));
    expect(y.dtype).toBe('bool');
    assertAllEqual((await sess.run(y)) as tf.NDArray, want);
  } finally {
    sess.close();
  }
}

describe('AllReductionTest', () => {
  it('testAll3D', async () => {
    const x = randomBools(0.1);
    for (const axes of AXES_3D) await compareAll('all', x, axes);
  });

  it('testEmpty', () => empty('all', 1));
});

describe('AnyReductionTest', () => {
  it('testAll3D', async () => {
    const x = randomBools(0.9);
    for (const axes of AXES_3D) await compareAll('any', x, axes);
  });

  it('testEmpty', () => empty('any', 0));
});
