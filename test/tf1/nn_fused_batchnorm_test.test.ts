// TF1 r1.12's tensorflow/python/ops/nn_fused_batchnorm_test.py, BatchNormalizationTest, ported: the CPU runs
// (use_gpu=False, NHWC) of float32 inputs; np.random.seed(1)'s random_sample is a seeded stream. The references are
// the test's own formulas (_batch_norm: x·inv + (offset − mean·inv), inv = rsqrt(var + ε)·scale; _training_ref's
// moments over [0, 1, 2]) in doubles. float16 and the GPU-only methods are in NOT_PORTED.md.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { denseGradients } from '../helpers/dense_gradients.js';
import { assertAllClose, gradientError, inSession } from './helpers.js';
import { Rng } from './np.js';

function randomSample(rng: Rng, shape: readonly number[]): tf.NDArray {
  const a = tf.NDArray.zeros(shape, 'float32');
  for (let i = 0; i < a.size; i++) a.data[i] = rng.uniform();
  return a;
}

/** `_batch_norm` along the last axis, in doubles. */
function batchNorm(x: tf.NDArray, mean: ArrayLike<number>, variance: ArrayLike<number>, offset: tf.NDArray, scale: tf.NDArray, epsilon: number): tf.NDArray {
  const C = scale.size;
  const y = tf.NDArray.zeros(x.shape, 'float64');
  for (let i = 0; i < x.size; i++) {
    const c = i % C;
    const inv = (1 / Math.sqrt(variance[c]! + epsilon)) * scale.data[c]!;
    y.data[i] = x.data[i]! * inv + (offset.data[c]! - mean[c]! * inv);
  }
  return y;
}

/** nn_impl.moments over every axis but the last: the mean and the population variance. */
function moments(x: tf.NDArray): [number[], number[]] {
  const C = x.shape[3]!;
  const n = x.size / C;
  const mean = Array<number>(C).fill(0);
  const variance = Array<number>(C).fill(0);
  for (let i = 0; i < x.size; i++) mean[i % C]! += x.data[i]!;
  for (let c = 0; c < C; c++) mean[c]! /= n;
  for (let i = 0; i < x.size; i++) variance[i % C]! += (x.data[i]! - mean[i % C]!) ** 2;
  for (let c = 0; c < C; c++) variance[c]! /= n;
  return [mean, variance];
}

async function testInference(xShape: number[], scaleShape: number[]): Promise<void> {
  const rng = new Rng(1);
  const [xVal, scaleVal, offsetVal, meanVal, varVal] = [xShape, scaleShape, scaleShape, scaleShape, scaleShape].map((s) => randomSample(rng, s));
  const epsilon = 0.001;
  await inSession(async (g, sess) => {
    const [y] = g.as_default(() =>
      tf.nn.fused_batch_norm(tf.constant(xVal!, { name: 'x' }), tf.constant(scaleVal!, { name: 'scale' }), tf.constant(offsetVal!, { name: 'offset' }), {
        mean: tf.constant(meanVal!, { name: 'mean' }),
        variance: tf.constant(varVal!, { name: 'variance' }),
        epsilon,
        data_format: 'NHWC',
        is_training: false,
      }),
    );
    const yVal = (await sess.run(y)) as tf.NDArray;
    const yRef = batchNorm(xVal!, meanVal!.data, varVal!.data, offsetVal!, scaleVal!, Math.fround(epsilon));
    assertAllClose(yRef, yVal, { atol: 1e-3 });
  });
}

async function testTraining(xShape: number[], scaleShape: number[]): Promise<void> {
  const rng = new Rng(1);
  const [xVal, scaleVal, offsetVal] = [xShape, scaleShape, scaleShape].map((s) => randomSample(rng, s));
  const epsilon = 0.001;
  await inSession(async (g, sess) => {
    const outs = g.as_default(() =>
      tf.nn.fused_batch_norm(tf.constant(xVal!, { name: 'x' }), tf.constant(scaleVal!, { name: 'scale' }), tf.constant(offsetVal!, { name: 'offset' }), {
        epsilon,
        data_format: 'NHWC',
        is_training: true,
      }),
    );
    const [yVal, meanVal, varVal] = (await sess.run(outs)) as tf.NDArray[];
    const [meanRef, varRef] = moments(xVal!);
    const yRef = batchNorm(xVal!, meanRef, varRef, offsetVal!, scaleVal!, Math.fround(epsilon));
    assertAllClose(yRef, yVal!, { atol: 1e-3 });
    assertAllClose(meanRef, meanVal!, { atol: 1e-3 });
    // Bessel's correction: tf.nn.moments divides by n, fused_batch_norm's batch variance by n - 1.
    const sampleSize = xVal!.size / scaleVal!.size;
    assertAllClose(
      varRef.map((v) => (v * sampleSize) / Math.max(sampleSize - 1, 1)),
      varVal!,
      { atol: 1e-3 },
    );
  });
}

