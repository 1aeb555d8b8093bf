// A nearest neighbor learning algorithm example using TensorFlow library.
// This example is using the MNIST database of handwritten digits
// (http://yann.lecun.com/exdb/mnist/)
//
// Author: Aymeric Damien. Project: https://github.com/aymericdamien/TensorFlow-Examples/
// (tensorflow_v1/examples/2_BasicModels/nearest_neighbor.py, line for line.)
//
// Published figure: none printed in the repository (L1 nearest neighbour on MNIST is known at about 0.9); this
// port's full run: docs/examples.md.
// Short setting (CI): the first 20 of the 200 test images.
import * as tf from 'tf1-ts';
// Import MNIST data
import { input_data } from 'tf1-ts/examples/tutorials/mnist';
import { type ExampleOptions, np_argmax, np_row, print } from './lib/example.js';

export async function main({ short = false }: ExampleOptions = {}) {
  const mnist = input_data.read_data_sets('/tmp/data/', { one_hot: true });

  // In this example, we limit mnist data
  const [Xtr, Ytr] = mnist.train.next_batch(5000); //5000 for training (nn candidates)
  const [Xte, Yte] = mnist.test.next_batch(200); //200 for testing

  // tf Graph Input
  const xtr = tf.placeholder('float', [null, 784]);
  const xte = tf.placeholder('float', [784]);

  // Nearest Neighbor calculation using L1 Distance
  // Calculate L1 Distance
  const distance = tf.reduce_sum(tf.abs(tf.add(xtr, tf.negative(xte))), { reduction_indices: 1 });
  // Prediction: Get min distance index (Nearest neighbor)
  const pred = tf.arg_min(distance, 0);

  let accuracy = 0;

  // Initialize the variables (i.e. assign their default value)
  const init = tf.global_variables_initializer();

  // Start training
  // with tf.Session() as sess:
  const sess = new tf.Session();

  // Run the initializer
  await sess.run(init);

  // loop over test data
  const len_Xte = short ? 20 : Xte.shape[0]!;
  for (let i = 0; i < len_Xte; i++) {
    // Get nearest neighbor
    const nn_index = (
      await sess.run(
        pred,
        new Map([
          [xtr, Xtr],
          [xte, np_row(Xte, i)],
        ]),
      )
    ).item();
    // Get nearest neighbor class label and compare it to its true label
    print('Test', i, 'Prediction:', np_argmax(np_row(Ytr, nn_index)), 'True Class:', np_argmax(np_row(Yte, i)));
    // Calculate accuracy
    if (np_argmax(np_row(Ytr, nn_index)) === np_argmax(np_row(Yte, i))) {
      accuracy += 1 / len_Xte;
    }
  }
  print('Done!');
  print('Accuracy:', accuracy);
  sess.close();
  return { accuracy };
}
