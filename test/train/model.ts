// A small model with one variable of each dtype, built the same way in any graph, for the Saver tests.
import * as tf from '../../src/index.js';

/** The model's variables and an op that overwrites them all with values derived from `k`. */
export interface SmallModel {
  g: tf.Graph;
  W: tf.RefVariable;
  b: tf.RefVariable;
  step: tf.RefVariable;
  flags: tf.RefVariable;
  init: tf.Operation;
  /** Sets W = k, b = -k, step = k, flags = [k odd, k even]. */
  setTo: tf.Tensor;
  k: tf.Tensor;
}

/** Builds the model in a fresh graph (or `g`), variables named W, b, global_step, flags. */
export function smallModel(g = new tf.Graph(), shapeW: [number, number] = [3, 2]): SmallModel {
  return g.as_default(() => {
    const W = tf.Variable(tf.random_uniform(shapeW, { seed: 1 }), { name: 'W' });
    const b = tf.Variable(tf.constant([0.5, -0.25], { dtype: tf.float64 }), { name: 'b' });
    const step = tf.Variable(tf.constant(0, { dtype: tf.int64 }), { name: 'global_step', trainable: false });
    const flags = tf.Variable(tf.constant([true, false]), { name: 'flags' });
    const k = tf.placeholder(tf.float32, [], 'k');
    const ops = [
      W.assign(tf.fill(shapeW, k)),
      b.assign(tf.cast(tf.fill([2], tf.negative(k)), tf.float64)),
      step.assign(tf.cast(k, tf.int64)),
      flags.assign(tf.equal(tf.floormod(tf.fill([2], k).add([0, 1]), 2), 1)),
    ];
    const setTo = tf.tuple(ops)[0]!;
    return { g, W, b, step, flags, init: tf.global_variables_initializer(), setTo, k };
  });
}

/** The values of all four variables as plain JS. */
export async function values(sess: tf.Session, m: SmallModel): Promise<unknown> {
  const [W, b, step, flags] = await sess.run([m.W, m.b, m.step, m.flags] as const);
  return { W: W.tolist(), b: b.tolist(), step: step.tolist(), flags: flags.tolist() };
}
