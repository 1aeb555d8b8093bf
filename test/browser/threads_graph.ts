/**
 * The graph that the threads test runs both in Node and in a Chromium page: a convolution, max-pooling and a
 * dense layer, and three steps of gradient descent on it, all large enough that the CPU backend splits the
 * products, the convolutions (and their filter gradient) and the pooling between its threads. Inputs come from a
 * fixed generator, so both sides feed the same values; how rows are split does not change any element's sum.
 */
import * as tf from '../../src/index.js';

/** What one side reports. */
export interface ThreadsResult {
  /** The backend's description (it names its thread count). */
  description: string;
  /** Fetched values after the steps: logits, the loss, the trained dense weights' first 2000 values. */
  outputs: number[][];
}

/** A fixed pseudo-random sequence in [-1, 1). */
function values(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

/** Builds the graph, runs three training steps on the CPU backend and fetches the results. */
export async function runThreadsGraph(): Promise<ThreadsResult> {
  const B = 16;
  const g = new tf.Graph();
  const m = g.as_default(() => {
    const x = tf.placeholder(tf.float32, [B, 28, 28, 1]);
    const labels = tf.placeholder(tf.float32, [B, 10]);
    const filter = tf.Variable(
      new tf.NDArray(
        values(5 * 5 * 32, 1).map((v) => v * 0.2),
        [5, 5, 1, 32],
        'float32',
      ),
    );
    const dense = tf.Variable(
      new tf.NDArray(
        values(14 * 14 * 32 * 10, 2).map((v) => v * 0.01),
        [14 * 14 * 32, 10],
        'float32',
      ),
    );
    const conv = tf.nn.relu(tf.nn.conv2d(x, filter, { strides: [1, 1, 1, 1], padding: 'SAME' }));
    const pool = tf.nn.max_pool(conv, { ksize: [1, 2, 2, 1], strides: [1, 2, 2, 1], padding: 'SAME' });
    const logits = tf.matmul(tf.reshape(pool, [B, 14 * 14 * 32]), dense);
    const loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits({ labels, logits }));
    const step = new tf.train.GradientDescentOptimizer(0.05).minimize(loss);
    return { x, labels, dense, logits, loss, step, init: tf.global_variables_initializer() };
  });
  const oneHot = new Float32Array(B * 10);
  for (let i = 0; i < B; i++) oneHot[i * 10 + (i % 10)] = 1;
  const feeds = new Map([
    [
      m.x,
      new tf.NDArray(
        values(B * 28 * 28, 3).map((v) => (v + 1) / 2),
        [B, 28, 28, 1],
        'float32',
      ),
    ],
    [m.labels, new tf.NDArray(oneHot, [B, 10], 'float32')],
  ]);
  const sess = new tf.Session({ graph: g, backend: 'cpu' });
  await sess.run(m.init);
  for (let i = 0; i < 3; i++) await sess.run(m.step, feeds);
  const [logits, loss, dense] = await sess.run([m.logits, m.loss, m.dense], feeds);
  const description = (await sess.getBackend()).description;
  sess.close();
  return { description, outputs: [Array.from(logits!.data), Array.from(loss!.data), Array.from(dense!.data.subarray(0, 2000))] };
}
