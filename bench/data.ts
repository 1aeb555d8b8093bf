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
  // all of the training set: its own arrays (in file order until next_batch shuffles), as NumPy's run takes a view;
  // a slice would be a copy (172 MB for the 55,000 images)
  const whole = w.examples === mnist.train.num_examples;
  const [x, y] = whole ? [mnist.train.images, mnist.train.labels] : mnist.train.slice(0, w.examples);
  return { x, y, testX: mnist.test.images, testY: mnist.test.labels, train: mnist.train };
}

/** The `deep` workload's data: mnist_deep's `read_data_sets(data_dir)`, labels as class indices (uint8). */
export interface DeepData {
  /** Where mini-batches come from (next_batch, seeded): every TypeScript engine draws the same batches. */
  train: DataSet;
  /** The first DEEP.testImages test images and their labels. */
  testX: NDArray;
  testY: NDArray;
}

/** Loads MNIST for the `deep` workload with the project's loader, labels not one-hot (as mnist_deep.py). */
export function loadDeepData(testImages: number): DeepData {
  const mnist = read_data_sets(undefined, { one_hot: false, log: null });
  const [testX, testY] = mnist.test.slice(0, testImages);
  return { train: mnist.train, testX, testY };
}
