// TF1 r1.12's tensorflow/python/ops/nn_test.py, MomentsTest, ported: one `it` per TF1 test method, same shapes,
// mu/sigma/keep_dims loops and tolerances; np.random is a seeded stream. TF1's inputs are float64 values given
// to a float32 constant, the expected moments NumPy's of the float64 values.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose, computeGradientError, inSession } from './helpers.js';
import { npMap, npSum } from './moments_helpers.js';
import { Rng } from './np.js';

const rng = new Rng(12);

async function doOutputTest(inputShape: number[], momentsAxes: number[], tol = 1e-4, checkGradients = false): Promise<void> {
  const n = inputShape.reduce((p, d) => p * d, 1);
  const count = momentsAxes.reduce((p, a) => p * inputShape[a]!, 1);
  for (const mu of [0.0, 1.0, 1e3]) {
    for (const sigma of [1.0, 0.1]) {
      for (const keepDims of [true, false]) {
        const values = Float64Array.from({ length: n }, () => rng.uniform() * sigma + mu);
        const expectedMean = npMap((s) => s / count, npSum(values, inputShape, momentsAxes, keepDims));
        // np.var: the mean of squared deviations, computed from the deviations as NumPy does.
        const meanFull = npSum(values, inputShape, momentsAxes, true);
        const dev = tf.NDArray.zeros(inputShape, 'float64');
        const full = npMap((s) => s / count, meanFull);
        const meanAt = (i: number): number => {
          let rem = i;
          let o = 0;
          let stride = 1;
          for (let k = inputShape.length - 1; k >= 0; k--) {
            const c = rem % inputShape[k]!;
            rem = Math.floor(rem / inputShape[k]!);
            if (!momentsAxes.includes(k)) o += c * stride;
            stride *= momentsAxes.includes(k) ? 1 : inputShape[k]!;
          }
          return full.data[o]!;
        };
        for (let i = 0; i < n; i++) dev.data[i] = (values[i]! - meanAt(i)) ** 2;
        const expectedVar = npMap((s) => s / count, npSum(dev.data, inputShape, momentsAxes, keepDims));
        const build = () => {
          const inputs = tf.constant(values, { shape: inputShape, dtype: tf.float32 });
          const [mean, variance] = tf.nn.moments(inputs, momentsAxes, { keep_dims: keepDims });
          return { inputs, mean: mean!, variance: variance! };
        };
        if (checkGradients) {
          for (const which of ['mean', 'variance'] as const) {
            let yShape: number[] = [];
            const err = await computeGradientError(
              () => {
                const b = build();
                yShape = b[which].shape.as_list() as number[];
                return { x: b.inputs, y: b[which] };
              },
              inputShape,
              keepDims ? inputShape.map((d, i) => (momentsAxes.includes(i) ? 1 : d)) : inputShape.filter((_, i) => !momentsAxes.includes(i)),
            );
            expect(yShape.length).toBe(keepDims ? inputShape.length : inputShape.length - momentsAxes.length);
            expect(err).toBeLessThan(1e-3);
          }
        }
        const [mean, variance] = await inSession(async (g, sess) => {
          const b = g.as_default(build);
          return sess.run([b.mean, b.variance]);
        });
        // Make sure that there are no NaNs
        expect(Array.from(mean!.data).some(Number.isNaN)).toBe(false);
        expect(Array.from(variance!.data).some(Number.isNaN)).toBe(false);
        assertAllClose(mean!, expectedMean, { rtol: tol, atol: tol });
        assertAllClose(variance!, expectedVar, { rtol: tol, atol: tol });
      }
    }
  }
}

describe('MomentsTest', () => {
  it('testOutputAndGradient2DInput0', () => doOutputTest([10, 10], [0], 1e-4, true));
  it('testOutputAndGradient2DInput01', () => doOutputTest([10, 10], [0, 1], 1e-4, true));
  it('testOutput2DInput0', () => doOutputTest([10, 300], [0]));
  it('testOutput2DInput1', () => doOutputTest([10, 300], [1]));
  it('testOutput2DInput01', () => doOutputTest([10, 300], [0, 1]));
  it('testOutput4DInput0', () => doOutputTest([10, 10, 10, 30], [0]));
  it('testOutput4DInput1', () => doOutputTest([10, 10, 10, 30], [1]));
  it('testOutput4DInput3', () => doOutputTest([10, 10, 10, 30], [3]));
  it('testOutput4DInput012', () => doOutputTest([10, 10, 10, 30], [0, 1, 2]));
  it('testOutput4DInput123', () => doOutputTest([10, 10, 10, 30], [1, 2, 3]));
});

describe('moments, weighted_moments, sufficient_statistics and normalize_moments', () => {
  it('build the nodes as TF1 r1.12 names them', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.placeholder(tf.float32, [null, 3], 'x');
      const [mean, variance] = tf.nn.moments(x, [0]);
      expect([mean.op.name, variance.op.name]).toEqual(['moments/Squeeze', 'moments/Squeeze_1']);
      expect(g.get_operation_by_name('moments/SquaredDifference').inputs[1]!.op.name).toBe('moments/StopGradient');
      const [kept] = tf.nn.moments(x, [0], { keep_dims: true, name: 'm2' });
      expect(kept.op.name).toBe('m2/mean');
      const [wm, wv] = tf.nn.weighted_moments(x, [0], tf.placeholder(tf.float32, [3], 'w'));
      expect([wm.op.name, wv.op.name]).toEqual(['weighted_moments/Squeeze', 'weighted_moments/Squeeze_1']);
      expect(g.get_operation_by_name('weighted_moments/inv_weight_sum').type).toBe('Reciprocal');
      const [c, m, v, s] = tf.nn.sufficient_statistics(x, [0, 0], 1);
      expect([c.op.name, m.op.name, v.op.name, s!.op.name]).toEqual([
        'sufficient_statistics/count',
        'sufficient_statistics/mean_ss',
        'sufficient_statistics/var_ss',
        'sufficient_statistics/shift',
      ]);
      expect(s!.dtype).toBe('float32');
      const [known] = tf.nn.sufficient_statistics(tf.placeholder(tf.float32, [2, 3]), [1]);
      expect(known.op.type).toBe('Const');
      const [nm, nv] = tf.nn.normalize_moments(c, m, v, s);
      expect([nm.op.name, nv.op.name]).toEqual(['normalize/mean', 'normalize/variance']);
      const [nm2] = tf.nn.normalize_moments(c, m, v, null);
      expect(nm2.op.name).toBe('normalize_1/mean');
    });
  });
});
