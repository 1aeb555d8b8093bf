// tf.nn.nce_loss and tf.nn.sampled_softmax_loss beyond TF1's numerics tests: the graph r1.12's nn_impl.py builds
// (names, the default log-uniform sampler, stopped gradients), gradients through embedding_lookup to the used rows
// only, training that lowers the loss, and what a list of several weight partitions gets.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { inSession, thrown } from '../tf1/helpers.js';

const W = [
  [0.1, -0.2],
  [0.3, 0.4],
  [-0.5, 0.6],
  [0.7, -0.8],
  [0.2, 0.1],
  [-0.3, -0.1],
];
const X = [
  [1, 0],
  [0, 1],
];

describe('tf.nn.nce_loss and tf.nn.sampled_softmax_loss', () => {
  it("build under their name scopes with TF1's node names, sampling log-uniformly unless given samples", () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const loss = tf.nn.nce_loss(tf.constant(W, tf.float32), tf.zeros([6]), tf.constant([[1], [2]], tf.int64), tf.constant(X, tf.float32), 3, 6);
      expect(loss.name).toBe('Reshape:0'); // _sum_rows, outside the scope
      const sampler = g.get_operation_by_name('nce_loss/LogUniformCandidateSampler');
      expect(sampler.attrs).toMatchObject({ num_true: 1, num_sampled: 3, unique: true, range_max: 6 });
      expect(g.get_operation_by_name('sampled_losses').type).toBe('Add');
      expect(g.get_operation_by_name('nce_loss/embedding_lookup').type).toBe('GatherV2');
      expect(() => g.get_operation_by_name('nce_loss/ComputeAccidentalHits')).toThrow(); // remove_accidental_hits=False
      const s = tf.nn.sampled_softmax_loss(tf.constant(W, tf.float32), tf.zeros([6]), tf.constant([[1], [2]], tf.int64), tf.constant(X, tf.float32), 3, 6, {
        seed: 5,
      });
      expect(s.name.startsWith('softmax_cross_entropy_with_logits')).toBe(true);
      expect(g.get_operation_by_name('sampled_softmax_loss/LogUniformCandidateSampler').attrs).toMatchObject({ seed2: 5 });
      expect(g.get_operation_by_name('sampled_softmax_loss/ComputeAccidentalHits').type).toBe('ComputeAccidentalHits');
      expect(g.get_operation_by_name('labels_stop_gradient').type).toBe('StopGradient');
    });
  });

  it('sends gradients to the rows of the true and sampled classes only', async () => {
    await inSession(async (g, sess) => {
      const [grads] = g.as_default(() => {
        const w = tf.constant(W, tf.float32);
        const b = tf.zeros([6]);
        const loss = tf.nn.nce_loss(w, b, [[1], [2]], tf.constant(X, tf.float32), 2, 6, {
          sampled_values: [[0, 3], tf.constant([0.5, 0.5], tf.float32, [2, 1]), tf.constant([0.25, 0.25], tf.float32)],
        });
        const [gw, gb] = tf.gradients(tf.reduce_sum(loss), [w, b]);
        // As in TF1, the weights' and biases' gradients are IndexedSlices of the rows looked up (true and sampled).
        expect(gw).toBeInstanceOf(tf.IndexedSlices);
        expect(gb).toBeInstanceOf(tf.IndexedSlices);
        return [[tf.convert_to_tensor(gw!), tf.convert_to_tensor(gb!)]];
      });
      const [dw, db] = (await sess.run(grads! as tf.Tensor[])) as tf.NDArray[];
      const rowNorm = (r: number): number => Math.abs(dw!.data[2 * r]!) + Math.abs(dw!.data[2 * r + 1]!);
      for (const r of [0, 1, 2, 3]) expect(rowNorm(r)).toBeGreaterThan(0);
      for (const r of [4, 5]) expect(rowNorm(r)).toBe(0);
      expect(Array.from(db!.data).map((v) => v !== 0)).toEqual([true, true, true, true, false, false]);
    });
  });

  it('trains: gradient descent on nce_loss and sampled_softmax_loss lowers them (accidental hits removed)', async () => {
    for (const lossFn of [tf.nn.nce_loss, tf.nn.sampled_softmax_loss]) {
      await inSession(async (g, sess) => {
        const [loss, train] = g.as_default(() => {
          tf.set_random_seed(1);
          const w = tf.Variable(tf.constant(W, tf.float32));
          const b = tf.Variable(tf.zeros([6]));
          const l = tf.reduce_mean(lossFn(w, b, [[1], [2]], tf.constant(X, tf.float32), 4, 6, { remove_accidental_hits: true }));
          return [l, new tf.train.GradientDescentOptimizer(0.5).minimize(l)] as const;
        });
        await sess.run(g.as_default(() => tf.global_variables_initializer()));
        const mean = async (): Promise<number> => {
          let s = 0;
          for (let i = 0; i < 20; i++) s += (await sess.run(loss)).data[0]!;
          return s / 20;
        };
        const before = await mean();
        for (let i = 0; i < 100; i++) await sess.run(train);
        expect(await mean()).toBeLessThan(before * 0.7);
      });
    }
  });

  it('takes a list of one weight tensor; refuses several partitions (no DynamicPartition) with a clear error', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const w = tf.constant(W, tf.float32);
      expect(tf.nn.nce_loss([w], tf.zeros([6]), [[1], [2]], tf.constant(X, tf.float32), 2, 6).dtype).toBe('float32');
      const e = thrown(() => tf.nn.nce_loss([w, w], tf.zeros([6]), [[1], [2]], tf.constant(X, tf.float32), 2, 6));
      expect(e.message).toContain('DynamicPartition');
    });
  });
});
