import { describe, expect, it } from 'vitest';
import * as tf from '../../../src/index.js';
import { read_data_sets } from '../../../src/examples/tutorials/mnist/input_data.js';
import { buildArticleGraph } from '../../helpers/article_graph.js';
import { lossesWhileTraining, NO_ADAPTER, TOL } from './harness.js';

/** Trains the article's model for `steps` steps on one backend: the loss before each step, then W and b. */
async function train(backend: 'cpu' | 'webgpu', images: tf.NDArray, labels: tf.NDArray, steps: number) {
  const m = buildArticleGraph(0.1);
  const sess = new tf.Session({ graph: m.graph, backend });
  try {
    if ((await sess.backendName()) !== backend) throw new Error(NO_ADAPTER);
    await sess.run(m.init);
    const feeds = new Map([
      [m.x, images],
      [m.y_, labels],
    ]);
    const losses = await lossesWhileTraining(sess, m.cross_entropy, m.training, feeds, steps);
    const [W, b, acc] = await sess.run([m.W, m.b, m.accuracy], feeds);
    return { losses, W: W!, b: b!, acc: acc!.item() };
  } finally {
    sess.close();
  }
}

describe("the article's model on WebGPU", () => {
  it('trains on 1,000 real MNIST examples to the same losses and weights as the CPU backend', async () => {
    const mnist = read_data_sets(undefined, { one_hot: true, log: null });
    const [images, labels] = mnist.train.slice(0, 1000);
    const steps = 30;
    const cpu = await train('cpu', images, labels, steps);
    const gpu = await train('webgpu', images, labels, steps);
    // Losses: float32 sums of 10,000 non-negative terms, reordered on the GPU.
    gpu.losses.forEach((l, i) => expect(Math.abs(l - cpu.losses[i]!), `step ${i}`).toBeLessThanOrEqual(TOL * cpu.losses[i]!));
    // Weights: each step adds lr · Σ over 1,000 examples of |x·(p − y)| / 1,000 ≤ 0.1 in magnitude,
    // so after 30 steps the terms that make a weight sum to at most 3: TOL · (|w| + 3).
    for (const [g, c] of [
      [gpu.W, cpu.W],
      [gpu.b, cpu.b],
    ] as const) {
      expect(g.shape).toEqual(c.shape);
      let worst = 0;
      for (let i = 0; i < c.size; i++) worst = Math.max(worst, Math.abs(g.data[i]! - c.data[i]!) / (Math.abs(c.data[i]!) + 3));
      expect(worst).toBeLessThanOrEqual(TOL);
    }
    expect(gpu.acc).toBe(cpu.acc);
    expect(cpu.losses[steps - 1]!).toBeLessThan(cpu.losses[0]! * 0.6); // it did learn
  });
});
