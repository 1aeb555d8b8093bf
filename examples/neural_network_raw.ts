// Neural Network.
//
// A 2-Hidden Layers Fully Connected Neural Network (a.k.a Multilayer Perceptron)
// implementation with TensorFlow. This example is using the MNIST database
// of handwritten digits (http://yann.lecun.com/exdb/mnist/).
//
// Links:
//     [MNIST Dataset](http://yann.lecun.com/exdb/mnist/).
//
// Author: Aymeric Damien. Project: https://github.com/aymericdamien/TensorFlow-Examples/
// (tensorflow_v1/examples/3_NeuralNetworks/neural_network_raw.py, line for line.)
//
// Published figure (the notebook's run): "Testing Accuracy: 0.8729" after 500 steps (its minibatch loss falls
// from 13208 at step 1 to tens by step 500). Short setting (CI): 100 steps.
import * as tf from 'tf1-ts';
// Import MNIST data
import { input_data } from 'tf1-ts/examples/tutorials/mnist';
import { type ExampleOptions, fixed, print, str } from './lib/example.js';

export async function main({ short = false }: ExampleOptions = {}) {
  const mnist = input_data.read_data_sets('/tmp/data/', { one_hot: true });

  // Parameters
  const learning_rate = 0.1;
  const num_steps = short ? 100 : 500;
  const batch_size = 128;
  const display_step = 100;

  // Network Parameters
  const n_hidden_1 = 256; // 1st layer number of neurons
  const n_hidden_2 = 256; // 2nd layer number of neurons
  const num_input = 784; // MNIST data input (img shape: 28*28)
  const num_classes = 10; // MNIST total classes (0-9 digits)

  // tf Graph input
  const X = tf.placeholder('float', [null, num_input]);
  const Y = tf.placeholder('float', [null, num_classes]);

  // Store layers weight & bias
  const weights = {
    h1: tf.Variable(tf.random_normal([num_input, n_hidden_1])),
    h2: tf.Variable(tf.random_normal([n_hidden_1, n_hidden_2])),
    out: tf.Variable(tf.random_normal([n_hidden_2, num_classes])),
  };
  const biases = {
    b1: tf.Variable(tf.random_normal([n_hidden_1])),
    b2: tf.Variable(tf.random_normal([n_hidden_2])),
    out: tf.Variable(tf.random_normal([num_classes])),
  };

  // Create model
  function neural_net(x: tf.Tensor): tf.Tensor {
    // Hidden fully connected layer with 256 neurons
    const layer_1 = tf.add(tf.matmul(x, weights.h1), biases.b1);
    // Hidden fully connected layer with 256 neurons
    const layer_2 = tf.add(tf.matmul(layer_1, weights.h2), biases.b2);
    // Output fully connected layer with a neuron for each class
    const out_layer = tf.matmul(layer_2, weights.out).add(biases.out);
    return out_layer;
  }

  // Construct model
  const logits = neural_net(X);
  const prediction = tf.nn.softmax(logits);

  // Define loss and optimizer
  const loss_op = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits({ logits: logits, labels: Y }));
  const optimizer = new tf.train.AdamOptimizer({ learning_rate: learning_rate });
  const train_op = optimizer.minimize(loss_op);

  // Evaluate model
  const correct_pred = tf.equal(tf.argmax(prediction, 1), tf.argmax(Y, 1));
  const accuracy = tf.reduce_mean(tf.cast(correct_pred, tf.float32));

  // Initialize the variables (i.e. assign their default value)
  const init = tf.global_variables_initializer();

  const losses: number[] = [];
  // Start training
  // with tf.Session() as sess:
  const sess = new tf.Session();

  // Run the initializer
  await sess.run(init);

  for (let step = 1; step < num_steps + 1; step++) {
    const [batch_x, batch_y] = mnist.train.next_batch(batch_size);
    // Run optimization op (backprop)
    await sess.run(
      train_op,
      new Map([
        [X, batch_x],
        [Y, batch_y],
      ]),
    );
    if (step % display_step === 0 || step === 1) {
      // Calculate batch loss and accuracy
      const [loss, acc] = await sess.run(
        [loss_op, accuracy],
        new Map([
          [X, batch_x],
          [Y, batch_y],
        ]),
      );
      losses.push(loss!.item());
      print('Step ' + str(step) + ', Minibatch Loss= ' + fixed(loss, 4) + ', Training Accuracy= ' + fixed(acc, 3));
    }
  }

  print('Optimization Finished!');

  // Calculate accuracy for MNIST test images
  const testAccuracy = await sess.run(
    accuracy,
    new Map([
      [X, mnist.test.images],
      [Y, mnist.test.labels],
    ]),
  );
  print('Testing Accuracy:', testAccuracy);
  sess.close();
  return { losses, accuracy: testAccuracy.item() };
}
