// A logistic regression learning algorithm example using TensorFlow library.
// This example is using the MNIST database of handwritten digits
// (http://yann.lecun.com/exdb/mnist/)
// Author: Aymeric Damien. Project: https://github.com/aymericdamien/TensorFlow-Examples/
// (tensorflow_v1/examples/2_BasicModels/logistic_regression.py, line for line.)
//
// Published figure: none (the notebook's outputs are cleared); this port's full run, docs/examples.md: cost 0.3337 at
// epoch 25, Accuracy: 0.9139 (the softmax regression's usual ~92%).
// Short setting (CI): 1 epoch.
import * as tf from 'tf1-ts';
import { input_data } from 'tf1-ts/examples/tutorials/mnist';
import { type ExampleOptions, fixed, percent, print } from './lib/example.js';

export async function main({ short = false }: ExampleOptions = {}) {
  // Import MNIST data
  const mnist = input_data.read_data_sets('/tmp/data/', { one_hot: true });

  // Parameters
  const learning_rate = 0.01;
  const training_epochs = short ? 1 : 25;
  const batch_size = 100;
  const display_step = 1;

  // tf Graph Input
  const x = tf.placeholder(tf.float32, [null, 784]); // mnist data image of shape 28*28=784
  const y = tf.placeholder(tf.float32, [null, 10]); // 0-9 digits recognition => 10 classes

  // Set model weights
  const W = tf.Variable(tf.zeros([784, 10]));
  const b = tf.Variable(tf.zeros([10]));

  // Construct model
  const pred = tf.nn.softmax(tf.matmul(x, W).add(b)); // Softmax

  // Minimize error using cross entropy
  const cost = tf.reduce_mean(tf.negative(tf.reduce_sum(y.mul(tf.log(tf.clip_by_value(pred, 1e-10, 1.0))), { reduction_indices: 1 })));
  // Gradient Descent
  const optimizer = new tf.train.GradientDescentOptimizer(learning_rate).minimize(cost);

  // Initialize the variables (i.e. assign their default value)
  const init = tf.global_variables_initializer();

  const costs: number[] = [];
  // Start training
  // with tf.Session() as sess:
  const sess = new tf.Session();
  const accuracyValue = await sess.as_default(async () => {
    // Run the initializer
    await sess.run(init);

    // Training cycle
    for (let epoch = 0; epoch < training_epochs; epoch++) {
      let avg_cost = 0;
      const total_batch = Math.trunc(mnist.train.num_examples / batch_size);
      // Loop over all batches
      for (let i = 0; i < total_batch; i++) {
        const [batch_xs, batch_ys] = mnist.train.next_batch(batch_size);
        // Run optimization op (backprop) and cost op (to get loss value)
        const [, c] = await sess.run(
          [optimizer, cost],
          new Map([
            [x, batch_xs],
            [y, batch_ys],
          ]),
        );
        // Compute average loss
        avg_cost += c!.item() / total_batch;
      }
      costs.push(avg_cost);
      // Display logs per epoch step
      if ((epoch + 1) % display_step === 0) {
        print('Epoch:', percent('%04d', epoch + 1), 'cost=', fixed(avg_cost, 9));
      }
    }

    print('Optimization Finished!');

    // Test model
    const correct_prediction = tf.equal(tf.argmax(pred, 1), tf.argmax(y, 1));
    // Calculate accuracy
    const accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32));
    const acc = await accuracy.eval(
      new Map([
        [x, mnist.test.images],
        [y, mnist.test.labels],
      ]),
    );
    print('Accuracy:', acc);
    return acc.item();
  });
  sess.close();
  return { costs, accuracy: accuracyValue };
}
