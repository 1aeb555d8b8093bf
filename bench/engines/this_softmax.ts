import * as tf from '../../src/index.js';
import type { BackendName } from '../../src/session/backend.js';
import { buildForwardModel } from '../../src/tutorial/model.js';
import { ADAM, type Workload } from '../workloads.js';
import type { EngineRun } from './engine.js';
import { timeTraining } from './this_train.js';

/** Steps profiled with RunMetadata after the timed run. */
const PROFILE_STEPS = 20;

/** A softmax workload's arrays, and where its mini-batches come from. */
export interface SoftmaxData {
  x: tf.NDArray;
  y: tf.NDArray;
  testX: tf.NDArray;
  testY: tf.NDArray;
  next_batch(n: number): [tf.NDArray, tf.NDArray];
}

/**
 * Trains the article's model on `data` as the article does (or with AdamOptimizer), timing the steps; `t0` is when
 * loading began. No Node API here: the bench's page mode (bench/page/) runs this same function in Chromium.
 */
export async function trainSoftmax(w: Workload, backend: BackendName, data: SoftmaxData, t0: number): Promise<EngineRun> {
  const graph = new tf.Graph();
  const fwd = buildForwardModel(graph);
  const m = graph.as_default(() => {
    const optimizer =
      w.optimizer === 'adam'
        ? new tf.train.AdamOptimizer(w.learningRate, ADAM.beta1, ADAM.beta2, ADAM.epsilon)
        : new tf.train.GradientDescentOptimizer(w.learningRate);
    const training = optimizer.minimize(fwd.cross_entropy);
    // after minimize, so Adam's slots and beta powers are initialized too
    return { ...fwd, training, init: tf.global_variables_initializer() };
  });
  const sess = new tf.Session({ graph, backend });
  await sess.run(m.init);
  const trainFeeds = new Map([
    [m.x, data.x],
    [m.y_, data.y],
  ]);
  const testFeeds = new Map([
    [m.x, data.testX],
    [m.y_, data.testY],
  ]);
  const feedsFor = (): Map<tf.Tensor, tf.NDArray> => {
    if (w.batch === null) return trainFeeds;
    const [bx, by] = data.next_batch(w.batch);
    return new Map([
      [m.x, bx],
      [m.y_, by],
    ]);
  };
  const evaluate = async () => ({
    accuracy: (await sess.run(m.accuracy, testFeeds)).item(),
    loss: (await sess.run(m.cross_entropy, trainFeeds)).item(),
  });
  return timeTraining(w, t0, { sess, train: m.training, feeds: feedsFor, evaluate, profileSteps: PROFILE_STEPS });
}
