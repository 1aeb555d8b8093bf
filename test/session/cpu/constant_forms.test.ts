// A plan's folded float32 constants get a copy in the kernels' memory that no step writes (arena.ts); the products
// keep the packed form they build from such a copy across runs without checking it again (resident.ts's
// markConstant), where a fed array's form is checked each run. Training on the article's model with the images as a
// constant must give, step by step, the bits it gives with the same images fed.
import { expect, it } from 'vitest';
import * as tf from '../../../src/index.js';

const [rows, cols] = [600, 784];
/** MNIST-like rows: mostly zeros, the rest on a 1/64 grid. */
const images = Float32Array.from({ length: rows * cols }, (_, i) => ((i * 2654435761) % 97 < 75 ? 0 : (((i * 40503) % 64) + 1) / 64));
const labels = Float32Array.from({ length: rows * 10 }, (_, i) => (i % 10 === Math.floor(i / 10) % 10 ? 1 : 0));

/** Weights, bias and loss after each of `steps` steps of the article's training on x and y_ (constants or fed). */
async function train(constant: boolean, steps: number): Promise<number[][][]> {
  const g = new tf.Graph();
  const m = g.as_default(() => {
    const x = constant ? tf.constant(images, tf.float32, [rows, cols]) : tf.placeholder(tf.float32, [null, cols]);
    const y_ = constant ? tf.constant(labels, tf.float32, [rows, 10]) : tf.placeholder(tf.float32, [null, 10]);
    const W = tf.Variable(tf.zeros([cols, 10]));
    const b = tf.Variable(tf.zeros([10]));
    const y = tf.nn.softmax(tf.add(tf.matmul(x, W), b));
    const loss = tf.reduce_mean(tf.negative(tf.reduce_sum(tf.multiply(y_, tf.log(y)), [1])));
    return { x, y_, W, b, loss, train: new tf.train.GradientDescentOptimizer(0.1).minimize(loss), init: tf.global_variables_initializer() };
  });
  const sess = new tf.Session({ graph: g, backend: 'cpu' });
  const feeds = constant
    ? new Map()
    : new Map([
        [m.x, new tf.NDArray(images.slice(), [rows, cols], 'float32')],
        [m.y_, new tf.NDArray(labels.slice(), [rows, 10], 'float32')],
      ]);
  await sess.run(m.init);
  const out: number[][][] = [];
  for (let i = 0; i < steps; i++) {
    await sess.run(m.train, feeds);
    out.push((await sess.run([m.W, m.b, m.loss], feeds)).map((a) => Array.from(a.data as Float32Array)));
  }
  sess.close();
  return out;
}

it("trains on constant images with the bits it gets from the same images fed, the products' forms kept across runs", async () => {
  const fed = await train(false, 6);
  const constant = await train(true, 6);
  constant.forEach((step, i) => expect(step, `after step ${i + 1}`).toEqual(fed[i]));
  expect(fed[5]![2]![0]).toBeLessThan(fed[0]![2]![0]!); // it learned
});
