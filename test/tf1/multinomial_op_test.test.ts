// TF1 r1.12's tensorflow/python/kernel_tests/multinomial_op_test.py (kernel_tests/random/ in later releases), ported.
// use_gpu runs are the CPU backend here (the WebGPU kernel's distribution is checked in
// test/session/webgpu/parity_array_state.test.ts). testEagerOneOpMultipleStepsIndependent (eager mode) and the
// benchmark are listed in NOT_PORTED.md; np.random.random_sample's probabilities come from a seeded generator.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllEqual, inGraph, inSession, rejected, rng } from './helpers.js';

/** TF1's composed_sampler: Gumbel noise on the logits, argmax over the classes. */
function composedSampler(logits: tf.Tensor, numSamples: number): tf.Tensor {
  // [batch size, num classes, num samples]
  const unif = tf.random_uniform(logits.shape.concatenate([numSamples]));
  const noise = tf.negative(tf.log(tf.negative(tf.log(unif))));
  // [batch size, num classes, 1]
  const expanded = tf.expand_dims(logits, -1);
  // [batch size, num samples]
  return tf.argmax(expanded.add(noise), 1);
}

const nativeSampler = (logits: tf.Tensor, numSamples: number): tf.Tensor => tf.multinomial(logits, numSamples);

/** TF1's _make_ops: two independent samplers of one distribution. */
function makeOps(numSamples: number, seed?: number): [tf.Tensor, tf.Tensor] {
  const logits = tf.log(tf.constant([[0.15, 0.5, 0.3, 0.05]], tf.float32));
  return [tf.multinomial(logits, numSamples, seed ?? null), tf.multinomial(logits, numSamples, seed ?? null)];
}

/** TF1's _do_sampling: each row's class frequencies, with every drawn class in range. */
async function doSampling(logits: number[][], numSamples: number, sampler: typeof nativeSampler): Promise<number[][]> {
  const d = await inSession(async (g, sess) => {
    const op = g.as_default(() => {
      tf.set_random_seed(1618);
      return sampler(tf.constant(logits, tf.float32), numSamples);
    });
    return sess.run(op);
  });
  const [batch, classes] = [logits.length, logits[0]!.length];
  return Array.from({ length: batch }, (_, i) => {
    const row = Array.from(d.data.subarray(i * numSamples, (i + 1) * numSamples));
    expect(Math.max(...row)).toBeLessThan(classes);
    expect(Math.min(...row)).toBeGreaterThanOrEqual(0);
    return Array.from({ length: classes }, (_, k) => row.filter((v) => v === k).length / numSamples);
  });
}

/** TF1's _chi2: sum over the batch of (actual - expected)^2 / expected, per class. */
const chi2 = (expected: number[][], actual: number[][]): number[] =>
  expected[0]!.map((_, k) => expected.reduce((s, row, b) => s + (actual[b]![k]! - row[k]!) ** 2 / row[k]!, 0));

const normalize = (rows: number[][]): number[][] => rows.map((r) => r.map((v) => v / r.reduce((a, b) => a + b, 0)));

