// Save and Restore a model using TensorFlow.
// This example is using the MNIST database of handwritten digits
// (http://yann.lecun.com/exdb/mnist/)
//
// Author: Aymeric Damien. Project: https://github.com/aymericdamien/TensorFlow-Examples/
// (tensorflow_v1/examples/4_Utils/save_restore_model.py, line for line.)
//
// Published figure: none printed in the repository; the model is the ReLU multilayer perceptron, whose notebook
// printed "Accuracy: 0.9459" after 15 epochs (here 3, then 7 more after the restore). This port's full run:
// docs/examples.md.
// Short setting (CI): 1 + 1 epochs of 100 batches (the original: 3 + 7 epochs of 550).
import * as tf from 'tf1-ts';
// Import MNIST data
import { input_data } from 'tf1-ts/examples/tutorials/mnist';
import { type ExampleOptions, fixed, percent, print } from './lib/example.js';

export async function main({ short = false, tmp = '/tmp' }: ExampleOptions = {}) {
  const mnist = input_data.read_data_sets('MNIST_data/', { one_hot: true });

  // Parameters
  const learning_rate = 0.001;
  const batch_size = 100;
  const display_step = 1;
  const model_path = `${tmp}/model.ckpt`;

  // Network Parameters
  const n_hidden_1 = 256; // 1st layer number of features
  const n_hidden_2 = 256; // 2nd layer number of features
  const n_input = 784; // MNIST data input (img shape: 28*28)
  const n_classes = 10; // MNIST total classes (0-9 digits)

  // tf Graph input
  const x = tf.placeholder('float', [null, n_input]);
  const y = tf.placeholder('float', [null, n_classes]);

  // Store layers weight & bias (declared before the model: a TypeScript const is not hoisted as Python's globals)
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
  function multilayer_perceptron(x: tf.Tensor, w: typeof weights, b: typeof biases): tf.Tensor {
    // Hidden layer with RELU activation
    let layer_1 = tf.add(tf.matmul(x, w.h1), b.b1);
    layer_1 = tf.nn.relu(layer_1);
    // Hidden layer with RELU activation
    let layer_2 = tf.add(tf.matmul(layer_1, w.h2), b.b2);
    layer_2 = tf.nn.relu(layer_2);
    // Output layer with linear activation
    const out_layer = tf.matmul(layer_2, w.out).add(b.out);
    return out_layer;
  }

  // Construct model
  const pred = multilayer_perceptron(x, weights, biases);

  // Define loss and optimizer
  const cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits({ logits: pred, labels: y }));
  const optimizer = new tf.train.AdamOptimizer({ learning_rate: learning_rate }).minimize(cost);

  // Initialize the variables (i.e. assign their default value)
  const init = tf.global_variables_initializer();

  // 'Saver' op to save and restore all the variables
  const saver = new tf.train.Saver();

  /** One session's training cycle (the original writes the loop out twice, once per session). */
  async function train(sess: tf.Session, epochs: number): Promise<number[]> {
    const costs: number[] = [];
    for (let epoch = 0; epoch < epochs; epoch++) {
      let avg_cost = 0;
      const total_batch = short ? 100 : Math.trunc(mnist.train.num_examples / batch_size);
      // Loop over all batches
      for (let i = 0; i < total_batch; i++) {
        const [batch_x, batch_y] = mnist.train.next_batch(batch_size);
        // Run optimization op (backprop) and cost op (to get loss value)
        const [, c] = await sess.run(
          [optimizer, cost],
          new Map([
            [x, batch_x],
            [y, batch_y],
          ]),
        );
        // Compute average loss
        avg_cost += c!.item() / total_batch;
      }
      costs.push(avg_cost);
      // Display logs per epoch step
      if (epoch % display_step === 0) {
        print('Epoch:', percent('%04d', epoch + 1), 'cost=', fixed(avg_cost, 9));
      }
    }
    return costs;
  }

  /** The test accuracy, printed as the original prints it (unless `quiet`). */
  async function test(quiet = false): Promise<number> {
    // Test model
    const correct_prediction = tf.equal(tf.argmax(pred, 1), tf.argmax(y, 1));
    // Calculate accuracy
    const accuracy = tf.reduce_mean(tf.cast(correct_prediction, 'float'));
    const acc = await accuracy.eval(
      new Map([
        [x, mnist.test.images],
        [y, mnist.test.labels],
      ]),
    );
    if (!quiet) print('Accuracy:', acc);
    return acc.item();
  }

  // Running first session
  print('Starting 1st session...');
  // with tf.Session() as sess:
  let sess = new tf.Session();
  const first = await sess.as_default(async () => {
    // Run the initializer
    await sess.run(init);

    // Training cycle
    const costs = await train(sess, short ? 1 : 3);
    print('First Optimization Finished!');

    const accuracy = await test();

    // Save model weights to disk
    const save_path = await saver.save(sess, model_path);
    print(percent('Model saved in file: %s', save_path));
    return { costs, accuracy, save_path };
  });
  sess.close();

  // Running a new session
  print('Starting 2nd session...');
  // with tf.Session() as sess:
  sess = new tf.Session();
  const second = await sess.as_default(async () => {
    // Initialize variables
    await sess.run(init);

    // Restore model weights from previously saved model
    await saver.restore(sess, model_path);
    print(percent('Model restored from file: %s', first.save_path));
    const restoredAccuracy = await test(true); // not in the original: what the restored weights score, for the tests

    // Resume training
    const costs = await train(sess, short ? 1 : 7);
    print('Second Optimization Finished!');

    const accuracy = await test();
    return { costs, accuracy, restoredAccuracy };
  });
  sess.close();
  return { first, second };
}
