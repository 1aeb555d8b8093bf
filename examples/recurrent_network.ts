// Recurrent Neural Network.
//
// A Recurrent Neural Network (LSTM) implementation example using TensorFlow library.
// This example is using the MNIST database of handwritten digits (http://yann.lecun.com/exdb/mnist/)
//
// Links:
//     [Long Short Term Memory](http://deeplearning.cs.cmu.edu/pdfs/Hochreiter97_lstm.pdf)
//     [MNIST Dataset](http://yann.lecun.com/exdb/mnist/).
//
// Author: Aymeric Damien. Project: https://github.com/aymericdamien/TensorFlow-Examples/
// (tensorflow_v1/examples/3_NeuralNetworks/recurrent_network.py, line for line.)
//
// Published figure (the notebook): "Testing Accuracy: 0.882812" after 10000 steps of batch 128 (docs/examples.md has
// this port's full run: 0.875).
// Short setting (CI): 20 steps, display every 10.
import * as tf from 'tf1-ts';
// Import MNIST data
import { input_data } from 'tf1-ts/examples/tutorials/mnist';
import { type ExampleOptions, fixed, np_reshape, np_rows, print } from './lib/example.js';

const rnn = tf.contrib.rnn;

export async function main({ short = false, steps }: ExampleOptions & { steps?: number } = {}) {
  const mnist = input_data.read_data_sets('/tmp/data/', { one_hot: true });

  // To classify images using a recurrent neural network, we consider every image row as a sequence of pixels.
  // Because MNIST image shape is 28*28px, we will then handle 28 sequences of 28 steps for every sample.

  // Training Parameters
  const learning_rate = 0.001;
  const training_steps = steps ?? (short ? 20 : 10000);
  const batch_size = 128;
  const display_step = short ? 10 : 200;

  // Network Parameters
  const num_input = 28; // MNIST data input (img shape: 28*28)
  const timesteps = 28; // timesteps
  const num_hidden = 128; // hidden layer num of features
  const num_classes = 10; // MNIST total classes (0-9 digits)

  // tf Graph input
  const X = tf.placeholder('float', [null, timesteps, num_input]);
  const Y = tf.placeholder('float', [null, num_classes]);

  // Define weights
  const weights = {
    out: tf.Variable(tf.random_normal([num_hidden, num_classes])),
  };
  const biases = {
    out: tf.Variable(tf.random_normal([num_classes])),
  };

  function RNN(xIn: tf.Tensor, weights: { out: tf.RefVariable }, biases: { out: tf.RefVariable }): tf.Tensor {
    // Prepare data shape to match `rnn` function requirements
    // Current data input shape: (batch_size, timesteps, n_input)
    // Required shape: 'timesteps' tensors list of shape (batch_size, n_input)

    // Unstack to get a list of 'timesteps' tensors of shape (batch_size, n_input)
    const x = tf.unstack(xIn, timesteps, 1);

    // Define a lstm cell with tensorflow
    const lstm_cell = new rnn.BasicLSTMCell(num_hidden, { forget_bias: 1.0 });

    // Get lstm cell output
    const [outputs] = rnn.static_rnn(lstm_cell, x, { dtype: tf.float32 });

    // Linear activation, using rnn inner loop last output
    return tf.matmul(outputs.at(-1)!, weights.out).add(biases.out);
  }

  const logits = RNN(X, weights, biases);
  const prediction = tf.nn.softmax(logits);

  // Define loss and optimizer
  const loss_op = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits({ logits: logits, labels: Y }));
  const optimizer = new tf.train.GradientDescentOptimizer({ learning_rate: learning_rate });
  const train_op = optimizer.minimize(loss_op);

  // Evaluate model (with test logits, for dropout to be disabled)
  const correct_pred = tf.equal(tf.argmax(prediction, 1), tf.argmax(Y, 1));
  const accuracy = tf.reduce_mean(tf.cast(correct_pred, tf.float32));

  // Initialize the variables (i.e. assign their default value)
  const init = tf.global_variables_initializer();

  const losses: number[] = [];
  // Start training
  const sess = new tf.Session();
  // Run the initializer
  await sess.run(init);

  for (let step = 1; step <= training_steps; step++) {
    let [batch_x, batch_y] = mnist.train.next_batch(batch_size);
    // Reshape data to get 28 seq of 28 elements
    batch_x = np_reshape(batch_x, [batch_size, timesteps, num_input]);
    // Run optimization op (backprop)
    const feed = new Map([
      [X, batch_x],
      [Y, batch_y],
    ]);
    await sess.run(train_op, feed);
    if (step % display_step === 0 || step === 1) {
      // Calculate batch loss and accuracy
      const [loss, acc] = await sess.run([loss_op, accuracy], feed);
      losses.push(loss!.item());
      print('Step ' + String(step) + ', Minibatch Loss= ' + fixed(loss, 4) + ', Training Accuracy= ' + fixed(acc, 3));
    }
  }
  print('Optimization Finished!');

  // Calculate accuracy for 128 mnist test images
  const test_len = 128;
  const test_data = np_reshape(np_rows(mnist.test.images, 0, test_len), [-1, timesteps, num_input]);
  const test_label = np_rows(mnist.test.labels, 0, test_len);
  const testAcc = await sess.run(
    accuracy,
    new Map([
      [X, test_data],
      [Y, test_label],
    ]),
  );
  print('Testing Accuracy:', testAcc);
  sess.close();
  return { losses, accuracy: testAcc.item() };
}
