// TF1's tensorflow/python/kernel_tests/random_ops_test.py (r1.12 path; r1.15 moved it to random/), ported.
// Source read: r1.15 (microsoft/tensorflow-directml), with r1.12's kernel wording "Need minval < maxval: 0 >= 0".
// use_gpu runs are the CPU backend here. Cases tf1-ts cannot express (float16, eager mode, TF1's CPU/GPU
// Philox match) are listed in NOT_PORTED.md.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { inGraph, inSession, rejected, staticShape, thrown } from './helpers.js';

type RandomFn = typeof tf.random_normal | typeof tf.random_uniform;

/** TF1's _Sampler: a new graph and session, one op of shape [num], evaluated 10 times; the 10 rows flattened. */
async function sample(fn: RandomFn, num: number, a: number, b: number, dtype: tf.DType, seed?: number): Promise<Float64Array> {
  return inSession(async (g, sess) => {
    const rng = g.as_default(() => (fn as typeof tf.random_uniform)([num], a, b, dtype, seed ?? null));
    const ret = new Float64Array(10 * num);
    for (let i = 0; i < 10; i++) ret.set((await sess.run(rng)).data, i * num);
    return ret;
  });
}

/** `(x == y).sum()`. */
const equalCount = (x: Float64Array, y: Float64Array): number => x.reduce((n, v, i) => n + (v === y[i] ? 1 : 0), 0);

/** TF1's _testSingleSessionNotConstant: three evaluations of one op are not all bitwise equal. */
async function singleSessionNotConstant(fn: RandomFn, num: number, dtype: tf.DType, a: number, b: number, opSeed?: number, graphSeed?: number): Promise<void> {
  await inSession(async (g, sess) => {
    const x = g.as_default(() => {
      if (graphSeed !== undefined) tf.set_random_seed(graphSeed);
      return (fn as typeof tf.random_uniform)([num], a, b, dtype, opSeed ?? null);
    });
    const [y, z, w] = [Array.from((await sess.run(x)).data), Array.from((await sess.run(x)).data), Array.from((await sess.run(x)).data)];
    const same = (p: number[], q: number[]): boolean => p.every((v, i) => v === q[i]);
    expect(!same(y, z) || !same(z, w) || !same(y, w)).toBe(true);
  });
}

/** `np.std(x)`. */
function std(x: Float64Array): number {
  const mean = x.reduce((s, v) => s + v, 0) / x.length;
  return Math.sqrt(x.reduce((s, v) => s + (v - mean) ** 2, 0) / x.length);
}

/** `np.linalg.norm(rnd2 - rnd1)` for two ops of one graph, evaluated in one run. */
async function normOfDifference(build: () => [tf.Tensor, tf.Tensor]): Promise<number> {
  return inSession(async (g, sess) => {
    const diff = g.as_default(() => {
      const [a, b] = build();
      return b.sub(a);
    });
    return Math.sqrt(Array.from((await sess.run(diff)).data).reduce((s, v) => s + v * v, 0));
  });
}

const FLOATS: tf.DType[] = ['float32', 'float64'];
const ALL: tf.DType[] = ['float32', 'float64', 'int32', 'int64'];

describe('RandomNormalTest', () => {
  it('testDistinct', async () => {
    for (const dt of FLOATS) {
      const x = await sample(tf.random_normal, 1000, 0, 1, dt);
      const y = await sample(tf.random_normal, 1000, 0, 1, dt);
      expect(equalCount(x, y)).toBeLessThan(10);
    }
  });

  it('testSeed', async () => {
    for (const dt of FLOATS) {
      expect(Array.from(await sample(tf.random_normal, 1000, 0, 1, dt, 345))).toEqual(Array.from(await sample(tf.random_normal, 1000, 0, 1, dt, 345)));
    }
  });

  it('testNoCSE', async () => {
    const norm = await normOfDifference(() => [tf.random_normal([2, 3, 4], 0.0, 1.0, tf.float32), tf.random_normal([2, 3, 4], 0.0, 1.0, tf.float32)]);
    expect(norm).toBeGreaterThan(0.1);
  });

  it('testSingleSessionNotConstant', async () => {
    for (const dt of FLOATS) await singleSessionNotConstant(tf.random_normal, 100, dt, 0, 1);
  });

  it('testSingleSessionOpSeedNotConstant', async () => {
    for (const dt of FLOATS) await singleSessionNotConstant(tf.random_normal, 100, dt, 0, 1, 1345);
  });

  it('testSingleSessionGraphSeedNotConstant', async () => {
    for (const dt of FLOATS) await singleSessionNotConstant(tf.random_normal, 100, dt, 0, 1, undefined, 965);
  });
});

describe('TruncatedNormalTest', () => {
  it('testDistinct', async () => {
    for (const dt of FLOATS) {
      const x = await sample(tf.truncated_normal, 1000, 0, 1, dt);
      const y = await sample(tf.truncated_normal, 1000, 0, 1, dt);
      expect(equalCount(x, y)).toBeLessThan(10);
    }
  });

  it('testSeed', async () => {
    for (const dt of FLOATS) {
      expect(Array.from(await sample(tf.truncated_normal, 1000, 0, 1, dt, 345))).toEqual(Array.from(await sample(tf.truncated_normal, 1000, 0, 1, dt, 345)));
    }
  });

  // The effective standard deviation of truncated normal is 85% of the requested one.
  it('testStdDev', async () => {
    for (const dt of FLOATS) {
      const stddev = 3.0;
      const x = await sample(tf.truncated_normal, 100000, 0, stddev, dt);
      expect(Math.abs(std(x) / stddev - 0.85)).toBeLessThan(0.04);
    }
  });

  it('testLargeShape', () => {
    inGraph(() => {
      const v = tf.Variable(tf.zeros([2 ** 33, 1], tf.float32));
      const n = tf.truncated_normal(v.shape);
      expect(staticShape(n)).toEqual([8589934592, 1]);
    });
  });

  it('testNoCSE', async () => {
    const norm = await normOfDifference(() => [tf.truncated_normal([2, 3, 4], 0.0, 1.0, tf.float32), tf.truncated_normal([2, 3, 4], 0.0, 1.0, tf.float32)]);
    expect(norm).toBeGreaterThan(0.1);
  });
});