async function testGradient(xShape: number[], scaleShape: number[], isTraining: boolean): Promise<void> {
  const rng = new Rng(1);
  const [xVal, scaleVal, offsetVal] = [xShape, scaleShape, scaleShape].map((s) => randomSample(rng, s));
  const [popMean, popVar] = isTraining ? [null, null] : [randomSample(rng, scaleShape), randomSample(rng, scaleShape)];
  await inSession(async (g, sess) => {
    const { x, scale, offset, y } = g.as_default(() => {
      const [x, scale, offset] = [tf.constant(xVal!, { name: 'x' }), tf.constant(scaleVal!, { name: 'scale' }), tf.constant(offsetVal!, { name: 'offset' })];
      const [y] = tf.nn.fused_batch_norm(x, scale, offset, { mean: popMean, variance: popVar, data_format: 'NHWC', is_training: isTraining });
      return { x, scale, offset, y };
    });
    const errX = await gradientError(sess, x, xShape, y, xShape);
    const errScale = await gradientError(sess, scale, scaleShape, y, xShape);
    const errOffset = await gradientError(sess, offset, scaleShape, y, xShape);
    expect(errX).toBeLessThan(1e-3);
    expect(errScale).toBeLessThan(1e-3);
    expect(errOffset).toBeLessThan(1e-3);
  });
}

/** `_test_grad_grad` (CPU, NHWC, float32): the second derivatives through FusedBatchNormGrad's gradient. */
async function testGradGrad(xShape: number[], scaleShape: number[], isTraining: boolean, errTolerance: number): Promise<void> {
  const rng = new Rng(1);
  const [xVal, gradYVal, scaleVal, offsetVal] = [xShape, xShape, scaleShape, scaleShape].map((s) => randomSample(rng, s));
  const [popMean, popVar] = isTraining ? [null, null] : [randomSample(rng, scaleShape), randomSample(rng, scaleShape)];
  await inSession(async (g, sess) => {
    const t = g.as_default(() => {
      const x = tf.constant(xVal!, { name: 'x' });
      const gradY = tf.constant(gradYVal!, { name: 'grad_y' });
      const scale = tf.constant(scaleVal!, { name: 'scale' });
      const offset = tf.constant(offsetVal!, { name: 'offset' });
      const [y] = tf.nn.fused_batch_norm(x, scale, offset, { mean: popMean, variance: popVar, data_format: 'NHWC', is_training: isTraining });
      const [gradX, gradScale, gradOffset] = denseGradients(y, [x, scale, offset], gradY);
      return { x, gradY, scale, gradX: gradX!, gradScale: gradScale!, gradOffset: gradOffset! };
    });
    const errs = [
      await gradientError(sess, t.gradY, xShape, t.gradX, xShape),
      await gradientError(sess, t.gradY, xShape, t.gradScale, scaleShape),
      await gradientError(sess, t.gradY, xShape, t.gradOffset, scaleShape),
      // In freeze mode, grad_x is not a function of x.
      ...(isTraining ? [await gradientError(sess, t.x, xShape, t.gradX, xShape)] : []),
      await gradientError(sess, t.x, xShape, t.gradScale, scaleShape),
      await gradientError(sess, t.scale, scaleShape, t.gradX, xShape),
    ];
    for (const e of errs) expect(e).toBeLessThan(errTolerance);
  });
}

describe('BatchNormalizationTest', () => {
  it('testInferenceShape1', () => testInference([1, 1, 6, 1], [1]));
  it('testInferenceShape2', () => testInference([1, 1, 6, 2], [2]));
  it('testInferenceShape4', () => testInference([27, 131, 127, 6], [6]), 60_000);
  it('testInferenceShape5', () => testInference([0, 131, 127, 6], [6]));
  it('testTrainingShape1', () => testTraining([1, 1, 6, 1], [1]));
  it('testTrainingShape2', () => testTraining([1, 1, 6, 2], [2]));
  it('testTrainingShape4', () => testTraining([27, 131, 127, 6], [6]), 60_000);
  it('testTrainingShape5', () => testTraining([0, 131, 127, 6], [6]));
  it('testBatchNormGradShape1', async () => {
    for (const isTraining of [true, false]) await testGradient([1, 1, 6, 1], [1], isTraining);
  });
  it('testBatchNormGradShape2', async () => {
    for (const isTraining of [true, false]) await testGradient([1, 1, 6, 2], [2], isTraining);
  });
  it('testBatchNormGradShape4', async () => {
    for (const isTraining of [true, false]) await testGradient([5, 7, 11, 4], [4], isTraining);
  }, 300_000);
  it('testBatchNormGradShape5', async () => {
    for (const isTraining of [true, false]) await testGradient([0, 7, 11, 4], [4], isTraining);
  });
  it('testBatchNormGradGradConfig1', async () => {
    for (const isTraining of [true, false]) await testGradGrad([2, 3, 4, 5], [5], isTraining, 1e-2);
  }, 120_000);
  it('testBatchNormGradGradConfig2', async () => {
    for (const isTraining of [true, false]) await testGradGrad([2, 3, 2, 2], [2], isTraining, 1e-3);
  }, 120_000);
});
