// Builds the MNIST network.
//
// Implements the inference/loss/training pattern for model building.
//
// 1. inference() - Builds the model as far as required for running the network
// forward to make predictions.
// 2. loss() - Adds to the inference model the layers required to generate loss.
// 3. training() - Adds to the loss model the Ops required to generate and
// apply gradients.
//
// This file is used by the various "fully_connected_*.py" files and not meant to
// be run.
// (TensorFlow r1.12's tensorflow/examples/tutorials/mnist/mnist.py, line for line.)
import * as tf from 'tf1-ts';

// The MNIST dataset has 10 classes, representing the digits 0 through 9.
export const NUM_CLASSES = 10;

// The MNIST images are always 28x28 pixels.
export const IMAGE_SIZE = 28;
export const IMAGE_PIXELS = IMAGE_SIZE * IMAGE_SIZE;

/**
 * Build the MNIST model up to where it may be used for inference.
 *
 * Args:
 *   images: Images placeholder, from inputs().
 *   hidden1_units: Size of the first hidden layer.
 *   hidden2_units: Size of the second hidden layer.
 *
 * Returns:
 *   softmax_linear: Output tensor with the computed logits.
 */
export function inference(images: tf.Tensor, hidden1_units: number, hidden2_units: number): tf.Tensor {
  // Hidden 1
  const hidden1 = tf.name_scope('hidden1', () => {
    const weights = tf.Variable(tf.truncated_normal([IMAGE_PIXELS, hidden1_units], { stddev: 1.0 / Math.sqrt(IMAGE_PIXELS) }), { name: 'weights' });
    const biases = tf.Variable(tf.zeros([hidden1_units]), { name: 'biases' });
    return tf.nn.relu(tf.matmul(images, weights).add(biases));
  });
  // Hidden 2
  const hidden2 = tf.name_scope('hidden2', () => {
    const weights = tf.Variable(tf.truncated_normal([hidden1_units, hidden2_units], { stddev: 1.0 / Math.sqrt(hidden1_units) }), { name: 'weights' });
    const biases = tf.Variable(tf.zeros([hidden2_units]), { name: 'biases' });
    return tf.nn.relu(tf.matmul(hidden1, weights).add(biases));
  });
  // Linear
  const logits = tf.name_scope('softmax_linear', () => {
    const weights = tf.Variable(tf.truncated_normal([hidden2_units, NUM_CLASSES], { stddev: 1.0 / Math.sqrt(hidden2_units) }), { name: 'weights' });
    const biases = tf.Variable(tf.zeros([NUM_CLASSES]), { name: 'biases' });
    return tf.matmul(hidden2, weights).add(biases);
  });
  return logits;
}

/**
 * Calculates the loss from the logits and the labels.
 *
 * Args:
 *   logits: Logits tensor, float - [batch_size, NUM_CLASSES].
 *   labels: Labels tensor, int32 - [batch_size].
 *
 * Returns:
 *   loss: Loss tensor of type float.
 */
export function loss(logits: tf.Tensor, labels: tf.Tensor): tf.Tensor {
  labels = tf.to_int64(labels);
  return tf.losses.sparse_softmax_cross_entropy({ labels: labels, logits: logits });
}

/**
 * Sets up the training Ops.
 *
 * Creates a summarizer to track the loss over time in TensorBoard.
 *
 * Creates an optimizer and applies the gradients to all trainable variables.
 *
 * The Op returned by this function is what must be passed to the
 * `sess.run()` call to cause the model to train.
 *
 * Args:
 *   loss: Loss tensor, from loss().
 *   learning_rate: The learning rate to use for gradient descent.
 *
 * Returns:
 *   train_op: The Op for training.
 */
export function training(loss: tf.Tensor, learning_rate: number): tf.Operation {
  // Add a scalar summary for the snapshot loss.
  tf.summary.scalar('loss', loss);
  // Create the gradient descent optimizer with the given learning rate.
  const optimizer = new tf.train.GradientDescentOptimizer(learning_rate);
  // Create a variable to track the global step.
  const global_step = tf.Variable(0, { name: 'global_step', trainable: false });
  // Use the optimizer to apply the gradients that minimize the loss
  // (and also increment the global step counter) as a single training step.
  const train_op = optimizer.minimize(loss, { global_step: global_step });
  return train_op;
}

/**
 * Evaluate the quality of the logits at predicting the label.
 *
 * Args:
 *   logits: Logits tensor, float - [batch_size, NUM_CLASSES].
 *   labels: Labels tensor, int32 - [batch_size], with values in the
 *     range [0, NUM_CLASSES].
 *
 * Returns:
 *   A scalar int32 tensor with the number of examples (out of batch_size)
 *   that were predicted correctly.
 */
export function evaluation(logits: tf.Tensor, labels: tf.Tensor): tf.Tensor {
  // For a classifier model, we can use the in_top_k Op.
  // It returns a bool tensor with shape [batch_size] that is true for
  // the examples where the label is in the top k (here k=1)
  // of all logits for that example.
  const correct = tf.nn.in_top_k(logits, labels, 1);
  // Return the number of true entries.
  return tf.reduce_sum(tf.cast(correct, tf.int32));
}
