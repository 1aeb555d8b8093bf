// Multilayer Perceptron.
//
// A Multilayer Perceptron (Neural Network) implementation example using
// TensorFlow library. This example is using the MNIST database of handwritten
// digits (http://yann.lecun.com/exdb/mnist/).
//
// Links:
//     [MNIST Dataset](http://yann.lecun.com/exdb/mnist/).
//
// Author: Aymeric Damien. Project: https://github.com/aymericdamien/TensorFlow-Examples/
// (tensorflow_v1/examples/3_NeuralNetworks/multilayer_perceptron.py, line for line.)
//
// Published figure: the notebook's run of this program's earlier form (ReLU hidden layers) printed "Accuracy: 0.9459"
// after 15 epochs; this form has no activation (a linear model in three layers), and this port's full run printed
// "Accuracy: 0.8981" (cost 21.78 at epoch 15, docs/examples.md).
// Short setting (CI): 1 epoch of 100 batches.
import * as tf from 'tf1-ts';
// Import MNIST data
import { input_data } from 'tf1-ts/examples/tutorials/mnist';
import { type ExampleOptions, fixed, percent, print } from './lib/example.js';

export async function main({ short = false }: ExampleOptions = {}) {
  const mnist = input_data.read_data_sets('/tmp/data/', { one_hot: true });

  // Parameters
  const learning_rate = 0.001;
  const training_epochs = short ? 1 : 15;
  const batch_size = 100;
  const display_step = 1;

  // Network Parameters
  const n_hidden_1 = 256; // 1st layer number of neurons
  const n_hidden_2 = 256; // 2nd layer number of neurons
  const n_input = 784; // MNIST data input (img shape: 28*28)
  const n_classes = 10; // MNIST total classes (0-9 digits)

  // tf Graph input
  const X = tf.placeholder('float', [null, n_input]);
  const Y = tf.placeholder('float', [null, n_classes]);

  // Store layers weight & bias
  const weights = {
    h1: tf.Variable(tf.random_normal([n_input, n_hidden_1])),
    h2: tf.Variable(tf.random_normal([n_hidden_1, n_hidden_2])),
    out: tf.Variable(tf.random_normal([n_hidden_2, n_classes])),
  };
  const biases = {
    b1: tf.Variable(tf.random_normal([n_hidden_1])),
    b2: tf.Variable(tf.random_normal([n_hidden_2])),
    out: tf.Variable(tf.random_normal([n_classes])),
  };

  // Create model
  function multilayer_perceptron(x: tf.Tensor): tf.Tensor {
    // Hidden fully connected layer with 256 neurons
    const layer_1 = tf.add(tf.matmul(x, weights.h1), biases.b1);
    // Hidden fully connected layer with 256 neurons
    const layer_2 = tf.add(tf.matmul(layer_1, weights.h2), biases.b2);
    // Output fully connected layer with a neuron for each class
    const out_layer = tf.matmul(layer_2, weights.out).add(biases.out);
    return out_layer;
  }

  // Construct model
  const logits = multilayer_perceptron(X);

  // Define loss and optimizer
  const loss_op = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits({ logits: logits, labels: Y }));
  const optimizer = new tf.train.AdamOptimizer({ learning_rate: learning_rate });
  const train_op = optimizer.minimize(loss_op);
  // Initializing the variables
  const init = tf.global_variables_initializer();

  const costs: number[] = [];
  // with tf.Session() as sess:
  const sess = new tf.Session();
  const accuracyValue = await sess.as_default(async () => {
    await sess.run(init);

    // Training cycle
    for (let epoch = 0; epoch < training_epochs; epoch++) {
      let avg_cost = 0;
      const total_batch = short ? 100 : Math.trunc(mnist.train.num_examples / batch_size);
      // Loop over all batches
      for (let i = 0; i < total_batch; i++) {
        const [batch_x, batch_y] = mnist.train.next_batch(batch_size);
        // Run optimization op (backprop) and cost op (to get loss value)
        const [, c] = await sess.run(
          [train_op, loss_op],
          new Map([
            [X, batch_x],
            [Y, batch_y],
          ]),
        );
        // Compute average loss
        avg_cost += c!.item() / total_batch;
      }
      costs.push(avg_cost);
      // Display logs per epoch step
      if (epoch % display_step === 0) {
        print('Epoch:', percent('%04d', epoch + 1), `cost=${fixed(avg_cost, 9)}`);
      }
    }
    print('Optimization Finished!');

    // Test model
    const pred = tf.nn.softmax(logits); // Apply softmax to logits
    const correct_prediction = tf.equal(tf.argmax(pred, 1), tf.argmax(Y, 1));
    // Calculate accuracy
    const accuracy = tf.reduce_mean(tf.cast(correct_prediction, 'float'));
    const acc = await accuracy.eval(
      new Map([
        [X, mnist.test.images],
        [Y, mnist.test.labels],
      ]),
    );
    print('Accuracy:', acc);
    return acc.item();
  });
  sess.close();
  return { costs, accuracy: accuracyValue };
}
