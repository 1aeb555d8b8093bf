// A deep MNIST classifier using convolutional layers.
//
// See extensive documentation at
// https://www.tensorflow.org/get_started/mnist/pros
// (TensorFlow r1.12's tensorflow/examples/tutorials/mnist/mnist_deep.py, line for line; the graph's FileWriter is
// left out until tf.summary exists: docs/examples.md.)
//
// Published figure (the Deep MNIST for Experts tutorial): "The final test set accuracy after running this code
// should be approximately 99.2%." (20000 steps). Short setting (CI): 200 steps, not 20000.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from 'tf1-ts';
import { input_data } from 'tf1-ts/examples/tutorials/mnist';
import { type ExampleOptions, percent, print } from './lib/example.js';

// (argparse's one flag, at its default: --data_dir, 'Directory for storing input data')
const FLAGS = { data_dir: '/tmp/tensorflow/mnist/input_data' };

/**
 * deepnn builds the graph for a deep net for classifying digits.
 *
 * Args:
 *   x: an input tensor with the dimensions (N_examples, 784), where 784 is the
 *   number of pixels in a standard MNIST image.
 *
 * Returns:
 *   A tuple (y, keep_prob). y is a tensor of shape (N_examples, 10), with values
 *   equal to the logits of classifying the digit into one of 10 classes (the
 *   digits 0-9). keep_prob is a scalar placeholder for the probability of
 *   dropout.
 */
export function deepnn(x: tf.Tensor): [tf.Tensor, tf.Tensor] {
  // Reshape to use within a convolutional neural net.
  // Last dimension is for "features" - there is only one here, since images are
  // grayscale -- it would be 3 for an RGB image, 4 for RGBA, etc.
  const x_image = tf.name_scope('reshape', () => tf.reshape(x, [-1, 28, 28, 1]));

  // First convolutional layer - maps one grayscale image to 32 feature maps.
  const h_conv1 = tf.name_scope('conv1', () => {
    const W_conv1 = weight_variable([5, 5, 1, 32]);
    const b_conv1 = bias_variable([32]);
    return tf.nn.relu(conv2d(x_image, W_conv1).add(b_conv1));
  });

  // Pooling layer - downsamples by 2X.
  const h_pool1 = tf.name_scope('pool1', () => max_pool_2x2(h_conv1));

  // Second convolutional layer -- maps 32 feature maps to 64.
  const h_conv2 = tf.name_scope('conv2', () => {
    const W_conv2 = weight_variable([5, 5, 32, 64]);
    const b_conv2 = bias_variable([64]);
    return tf.nn.relu(conv2d(h_pool1, W_conv2).add(b_conv2));
  });

  // Second pooling layer.
  const h_pool2 = tf.name_scope('pool2', () => max_pool_2x2(h_conv2));

  // Fully connected layer 1 -- after 2 round of downsampling, our 28x28 image
  // is down to 7x7x64 feature maps -- maps this to 1024 features.
  const h_fc1 = tf.name_scope('fc1', () => {
    const W_fc1 = weight_variable([7 * 7 * 64, 1024]);
    const b_fc1 = bias_variable([1024]);

    const h_pool2_flat = tf.reshape(h_pool2, [-1, 7 * 7 * 64]);
    return tf.nn.relu(tf.matmul(h_pool2_flat, W_fc1).add(b_fc1));
  });

  // Dropout - controls the complexity of the model, prevents co-adaptation of
  // features.
  const [keep_prob, h_fc1_drop] = tf.name_scope('dropout', () => {
    const keep_prob = tf.placeholder(tf.float32);
    return [keep_prob, tf.nn.dropout(h_fc1, keep_prob)];
  });

  // Map the 1024 features to 10 classes, one for each digit
  const y_conv = tf.name_scope('fc2', () => {
    const W_fc2 = weight_variable([1024, 10]);
    const b_fc2 = bias_variable([10]);

    return tf.matmul(h_fc1_drop, W_fc2).add(b_fc2);
  });
  return [y_conv, keep_prob];
}

