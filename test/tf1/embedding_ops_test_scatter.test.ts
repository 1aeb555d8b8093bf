// TF1's tensorflow/python/kernel_tests/embedding_ops_test.py, its ScatterAddSubTest: scatter_add and scatter_sub on a
// float32 variable, checked for exact equality with NumPy's float32 row updates (source read: tensorflow/tensorflow's
// later file; these cases are r1.12's). NumPy's unseeded draws become a seeded stream (np.ts's Rng).
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { inGraph, inSession } from './helpers.js';
import { Rng } from './np.js';

const r = new Rng(1);

function randF32(shape: readonly number[]): tf.NDArray {
  const a = tf.NDArray.zeros(shape, 'float32');
  for (let i = 0; i < a.size; i++) a.data[i] = r.uniform();
  return a;
}

/** TF1's _TestCase: p = rand(shape); p2 = scatter_op(p, indices, vals); the result equal, bit for bit, to NumPy's loop. */
async function testCase(shape: number[], indices: number[], scatter = tf.scatter_add): Promise<void> {
  const pInit = randF32(shape);
  const valsShape = [indices.length, ...shape.slice(1)];
  const valsInit = randF32(valsShape);
  const result = await inSession(async (g, sess) => {
    const p2 = g.as_default(() => {
      const p = tf.Variable(pInit);
      const vals = tf.constant(Array.from(valsInit.data as Float32Array), tf.float32, valsShape, 'vals');
      const ind = tf.constant(indices, tf.int32);
      return scatter(p, ind, vals, { name: 'updated_p' });
    });
    expect(p2.name).toBe('updated_p:0');
    await sess.run(g.as_default(() => tf.global_variables_initializer()));
    return sess.run(p2);
  });
  const expected = pInit.copy();
  const row = shape.slice(1).reduce((a, b) => a * b, 1);
  indices.forEach((ind, i) => {
    for (let j = 0; j < row; j++) {
      const v = valsInit.data[i * row + j]!;
      expected.data[ind * row + j] = scatter === tf.scatter_add ? expected.data[ind * row + j]! + v : expected.data[ind * row + j]! - v;
    }
  });
  expect(Array.from(result.data as Float32Array)).toEqual(Array.from(expected.data as Float32Array));
}

/** `np.random.randint(1, 20, size=4)` and `np.random.randint(shape[0], size=2 * shape[0])`. */
function randomCase(): [number[], number[]] {
  const shape = Array.from({ length: 4 }, () => r.randint(1, 20));
  return [shape, Array.from({ length: 2 * shape[0]! }, () => r.randint(0, shape[0]!))];
}

describe('ScatterAddSubTest', () => {
  it('testNoRepetitions', async () => {
    await testCase([2, 2], [1]);
    await testCase([4, 4, 4], [2, 0]);
    await testCase([43, 20, 10, 10], [42, 5, 6, 1, 3, 5, 7, 9]);
  });

  it('testWithRepetitions', async () => {
    await testCase([2, 2], [1, 1]);
    await testCase([5, 3, 9, 5], [2, 0, 4, 1, 3, 1, 4, 0, 4, 3]);
    await testCase([32, 4, 4], Array(8).fill(31));
  });

  it('testRandom', async () => {
    for (let k = 0; k < 5; k++) await testCase(...randomCase());
  });

  it('testSubRandom', async () => {
    for (let k = 0; k < 5; k++) {
      const [shape, indices] = randomCase();
      await testCase(shape, indices, tf.scatter_sub);
    }
  });

  it('testWrongShape', () => {
    inGraph(() => {
      const v = tf.Variable(tf.zeros([1024, 64, 64], tf.float32));
      const indices = tf.placeholder(tf.int32, [32]);
      // Indices and values mismatch.
      expect(() => tf.scatter_add(v, indices, tf.placeholder(tf.float32, [33, 64, 64]))).toThrow(tf.errors.ValueError);
      // Var and values mismatch.
      expect(() => tf.scatter_add(v, indices, tf.placeholder(tf.float32, [32, 64, 63]))).toThrow(tf.errors.ValueError);
    });
  });
});
