import { read_data_sets } from '../src/examples/tutorials/mnist/input_data.js';
import type { NDArray } from '../src/framework/ndarray.js';
import type { DataSet } from '../src/examples/tutorials/mnist/dataset.js';
import type { Workload } from './workloads.js';

/** A workload's data: the training examples (or the set to draw mini-batches from) and the test set. */
export interface BenchData {
  x: NDArray;
  y: NDArray;
  testX: NDArray;
  testY: NDArray;
  /** Where mini-batches come from (TF1's next_batch, seeded). */
  train: DataSet;
}

/** Loads MNIST with the project's loader (every engine uses the same arrays). */
export function loadData(w: Workload): BenchData {
  const mnist = read_data_sets(undefined, { one_hot: true, log: null });
  const [x, y] = mnist.train.slice(0, w.examples);
  return { x, y, testX: mnist.test.images, testY: mnist.test.labels, train: mnist.train };
}