/** conv2d returns a 2d convolution layer with full stride. */
function conv2d(x: tf.TensorLike, W: tf.TensorLike): tf.Tensor {
  return tf.nn.conv2d(x, W, { strides: [1, 1, 1, 1], padding: 'SAME' });
}

/** max_pool_2x2 downsamples a feature map by 2X. */
function max_pool_2x2(x: tf.Tensor): tf.Tensor {
  return tf.nn.max_pool(x, { ksize: [1, 2, 2, 1], strides: [1, 2, 2, 1], padding: 'SAME' });
}

/** weight_variable generates a weight variable of a given shape. */
function weight_variable(shape: number[]): tf.RefVariable {
  const initial = tf.truncated_normal(shape, { stddev: 0.1 });
  return tf.Variable(initial);
}

/** bias_variable generates a bias variable of a given shape. */
function bias_variable(shape: number[]): tf.RefVariable {
  const initial = tf.constant(0.1, { shape: shape });
  return tf.Variable(initial);
}

/** The program's options: the examples' (`short`: 200 steps) and `steps`, the training steps of a partial run
 * (docs/examples.md's partial runs; the CLI passes none). */
export interface MnistDeepOptions extends ExampleOptions {
  steps?: number;
}

export async function main({ short = false, steps, tmp }: MnistDeepOptions = {}) {
  // Import data
  const mnist = input_data.read_data_sets(FLAGS.data_dir, { one_hot: true });

  // Create the model
  const x = tf.placeholder(tf.float32, [null, 784]);

  // Define loss and optimizer
  const y_ = tf.placeholder(tf.float32, [null, 10]);

  // Build the graph for the deep net
  const [y_conv, keep_prob] = deepnn(x);

  let cross_entropy = tf.name_scope('loss', () => tf.nn.softmax_cross_entropy_with_logits({ labels: y_, logits: y_conv }));
  cross_entropy = tf.reduce_mean(cross_entropy);

  const train_step = tf.name_scope('adam_optimizer', () => new tf.train.AdamOptimizer(1e-4).minimize(cross_entropy));

  const correct_prediction = tf.name_scope('accuracy', () => {
    const correct_prediction = tf.equal(tf.argmax(y_conv, 1), tf.argmax(y_, 1));
    return tf.cast(correct_prediction, tf.float32);
  });
  const accuracy = tf.reduce_mean(correct_prediction);

  const graph_location = mkdtempSync(join(tmp ?? tmpdir(), 'tmp'));
  print(percent('Saving graph to: %s', graph_location));
  const train_writer = new tf.summary.FileWriter(graph_location);
  train_writer.add_graph(tf.get_default_graph());

  const train_accuracies: number[] = [];
  // with tf.Session() as sess:
  const sess = new tf.Session();
  const test_accuracy = await sess.as_default(async () => {
    await sess.run(tf.global_variables_initializer());
    for (let i = 0; i < (steps ?? (short ? 200 : 20000)); i++) {
      const batch = mnist.train.next_batch(50);
      if (i % 100 === 0) {
        const train_accuracy = await accuracy.eval({
          feed_dict: new Map<tf.Tensor, unknown>([
            [x, batch[0]],
            [y_, batch[1]],
            [keep_prob, 1.0],
          ]),
        });
        train_accuracies.push(train_accuracy.item());
        print(percent('step %d, training accuracy %g', i, train_accuracy));
      }
      await train_step.run({
        feed_dict: new Map<tf.Tensor, unknown>([
          [x, batch[0]],
          [y_, batch[1]],
          [keep_prob, 0.5],
        ]),
      });
    }

    const test_accuracy = await accuracy.eval({
      feed_dict: new Map<tf.Tensor, unknown>([
        [x, mnist.test.images],
        [y_, mnist.test.labels],
        [keep_prob, 1.0],
      ]),
    });
    print(percent('test accuracy %g', test_accuracy));
    return test_accuracy.item();
  });
  train_writer.close(); // Python leaves it to the interpreter's exit
  sess.close();
  return {
    graph_location,
    train_accuracies,
    accuracy: test_accuracy,
  };
}
