// TF1 r1.12's tensorflow/python/ops/nn_test.py, its ComputeSampledLogitsTest, ported: one `it` per TF1 test method,
// the same construction of inputs and expected values (np.random is a seeded stream) and the same tolerances. The
// sharded-weights runs need partitioned variables and embedding_lookup over several partitions (NOT_PORTED.md).
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { _compute_sampled_logits } from '../../src/ops/nn_sampled.js';
import { assertAllClose, inSession } from './helpers.js';
import { Rng } from './np.js';

const EPS = 1e-3;
const f32 = Math.fround;

interface TestData {
  weights: number[][];
  biases: number[];
  hiddenActs: number[][];
  sampledVals: [number[], tf.NDArray, tf.NDArray];
  expLogits: number[][];
  expLabels: number[][];
}

/** TF1's `_GenerateTestData`: random float32 weights, biases and activations, and the logits and labels expected of them. */
function generateTestData(
  rng: Rng,
  numClasses: number,
  dim: number,
  batchSize: number,
  numTrue: number,
  labels: number[],
  sampled: number[],
  subtractLogQ: boolean,
): TestData {
  const randn = (...shape: number[]): number[][] => Array.from({ length: shape[0]! }, () => rng.many(shape[1] ?? 1, () => f32(rng.normal())));
  const weights = randn(numClasses, dim);
  const biases = randn(numClasses, 1).map((r) => r[0]!);
  const hiddenActs = randn(batchSize, dim);
  const trueExp = 0.5;
  const sampledExp = 0.5;
  const sampledVals: [number[], tf.NDArray, tf.NDArray] = [
    sampled,
    new tf.NDArray(new Float32Array(batchSize).fill(trueExp), [batchSize, 1], 'float32'),
    new tf.NDArray(new Float32Array(sampled.length).fill(sampledExp), [sampled.length], 'float32'),
  ];
  const dot = (a: number[], b: number[]): number => a.reduce((s, v, i) => s + v * b[i]!, 0);
  const expLogits: number[][] = [];
  const expLabels: number[][] = [];
  for (let r = 0; r < batchSize; r++) {
    const trueLogits = Array.from({ length: numTrue }, (_, j) => {
      const c = labels[r * numTrue + j]!;
      return dot(hiddenActs[r]!, weights[c]!) + biases[c]! - (subtractLogQ ? Math.log(trueExp) : 0);
    });
    const sampledLogits = sampled.map((c) => dot(hiddenActs[r]!, weights[c]!) + biases[c]! - (subtractLogQ ? Math.log(sampledExp) : 0));
    expLogits.push([...trueLogits, ...sampledLogits]);
    expLabels.push([...trueLogits.map(() => 1 / numTrue), ...sampledLogits.map(() => 0)]);
  }
  return { weights, biases, hiddenActs, sampledVals, expLogits, expLabels };
}

const NUM_CLASSES = 5;
const BATCH_SIZE = 3;
const SAMPLED = [1, 0, 2, 3];

/** The four num_true cases the logits tests share: labels drawn as `np.random.randint(0, num_classes, batch*num_true)`. */
async function forEachNumTrue(
  subtractLogQ: boolean,
  removeAccidentalHits: boolean,
  check: (got: [tf.NDArray, tf.NDArray], data: TestData, labels: number[], numTrue: number) => void,
): Promise<void> {
  const rng = new Rng(0);
  for (let numTrue = 1; numTrue < 5; numTrue++) {
    const labels = rng.many(BATCH_SIZE * numTrue, () => rng.randint(0, NUM_CLASSES));
    const data = generateTestData(rng, NUM_CLASSES, 10, BATCH_SIZE, numTrue, labels, SAMPLED, subtractLogQ);
    await inSession(async (g, sess) => {
      const [logits, outLabels] = g.as_default(() =>
        _compute_sampled_logits({
          weights: tf.constant(data.weights, tf.float32),
          biases: tf.constant(data.biases, tf.float32),
          labels: tf.constant(labels, tf.int64, [BATCH_SIZE, numTrue]),
          inputs: tf.constant(data.hiddenActs, tf.float32),
          num_sampled: SAMPLED.length,
          num_classes: NUM_CLASSES,
          num_true: numTrue,
          sampled_values: data.sampledVals,
          subtract_log_q: subtractLogQ,
          remove_accidental_hits: removeAccidentalHits,
          partition_strategy: 'div',
          name: `sampled_logits_num_true_${numTrue}`,
        }),
      );
      check((await sess.run([logits, outLabels])) as [tf.NDArray, tf.NDArray], data, labels, numTrue);
    });
  }
}

