// TF1 r1.12's tensorflow/python/ops/nn_test.py, the classes of the ops tf1-ts has (L2NormalizeTest, DropoutTest),
// ported: one `it` per TF1 test method, same inputs and tolerances. `with self.test_session()` is a CPU session;
// np.random is a seeded stream.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose, computeGradientError, evaluate, inGraph, inSession, staticShape, thrown } from './helpers.js';
import { Rng } from './np.js';

/** `np.unique(np.sort(value))`. */
const unique = (v: ArrayLike<number>): number[] => [...new Set(Array.from(v))].sort((a, b) => a - b);
const countNonzero = (v: ArrayLike<number>): number => Array.from(v).filter((x) => x !== 0).length;

/**
 * The loop TF1's testDropout, testShapedDropout and testDropoutPlaceholderKeepProb share: 10 evaluations of
 * dropout over a tensor of ones, each holding only 0 and 1/keep_prob, the count of ones within 15%.
 */
async function countedDropout(xDim: number, yDim: number, build: (t: tf.Tensor, keepProb: number) => [tf.Tensor, Map<tf.Tensor, unknown>?]): Promise<void> {
  const numIter = 10;
  for (const keepProb of [0.1, 0.5, 0.8]) {
    let finalCount = 0;
    await inSession(async (g, sess) => {
      const [dropout, feeds] = g.as_default(() => build(tf.constant(1.0, tf.float32, [xDim, yDim]), keepProb));
      expect(staticShape(dropout)).toEqual([xDim, yDim]);
      for (let i = 0; i < numIter; i++) {
        const value = (await sess.run(dropout, feeds as never)).data;
        finalCount += countNonzero(value);
        const sorted = unique(value);
        expect(sorted[0]).toBe(0);
        assertAllClose(1 / keepProb, sorted[1]!);
      }
    });
    const expectedCount = xDim * yDim * keepProb * numIter;
    expect(Math.abs(finalCount - expectedCount) / expectedCount).toBeLessThan(0.15);
  }
}

/** `np.random.random_sample(shape)` of `dtype` from a seeded stream. */
function randomSample(shape: readonly number[], dtype: tf.DType, seed: number): tf.NDArray {
  const r = new Rng(seed);
  const a = tf.NDArray.zeros(shape, dtype);
  for (let i = 0; i < a.size; i++) a.data[i] = r.uniform();
  return a;
}

/** L2NormalizeTest._l2Normalize: x divided by its norm over `dim` (one axis or several), in doubles. */
function l2Normalize(x: tf.NDArray, dim: number | number[]): number[] {
  const dims = typeof dim === 'number' ? [dim] : dim;
  const shape = x.shape;
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const key = (i: number): number => shape.reduce((k, d, ax) => (dims.includes(ax) ? k : k * d + (Math.floor(i / strides[ax]!) % d)), 0);
  const sums = new Map<number, number>();
  for (let i = 0; i < x.size; i++) sums.set(key(i), (sums.get(key(i)) ?? 0) + x.data[i]! ** 2);
  return Array.from(x.data, (v, i) => v / Math.sqrt(sums.get(key(i))!));
}

describe('L2NormalizeTest', () => {
  const xShape = [20, 7, 3];

  it('testL2Normalize', async () => {
    const xNp = randomSample(xShape, 'float32', 1);
    for (let dim = 0; dim < xShape.length; dim++) {
      const y = await evaluate(() => tf.nn.l2_normalize(tf.constant(xNp, { name: 'x' }), dim));
      assertAllClose(Array.from(y.data), l2Normalize(xNp, dim));
    }
  });

  it('testL2NormalizeDimArray', async () => {
    const xNp = randomSample(xShape, 'float32', 1);
    const y = await evaluate(() => tf.nn.l2_normalize(tf.constant(xNp, { name: 'x' }), [1, 2]));
    assertAllClose(Array.from(y.data), l2Normalize(xNp, [1, 2]));
  });

  it('testL2NormalizeGradient', async () => {
    const xNp = randomSample(xShape, 'float64', 1);
    for (let dim = 0; dim < xShape.length; dim++) {
      const err = await computeGradientError(
        () => {
          const x = tf.constant(xNp, { name: 'x' });
          return { x, y: tf.nn.l2_normalize(x, dim) };
        },
        xShape,
        xShape,
        // TF1's x_init_value=None: a fresh np.random.random_sample(x_shape), from a seeded stream here.
        { xInit: randomSample(xShape, 'float64', 100 + dim) },
      );
      expect(err).toBeLessThan(1e-4);
    }
  });
});

