// TF1's tensorflow/python/client/session_test.py, its IndexedSlices cases (testFetchIndexedSlices,
// testFeedIndexedSlices, testFetchIndexedSlicesWithoutDenseShape, testFeedIndexedSlicesWithoutDenseShape): an
// IndexedSlices fetch gives an IndexedSlicesValue (its three parts; dense_shape null when it has none), and an
// IndexedSlices key feeds its parts from an IndexedSlicesValue or an array (session.py's expansions for
// IndexedSlices). Python's tuple unpacking of the namedtuple is JS's array destructuring of it.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { toNDArray } from '../../src/framework/from_js.js';
import { assertAllEqual } from './helpers.js';

/** `with session.Session() as s:` on a fresh default graph. */
async function withSession(fn: (s: tf.Session) => Promise<void>): Promise<void> {
  tf.reset_default_graph();
  const s = new tf.Session({ backend: 'cpu' });
  try {
    await fn(s);
  } finally {
    s.close();
  }
}

const values = toNDArray([1.0, 2.0], tf.float32);
const indices = toNDArray(
  [
    [3, 2, 0],
    [4, 5, 1],
  ],
  tf.int64,
);
const denseShape = toNDArray([7, 9, 2], tf.int64);

describe('SessionTest with IndexedSlices', () => {
  it('testFetchIndexedSlices', async () => {
    await withSession(async (s) => {
      const ind = new tf.IndexedSlices(tf.constant(values), tf.constant(indices), tf.constant(denseShape));
      // Single fetch, use as tuple
      const [valuesOut, indicesOut, denseShapeOut] = await s.run(ind);
      assertAllEqual(valuesOut!, values);
      assertAllEqual(indicesOut!, indices);
      assertAllEqual(denseShapeOut!, denseShape);
      // Single fetch, use as IndexedSlicesValue
      const indOut = await s.run(ind);
      expect(indOut).toBeInstanceOf(tf.IndexedSlicesValue);
      assertAllEqual(indOut.values, values);
      assertAllEqual(indOut.indices, indices);
      assertAllEqual(indOut.dense_shape!, denseShape);
      // List fetch, use as tuple
      const [[v2, i2, d2]] = (await s.run([ind])) as [tf.IndexedSlicesValue];
      assertAllEqual(v2!, values);
      assertAllEqual(i2!, indices);
      assertAllEqual(d2!, denseShape);
      // List fetch, use as IndexedSlicesValue
      const indOut2 = (await s.run([ind]))[0]!;
      assertAllEqual(indOut2.values, values);
      assertAllEqual(indOut2.indices, indices);
      assertAllEqual(indOut2.dense_shape!, denseShape);
    });
  });

  it('testFeedIndexedSlices', async () => {
    await withSession(async (s) => {
      const ind = new tf.IndexedSlices(tf.placeholder(tf.float32, [2]), tf.placeholder(tf.int64, [2, 3]), tf.placeholder(tf.int64, [3]));
      const indValues = tf.identity(ind.values);
      const indIndices = tf.identity(ind.indices);
      const indDenseShape = tf.identity(ind.dense_shape!);
      const ind2 = new tf.IndexedSlices(indValues, indIndices, indDenseShape);
      // Feed with tuple
      let out = await s.run([indValues, indIndices, indDenseShape], new Map([[ind, [values, indices, denseShape]]]));
      assertAllEqual(out[0]!, values);
      assertAllEqual(out[1]!, indices);
      assertAllEqual(out[2]!, denseShape);
      // Feed with IndexedSlicesValue
      out = await s.run([indValues, indIndices, indDenseShape], new Map([[ind, new tf.IndexedSlicesValue(values, indices, denseShape)]]));
      assertAllEqual(out[0]!, values);
      assertAllEqual(out[1]!, indices);
      assertAllEqual(out[2]!, denseShape);
      // Feed with IndexedSlicesValue, fetch IndexedSlicesValue
      const ind2Out = await s.run(ind2, new Map([[ind, new tf.IndexedSlicesValue(values, indices, denseShape)]]));
      assertAllEqual(ind2Out.values, values);
      assertAllEqual(ind2Out.indices, indices);
      assertAllEqual(ind2Out.dense_shape!, denseShape);
    });
  });

  it('testFetchIndexedSlicesWithoutDenseShape', async () => {
    await withSession(async (s) => {
      const ind = new tf.IndexedSlices(tf.constant(values), tf.constant(indices), null);
      // Single fetch, use as tuple
      const [valuesOut, indicesOut, denseShapeOut] = await s.run(ind);
      assertAllEqual(valuesOut!, values);
      assertAllEqual(indicesOut!, indices);
      expect(denseShapeOut).toBeNull();
      // Single fetch, use as IndexedSlicesValue
      const indOut = await s.run(ind);
      assertAllEqual(indOut.values, values);
      assertAllEqual(indOut.indices, indices);
      expect(indOut.dense_shape).toBeNull();
      // List fetch, use as tuple
      const [[v2, i2, d2]] = (await s.run([ind])) as [tf.IndexedSlicesValue];
      assertAllEqual(v2!, values);
      assertAllEqual(i2!, indices);
      expect(d2).toBeNull();
      // List fetch, use as IndexedSlicesValue
      const indOut2 = (await s.run([ind]))[0]!;
      assertAllEqual(indOut2.values, values);
      assertAllEqual(indOut2.indices, indices);
      expect(indOut2.dense_shape).toBeNull();
    });
  });

  it('testFeedIndexedSlicesWithoutDenseShape', async () => {
    await withSession(async (s) => {
      const ind = new tf.IndexedSlices(tf.placeholder(tf.float32, [2]), tf.placeholder(tf.int64, [2, 3]), null);
      const indValues = tf.identity(ind.values);
      const indIndices = tf.identity(ind.indices);
      const ind2 = new tf.IndexedSlices(indValues, indIndices);
      // Feed with tuple
      let out = await s.run([indValues, indIndices], new Map([[ind, [values, indices]]]));
      assertAllEqual(out[0]!, values);
      assertAllEqual(out[1]!, indices);
      // Feed with IndexedSlicesValue
      out = await s.run([indValues, indIndices], new Map([[ind, new tf.IndexedSlicesValue(values, indices, denseShape)]]));
      assertAllEqual(out[0]!, values);
      assertAllEqual(out[1]!, indices);
      // Feed with IndexedSlicesValue, fetch IndexedSlicesValue
      const ind2Out = await s.run(ind2, new Map([[ind, new tf.IndexedSlicesValue(values, indices, denseShape)]]));
      assertAllEqual(ind2Out.values, values);
      assertAllEqual(ind2Out.indices, indices);
      expect(ind2Out.dense_shape).toBeNull();
    });
  });
});
