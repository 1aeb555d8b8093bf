import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { read_data_sets } from '../../src/examples/tutorials/mnist/input_data.js';
import { buildArticleGraph } from '../helpers/article_graph.js';

/** Softmax regression trained by hand in float64: the loss before each step. */
function referenceLosses(x: Float32Array, y: Float32Array, n: number, steps: number, lr: number): number[] {
  const W = new Float64Array(784 * 10);
  const b = new Float64Array(10);
  const losses: number[] = [];
  const p = new Float64Array(n * 10);
  for (let s = 0; s < steps; s++) {
    let loss = 0;
    for (let i = 0; i < n; i++) {
      let max = -Infinity;
      for (let j = 0; j < 10; j++) {
        let z = b[j]!;
        for (let k = 0; k < 784; k++) z += x[i * 784 + k]! * W[k * 10 + j]!;
        p[i * 10 + j] = z;
        max = Math.max(max, z);
      }
      let sum = 0;
      for (let j = 0; j < 10; j++) sum += p[i * 10 + j] = Math.exp(p[i * 10 + j]! - max);
      for (let j = 0; j < 10; j++) {
        p[i * 10 + j]! /= sum;
        loss -= y[i * 10 + j]! * Math.log(p[i * 10 + j]!);
      }
    }
    losses.push(loss / n);
    for (let j = 0; j < 10; j++) {
      let gb = 0;
      for (let i = 0; i < n; i++) gb += (p[i * 10 + j]! - y[i * 10 + j]!) / n;
      b[j]! -= lr * gb;
    }
    for (let k = 0; k < 784; k++) {
      for (let j = 0; j < 10; j++) {
        let gw = 0;
        for (let i = 0; i < n; i++) gw += (x[i * 784 + k]! * (p[i * 10 + j]! - y[i * 10 + j]!)) / n;
        W[k * 10 + j]! -= lr * gw;
      }
    }
  }
  return losses;
}

describe("the article's model", () => {
  const mnist = read_data_sets(undefined, { one_hot: true, log: null });

  it('predicts 0.1 for every class before training', async () => {
    const m = buildArticleGraph();
    const sess = new tf.Session({ graph: m.graph });
    await sess.run(m.init);
    const three = mnist.train.slice(0, 3);
    const out = await sess.run(m.y, new Map([[m.x, three[0]]]));
    expect(out.shape).toEqual([3, 10]);
    expect(Array.from(out.data)).toEqual(Array(30).fill(Math.fround(0.1)));
    expect(String(out)).toBe(
      ['[[0.1 0.1 0.1 0.1 0.1 0.1 0.1 0.1 0.1 0.1]', ' [0.1 0.1 0.1 0.1 0.1 0.1 0.1 0.1 0.1 0.1]', ' [0.1 0.1 0.1 0.1 0.1 0.1 0.1 0.1 0.1 0.1]]'].join('\n'),
    );
  });

  it('lowers the loss on real MNIST as a float64 reference does', async () => {
    const n = 200;
    const steps = 15;
    const lr = 0.1;
    const [images, labels] = mnist.train.slice(0, n);
    const expected = referenceLosses(images.data as Float32Array, labels.data as Float32Array, n, steps, lr);
    const m = buildArticleGraph(lr);
    const sess = new tf.Session({ graph: m.graph });
    await sess.run(m.init);
    const feeds = new Map([
      [m.x, images],
      [m.y_, labels],
    ]);
    const got: number[] = [];
    for (let s = 0; s < steps; s++) {
      got.push((await sess.run(m.cross_entropy, feeds)).item());
      await sess.run(m.training, feeds);
    }
    expect(got[0]).toBeCloseTo(Math.log(10), 5);
    got.forEach((l, i) => expect(Math.abs(l - expected[i]!) / expected[i]!, `step ${i}`).toBeLessThan(1e-4));
    expect(got[steps - 1]!).toBeLessThan(got[0]! * 0.7);
    const acc = (await sess.run(m.accuracy, feeds)).item();
    expect(acc).toBeGreaterThan(0.6);
  });
});
