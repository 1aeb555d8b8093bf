// Port of TF1's tensorflow/python/kernel_tests/cast_op_test.py (TF 1.x's, read from jhabikal21/tensorflow),
// for the dtypes tf1-ts has (float32, float64, int32, int64, bool): NOT_PORTED.md lists the rest. The
// expected values are NumPy's astype (C's conversions on x86), as TF1's; np.random is a seeded generator.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import type { DType } from '../../src/framework/dtypes.js';
import { assertAllEqual, computeGradientError, evaluate, graphSession } from './helpers.js';
import * as np from './np.js';

type NDArray = tf.NDArray;

/** `self._cast(x, dtype)`: a Const of x's own dtype, cast to `dtype` (named "cast"), evaluated. */
const cast = (x: NDArray, dtype: DType): Promise<NDArray> => evaluate(() => tf.cast(tf.constant(x, x.dtype), dtype, 'cast'));

/** `self._test(x, dtype)`: tf.cast behaves as numpy's astype. */
async function check(x: NDArray, dtype: DType): Promise<void> {
  assertAllEqual(np.astype(x, dtype), await cast(x, dtype), `${x.dtype} -> ${dtype}`);
}

/** `self._testTypes(x, use_gpu)`: every pair of the listed dtypes, and bool, uint8 and int32 sources. */
async function testTypes(x: NDArray, useGpu: boolean): Promise<void> {
  const types: DType[] = useGpu ? ['float32', 'float64', 'int64'] : ['float32', 'float64', 'int32', 'int64'];
  for (const from of types) {
    for (const to of types) await check(np.astype(x, from), to);
  }
  await check(np.astype(x, 'bool'), 'float32');
  await check(np.astype(x, 'uint8'), 'float32');
  if (!useGpu) {
    await check(np.astype(x, 'bool'), 'int32');
    await check(np.astype(x, 'int32'), 'int32');
  }
}

/** `self._testAll(x)`: the CPU list, and for float arrays the GPU list (both run on the CPU backend here). */
async function testAll(x: NDArray): Promise<void> {
  await testTypes(x, false);
  if (x.dtype === 'float32' || x.dtype === 'float64') await testTypes(x, true);
}

/** `self._compare(x, dst_dtype, expected)`: x as np.array([x]) makes it (int64 for ints, float64 for floats). */
async function compare(x: number, dst: DType, expected: number): Promise<void> {
  const src: DType = Number.isInteger(x) ? 'int64' : 'float64';
  const got = await cast(np.array([x], [], src), dst);
  expect(got.dtype).toBe(dst);
  expect(got.data[0]).toBe(np.cast(expected, dst));
}

const I4 = { min: -(2 ** 31), max: 2 ** 31 - 1 };
const I8_MIN = -(2 ** 63);

