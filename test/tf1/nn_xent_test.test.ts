// TF1's tensorflow/python/ops/nn_xent_test.py (r1.12), ported (the float16 parts are in NOT_PORTED.md). TF1's
// use_gpu runs are CPU runs here.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { denseGradients } from '../helpers/dense_gradients.js';
import { assertAllClose, computeGradientError, session, thrown } from './helpers.js';

const X = [-100, -2, -2, 0, 2, 2, 2, 100];
const Y = [0, 0, 1, 0, 0, 1, 0.5, 1];

/** The tests' NumPy reference: the logistic loss of clipped sigmoid predictions, positives weighted by `q`. */
function reference(x: number[], y: number[], q = 1): number[] {
  const eps = 0.0001;
  return x.map((v, i) => {
    const p = Math.min(Math.max(1 / (1 + Math.exp(-v)), eps), 1 - eps);
    return -y[i]! * q * Math.log(p) - (1 - y[i]!) * Math.log(1 - p);
  });
}

/** _Inputs: logits and targets constants named as TF1's, of `sizes`, and the reference losses. */
function inputs(dtype: tf.DType = 'float64', sizes = [X.length]): { logits: tf.Tensor; targets: tf.Tensor } {
  return {
    logits: tf.constant(X, { shape: sizes, dtype, name: 'logits' }),
    targets: tf.constant(Y, { shape: sizes, dtype, name: 'targets' }),
  };
}

describe('SigmoidCrossEntropyWithLogitsTest', () => {
  const loss = (logits: tf.Tensor, targets: tf.Tensor, name?: string): tf.Tensor =>
    tf.nn.sigmoid_cross_entropy_with_logits({ labels: targets, logits, ...(name ? { name } : {}) });

  it('testConstructionNamed', () => {
    const { g } = session();
    const l = g.as_default(() => {
      const { logits, targets } = inputs();
      return loss(logits, targets, 'mylogistic');
    });
    expect(l.op.name).toBe('mylogistic');
  });

  for (const [name, sizes] of [
    ['testLogisticOutput', [8]],
    ['testLogisticOutputMultiDim', [2, 2, 2]],
  ] as const) {
    it(name, async () => {
      // float16: NOT_PORTED.md.
      const { g, sess } = session();
      const l = g.as_default(() => {
        const { logits, targets } = inputs('float32', [...sizes]);
        return loss(logits, targets);
      });
      assertAllClose(new tf.NDArray(Float64Array.from(reference(X, Y)), [...sizes], 'float64'), await sess.run(l), { atol: 0.001 });
    });
  }

  it('testGradient', async () => {
    const err = await computeGradientError(
      () => {
        const { logits, targets } = inputs('float64', [4, 2]);
        return { x: logits, y: loss(logits, targets) };
      },
      [4, 2],
      [4, 2],
    );
    expect(err).toBeLessThan(1e-7);
  });

  it('testGradientAtZero', async () => {
    const { g, sess } = session();
    const grad = g.as_default(() => {
      const logits = tf.constant([0.0, 0.0], { dtype: tf.float64 });
      const targets = tf.constant([0.0, 1.0], { dtype: tf.float64 });
      return denseGradients(loss(logits, targets), logits)[0]!;
    });
    assertAllClose(await sess.run(grad), [0.5, -0.5]);
  });

  it('testShapeError', () => {
    const { g } = session();
    const err = thrown(() => g.as_default(() => tf.nn.sigmoid_cross_entropy_with_logits({ labels: [1, 2, 3], logits: [[2, 1]] })));
    expect(err).toBeInstanceOf(tf.errors.ValueError);
    expect(err.message).toMatch(/must have the same shape/);
  });
});

describe('WeightedCrossEntropyTest', () => {
  const Q = 3.0;
  it('testConstructionNamed', () => {
    const { g } = session();
    const l = g.as_default(() => {
      const { logits, targets } = inputs();
      return tf.nn.weighted_cross_entropy_with_logits({ targets, logits, pos_weight: Q, name: 'mybce' });
    });
    expect(l.op.name).toBe('mybce');
  });

  for (const [name, sizes] of [
    ['testOutput', [8]],
    ['testOutputMultiDim', [2, 2, 2]],
  ] as const) {
    it(name, async () => {
      const { g, sess } = session();
      const l = g.as_default(() => {
        const { logits, targets } = inputs('float32', [...sizes]);
        return tf.nn.weighted_cross_entropy_with_logits(targets, logits, Q);
      });
      assertAllClose(new tf.NDArray(Float64Array.from(reference(X, Y, Q)), [...sizes], 'float64'), await sess.run(l), { atol: 0.001 });
    });
  }

  it('testGradient', async () => {
    const err = await computeGradientError(
      () => {
        const { logits, targets } = inputs('float64', [4, 2]);
        return { x: logits, y: tf.nn.weighted_cross_entropy_with_logits(targets, logits, Q) };
      },
      [4, 2],
      [4, 2],
    );
    expect(err).toBeLessThan(1e-7);
  });

  it('testShapeError', () => {
    const { g } = session();
    const err = thrown(() => g.as_default(() => tf.nn.weighted_cross_entropy_with_logits({ targets: [1, 2, 3], logits: [[2, 1]], pos_weight: 2.0 })));
    expect(err).toBeInstanceOf(tf.errors.ValueError);
    expect(err.message).toMatch(/must have the same shape/);
  });
});
