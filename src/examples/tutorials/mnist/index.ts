// `tf1-ts/examples/tutorials/mnist`, TF1's `tensorflow.examples.tutorials.mnist`: a TF1 program's
// `from tensorflow.examples.tutorials.mnist import input_data` is `import { input_data } from 'tf1-ts/examples/tutorials/mnist'`.
import * as input_data from './input_data.js';

export { input_data };
export { DataSet, DEFAULT_SEED, type Datasets, MnistDataError, mnist_data_dir, MNIST_FILES, NUM_CLASSES, read_data_sets } from './input_data.js';