describe('RandomUniformTest', () => {
  it('testRange', async () => {
    for (const dt of ALL) {
      const x = await sample(tf.random_uniform, 1000, -2, 8, dt);
      expect(x.every((v) => v >= -2 && v < 8)).toBe(true);
    }
  });

  it('testDistinct', async () => {
    for (const dt of ALL) {
      const maxv = dt.startsWith('float') ? 1.0 : 1 << 30;
      const x = await sample(tf.random_uniform, 1000, 0, maxv, dt);
      const y = await sample(tf.random_uniform, 1000, 0, maxv, dt);
      expect(equalCount(x, y)).toBeLessThan(10);
    }
  });

  it('testUniformIntsWithInvalidShape', () => {
    for (const dtype of [tf.int32, tf.int64]) {
      inGraph(() => {
        const e1 = thrown(() => tf.random_uniform([1000], { minval: [1, 2], maxval: 3, dtype }));
        expect(e1).toBeInstanceOf(tf.errors.ValueError);
        expect(e1.message).toMatch(/Shape must be rank 0 but is rank 1/);
        const e2 = thrown(() => tf.random_uniform([1000], { minval: 1, maxval: [2, 3], dtype }));
        expect(e2).toBeInstanceOf(tf.errors.ValueError);
        expect(e2.message).toMatch(/Shape must be rank 0 but is rank 1/);
      });
    }
  });

  // Check that uniform ints actually follow a uniform distribution.
  it('testUniformInts', async () => {
    const [minv, maxv, n] = [-2, 15, 100000];
    const p = 1 / (maxv - minv);
    // The counts should follow an (n, p) binomial distribution.
    const mean = p * n;
    const sd = Math.sqrt(n * p * (1 - p));
    for (const dt of ['int32', 'int64'] as const) {
      // A fixed seed makes the test deterministic, as TF1's.
      const x = await sample(tf.random_uniform, n / 10, minv, maxv, dt, 17);
      expect(x.length).toBe(n);
      const counts = new Array<number>(maxv - minv).fill(0);
      for (const v of x) counts[v - minv]!++;
      expect(counts.reduce((a, b) => a + b, 0)).toBe(n);
      expect(Math.max(...counts.map((c) => Math.abs(c - mean)))).toBeLessThan(5 * sd);
    }
  });

  // Check that minval = maxval is fine iff we're producing no numbers.
  it('testUniformIntsDegenerate', async () => {
    for (const dt of ['int32', 'int64'] as const) {
      expect((await sample(tf.random_uniform, 0, 0, 0, dt)).length).toBe(0);
      const e = await rejected(sample(tf.random_uniform, 1, 0, 0, dt));
      expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
      expect(e.message).toBe('Need minval < maxval: 0 >= 0');
    }
  });

  it('testSeed', async () => {
    for (const dt of ALL) {
      for (const seed of [345, 2 ** 100, -(2 ** 100)]) {
        expect(Array.from(await sample(tf.random_uniform, 1000, 0, 17, dt, seed))).toEqual(Array.from(await sample(tf.random_uniform, 1000, 0, 17, dt, seed)));
      }
    }
  });

  it('testNoCSE', async () => {
    for (const dtype of [tf.float32, tf.int32]) {
      const norm = await normOfDifference(() => [tf.random_uniform([2, 3, 4], 0, 17, dtype), tf.random_uniform([2, 3, 4], 0, 17, dtype)]);
      expect(norm).toBeGreaterThan(0.1);
    }
  });

  it('testSingleSessionNotConstant', async () => {
    for (const dt of ALL) await singleSessionNotConstant(tf.random_uniform, 100, dt, 0, 17);
  });

  it('testSingleSessionOpSeedNotConstant', async () => {
    for (const dt of ALL) await singleSessionNotConstant(tf.random_uniform, 100, dt, 10, 20, 1345);
  });

  it('testSingleSessionGraphSeedNotConstant', async () => {
    for (const dt of ALL) await singleSessionNotConstant(tf.random_uniform, 100, dt, 20, 200, undefined, 965);
  });
});

describe('RandomShapeTest', () => {
  for (const [name, fn] of [
    ['testTruncatedNormal', tf.truncated_normal],
    ['testRandomNormal', tf.random_normal],
    ['testRandomUniform', tf.random_uniform],
  ] as const) {
    it(name, () => {
      inGraph(() => {
        // Fully known shape.
        expect(staticShape(fn([1, 2, 3]))).toEqual([1, 2, 3]);
        // Partially known shape.
        expect(staticShape(fn(tf.placeholder(tf.int32, [3])))).toEqual([null, null, null]);
        // Unknown shape.
        expect(fn(tf.placeholder(tf.int32)).shape.ndims).toBeNull();
      });
    });
  }
});
