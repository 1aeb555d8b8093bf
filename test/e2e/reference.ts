// The same training in Node, on the CPU backend, from the same MNIST files: what the page must reproduce.
import { lastValueFrom, toArray } from 'rxjs';
import * as tf from '../../src/index.js';
import { read_data_sets, type Datasets } from '../../src/examples/tutorials/mnist/input_data.js';
import { buildModel } from '../../src/tutorial/model.js';
import { trainRun, type StepRecord } from '../../src/tutorial/training.js';
import type { Hyperparameters } from '../../web/src/controls.js';

let mnist: Datasets | null = null;

/** The records of the article's loop in Node for these values, measured every `evalEvery` steps. */
export async function nodeRecords(h: Hyperparameters, evalEvery: number): Promise<StepRecord[]> {
  mnist ??= read_data_sets(undefined, { one_hot: true, log: null });
  const m = buildModel(new tf.Graph(), h.LEARNING_RATE);
  const sess = new tf.Session({ graph: m.graph, backend: 'cpu' });
  try {
    await sess.run(m.init);
    const [x_train, y_train] = mnist.train.slice(0, h.TRAIN_SIZE);
    const [x_test, y_test] = mnist.test.slice(0, h.TEST_SIZE);
    return await lastValueFrom(trainRun(sess, m, { x_train, y_train, x_test, y_test }, { TRAIN_STEPS: h.TRAIN_STEPS, evalEvery }).pipe(toArray()));
  } finally {
    sess.close();
  }
}
