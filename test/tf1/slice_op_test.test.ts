// TF1's tensorflow/python/kernel_tests/slice_op_test.py, ported: the cases of tf.slice. Source read: r1.15
// (microsoft/tensorflow-directml), whose cases are r1.12's. use_gpu runs are the CPU backend here. The cases of
// Python indexing (`a[1:, :2]`, StridedSlice) and conv3d are listed in NOT_PORTED.md.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { denseGradients } from '../helpers/dense_gradients.js';
import { assertAllClose, assertAllEqual, inGraph, inSession, rand, staticShape } from './helpers.js';

/** NumPy's `x[b0:b0+s0, b1:b1+s1, ...]`. */
function npSlice(x: tf.NDArray, begin: readonly number[], size: readonly number[]): tf.NDArray {
  const out = tf.NDArray.zeros(size, x.dtype);
  const r = size.length;
  const strides = x.shape.map((_, i) => x.shape.slice(i + 1).reduce((a, b) => a * b, 1));
  for (let k = 0; k < out.size; k++) {
    let rem = k;
    let off = 0;
    for (let d = r - 1; d >= 0; d--) {
      off += ((rem % size[d]!) + begin[d]!) * strides[d]!;
      rem = Math.floor(rem / size[d]!);
    }
    out.data[k] = x.data[off]!;
  }
  return out;
}

const randInt = (lo: number, hi: number): number => lo + Math.floor(Math.random() * (hi - lo));

