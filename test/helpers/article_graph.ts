import * as tf from '../../src/index.js';
import { buildModel } from '../../src/tutorial/model.js';

/** The article's model, built in the article's order in a fresh graph (the tutorial's own builder). */
export function buildArticleGraph(learningRate = 0.1) {
  return buildModel(new tf.Graph(), learningRate);
}
