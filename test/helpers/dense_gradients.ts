// tf.gradients for graphs whose gradients are all dense: TF1 gives an IndexedSlices only through a gather (or a
// rule registered to make one), so where a test has none it asserts so and gets Tensors, typed as such.
import * as tf from '../../src/index.js';

/** `tf.gradients(...)` with every result checked to be a Tensor or null (an IndexedSlices fails the test). */
export function denseGradients(...args: Parameters<typeof tf.gradients>): (tf.Tensor | null)[] {
  return tf.gradients(...args).map((g) => {
    if (g instanceof tf.IndexedSlices) throw new Error(`expected a dense gradient, got ${g}`);
    return g;
  });
}
