// TF1 r1.12's tensorflow/python/kernel_tests/candidate_sampler_ops_test.py (RangeSamplerOpsTest), ported: one `it`
// per TF1 test method, same inputs and assertions. `with self.test_session()` is a CPU session.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose, assertAllEqual, evaluate, inSession, staticShape } from './helpers.js';

const BATCH_SIZE = 3;
const NUM_TRUE = 2;
const RANGE = 5;
const NUM_SAMPLED = RANGE;
const TRUE_LABELS = [
  [1, 2],
  [0, 4],
  [3, 3],
];

const trueClasses = (): tf.Tensor => tf.constant(TRUE_LABELS, tf.int64);

describe('RangeSamplerOpsTest', () => {
  it('testTrueCandidates', async () => {
    await inSession(async (g, sess) => {
      const [indices, matrix] = g.as_default(() => {
        const indices = tf.constant([0, 0, 1, 1, 2, 2]);
        const vec = tf.constant([1, 2, 0, 4, 3, 3]);
        return [indices, tf.reshape(vec, [BATCH_SIZE, NUM_TRUE])];
      });
      const [indicesVal, trueCandidatesVal] = await sess.run([indices!, matrix!]);
      assertAllEqual(indicesVal!, [0, 0, 1, 1, 2, 2]);
      assertAllEqual(trueCandidatesVal!, TRUE_LABELS);
    });
  });

  it('testSampledCandidates', async () => {
    let shape: (number | null)[] | null = null;
    const result = await evaluate(() => {
      const [sampled] = tf.nn.all_candidate_sampler(trueClasses(), NUM_TRUE, NUM_SAMPLED, true);
      shape = staticShape(sampled);
      return sampled;
    });
    assertAllEqual(result, [0, 1, 2, 3, 4]);
    expect(shape).toEqual([NUM_SAMPLED]);
  });

  it('testTrueLogExpectedCount', async () => {
    const shapes: ((number | null)[] | null)[] = [];
    const result = await evaluate(() => {
      const [, trueExpectedCount] = tf.nn.all_candidate_sampler(trueClasses(), NUM_TRUE, NUM_SAMPLED, true);
      const trueLogExpectedCount = tf.log(trueExpectedCount);
      shapes.push(staticShape(trueExpectedCount), staticShape(trueLogExpectedCount));
      return trueLogExpectedCount;
    });
    assertAllEqual(
      result,
      Array.from({ length: BATCH_SIZE }, () => Array<number>(NUM_TRUE).fill(0)),
    );
    expect(shapes).toEqual([
      [BATCH_SIZE, NUM_TRUE],
      [BATCH_SIZE, NUM_TRUE],
    ]);
  });

  it('testSampledLogExpectedCount', async () => {
    const shapes: ((number | null)[] | null)[] = [];
    const result = await evaluate(() => {
      const [, , sampledExpectedCount] = tf.nn.all_candidate_sampler(trueClasses(), NUM_TRUE, NUM_SAMPLED, true);
      const sampledLogExpectedCount = tf.log(sampledExpectedCount);
      shapes.push(staticShape(sampledExpectedCount), staticShape(sampledLogExpectedCount));
      return sampledLogExpectedCount;
    });
    assertAllEqual(result, Array<number>(NUM_SAMPLED).fill(0));
    expect(shapes).toEqual([[NUM_SAMPLED], [NUM_SAMPLED]]);
  });

  it('testAccidentalHits', async () => {
    await inSession(async (g, sess) => {
      const hits = g.as_default(() => {
        const tc = trueClasses();
        const [sampled] = tf.nn.all_candidate_sampler(tc, NUM_TRUE, NUM_SAMPLED, true);
        return tf.nn.compute_accidental_hits(tc, sampled, NUM_TRUE);
      });
      const [indices, ids, weights] = (await sess.run([...hits])) as tf.NDArray[];
      for (const t of hits) expect(staticShape(t)!.length).toBe(1);
      // all_candidate_sampler samples every class, so each true class is a hit (its position is its value).
      expect(indices!.size).toBe(BATCH_SIZE * NUM_TRUE);
      for (let k = 0; k < indices!.size; k++) {
        expect(TRUE_LABELS[indices!.data[k]!]).toContain(ids!.data[k]!);
        expect(weights!.data[k]!).toBeLessThan(-1.0e37);
      }
    });
  });

  it('testSeed', async () => {
    const draw = (seed: number | null): Promise<tf.NDArray> =>
      evaluate(() => tf.nn.log_uniform_candidate_sampler(trueClasses(), NUM_TRUE, NUM_SAMPLED, true, 5, { seed })[0]);
    // Non-zero seed. Repeatable.
    for (const seed of [1, 12, 123, 1234]) assertAllEqual(await draw(seed), await draw(seed));
    // Seed=0 means random seeds.
    let numSame = 0;
    for (let i = 0; i < 10; i++) {
      const [a, b] = [await draw(null), await draw(null)];
      try {
        assertAllClose(a, b);
        numSame++;
      } catch {
        // different draws
      }
    }
    // Accounts for the fact that the same random seed may be picked twice very rarely.
    expect(numSame).toBeLessThanOrEqual(2);
  });
});
