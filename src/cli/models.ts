import * as tf from '../index.js';
import { buildForwardModel, buildModel } from '../tutorial/model.js';

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
  if (options.training) buildModel(graph, 0.1);
  else buildForwardModel(graph);
  return graph;
}

/** The graph of a named model. */
export function buildModelGraph(name: ModelName, options: { training?: boolean } = {}): tf.Graph {
  switch (name) {
    case 'tutorial':
      return buildTutorialGraph(options);
  }
}
