// The examples of docs/gradient-checking.md, run as tests so that the document stays true.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { gradient_error, ndarray, reduction_axes, shape } from '../../src/testing/index.js';

describe('docs/gradient-checking.md', () => {
  it("checks a two-layer classifier's gradients with respect to all its variables", async () => {
    const g = new tf.Graph();
    await g.as_default(async () => {
      const x = tf.placeholder(tf.float64, [4, 3], 'x');
      const y_ = tf.placeholder(tf.float64, [4, 2], 'y_');
      const W1 = tf.Variable(tf.random_normal([3, 5], { dtype: tf.float64, seed: 1 }), { name: 'W1' });
      const b1 = tf.Variable(tf.zeros([5], tf.float64), { name: 'b1' });
      const W2 = tf.Variable(tf.random_normal([5, 2], { dtype: tf.float64, seed: 2 }), { name: 'W2' });
      const hidden = tf.nn.relu(tf.matmul(x, W1).add(b1));
      const loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits({ labels: y_, logits: tf.matmul(hidden, W2) }));

      const sess = new tf.Session({ backend: 'cpu' });
      await sess.run(tf.global_variables_initializer());
      const feeds = new Map([
        [
          x,
          [
            [0.1, 0.5, -0.3],
            [1.2, -0.7, 0.4],
            [-0.9, 0.2, 0.8],
            [0.3, 0.3, -1.1],
          ],
        ],
        [
          y_,
          [
            [1, 0],
            [0, 1],
            [0, 1],
            [1, 0],
          ],
        ],
      ]);
      const at = await sess.run([W1, b1, W2]);
      const err = await sess.as_default(() =>
        tf.test.compute_gradient_error([W1, b1, W2], [[3, 5], [5], [5, 2]], loss, [], {
          x_init_value: at,
          extra_feed_dict: feeds,
          delta: 1e-6,
        }),
      );
      expect(err).toBeLessThan(1e-8);
      sess.close();
    });
  });

  /** log(sum(exp(x))) over `axis`, computed stably by subtracting the maximum first. */
  function logsumexp(x: tf.Tensor, axis: number[]): tf.Tensor {
    const m = tf.reduce_max(x, { axis, keep_dims: true });
    return tf.log(tf.reduce_sum(tf.exp(x.sub(m)), { axis, keep_dims: true })).add(m);
  }

  test.prop([shape({ min_rank: 1 }).chain((s) => fc.tuple(ndarray(s), reduction_axes(s.length)))], { numRuns: 30 })(
    'logsumexp has the gradient that central differences measure',
    async ([x, axis]) => {
      expect(await gradient_error((t) => logsumexp(t, axis), [x], { delta: 1e-6 })).toBeLessThan(1e-6);
    },
  );
});
