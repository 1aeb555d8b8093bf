// TF1's tensorflow/python/kernel_tests/array_ops_test.py, ported: ReverseV2Test and OperatorShapeTest's squeeze
// cases (source read: a TF 1.x copy whose cases are r1.12's). use_gpu runs are the CPU backend here. The rest of
// the file (strided slices, boolean_mask, meshgrid, ...) belongs to other ops; what of these two classes is not
// ported is listed in NOT_PORTED.md.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllEqual, inGraph, inSession, rejected, staticShape, thrown } from './helpers.js';

const DTYPES = ['uint8', 'int8', 'uint16', 'int16', 'int32', 'int64', 'bool', 'float32', 'float64'] as const;

/** `np.array(values, dtype)` of a 1-D or 2-D list. */
function arr(values: number[] | number[][], dtype: tf.DType): tf.NDArray {
  const rows = Array.isArray(values[0]) ? (values as number[][]) : null;
  const flat = rows ? rows.flat() : (values as number[]);
  const a = tf.NDArray.zeros(rows ? [rows.length, rows[0]!.length] : [flat.length], dtype);
  a.data.set(flat.map((v) => (dtype === 'bool' ? Number(v !== 0) : v)));
  return a;
}

/** NumPy's `x[::-1, ...]` along the flagged axes of a 1-D or 2-D array. */
function flipped(x: tf.NDArray, axes: boolean[]): tf.NDArray {
  const out = tf.NDArray.zeros(x.shape, x.dtype);
  const [r, c] = x.shape.length === 1 ? [1, x.shape[0]!] : [x.shape[0]!, x.shape[1]!];
  const [fr, fc] = x.shape.length === 1 ? [false, axes[0]!] : [axes[0]!, axes[1]!];
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out.data[i * c + j] = x.data[(fr ? r - 1 - i : i) * c + (fc ? c - 1 - j : j)]!;
  return out;
}

const REVERSE = [tf.reverse_v2, tf.reverse] as const;

describe('ReverseV2Test', () => {
  it('testReverse0DimAuto', async () => {
    await inSession(async (g, sess) => assertAllEqual(await sess.run(g.as_default(() => tf.reverse_v2(4, tf.constant([], tf.int32)))), 4));
  });

  it('testInvalidAxis', () => {
    inGraph(() => {
      const x = arr(
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        'float32',
      );
      expect(thrown(() => tf.reverse_v2(x, [-30])).message).toMatch(/is out of valid range/);
      expect(thrown(() => tf.reverse_v2(x, [2])).message).toMatch(/is out of valid range/);
      const e = thrown(() => tf.reverse_v2(x, [0, -2]));
      expect(e).toBeInstanceOf(tf.errors.ValueError);
      expect(e.message).toMatch(/axis 0 specified more than once/);
    });
  });

  it('testInvalid', async () => {
    const x = arr(
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      'float32',
    );
    await inSession(async (g, sess) => {
      const [axis, r] = g.as_default(() => {
        const axis = tf.placeholder(tf.int32);
        return [axis, tf.reverse_v2(x, axis)] as const;
      });
      for (const [v, msg] of [
        [[-30], /is out of valid range/],
        [[2], /is out of valid range/],
        [[0, -2], /axis 0 specified more than once/],
      ] as const) {
        const e = await rejected(sess.run(r, new Map([[axis, arr([...v], 'int32')]])));
        expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
        expect(e.message).toMatch(msg);
      }
    });
  });

  it('testReverse1DimAuto', async () => {
    for (const dtype of DTYPES) {
      const x = arr([1, 200, 3, 40, 5], dtype);
      for (const axisDtype of [tf.int32, tf.int64]) {
        await inSession(async (g, sess) => {
          assertAllEqual(await sess.run(g.as_default(() => tf.reverse_v2(x, tf.constant([0], axisDtype)))), flipped(x, [true]));
        });
      }
    }
  });

  it('testReverse2DimAuto', async () => {
    for (const dtype of DTYPES) {
      const x = arr(
        [
          [1, 200, 3],
          [4, 5, 60],
        ],
        dtype,
      );
      for (const f of REVERSE) {
        for (const axisDtype of [tf.int32, tf.int64]) {
          await inSession(async (g, sess) => {
            const run = async (axes: number[]) => sess.run(g.as_default(() => f(x, tf.constant(axes, axisDtype))));
            assertAllEqual(await run([0]), flipped(x, [true, false]));
            assertAllEqual(await run([-2]), flipped(x, [true, false]));
            assertAllEqual(await run([1]), flipped(x, [false, true]));
            assertAllEqual(await run([-1]), flipped(x, [false, true]));
            assertAllEqual(await run([1, 0]), flipped(x, [true, true]));
          });
        }
      }
    }
  });

  it('testUnknownDims', () => {
    inGraph(() => {
      const data = tf.placeholder(tf.float32);
      expect(tf.reverse_v2(data, tf.placeholder(tf.int32, [3])).shape.ndims).toBe(null);
      expect(tf.reverse_v2(data, tf.placeholder(tf.int32)).shape.ndims).toBe(null);
      expect(tf.reverse_v2(tf.placeholder(tf.float32, [null, null]), tf.placeholder(tf.int32, [3])).shape.ndims).toBe(2);
    });
  });

  /** testReverseRowsOf3Channels, testReverseRowsOf4Channels, testReverseColumnsOf3Channels: reverse(x, [axis]) of an arange. */
  for (const [name, channels, axis] of [
    ['testReverseRowsOf3Channels', 3, 1],
    ['testReverseRowsOf4Channels', 4, 1],
    ['testReverseColumnsOf3Channels', 3, 0],
  ] as const) {
    it(name, async () => {
      const sizes = [...Array.from({ length: 50 }, (_, i) => i), 100000];
      await inSession(async (g, sess) => {
        for (const f of REVERSE) {
          for (const big of sizes) {
            for (const small of [1, 2]) {
              const shape = axis === 1 ? [small, big, channels] : [big, small, channels];
              const x = tf.NDArray.zeros(shape, 'float32');
              for (let i = 0; i < x.size; i++) x.data[i] = i;
              const got = await sess.run(g.as_default(() => f(x, [axis])));
              const rowLen = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
              const n = shape[axis]!;
              const outer = shape.slice(0, axis).reduce((a, b) => a * b, 1);
              const want = tf.NDArray.zeros(shape, 'float32');
              for (let o = 0; o < outer; o++) {
                for (let k = 0; k < n; k++) want.data.set(x.data.subarray((o * n + n - 1 - k) * rowLen, (o * n + n - k) * rowLen), (o * n + k) * rowLen);
              }
              assertAllEqual(got, want);
            }
          }
        }
      });
    });
  }
});

describe('OperatorShapeTest', () => {
  // TF1 squeezes the string scalar "hello"; tf1-ts has no string dtype, so the scalar is a number.
  it('testSqueezeScalar', () => {
    inGraph(() => expect(staticShape(tf.squeeze(4, []))).toEqual([]));
  });

  it('testSqueezeMatrix', () => {
    inGraph(() => {
      expect(staticShape(tf.squeeze([[1, 2, 3]], [0]))).toEqual([3]);
      const e = thrown(() => tf.squeeze([[1, 2, 3]], [1]));
      expect(e).toBeInstanceOf(tf.errors.ValueError);
      expect(e.message).toMatch(/Can not squeeze dim.1., expected a dimension of 1, got 3/);
    });
  });

  it('testSqueezeScalarDim', () => {
    inGraph(() => expect(staticShape(tf.squeeze([[1, 2, 3]], 0))).toEqual([3]));
  });
});