describe('DropoutTest', () => {
  it('testDropout', async () => {
    await countedDropout(40, 30, (t, keepProb) => [tf.nn.dropout(t, keepProb)]);
  });

  it('testShapedDropout', async () => {
    const [xDim, yDim] = [40 * 30, 3];
    await countedDropout(xDim, yDim, (t, keepProb) => [tf.nn.dropout(t, keepProb, { noise_shape: [xDim, 1] })]);
  });

  it('testShapedDropoutCorrelation', async () => {
    const [xDim, yDim, numIter] = [40, 30, 10];
    for (const keepProb of [0.1, 0.5, 0.8]) {
      await inSession(async (g, sess) => {
        const dropout = g.as_default(() => tf.nn.dropout(tf.constant(1.0, tf.float32, [xDim, yDim]), keepProb, { noise_shape: [xDim, 1] }));
        expect(staticShape(dropout)).toEqual([xDim, yDim]);
        for (let it = 0; it < numIter; it++) {
          const value = (await sess.run(dropout)).data;
          // Each row holds one kind of activation.
          for (let i = 0; i < xDim; i++) expect(unique(value.subarray(i * yDim, (i + 1) * yDim)).length).toBe(1);
        }
      });
    }
  });

  it('testDropoutPlaceholderKeepProb', async () => {
    await countedDropout(40, 30, (t, keepProb) => {
      const keepProbPlaceholder = tf.placeholder(tf.float32);
      return [tf.nn.dropout(t, keepProbPlaceholder), new Map([[keepProbPlaceholder, keepProb]])];
    });
  });

  it('testShapedDropoutUnknownShape', () => {
    inGraph(() => {
      const x = tf.constant(1.0, tf.float32, [40, 30]);
      const dropoutX = tf.nn.dropout(x, 0.5, { noise_shape: tf.placeholder(tf.int32) });
      expect(staticShape(dropoutX)).toEqual(staticShape(x));
    });
  });

  it('testInvalidKeepProb', () => {
    inGraph(() => {
      const t = tf.constant(1.0, tf.float32, [40, 30]);
      expect(thrown(() => tf.nn.dropout(t, -1.0))).toBeInstanceOf(tf.errors.ValueError);
      expect(thrown(() => tf.nn.dropout(t, 1.1))).toBeInstanceOf(tf.errors.ValueError);
      expect(thrown(() => tf.nn.dropout(t, [0.0, 1.0]))).toBeInstanceOf(tf.errors.ValueError);
      expect(thrown(() => tf.nn.dropout(t, tf.placeholder(tf.float64)))).toBeInstanceOf(tf.errors.ValueError);
      expect(thrown(() => tf.nn.dropout(t, tf.placeholder(tf.float32, [2])))).toBeInstanceOf(tf.errors.ValueError);
    });
  });

  it('testShapedDropoutShapeError', () => {
    inGraph(() => {
      const [xDim, yDim, keepProb] = [40, 30, 0.5];
      const t = tf.constant(1.0, tf.float32, [xDim, yDim]);
      for (const noiseShape of [[xDim, yDim + 10], [xDim, yDim, 5], [xDim + 3], [xDim]]) {
        expect(thrown(() => tf.nn.dropout(t, keepProb, { noise_shape: noiseShape }))).toBeInstanceOf(tf.errors.ValueError);
      }
      // Broadcasting proceeds.
      for (const noiseShape of [[yDim], [1, yDim], [xDim, 1], [1, 1]]) {
        expect(staticShape(tf.nn.dropout(t, keepProb, { noise_shape: noiseShape }))).toEqual([xDim, yDim]);
      }
    });
  });

  it('testNoDropoutFast', () => {
    inGraph(() => {
      const x = tf.zeros([5]);
      for (const p of [1, tf.constant(1.0, tf.float32)]) expect(tf.nn.dropout(x, { keep_prob: p })).toBe(x);
    });
  });
});
