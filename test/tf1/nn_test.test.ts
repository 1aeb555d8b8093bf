// TF1 r1.12's tensorflow/python/ops/nn_test.py, the classes of the ops tf1-ts has (DropoutTest), ported:
// one `it` per TF1 test method, same inputs and tolerances. `with self.test_session()` is a CPU session.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose, inGraph, inSession, staticShape, thrown } from './helpers.js';

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
