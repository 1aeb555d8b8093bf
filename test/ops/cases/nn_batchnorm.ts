import fc from 'fast-check';
import * as tf from '../../../src/index.js';
import { ndarray } from '../../../src/testing/index.js';
import { known } from '../helpers/check.js';
import { gradientProperty, type OpCase } from '../helpers/op_case.js';

/** An NHWC shape and its channel count. */
const shape = fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }));

/**
 * FusedBatchNorm is float32 only: float64 inputs cast in and the output cast back, checked with float32's step and
 * tolerance; epsilon 0.1 keeps rsqrt(var + ε) bounded where a channel's values are nearly equal.
 */
const fused = (isTraining: boolean) =>
  gradientProperty(
    'FusedBatchNorm',
    `NHWC, is_training=${isTraining}, by x, scale and offset`,
    fc.tuple(
      shape.chain((s) => fc.tuple(ndarray(s), ndarray([s[3]]), ndarray([s[3]]), ndarray([s[3]]), ndarray([s[3]], { min: 0.2, max: 2 }))),
      known,
    ),
    ([[x, scale, offset, mean, variance], k]) => ({
      inputs: [x, scale, offset],
      build: (ts) => {
        const [xt, st, ot] = ts.map((t) => tf.cast(t, tf.float32));
        const stats = isTraining ? {} : { mean: tf.cast(tf.constant(mean), tf.float32), variance: tf.cast(tf.constant(variance), tf.float32) };
        const [y] = tf.nn.fused_batch_norm(xt!, st!, ot!, { ...stats, epsilon: 0.1, is_training: isTraining });
        return tf.cast(y, tf.float64);
      },
      known: k,
      delta: 1e-3,
      rtol: 2e-2,
    }),
    20,
  );

/** FusedBatchNormGrad (the gradient of a fused batch norm) by grad_y, x and scale: TF1's _FusedBatchNormGradGrad. */
const fusedGrad = (isTraining: boolean) =>
  gradientProperty(
    'FusedBatchNormGrad',
    `NHWC, is_training=${isTraining}, by grad_y, x and scale`,
    fc.tuple(
      shape.chain((s) => fc.tuple(ndarray(s), ndarray(s), ndarray([s[3]]), ndarray([s[3]]), ndarray([s[3]], { min: 0.2, max: 2 }))),
      known,
    ),
    ([[x, gy, scale, mean, variance], k]) => ({
      inputs: [gy, x, scale],
      build: (ts) => {
        const [gyt, xt, st] = ts.map((t) => tf.cast(t, tf.float32));
        const stats = isTraining ? {} : { mean: tf.cast(tf.constant(mean), tf.float32), variance: tf.cast(tf.constant(variance), tf.float32) };
        const offset = tf.zeros(tf.shape(st!));
        const [y] = tf.nn.fused_batch_norm(xt!, st!, offset, { ...stats, epsilon: 0.1, is_training: isTraining });
        const [gx, gs, go] = tf.gradients(y, [xt!, st!, offset], gyt!);
        return tf.cast(tf.add_n([tf.reduce_sum(tf.square(gx!)), tf.reduce_sum(tf.square(gs!)), tf.reduce_sum(go!)]), tf.float64);
      },
      known: k,
      delta: 1e-3,
      rtol: 2e-2,
    }),
    15,
  );

/** The gradient properties of FusedBatchNorm and FusedBatchNormGrad. */
export const cases: readonly OpCase[] = [fused(true), fused(false), fusedGrad(true), fusedGrad(false)];