describe('ComputeSampledLogitsTest', () => {
  it('testShapes', async () => {
    await forEachNumTrue(false, false, ([logits, labels], data) => {
      expect(logits.shape).toEqual([data.expLogits.length, data.expLogits[0]!.length]);
      expect(labels.shape).toEqual([data.expLabels.length, data.expLabels[0]!.length]);
    });
  });

  it('testBasic', async () => {
    // Without accidental hit removal or subtract_log_q.
    await forEachNumTrue(false, false, ([logits, labels], data) => {
      assertAllClose(logits, data.expLogits, { rtol: EPS, atol: EPS });
      assertAllClose(labels, data.expLabels, { rtol: EPS, atol: EPS });
    });
  });

  it('testAccidentalHitRemoval', async () => {
    // With accidental hit removal, no subtract_log_q: the exponentiated logits of accidental hits are near 0.
    let hits = 0;
    await forEachNumTrue(false, true, ([logits], _data, labels, numTrue) => {
      for (let row = 0; row < BATCH_SIZE; row++) {
        const rowLabels = labels.slice(row * numTrue, (row + 1) * numTrue);
        SAMPLED.forEach((c, col) => {
          if (!rowLabels.includes(c)) return;
          hits++;
          // the num_true offset into the logits
          expect(Math.abs(Math.exp(logits.data[row * (numTrue + SAMPLED.length) + col + numTrue]!))).toBeLessThan(EPS);
        });
      }
    });
    expect(hits).toBeGreaterThan(0);
  });

  it('testSubtractLogQ', async () => {
    // With subtract_log_q, no accidental hit removal.
    await forEachNumTrue(true, false, ([logits, labels], data) => {
      assertAllClose(logits, data.expLogits, { rtol: EPS, atol: EPS });
      assertAllClose(labels, data.expLabels, { rtol: EPS, atol: EPS });
    });
  });

  /** The numerics tests' data: labels [0, 1, 2], one true class each, subtract_log_q. */
  const lossData = (): TestData => generateTestData(new Rng(0), NUM_CLASSES, 10, BATCH_SIZE, 1, [0, 1, 2], SAMPLED, true);
  const lossArgs = (d: TestData) => ({
    weights: tf.constant(d.weights, tf.float32),
    biases: tf.constant(d.biases, tf.float32),
    labels: tf.constant([0, 1, 2], undefined, [BATCH_SIZE, 1]),
    inputs: tf.constant(d.hiddenActs, tf.float32),
    num_sampled: 4,
    num_classes: NUM_CLASSES,
    num_true: 1,
    sampled_values: d.sampledVals,
    partition_strategy: 'div' as const,
  });

  it('testNCELoss', async () => {
    // A simple test to verify the numerics.
    const sigmoidCrossEntropyWithLogits = (logits: number[], targets: number[]): number[] =>
      logits.map((x, i) => {
        const pred = Math.min(Math.max(1 / (1 + Math.exp(-x)), 0.0001), 1 - 0.0001);
        return -targets[i]! * Math.log(pred) - (1 - targets[i]!) * Math.log(1 - pred);
      });
    const d = lossData();
    const expNceLoss = d.expLogits.map((row, r) => sigmoidCrossEntropyWithLogits(row, d.expLabels[r]!).reduce((a, b) => a + b, 0));
    await inSession(async (g, sess) => {
      const loss = g.as_default(() => tf.nn.nce_loss(lossArgs(d)));
      assertAllClose(expNceLoss, await sess.run(loss), { rtol: 1e-4, atol: 1e-4 });
    });
  });

  it('testSampledSoftmaxLoss', async () => {
    // A simple test to verify the numerics.
    const softmaxCrossEntropyWithLogits = (logits: number[], targets: number[]): number => {
      const max = Math.max(...logits);
      const e = logits.map((x) => Math.exp(x - max));
      const sum = e.reduce((a, b) => a + b, 0);
      return -targets.reduce((s, t, i) => s + t * Math.log(e[i]! / sum + 1.0e-20), 0);
    };
    const d = lossData();
    const expLoss = d.expLogits.map((row, r) => softmaxCrossEntropyWithLogits(row, d.expLabels[r]!));
    await inSession(async (g, sess) => {
      const loss = g.as_default(() => tf.nn.sampled_softmax_loss({ ...lossArgs(d), remove_accidental_hits: false }));
      assertAllClose(expLoss, await sess.run(loss), { rtol: 1e-4, atol: 1e-4 });
    });
  });
});
