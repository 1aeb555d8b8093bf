// The article's model: softmax regression on 784 pixels, its cross entropy, gradient descent and accuracy,
// built with tf1-ts exactly as the article builds it with TF1. No Node APIs here.
import * as tf from '../index.js';

/** The source lines that build the model, as the script prints them (the article's Python, in TypeScript). */
const FORWARD_CODE = [
  'const x = tf.placeholder(tf.float32, [null, 784])',
  'const y_ = tf.placeholder(tf.float32, [null, 10])',
  'const W = tf.Variable(tf.zeros([784, 10]))',
  'const b = tf.Variable(tf.zeros([10]))',
  'const y = tf.nn.softmax(tf.matmul(x, W).add(b))',
] as const;
const LOSS_CODE = [
  'const cross_entropy = tf.reduce_mean(tf.reduce_sum(y_.mul(tf.log(y)), { reduction_indices: [1] }).neg())',
] as const;
const TRAIN_CODE = [
  'const init = tf.global_variables_initializer()',
  'const training = new tf.train.GradientDescentOptimizer(LEARNING_RATE).minimize(cross_entropy)',
  'const correct_prediction = tf.equal(tf.argmax(y, 1), tf.argmax(y_, 1))',
  'const accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32))',
] as const;

/** The model in the article's order; the optimizer only when a learning rate is given (the graph diagram's forward view). */
function build(graph: tf.Graph, LEARNING_RATE: number | null) {
  return graph.as_default(() => {
    // Keep these statements in step with the *_CODE lines: the script prints those as what it runs.
    const x = tf.placeholder(tf.float32, [null, 784]);
    const y_ = tf.placeholder(tf.float32, [null, 10]);
    const W = tf.Variable(tf.zeros([784, 10]));
    const b = tf.Variable(tf.zeros([10]));
    const y = tf.nn.softmax(tf.matmul(x, W).add(b));
    const cross_entropy = tf.reduce_mean(tf.reduce_sum(y_.mul(tf.log(y)), { reduction_indices: [1] }).neg());
    const init = tf.global_variables_initializer();
    const training = LEARNING_RATE === null ? null : new tf.train.GradientDescentOptimizer(LEARNING_RATE).minimize(cross_entropy);
    const correct_prediction = tf.equal(tf.argmax(y, 1), tf.argmax(y_, 1));
    const accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32));
    return {
      graph, x, y_, W, b, y, cross_entropy, init, training, correct_prediction, accuracy,
      forwardCode: FORWARD_CODE, lossCode: LOSS_CODE, trainCode: TRAIN_CODE,
    };
  });
}

/** Builds the article's model in `graph`; the `*Code` fields are the lines above, for printing. */
export function buildModel(graph: tf.Graph, LEARNING_RATE: number) {
  const m = build(graph, LEARNING_RATE);
  return { ...m, training: m.training! };
}

/** The article's model without the optimizer: the forward pass, loss, `init` and accuracy. */
export function buildForwardModel(graph: tf.Graph) {
  return build(graph, null);
}

/** The article's model, as `buildModel` returns it. */
export type ArticleModel = ReturnType<typeof buildModel>;
