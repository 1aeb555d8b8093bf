import * as tf from '../../src/index.js';

/** The article's model, built in the article's order in a fresh graph. */
export function buildArticleGraph(learningRate = 0.1) {
  const graph = new tf.Graph();
  return graph.as_default(() => {
    const x = tf.placeholder(tf.float32, [null, 784]);
    const y_ = tf.placeholder(tf.float32, [null, 10]);
    const W = tf.Variable(tf.zeros([784, 10]));
    const b = tf.Variable(tf.zeros([10]));
    const y = tf.nn.softmax(tf.matmul(x, W).add(b));
    const cross_entropy = tf.reduce_mean(tf.reduce_sum(y_.mul(tf.log(y)), { reduction_indices: [1] }).neg());
    const init = tf.global_variables_initializer();
    const training = new tf.train.GradientDescentOptimizer(learningRate).minimize(cross_entropy);
    const correct_prediction = tf.equal(tf.argmax(y, 1), tf.argmax(y_, 1));
    const accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32));
    return { graph, x, y_, W, b, y, cross_entropy, init, training, correct_prediction, accuracy };
  });
}
