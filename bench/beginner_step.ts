// TF1's beginner tutorial's training step, which the mini-batch scripts time and profile: the article's model
// (buildForwardModel), GradientDescentOptimizer(0.5) on its cross-entropy, in a CPU session with the variables
// initialized.
import * as tf from '../src/index.js';
import { buildForwardModel } from '../src/tutorial/model.js';

/** The model's tensors, its training op and an initialized CPU session on a new graph. */
export async function beginnerStep(): Promise<{ m: ReturnType<typeof buildForwardModel>; train: tf.Operation; sess: tf.Session }> {
  const graph = new tf.Graph();
  const m = buildForwardModel(graph);
  const train = graph.as_default(() => new tf.train.GradientDescentOptimizer(0.5).minimize(m.cross_entropy));
  const sess = new tf.Session({ graph, backend: 'cpu' });
  await sess.run(m.init);
  return { m, train, sess };
}
