// Convolutional Neural Network.
//
// Build and train a convolutional neural network with TensorFlow.
// This example is using the MNIST database of handwritten digits
// (http://yann.lecun.com/exdb/mnist/)
//
// Author: Aymeric Damien
// Project: https://github.com/aymericdamien/TensorFlow-Examples/
// (examples/3_NeuralNetworks/convolutional_network_raw.py, line for line, with its notebook's settings:
// notebooks/3_NeuralNetworks/convolutional_network_raw.ipynb trains 500 steps with keep_prob `dropout` (0.75), where
// the .py now trains 200 with keep_prob 0.8; docs/examples.md.)
//
// Published figure (the notebook's run): "Testing Accuracy: 0.976562" after 500 steps (its minibatch loss falls
// from 63763 at step 1 to hundreds by step 500; training accuracy 0.984 at step 500). Short setting (CI): 50 steps.
import * as tf from 'tf1-ts';
// Import MNIST data
import { input_data } from 'tf1-ts/examples/tutorials/mnist';
import { type ExampleOptions, fixed, np_rows, print, str } from './lib/example.js';

export async function main({ short = false }: ExampleOptions = {}) {
  const mnist = input_data.read_data_sets('/tmp/data/', { one_hot: true });

  // Training Parameters
  const learning_rate = 0.001;
  const num_steps = short ? 50 : 500;
  const batch_size = 128;
  const display_step = 10;

  // Network Parameters
  const num_input = 784; // MNIST data input (img shape: 28*28)
  const num_classes = 10; // MNIST total classes (0-9 digits)
  const dropout = 0.75; // Dropout, probability to keep units

  // tf Graph input
  const X = tf.placeholder(tf.float32, [null, num_input]);
  const Y = tf.placeholder(tf.float32, [null, num_classes]);
  const keep_prob = tf.placeholder(tf.float32); // dropout (keep probability)

  // Create some wrappers for simplicity
  function conv2d(x: tf.TensorLike, W: tf.TensorLike, b: tf.TensorLike, strides = 1): tf.Tensor {
    // Conv2D wrapper, with bias and relu activation
    x = tf.nn.conv2d(x, W, { strides: [1, strides, strides, 1], padding: 'SAME' });
    x = tf.nn.bias_add(x, b);
    return tf.nn.relu(x);
  }

  function maxpool2d(x: tf.TensorLike, k = 2): tf.Tensor {
    // MaxPool2D wrapper
    return tf.nn.max_pool(x, { ksize: [1, k, k, 1], strides: [1, k, k, 1], padding: 'SAME' });
  }

  // Create model
  function conv_net(x: tf.TensorLike, weights: Record<string, tf.RefVariable>, biases: Record<string, tf.RefVariable>, dropout: tf.TensorLike): tf.Tensor {
    // MNIST data input is a 1-D vector of 784 features (28*28 pixels)
    // Reshape to match picture format [Height x Width x Channel]
    // Tensor input become 4-D: [Batch Size, Height, Width, Channel]
    x = tf.reshape(x, { shape: [-1, 28, 28, 1] });

    // Convolution Layer
    let conv1 = conv2d(x, weights.wc1!, biases.bc1!);
    // Max Pooling (down-sampling)
    conv1 = maxpool2d(conv1, 2);

    // Convolution Layer
    let conv2 = conv2d(conv1, weights.wc2!, biases.bc2!);
    // Max Pooling (down-sampling)
    conv2 = maxpool2d(conv2, 2);

    // Fully connected layer
    // Reshape conv2 output to fit fully connected layer input
    let fc1 = tf.reshape(conv2, [-1, weights.wd1!.get_shape().as_list()[0]!]);
    fc1 = tf.add(tf.matmul(fc1, weights.wd1!), biases.bd1!);
    fc1 = tf.nn.relu(fc1);
    // Apply Dropout
    fc1 = tf.nn.dropout(fc1, dropout);

    // Output, class prediction
    const out = tf.add(tf.matmul(fc1, weights.out!), biases.out!);
    return out;
  }

  // Store layers weight & bias
  const weights = {
    // 5x5 conv, 1 input, 32 outputs
    wc1: tf.Variable(tf.random_normal([5, 5, 1, 32])),
    // 5x5 conv, 32 inputs, 64 outputs
    wc2: tf.Variable(tf.random_normal([5, 5, 32, 64])),
    // fully connected, 7*7*64 inputs, 1024 outputs
    wd1: tf.Variable(tf.random_normal([7 * 7 * 64, 1024])),
    // 1024 inputs, 10 outputs (class prediction)
    out: tf.Variable(tf.random_normal([1024, num_classes])),
  };

  const biases = {
    bc1: tf.Variable(tf.random_normal([32])),
    bc2: tf.Variable(tf.random_normal([64])),
    bd1: tf.Variable(tf.random_normal([1024])),
    out: tf.Variable(tf.random_normal([num_classes])),
  };

  // Construct model
  const logits = conv_net(X, weights, biases, keep_prob);
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
  const train_accuracies: number[] = [];
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
      new Map<tf.Tensor, unknown>([
        [X, batch_x],
        [Y, batch_y],
        [keep_prob, dropout],
      ]),
    );
    if (step % display_step === 0 || step === 1) {
      // Calculate batch loss and accuracy
      const [loss, acc] = await sess.run(
        [loss_op, accuracy],
        new Map<tf.Tensor, unknown>([
          [X, batch_x],
          [Y, batch_y],
          [keep_prob, 1.0],
        ]),
      );
      losses.push(loss!.item());
      train_accuracies.push(acc!.item());
      print('Step ' + str(step) + ', Minibatch Loss= ' + fixed(loss, 4) + ', Training Accuracy= ' + fixed(acc, 3));
    }
  }

  print('Optimization Finished!');

  // Calculate accuracy for 256 MNIST test images
  const testAccuracy = await sess.run(
    accuracy,
    new Map<tf.Tensor, unknown>([
      [X, np_rows(mnist.test.images, 0, 256)],
      [Y, np_rows(mnist.test.labels, 0, 256)],
      [keep_prob, 1.0],
    ]),
  );
  print('Testing Accuracy:', testAccuracy);
  sess.close();
  return { losses, train_accuracies, accuracy: testAccuracy.item() };
}
