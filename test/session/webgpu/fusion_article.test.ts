// The article's training step on WebGPU, fused and not: how many dispatches one step records (the figure that a
// change in fusion moves), and that the fused plan's weights and loss stay within the parity tolerance of the
// unfused plan's, on the article's 5,500 examples and on a mini-batch of 100.
import { describe, expect, it } from 'vitest';
import type * as tf from '../../../src/index.js';
import { read_data_sets } from '../../../src/examples/tutorials/mnist/input_data.js';
import { buildArticleGraph } from '../../helpers/article_graph.js';
import { countingGpuSession, TOL } from './harness.js';

/** Two training steps of the article's model on `images`/`labels`: the second one's dispatches, then the loss, W and b. */
async function step(fusion: boolean, images: tf.NDArray, labels: tf.NDArray) {
  const m = buildArticleGraph(0.1);
  const { sess, counts } = await countingGpuSession(m.graph, fusion);
  try {
    await sess.run(m.init);
    const feeds = new Map([
      [m.x, images],
      [m.y_, labels],
    ]);
    // the first step moves W off zero, so the second one's softmax is not uniform
    await sess.run(m.training, feeds);
    const before = counts.dispatches;
    await sess.run(m.training, feeds);
    const dispatches = counts.dispatches - before;
    const [loss, W, b] = await sess.run([m.cross_entropy, m.W, m.b], feeds);
    return { dispatches, loss: loss!.item(), W: W!, b: b! };
  } finally {
    sess.close();
  }
}

/** The largest |fused − unfused| / (|unfused| + scale) over the elements. */
function worst(fused: tf.NDArray, unfused: tf.NDArray, scale: number): number {
  expect(fused.shape).toEqual(unfused.shape);
  let w = 0;
  for (let i = 0; i < unfused.size; i++) w = Math.max(w, Math.abs(fused.data[i]! - unfused.data[i]!) / (Math.abs(unfused.data[i]!) + scale));
  return w;
}

describe("the article's training step, fused on WebGPU", () => {
  const mnist = read_data_sets(undefined, { one_hot: true, log: null });
  // [rows, dispatches of one step with fusion, without]
  const cases = [
    ['the article’s 5,500 examples', 5500, 9, 16],
    ['a mini-batch of 100', 100, 9, 16],
  ] as const;
  for (const [label, rows, fusedCount, unfusedCount] of cases) {
    it(`records ${fusedCount} dispatches a step on ${label} (${unfusedCount} unfused), with the unfused plan's results`, async () => {
      const [images, labels] = mnist.train.slice(0, rows);
      const fused = await step(true, images, labels);
      const unfused = await step(false, images, labels);
      expect(fused.dispatches).toBe(fusedCount);
      expect(unfused.dispatches).toBe(unfusedCount);
      expect(Math.abs(fused.loss - unfused.loss)).toBeLessThanOrEqual(TOL * unfused.loss);
      // two steps each add at most lr · max|x(p − y)| ≤ 0.1 to a weight: TOL · (|w| + 0.2), as the article test's bound
      expect(worst(fused.W, unfused.W, 0.2)).toBeLessThanOrEqual(TOL);
      expect(worst(fused.b, unfused.b, 0.2)).toBeLessThanOrEqual(TOL);
    });
  }
});
