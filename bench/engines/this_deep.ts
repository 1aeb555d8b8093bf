import * as tf from '../../src/index.js';
import type { BackendName } from '../../src/session/backend.js';
import type { NDArray } from '../../src/framework/ndarray.js';
import type { FeedValue } from '../../src/session/feeds.js';
import { loadDeepData } from '../data.js';
import { ADAM, DEEP, type Workload } from '../workloads.js';
import { type EngineRun, StepClock } from './engine.js';
import { timeTraining } from './this_train.js';

/** Steps profiled with RunMetadata after the timed run. */
const PROFILE_STEPS = 5;

// mnist_deep.py's helpers, line for line
function conv2d(x: tf.Tensor, W: tf.Tensor | tf.Variable): tf.Tensor {
  return tf.nn.conv2d(x, W, { strides: [1, 1, 1, 1], padding: 'SAME' });
}

function max_pool_2x2(x: tf.Tensor): tf.Tensor {
  return tf.nn.max_pool(x, { ksize: [1, 2, 2, 1], strides: [1, 2, 2, 1], padding: 'SAME' });
}

function weight_variable(shape: number[]): tf.Variable {
  const initial = tf.truncated_normal(shape, { stddev: 0.1 });
  return tf.Variable(initial);
}

function bias_variable(shape: number[]): tf.Variable {
  const initial = tf.constant(0.1, { shape: shape });
  return tf.Variable(initial);
}

/** mnist_deep.py's deepnn(x): the logits and the dropout's keep_prob placeholder. */
function deepnn(x: tf.Tensor): [tf.Tensor, tf.Tensor] {
  const x_image = tf.name_scope('reshape', () => tf.reshape(x, [-1, 28, 28, 1]));
  const h_conv1 = tf.name_scope('conv1', () => {
    const W_conv1 = weight_variable([5, 5, 1, 32]);
    const b_conv1 = bias_variable([32]);
    return tf.nn.relu(tf.add(conv2d(x_image, W_conv1), b_conv1));
  });
  const h_pool1 = tf.name_scope('pool1', () => max_pool_2x2(h_conv1));
  const h_conv2 = tf.name_scope('conv2', () => {
    const W_conv2 = weight_variable([5, 5, 32, 64]);
    const b_conv2 = bias_variable([64]);
    return tf.nn.relu(tf.add(conv2d(h_pool1, W_conv2), b_conv2));
  });
  const h_pool2 = tf.name_scope('pool2', () => max_pool_2x2(h_conv2));
  const h_fc1 = tf.name_scope('fc1', () => {
    const W_fc1 = weight_variable([7 * 7 * 64, 1024]);
    const b_fc1 = bias_variable([1024]);
    const h_pool2_flat = tf.reshape(h_pool2, [-1, 7 * 7 * 64]);
    return tf.nn.relu(tf.add(tf.matmul(h_pool2_flat, W_fc1), b_fc1));
  });
  const [keep_prob, h_fc1_drop] = tf.name_scope('dropout', () => {
    const keep_prob = tf.placeholder(tf.float32);
    return [keep_prob, tf.nn.dropout(h_fc1, keep_prob)];
  });
  const y_conv = tf.name_scope('fc2', () => {
    const W_fc2 = weight_variable([1024, 10]);
    const b_fc2 = bias_variable([10]);
    return tf.add(tf.matmul(h_fc1_drop, W_fc2), b_fc2);
  });
  return [y_conv, keep_prob];
}

/** mnist_deep's graph in a Session, initialized, with its data: what a training run and the profile script share. */
export async function deepSession(w: Workload, backend: BackendName) {
  const data = loadDeepData(DEEP.testImages);
  const graph = new tf.Graph();
  const m = graph.as_default(() => {
    const x = tf.placeholder(tf.float32, [null, 784]);
    const y_ = tf.placeholder(tf.int64, [null]);
    const [y_conv, keep_prob] = deepnn(x);
    const cross_entropy = tf.reduce_mean(tf.name_scope('loss', () => tf.losses.sparse_softmax_cross_entropy({ labels: y_, logits: y_conv })));
    const optimizer = new tf.train.AdamOptimizer(w.learningRate, ADAM.beta1, ADAM.beta2, ADAM.epsilon);
    const train_step = tf.name_scope('adam_optimizer', () => optimizer.minimize(cross_entropy));
    const correct_prediction = tf.name_scope('accuracy', () => tf.cast(tf.equal(tf.argmax(y_conv, 1), y_), tf.float32));
    const accuracy = tf.reduce_mean(correct_prediction);
    return { x, y_, keep_prob, train_step, accuracy, cross_entropy, init: tf.global_variables_initializer() };
  });
  const sess = new tf.Session({ graph, backend });
  await sess.run(m.init);
  /** The feeds of a training step: next_batch(50), keep_prob 0.5. */
  const trainFeeds = (): Map<tf.Tensor, FeedValue> => {
    const [bx, by] = data.train.next_batch(DEEP.batch);
    return new Map<tf.Tensor, FeedValue>([
      [m.x, bx],
      [m.y_, by],
      [m.keep_prob, DEEP.keepProb],
    ]);
  };
  return { data, m, sess, trainFeeds };
}

/** mnist_deep.py's training in this project (TF1's API): `deep`'s steps, then the test images' accuracy and loss. */
export async function runThisDeep(w: Workload, backend: BackendName): Promise<EngineRun> {
  const t0 = performance.now();
  const { data, m, sess, trainFeeds } = await deepSession(w, backend);
  const evaluate = async () => {
    let correct = 0;
    let lossSum = 0;
    for (let lo = 0; lo < DEEP.testImages; lo += DEEP.evalBatch) {
      const hi = Math.min(lo + DEEP.evalBatch, DEEP.testImages);
      const feeds = new Map<tf.Tensor, FeedValue>([
        [m.x, rows(data.testX, lo, hi)],
        [m.y_, rows(data.testY, lo, hi)],
        [m.keep_prob, 1.0],
      ]);
      // the batch's mean accuracy and loss, weighted by its size
      const [a, l] = await sess.run([m.accuracy, m.cross_entropy], feeds);
      correct += a!.item() * (hi - lo);
      lossSum += l!.item() * (hi - lo);
    }
    return { accuracy: correct / DEEP.testImages, loss: lossSum / DEEP.testImages };
  };
  return timeTraining(w, t0, { sess, train: m.train_step, feeds: trainFeeds, evaluate, profileSteps: PROFILE_STEPS, clock: new StepClock() });
}

/** Rows [lo, hi) of a 1-D or 2-D array, as a new array. */
function rows(a: NDArray, lo: number, hi: number): NDArray {
  const width = a.shape.slice(1).reduce((p, d) => p * d, 1);
  return new tf.NDArray(a.data.slice(lo * width, hi * width), [hi - lo, ...a.shape.slice(1)], a.dtype);
}
