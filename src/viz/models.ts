import * as tf from '../index.js';

/** The models `tf1-ts graph --model` can draw. */
export const MODELS = ['tutorial'] as const;
/** A model name `tf1-ts graph --model` accepts. */
export type ModelName = (typeof MODELS)[number];

/**
 * The tutorial's softmax regression on MNIST, built in the article's order in a fresh graph: the
 * forward model, loss, `init` and accuracy; with `training`, also `GradientDescentOptimizer(0.1).minimize`,
 * which adds the `gradients/` and `GradientDescent/` scopes.
 */
export function buildTutorialGraph(options: { training?: boolean } = {}): tf.Graph {
  const graph = new tf.Graph();
  graph.as_default(() => {
    const x = tf.placeholder(tf.float32, [null, 784]);
    const y_ = tf.placeholder(tf.float32, [null, 10]);
    const W = tf.Variable(tf.zeros([784, 10]));
    const b = tf.Variable(tf.zeros([10]));
    const y = tf.nn.softmax(tf.matmul(x, W).add(b));
    const cross_entropy = tf.reduce_mean(tf.reduce_sum(y_.mul(tf.log(y)), { reduction_indices: [1] }).neg());
    tf.global_variables_initializer();
    if (options.training) new tf.train.GradientDescentOptimizer(0.1).minimize(cross_entropy);
    const correct_prediction = tf.equal(tf.argmax(y, 1), tf.argmax(y_, 1));
    tf.reduce_mean(tf.cast(correct_prediction, tf.float32));
  });
  return graph;
}

/** The graph of a named model. */
export function buildModelGraph(name: ModelName, options: { training?: boolean } = {}): tf.Graph {
  switch (name) {
    case 'tutorial': return buildTutorialGraph(options);
  }
}
