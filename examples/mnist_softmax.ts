// A very simple MNIST classifier.
// See extensive documentation at
// https://www.tensorflow.org/get_started/mnist/beginners
// (TensorFlow r1.12's tensorflow/examples/tutorials/mnist/mnist_softmax.py, line for line.)
//
// Published figure (the beginners' tutorial): "This should be about 92%." Short setting (CI): 100 steps, not 1000.
import * as tf from 'tf1-ts';
// Import data
import { input_data } from 'tf1-ts/examples/tutorials/mnist';
import { type ExampleOptions, print } from './lib/example.js';

const FLAGS = { data_dir: '/tmp/tensorflow/mnist/input_data' };

export async function main({ short = false }: ExampleOptions = {}) {
  // Import data
  const mnist = input_data.read_data_sets(FLAGS.data_dir);

  // Create the model
  const x = tf.placeholder(tf.float32, [null, 784]);
  const W = tf.Variable(tf.zeros([784, 10]));
  const b = tf.Variable(tf.zeros([10]));
  const y = tf.matmul(x, W).add(b);

  // Define loss and optimizer
  const y_ = tf.placeholder(tf.int64, [null]);

  // The raw formulation of cross-entropy,
  //
  //   tf.reduce_mean(-tf.reduce_sum(y_ * tf.log(tf.nn.softmax(y)),
  //                                 reduction_indices=[1]))
  //
  // can be numerically unstable.
  //
  // So here we use tf.losses.sparse_softmax_cross_entropy on the raw
  // logit outputs of 'y', and then average across the batch.
  const cross_entropy = tf.losses.sparse_softmax_cross_entropy({ labels: y_, logits: y });
  const train_step = new tf.train.GradientDescentOptimizer(0.5).minimize(cross_entropy);

  const sess = new tf.InteractiveSession();
  await tf.global_variables_initializer().run();
  // Train
  for (let _ = 0; _ < (short ? 100 : 1000); _++) {
    const [batch_xs, batch_ys] = mnist.train.next_batch(100);
    await sess.run(
      train_step,
      new Map([
        [x, batch_xs],
        [y_, batch_ys],
      ]),
    );
  }

  // Test trained model
  const correct_prediction = tf.equal(tf.argmax(y, 1), y_);
  const accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32));
  const acc = await sess.run(
    accuracy,
    new Map([
      [x, mnist.test.images],
      [y_, mnist.test.labels],
    ]),
  );
  print(acc);
  sess.close(); // Python leaves it to the interpreter's exit
  return { accuracy: acc.item() };
}
