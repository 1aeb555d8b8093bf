// TF1 r1.12's tensorflow/python/ops/nn_batchnorm_test.py: SufficientStatisticsTest, NormalizeMomentsTest,
// MomentsTest and WeightedMomentsTest (which reruns MomentsTest's methods through weighted_moments with a weight
// of 1, and adds weighted cases), ported for float32 and float64 (float16 is not a tf1-ts dtype); np.random is
// a seeded stream, TF1's float128 references float64 here. `with self.cached_session(use_gpu=...)` is a CPU session.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose, computeGradientError, inSession } from './helpers.js';
import { npMap, npSum } from './moments_helpers.js';
import { Rng } from './np.js';

const rng = new Rng(5);
const sample = (shape: readonly number[], draw: () => number, dtype: tf.DType = 'float32'): tf.NDArray => {
  const a = tf.NDArray.zeros(shape, dtype);
  for (let i = 0; i < a.size; i++) a.data[i] = draw();
  return a;
};
const uniform = (shape: readonly number[], dtype: tf.DType = 'float32') => sample(shape, () => rng.uniform(), dtype);
const normal = (shape: readonly number[]) => sample(shape, () => rng.normal());
/** TF1's assertAllCloseAccordingToType for float32 and float64: rtol = atol = 1e-6. */
const closeByType = (expected: tf.NDArray, actual: tf.NDArray) => assertAllClose(actual, expected, { rtol: 1e-6, atol: 1e-6 });

describe('SufficientStatisticsTest', () => {
  async function testSuffStats(xShape: number[], axes: number[], shift: number | null, keepDims: boolean, hasShape: boolean) {
    const x = uniform(xShape);
    const npM =
      shift === null
        ? npSum(x.data, xShape, axes, keepDims)
        : npSum(
            x.data.map((v) => v - shift),
            xShape,
            axes,
            keepDims,
          );
    const npV = npSum(
      x.data.map((v) => (v - (shift ?? 0)) ** 2),
      xShape,
      axes,
      keepDims,
    );
    const npC = axes.reduce((p, a) => p * xShape[a]!, 1);
    await inSession(async (g, sess) => {
      const { input, outs } = g.as_default(() => {
        const input = hasShape
          ? tf.constant(x, { name: 'x' })
          : tf.placeholder(
              tf.float32,
              xShape.map(() => null),
              'x',
            );
        return { input, outs: tf.nn.sufficient_statistics(input, axes, shift, keepDims) };
      });
      const [c, m, v, s] = outs;
      const fetches = shift !== null ? [c, m, v, s!] : [c, m, v];
      const got = await sess.run(fetches, hasShape ? undefined : new Map([[input, x]]));
      assertAllClose(got[0]!, npC, { atol: 0.000001 });
      assertAllClose(got[1]!, npM, { atol: 0.000001 });
      assertAllClose(got[2]!, npV, { atol: 0.000001 });
      if (shift !== null) assertAllClose(got[3]!, shift, { atol: 0.000001 });
      else expect(s).toBeNull();
    });
  }

  it('testSuffStats', async () => {
    for (const hasShape of [true, false]) {
      for (const keepDims of [true, false]) {
        for (const shift of [null, 1.0]) {
          await testSuffStats([2, 3], [1], shift, keepDims, hasShape);
          await testSuffStats([2, 3], [0], shift, keepDims, hasShape);
          await testSuffStats([1, 2, 3], [0, 2], shift, keepDims, hasShape);
        }
      }
    }
  });
});

describe('NormalizeMomentsTest', () => {
  async function testNormalizeMoments(shape: number[], shift: number | null) {
    const counts = tf.NDArray.zeros([1], 'float32');
    counts.data[0] = 1;
    const meanSs = uniform(shape);
    const varianceSs = npMap((v) => Math.fround(v * v), uniform(shape));
    const shiftV = shift ? uniform(shape) : null;
    // _npNormalizeMoments
    let npm = npMap((m) => m / 1, meanSs);
    const npv = npMap((v, m) => v / 1 - m * m, varianceSs, npm);
    if (shiftV) npm = npMap((m, s) => m + s, npm, shiftV);
    await inSession(async (g, sess) => {
      const [opm, opv] = g.as_default(() =>
        tf.nn.normalize_moments(
          tf.constant(counts, { name: 'counts' }),
          tf.constant(meanSs, { name: 'mean_ss' }),
          tf.constant(varianceSs, { dtype: tf.float32, name: 'variance_ss' }),
          shiftV ? tf.constant(shiftV, { name: 'shift' }) : null,
        ),
      );
      const [tfm, tfv] = await sess.run([opm, opv]);
      assertAllClose(tfm!, npm, { atol: 0.000001 });
      assertAllClose(tfv!, npv, { atol: 0.000001 });
    });
  }

  it('testNormalizeMoments', async () => {
    for (const shift of [null, 4.0]) {
      await testNormalizeMoments([3], shift);
      await testNormalizeMoments([2, 3], shift);
    }
  });
});

type Moments = (x: tf.Tensor, axes: number[], keepDims: boolean, extraOutGrads?: tf.Tensor[]) => [tf.Tensor, tf.Tensor];

