import { describe, expect, it } from 'vitest';
import * as tf from '../../../src/index.js';
import { read_data_sets } from '../../../src/examples/tutorials/mnist/input_data.js';
import { buildForwardModel } from '../../../src/tutorial/model.js';
import { lossesWhileTraining, NO_ADAPTER, TOL } from './harness.js';

/** The article's model trained by Adam for `steps` steps on one backend: the loss before each step, then W, b and Adam's slots. */
async function train(backend: 'cpu' | 'webgpu', images: tf.NDArray, labels: tf.NDArray, steps: number) {
  const m = buildForwardModel(new tf.Graph());
  const { training, init, slots } = m.graph.as_default(() => {
    const opt = new tf.train.AdamOptimizer(0.01);
    const training = opt.minimize(m.cross_entropy);
    // The optimizer's slots and powers exist only now: the article's `init` came before them.
    return {
      training,
      init: tf.global_variables_initializer(),
      slots: [opt.get_slot(m.W, 'm')!, opt.get_slot(m.W, 'v')!, ...opt._get_beta_accumulators(m.graph)],
    };
  });
  const sess = new tf.Session({ graph: m.graph, backend });
  try {
    if ((await sess.backendName()) !== backend) throw new Error(NO_ADAPTER);
    await sess.run(init);
    const feeds = new Map([
      [m.x, images],
      [m.y_, labels],
    ]);
    const losses = await lossesWhileTraining(sess, m.cross_entropy, training, feeds, steps);
    const values = await sess.run([m.W.value(), m.b.value(), ...slots.map((v) => v.value())]);
    return { losses, values };
  } finally {
    sess.close();
  }
}

describe("the article's model trained by Adam", () => {
  it('reaches the same losses, weights and slots on WebGPU as on the CPU backend', async () => {
    const mnist = read_data_sets(undefined, { one_hot: true, log: null });
    const [images, labels] = mnist.train.slice(0, 500);
    const steps = 8;
    const cpu = await train('cpu', images, labels, steps);
    const gpu = await train('webgpu', images, labels, steps);
    gpu.losses.forEach((l, i) => expect(Math.abs(l - cpu.losses[i]!), `step ${i}`).toBeLessThanOrEqual(TOL * cpu.losses[i]!));
    // Adam moves each weight by at most about lr per step whatever the gradient's size: TOL · (|w| + lr · steps).
    cpu.values.forEach((c, k) => {
      const g = gpu.values[k]!;
      expect(g.shape).toEqual(c.shape);
      let worst = 0;
      for (let i = 0; i < c.size; i++) worst = Math.max(worst, Math.abs(g.data[i]! - c.data[i]!) / (Math.abs(c.data[i]!) + 0.01 * steps));
      expect(worst, `value ${k}`).toBeLessThanOrEqual(TOL);
    });
    expect(cpu.values[4]!.item()).toBeCloseTo(0.9 ** (steps + 1), 6); // beta1_power advanced once per step
    expect(cpu.losses[steps - 1]!).toBeLessThan(cpu.losses[0]! * 0.6); // it did learn
  });
});
