// TF1 r1.12's tensorflow/python/ops/nn_batchnorm_test.py, BatchNormalizationTest.testBatchNorm's
// nn_impl.batch_normalization part (_tfBatchNormV2), ported; np.random is a seeded stream. The moments classes are
// in nn_batchnorm_test_moments.test.ts; the rest needs batch_norm_with_global_normalization (NOT_PORTED.md).
import { describe, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose, inSession } from './helpers.js';
import { Rng } from './np.js';

const rng = new Rng(3);

function randomSample(shape: readonly number[]): tf.NDArray {
  const a = tf.NDArray.zeros(shape, 'float32');
  for (let i = 0; i < a.size; i++) a.data[i] = rng.uniform();
  return a;
}

/** `_npBatchNorm`: (x - m) / sqrt(v + epsilon), times gamma, plus beta, along the last axis. */
function npBatchNorm(
  x: tf.NDArray,
  m: tf.NDArray,
  v: tf.NDArray,
  beta: tf.NDArray,
  gamma: tf.NDArray,
  epsilon: number,
  scale: boolean,
  shift: boolean,
): number[] {
  const C = m.size;
  return Array.from(x.data, (xv, i) => {
    const c = i % C;
    let y = (xv - m.data[c]!) / Math.sqrt(v.data[c]! + Math.fround(epsilon));
    if (scale) y *= gamma.data[c]!;
    return shift ? y + beta.data[c]! : y;
  });
}

describe('BatchNormalizationTest', () => {
  it('testBatchNorm', async () => {
    const xShape = [3, 5, 4, 2];
    const paramShape = [2];
    const [xVal, mVal, vVal, betaVal, gammaVal] = [
      randomSample(xShape),
      randomSample(paramShape),
      randomSample(paramShape),
      randomSample(paramShape),
      randomSample(paramShape),
    ];
    const epsilon = 0.001;
    await inSession(async (g, sess) => {
      for (const scaleAfterNormalization of [true, false]) {
        for (const shiftAfterNormalization of [true, false]) {
          const bn2 = g.as_default(() => {
            const [x, m, v, beta, gamma] = [
              tf.constant(xVal, { name: 'x' }),
              tf.constant(mVal, { name: 'm' }),
              tf.constant(vVal, { name: 'v' }),
              tf.constant(betaVal, { name: 'beta' }),
              tf.constant(gammaVal, { name: 'gamma' }),
            ];
            return tf.nn.batch_normalization(x, m, v, shiftAfterNormalization ? beta : null, scaleAfterNormalization ? gamma : null, epsilon);
          });
          const npBn = npBatchNorm(xVal, mVal, vVal, betaVal, gammaVal, epsilon, scaleAfterNormalization, shiftAfterNormalization);
          assertAllClose(Array.from((await sess.run(bn2)).data), npBn, { atol: 0.00001 });
        }
      }
    });
  });
});