describe('SliceTest', () => {
  it('testSlicingWithInt64Index', async () => {
    await inSession(async (g, sess) => {
      for (const dtype of [tf.int32, tf.float32]) {
        const i64 = (v: number[]) => new tf.NDArray(Float64Array.from(v), [v.length], 'int64');
        const t = g.as_default(() => tf.slice(tf.constant([0, 1, 2], dtype), i64([1]), i64([2])));
        assertAllEqual(await sess.run(t), [1, 2]);
      }
    });
  });

  it('testSlicingInt64Tensor', async () => {
    await inSession(async (g, sess) => {
      const t = g.as_default(() => tf.slice(tf.constant([0, 1, 2], tf.int64), [1], [2]));
      assertAllEqual(await sess.run(t), [1, 2]);
    });
  });

  it('testSelectAll', async () => {
    for (let k = 0; k < 10; k++) {
      const inp = rand([4, 4, 4, 4]);
      await inSession(async (g, sess) => {
        const t = g.as_default(() => tf.slice(tf.constant(inp), [0, 0, 0, 0], [-1, -1, -1, -1]));
        assertAllEqual(await sess.run(t), inp);
        expect(staticShape(t)).toEqual([4, 4, 4, 4]);
      });
    }
  });

  it('testSliceMatrixDim0', async () => {
    const check = async (x: tf.NDArray, begin: number, size: number) => {
      await inSession(async (g, sess) => {
        const t = g.as_default(() => tf.slice(x, [begin, 0], [size, x.shape[1]!]));
        assertAllEqual(await sess.run(t), npSlice(x, [begin, 0], [size, x.shape[1]!]));
      });
    };
    const x = rand([8, 4]);
    await check(x, 1, 2);
    await check(x, 3, 3);
    const y = rand([8, 7]); // 7 * sizeof(float) is not aligned
    await check(y, 1, 2);
    await check(y, 3, 3);
  });

  it('testSimple', async () => {
    const inp = rand([4, 4]);
    await inSession(async (g, sess) => {
      const t = g.as_default(() => tf.slice(tf.constant(Array.from(inp.data), { shape: [4, 4], dtype: tf.float32 }), [0, 0], [2, 2]));
      const v = await sess.run(t);
      assertAllEqual(v, npSlice(inp, [0, 0], [2, 2]));
      expect([...v.shape]).toEqual(staticShape(t));
    });
  });

  it('testRandom', async () => {
    // Random dims of rank 6
    const inputShape = Array.from({ length: 6 }, () => randInt(0, 20));
    const inp = rand(inputShape);
    const indices = inputShape.map((x) => (x === 0 ? 0 : randInt(0, x)));
    const sizes = inputShape.map((x, i) => randInt(0, x - indices[i]! + 1));
    await inSession(async (g, sess) => {
      const t = g.as_default(() => tf.slice(tf.constant(inp), indices, sizes));
      const expected = npSlice(inp, indices, sizes);
      assertAllEqual(await sess.run(t), expected);
      expect(staticShape(t)).toEqual([...expected.shape]);
    });
  });

  // The m2 case (a size computed by `constant(1) + 0`) is TF1's C++ constant folding in shape inference; tf1-ts
  // folds Consts, shapes and their Packs only.
  it('testPartialShapeInference', () => {
    inGraph(() => {
      const z = tf.zeros([1, 2, 3]);
      expect(staticShape(z)).toEqual([1, 2, 3]);
      expect(staticShape(tf.slice(z, [0, 0, 0], [-1, -1, -1]))).toEqual([1, 2, 3]);
    });
  });

  /** TF1's _testGradientSlice: the gradient of a slice is its upstream gradient placed back at the slice, zeros elsewhere. */
  async function gradientSlice(inputShape: number[], begin: number[], size: number[]): Promise<void> {
    const inp = rand(inputShape);
    const grads = rand(size);
    await inSession(async (g, sess) => {
      const grad = g.as_default(() => {
        const a = tf.constant(Array.from(inp.data), { shape: inputShape, dtype: tf.float32 });
        return denseGradients(tf.slice(a, begin, size), [a], tf.constant(grads))[0]!;
      });
      const result = await sess.run(grad);
      const expected = tf.NDArray.zeros(inputShape, 'float64');
      const placed = npSlice(expected, begin, size);
      expect([...placed.shape]).toEqual(size);
      const strides = inputShape.map((_, i) => inputShape.slice(i + 1).reduce((a, b) => a * b, 1));
      for (let k = 0; k < grads.size; k++) {
        let rem = k;
        let off = 0;
        for (let d = size.length - 1; d >= 0; d--) {
          off += ((rem % size[d]!) + begin[d]!) * strides[d]!;
          rem = Math.floor(rem / size[d]!);
        }
        expected.data[off] = grads.data[k]!;
      }
      assertAllClose(result, expected);
    });
  }

  it('testGradientsAll', async () => {
    // Slice the middle square out of a 4x4 input
    await gradientSlice([4, 4], [1, 1], [2, 2]);
    // Slice the upper left square out of a 4x4 input
    await gradientSlice([4, 4], [0, 0], [2, 2]);
    // Slice a non-square input starting from (2,1)
    await gradientSlice([4, 4], [2, 1], [1, 2]);
    // Slice a 3D tensor
    await gradientSlice([3, 3, 3], [0, 1, 0], [2, 1, 1]);
    // Use -1 as a slice dimension (_testGradientVariableSize).
    await inSession(async (g, sess) => {
      const grad = g.as_default(() => {
        const inp = tf.constant([1.0, 2.0, 3.0], { name: 'in', dtype: tf.float32 });
        return denseGradients(tf.slice(inp, [1], [-1]), inp)[0]!;
      });
      assertAllClose(await sess.run(grad), [0, 1, 1]);
    });
  });

  it('testComputedShape', () => {
    inGraph(() => {
      const a = tf.constant([
        [1, 2, 3],
        [4, 5, 6],
      ]);
      const b = tf.slice(a, [tf.constant(0), 0], [tf.constant(1), 2]);
      expect(staticShape(b)).toEqual([1, 2]);
      const begin = tf.placeholder(tf.int32, []);
      const c = tf.slice(a, [begin, 0], [-1, 2]);
      expect(staticShape(c)).toEqual([null, 2]);
    });
  });
});
