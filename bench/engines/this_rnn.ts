import * as tf from '../../src/index.js';
import type { BackendName } from '../../src/session/backend.js';
import type { NDArray } from '../../src/framework/ndarray.js';
import type { FeedValue } from '../../src/session/feeds.js';
import { loadData } from '../data.js';
import { rnnWeights } from '../rnn_weights.js';
import { ADAM, CLASSES, RNN, type Workload } from '../workloads.js';
import { type EngineRun, StepClock } from './engine.js';
import { timeTraining } from './this_train.js';

/** Steps profiled with RunMetadata after the timed run. */
const PROFILE_STEPS = 5;

/** recurrent_network.py's graph (with AdamOptimizer) in a Session, initialized to the bench's weights, with its data. */
export async function rnnSession(w: Workload, backend: BackendName) {
  const data = loadData(w);
  const graph = new tf.Graph();
  const init = rnnWeights();
  const m = graph.as_default(() => {
    const X = tf.placeholder('float', [null, RNN.timesteps, RNN.inputs]);
    const Y = tf.placeholder('float', [null, CLASSES]);
    const out_w = tf.Variable(tf.random_normal([RNN.hidden, CLASSES]));
    const out_b = tf.Variable(tf.random_normal([CLASSES]));
    const lstm_cell = new tf.contrib.rnn.BasicLSTMCell(RNN.hidden, { forget_bias: RNN.forgetBias });
    const last =
      w.name === 'rnn-dynamic'
        ? dynamicLast(lstm_cell, X)
        : tf.contrib.rnn.static_rnn(lstm_cell, tf.unstack(X, RNN.timesteps, 1), { dtype: tf.float32 })[0].at(-1)!;
    const logits = tf.matmul(last, out_w).add(out_b);
    const loss_op = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits({ logits, labels: Y }));
    const train_op = new tf.train.AdamOptimizer(w.learningRate, ADAM.beta1, ADAM.beta2, ADAM.epsilon).minimize(loss_op);
    const accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), tf.argmax(Y, 1)), tf.float32));
    // the bench's weights in place of the initializers' draws
    const [kernel, bias] = lstm_cell.trainable_variables as tf.RefVariable[];
    const values: [tf.RefVariable, Float32Array][] = [
      [kernel!, init.kernel],
      [bias!, init.bias],
      [out_w, init.out_w],
      [out_b, init.out_b],
    ];
    const load = tf.group(...values.map(([v, a]) => tf.assign(v, tf.constant(a, tf.float32, v.shape.as_list() as number[]))));
    return { X, Y, train_op, loss_op, accuracy, init: tf.global_variables_initializer(), load };
  });
  const sess = new tf.Session({ graph, backend });
  await sess.run(m.init);
  await sess.run(m.load);
  /** The feeds of a training step: next_batch(128), reshaped to 28 rows of 28. */
  const trainFeeds = (): Map<tf.Tensor, FeedValue> => {
    const [bx, by] = data.train.next_batch(RNN.batch);
    return new Map<tf.Tensor, FeedValue>([
      [m.X, reshape(bx)],
      [m.Y, by],
    ]);
  };
  return { data, m, sess, trainFeeds };
}

/** dynamic_rnn's output at the last row, [n, hidden]. */
function dynamicLast(cell: tf.nn.rnn_cell.BasicLSTMCell, X: tf.Tensor): tf.Tensor {
  const [outputs] = tf.nn.dynamic_rnn(cell, X, { dtype: tf.float32 });
  return tf.reshape(tf.slice(outputs as tf.Tensor, [0, RNN.timesteps - 1, 0], [-1, 1, -1]), [-1, RNN.hidden]);
}

/** Images [n, 784] as [n, 28, 28]. */
function reshape(a: NDArray, n = a.shape[0]!): NDArray {
  return new tf.NDArray(a.data.subarray(0, n * RNN.timesteps * RNN.inputs), [n, RNN.timesteps, RNN.inputs], a.dtype);
}

/** The `rnn` workload in this project (TF1's API): its steps, then the first test images' accuracy and loss. */
export async function runThisRnn(w: Workload, backend: BackendName): Promise<EngineRun> {
  const t0 = performance.now();
  const { data, m, sess, trainFeeds } = await rnnSession(w, backend);
  const evaluate = async () => {
    const n = RNN.testImages;
    const testY = new tf.NDArray(data.testY.data.subarray(0, n * CLASSES), [n, CLASSES], data.testY.dtype);
    const feeds = new Map<tf.Tensor, FeedValue>([
      [m.X, reshape(data.testX, n)],
      [m.Y, testY],
    ]);
    const [a, l] = await sess.run([m.accuracy, m.loss_op], feeds);
    return { accuracy: a!.item(), loss: l!.item() };
  };
  return timeTraining(w, t0, { sess, train: m.train_op, feeds: trainFeeds, evaluate, profileSteps: PROFILE_STEPS, clock: new StepClock() });
}