describe('CastOpTest', () => {
  it('testBasic', async () => {
    await testAll(np.array(np.arange(-10, 10), [2, 10], 'int64'));
    await testAll(np.array(np.linspace(-10, 10, 17), [17], 'float64'));
  });

  it('testSmallValues', async () => {
    const f4resolution = 1e-6;
    const f8resolution = 1e-15;
    await testAll(np.array([0, -1, 1, -f4resolution, f4resolution, f8resolution, -f8resolution], [7], 'float64'));
  });

  it('testRandom', async () => {
    const rng = new np.Rng(20);
    await testAll(
      np.array(
        rng.many(210, () => 10 * rng.normal()),
        [2, 3, 5, 7],
        'float64',
      ),
    );
    await testAll(
      np.array(
        rng.many(210, () => 1e6 * rng.normal()),
        [2, 3, 5, 7],
        'float64',
      ),
    );
  });

  it('testIntToFloatBoundary', async () => {
    await compare(I4.min, 'float32', I4.min);
    await compare(I4.max, 'float32', I4.max);
    await compare(I8_MIN, 'float32', I8_MIN);
    await compare(I4.min, 'float64', I4.min);
    await compare(I4.max, 'float64', I4.max);
    await compare(I8_MIN, 'float64', I8_MIN);
    // i8.max (2^63 - 1) has no double: NOT_PORTED.md
  });

  it('testInfNan', async () => {
    await compare(Infinity, 'float32', Infinity);
    await compare(Infinity, 'float64', Infinity);
    // np.float64("np.inf").astype(np.int32) is negative on x86 (TF1's branch for little-endian, non-ppc64le machines)
    await compare(Infinity, 'int32', I4.min);
    await compare(Infinity, 'int64', I8_MIN);
    await compare(-Infinity, 'float32', -Infinity);
    await compare(-Infinity, 'float64', -Infinity);
    await compare(-Infinity, 'int32', I4.min);
    await compare(-Infinity, 'int64', I8_MIN);
    const nan = np.array([NaN], [], 'float64');
    assertAllEqual(Number.isNaN((await cast(nan, 'float32')).data[0]), true);
    assertAllEqual(Number.isNaN((await cast(nan, 'float64')).data[0]), true);
    await compare(NaN, 'int32', I4.min);
    await compare(NaN, 'int64', I8_MIN);
    // use_gpu=True: the same values (the CPU backend again here)
    await compare(Infinity, 'float32', Infinity);
    await compare(Infinity, 'float64', Infinity);
    await compare(-Infinity, 'float32', -Infinity);
    await compare(-Infinity, 'float64', -Infinity);
    assertAllEqual(Number.isNaN((await cast(nan, 'float32')).data[0]), true);
    assertAllEqual(Number.isNaN((await cast(nan, 'float64')).data[0]), true);
  });

  it('testCastToTypeOfVariable', async () => {
    const { sess, built } = graphSession(() => {
      const x = tf.Variable(5, { dtype: tf.float32 });
      const y = tf.Variable(true, { dtype: tf.bool });
      return { cast: tf.cast(y, x.dtype), init: tf.global_variables_initializer() };
    });
    try {
      await sess.run(built.init);
      expect(((await sess.run(built.cast)) as NDArray).item()).toBe(1.0);
    } finally {
      sess.close();
    }
  });

  it('testGradients', async () => {
    const t: DType[] = ['float32', 'float64'];
    for (const srcT of t) {
      for (const dstT of t) {
        const err = await computeGradientError(
          () => {
            const x = tf.constant(1.0, srcT);
            const z = tf.identity(x);
            return { x, y: tf.cast(z, dstT) };
          },
          [],
          [],
        );
        expect(err).toBeLessThan(1e-3);
      }
    }
  });
});

describe('SaturateCastTest', () => {
  it('testSaturate', async () => {
    // TF1's DType.min and .max of the dtypes the case uses (np.finfo(np.float32) for float32).
    const fmax = Math.fround(3.4028234663852886e38);
    const range: Partial<Record<DType, [number, number]>> = { float32: [-fmax, fmax], int8: [-128, 127], uint8: [0, 255], int16: [-32768, 32767] };
    const inTypes = ['float32'] as const;
    const outTypes = ['int8', 'uint8', 'int16', 'float32'] as const;
    for (const inType of inTypes) {
      for (const outType of outTypes) {
        const [lo, hi] = range[inType]!;
        // float32 arithmetic, as NumPy's on float32 scalars (lo + 1 is lo; // floors).
        const values = [lo, lo + 1, Math.floor(lo / 2), Math.floor(hi / 2), hi - 1, hi].map(Math.fround);
        const { sess, built } = graphSession(() => {
          const x = tf.constant(values, inType);
          return { x, y: tf.saturate_cast(x, { dtype: outType }) };
        });
        expect(built.y.dtype).toBe(outType);
        const [x, y] = await sess.run([built.x, built.y]);
        sess.close();
        const [outMin, outMax] = range[outType]!;
        assertAllEqual(
          y!,
          Array.from(x!.data, (v) => Math.max(outMin, Math.min(outMax, v))),
        );
      }
    }
  });
});

describe("saturate_cast's graph, as TF1's math_ops.saturate_cast builds it", () => {
  it('clamps with Maximum and Minimum against min and max in the value dtype, then casts, under saturate_cast', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.constant([1.5, -300], tf.float32);
      const y = tf.saturate_cast(x, tf.int8);
      expect(y.name).toBe('saturate_cast:0');
      expect(y.op.type).toBe('Cast');
      const mn = y.op.inputs[0]!.op;
      expect([mn.name, mn.type, mn.inputs[1]!.name]).toEqual(['saturate_cast/Minimum', 'Minimum', 'saturate_cast/max:0']);
      const mx = mn.inputs[0]!.op;
      expect([mx.name, mx.type, mx.inputs[1]!.name]).toEqual(['saturate_cast/Maximum', 'Maximum', 'saturate_cast/min:0']);
      // A wider target needs no clamp, the same dtype no Cast.
      expect(tf.saturate_cast(tf.constant([1], tf.int8), tf.int32).op.type).toBe('Cast');
      expect(tf.saturate_cast(x, tf.float32)).toBe(x);
      expect(() => tf.saturate_cast(x, tf.bool)).toThrow("Cannot find minimum value of <dtype: 'bool'>.");
    });
  });
});