describe('MultinomialTest', () => {
  it('testSmallEntropy', async () => {
    for (const output_dtype of [tf.int32, tf.int64]) {
      const samples = await inSession(async (g, sess) => {
        const op = g.as_default(() => {
          tf.set_random_seed(1618);
          // A logit value of -10 corresponds to a probability of ~5e-5.
          const logits = tf.constant(
            [
              [-10, 10, -10],
              [-10, -10, 10],
            ],
            tf.float32,
          );
          return tf.multinomial(logits, 1000, { output_dtype });
        });
        return sess.run(op);
      });
      expect(samples.dtype).toBe(output_dtype);
      assertAllEqual(samples, [new Array<number>(1000).fill(1), new Array<number>(1000).fill(2)]);
    }
  });

  it('testOneOpMultipleStepsIndependent', async () => {
    await inSession(async (g, sess) => {
      const [op1] = g.as_default(() => makeOps(10));
      const a = Array.from((await sess.run(op1)).data);
      const b = Array.from((await sess.run(op1)).data);
      // Consecutive runs shouldn't yield identical output.
      expect(a).not.toEqual(b);
    });
  });

  it('testTwoOpsIndependent', async () => {
    await inSession(async (g, sess) => {
      const [s1, s2] = (await sess.run(g.as_default(() => makeOps(32)))).map((v) => Array.from(v.data));
      // We expect sample1 and sample2 to be independent. 1 in 2^32 chance of this assertion failing.
      expect(s1).not.toEqual(s2);
    });
  });

  it('testTwoOpsSameSeedDrawSameSequences', async () => {
    await inSession(async (g, sess) => {
      const [s1, s2] = await sess.run(g.as_default(() => makeOps(1000, 1)));
      assertAllEqual(s1!, s2!);
    });
  });

  it('testLargeLogits', async () => {
    for (const neg of [true, false]) {
      const samples = await inSession(async (g, sess) =>
        sess.run(g.as_default(() => tf.multinomial(tf.constant([new Array<number>(5).fill(neg ? -1000 : 1000)], tf.float64), 10))),
      );
      // Sampled classes should be in-range.
      expect(Array.from(samples.data).every((v) => v >= 0 && v < 5)).toBe(true);
    }
  });

  it('testSamplingCorrectness', async () => {
    const random = rng(1618); // Make it reproducible.
    const numSamples = 21000;
    const randProbs = normalize([Array.from({ length: 10 }, random)]);
    const randProbs2 = normalize(Array.from({ length: 3 }, () => Array.from({ length: 5 }, random))); // batched
    for (const probs of [[[0.5, 0.5]], [[0.85, 0.05, 0.1]], randProbs, randProbs2]) {
      const logits = probs.map((r) => r.map((p) => Math.fround(Math.log(p))));
      const composedFreqs = await doSampling(logits, numSamples, composedSampler);
      const nativeFreqs = await doSampling(logits, numSamples, nativeSampler);
      // The test here is similar to core/lib/random/distribution_sampler_test.cc.
      for (const c of [chi2(probs, composedFreqs), chi2(probs, nativeFreqs), chi2(composedFreqs, nativeFreqs)]) {
        for (const v of c) expect(v).toBeLessThan(1e-3);
      }
    }
  });

  it('testEmpty', async () => {
    const classes = 5;
    for (const batch of [0, 3]) {
      for (const samples of [0, 7]) {
        const x = await inSession(async (g, sess) => sess.run(g.as_default(() => tf.multinomial(tf.zeros([batch, classes]), samples))));
        expect(x.shape).toEqual([batch, samples]);
      }
    }
  });

  it('testEmptyClasses', async () => {
    await inSession(async (g, sess) => {
      const x = g.as_default(() => tf.multinomial(tf.zeros([5, 0]), 7));
      const e = await rejected(sess.run(x));
      expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
      expect(e.message).toMatch(/num_classes should be positive/);
    });
  });

  it('testNegativeMinLogits', async () => {
    const samples = await inSession(async (g, sess) => {
      const op = g.as_default(() => {
        tf.set_random_seed(78844);
        const logits = tf.constant([[...new Array<number>(1023).fill(-3.4028234663852886e38), 0]], tf.float32);
        return tf.multinomial(logits, 1000);
      });
      return sess.run(op);
    });
    assertAllEqual(samples, [new Array<number>(1000).fill(1023)]);
  });
});

describe('multinomial as TF1 r1.12 builds it', () => {
  it("the scope multinomial, logits converted as multinomial/logits, TF1's shape function", () => {
    inGraph(() => {
      const m = tf.multinomial([[0.5, 1.5]], 3, 4);
      expect([m.op.name, m.dtype, m.shape.as_list()]).toEqual(['multinomial/Multinomial', 'int64', [1, 3]]);
      expect(m.op.inputs.map((t) => t.name)).toEqual(['multinomial/logits:0', 'multinomial/Multinomial/num_samples:0']);
      expect(m.op.attrs).toEqual({ seed: 87654321, seed2: 4, output_dtype: 'int64' });
      const n = tf.placeholder(tf.int32, []);
      const u = tf.multinomial(tf.placeholder(tf.float32, [null, 3]), n, { name: 'draw', output_dtype: 'int32' });
      expect([u.op.name, u.dtype, u.shape.as_list()]).toEqual(['draw/Multinomial', 'int32', [null, null]]);
      expect(() => tf.multinomial(tf.zeros([3]), 2)).toThrow(
        "Shape must be rank 2 but is rank 1 for 'multinomial_1/Multinomial' (op: 'Multinomial') with input shapes: [3], [].",
      );
      expect(() => tf.multinomial(tf.zeros([2, 3]), -1)).toThrow(tf.errors.ValueError);
      expect(() => tf.multinomial(tf.zeros([2, 3]), -1)).toThrow('Dimension size, given by scalar input 1, must be non-negative but is -1');
      expect(() => tf.multinomial(tf.zeros([2, 3]), 2, { output_dtype: tf.float32 })).toThrow(
        "Value passed to parameter 'output_dtype' has DataType float32 not in list of allowed values: int32, int64",
      );
    });
  });

  it('a fed num_samples sizes the output; a negative one is the kernel error', async () => {
    await inSession(async (g, sess) => {
      const [n, m] = g.as_default(() => {
        const n = tf.placeholder(tf.int32, []);
        return [n, tf.multinomial(tf.zeros([2, 3]), n)] as const;
      });
      expect((await sess.run(m, new Map([[n, 6]]) as never)).shape).toEqual([2, 6]);
      const e = await rejected(sess.run(m, new Map([[n, -2]]) as never));
      expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
      expect(e.message).toMatch(/num_samples should be nonnegative, got -2/);
    });
  });
});