/** np.sum(w·x)/np.sum(w) and the variance as E[x²] − E[x]², over `axes` (w all ones when absent). */
function expectedMoments(x: tf.NDArray, axes: number[], keepDims: boolean, w?: tf.NDArray) {
  const ws = w ? { data: w.data, shape: w.shape } : undefined;
  const weightSum = npSum(new Float64Array(x.size).fill(1), x.shape, axes, keepDims, ws);
  const mean = npMap((s, n) => s / n, npSum(x.data, x.shape, axes, keepDims, ws), weightSum);
  const xSquared = npMap(
    (s, n) => s / n,
    npSum(
      x.data.map((v) => v * v),
      x.shape,
      axes,
      keepDims,
      ws,
    ),
    weightSum,
  );
  return { mean, variance: npMap((sq, m) => sq - m * m, xSquared, mean) };
}

/** MomentsTest's methods over `moments` (tf.nn.moments, or WeightedMomentsTest's weighted_moments with weight 1); `extra` adds cases. */
function momentsTests(moments: Moments, extra?: (shape: number[], axes: number[], keepDims: boolean, dynshapes: boolean) => Promise<void>) {
  async function runMomentTest(shape: number[], axes: number[], keepDims: boolean, dynshapes: boolean) {
    const x = normal(shape);
    const { mean, variance } = expectedMoments(x, axes, keepDims);
    await inSession(async (g, sess) => {
      const { input, outs } = g.as_default(() => {
        const input = dynshapes
          ? tf.placeholder(
              tf.float32,
              shape.map(() => null),
            )
          : tf.cast(tf.constant(x), tf.float32);
        return { input, outs: moments(input, axes, keepDims) };
      });
      const [m, v] = await sess.run(outs, dynshapes ? new Map([[input, x]]) : undefined);
      closeByType(mean, m!);
      closeByType(variance, v!);
    });
    await extra?.(shape, axes, keepDims, dynshapes);
  }
  const both = async (axes: number[]) => {
    for (const keepDims of [false, true]) {
      await runMomentTest([2, 3, 5, 4], axes, keepDims, false);
      await runMomentTest([2, 3, 5, 4], axes, keepDims, true);
    }
  };
  it('testBasic', () => both([0]));
  it('testGlobalNormalization', () => both([0, 1, 2]));
  it('testAxes', () => both([1, 2, 3]));

  async function testGlobalGradient(fromY: 'mean' | 'var') {
    const xShape = [3, 5, 4, 2];
    const xVal = uniform(xShape, 'float64');
    for (let i = 0; ; i++) {
      let count = 0;
      let input: tf.Tensor | undefined;
      const err = await computeGradientError(
        () => {
          const x = tf.constant(xVal);
          const inputs = [x];
          const [outMean, outVar] = moments(x, [0, 1, 2], false, inputs);
          count = inputs.length;
          input = inputs[i];
          return { x: input!, y: fromY === 'mean' ? outMean : outVar };
        },
        i === 0 ? xShape : [],
        [2],
      );
      expect(input).toBeDefined();
      expect(err).toBeLessThan(1e-11);
      if (i + 1 >= count) break;
    }
  }
  it('testMeanGlobalGradient', () => testGlobalGradient('mean'));
  it('testVarGlobalGradient', () => testGlobalGradient('var'));
}

describe('MomentsTest', () => {
  momentsTests((x, axes, keepDims) => tf.nn.moments(x, axes, { keep_dims: keepDims }));
});

describe('WeightedMomentsTest', () => {
  async function runWeightedMomentTest(shape: number[], weightsShape: number[], axes: number[], keepDims: boolean, dynshapes = false) {
    const x = normal(shape);
    // weights must be positive
    const w = sample(weightsShape, () => Math.abs(rng.normal() + 1.0));
    const { mean, variance } = expectedMoments(x, axes, keepDims, w);
    await inSession(async (g, sess) => {
      const { xs, ws, outs } = g.as_default(() => {
        const xs = tf.placeholder(tf.float32, dynshapes ? shape.map(() => null) : shape);
        const ws = tf.placeholder(tf.float32, dynshapes ? weightsShape.map(() => null) : weightsShape);
        return { xs, ws, outs: tf.nn.weighted_moments(xs, axes, ws, { keep_dims: keepDims }) };
      });
      const [m, v] = await sess.run(
        outs,
        new Map([
          [xs, x],
          [ws, w],
        ]),
      );
      closeByType(mean, m!);
      closeByType(variance, v!);
    });
  }

  momentsTests(
    (x, axes, keepDims, extraOutGrads) => {
      const weights = tf.constant(1, x.dtype);
      extraOutGrads?.push(weights);
      return tf.nn.weighted_moments(x, axes, weights, { keep_dims: keepDims });
    },
    async (shape, axes, keepDims, dynshapes) => {
      // 1:1 weights and inputs
      await runWeightedMomentTest(shape, shape, axes, keepDims);
      // Various broadcasting combinations
      for (let idx = 0; idx < shape.length; idx++) {
        // try broadcasting weights in all positions
        const weightShape = shape.map((d, i) => (i === idx ? d : 1));
        await runWeightedMomentTest(shape, weightShape, axes, keepDims);
        // Also try broadcasting with a suffix of length n
        await runWeightedMomentTest(shape, shape.slice(-(idx + 1)), axes, keepDims, dynshapes);
      }
    },
  );
});
