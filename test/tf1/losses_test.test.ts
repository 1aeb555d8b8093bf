// TF1's tensorflow/python/kernel_tests/losses_test.py (r1.12), ported in part (see NOT_PORTED.md). Python floats
// are float32 constants (tf.constant of JS numbers is int32, as tf.constant(2) is in TF1).
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { session, thrown } from './helpers.js';

/** TF1's assertAlmostEqual(a, b, places): round(a - b, places) == 0. */
function almostEqual(a: number, b: number, places = 3): void {
  expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThan(0.5 * 10 ** -places);
}

const f32 = (v: number | number[] | number[][] | number[][][], shape?: number[]): tf.Tensor =>
  tf.constant(v, { dtype: tf.float32, ...(shape ? { shape } : {}) });

/** Builds in a fresh graph and evaluates the scalar result on the CPU. */
async function scalar(build: () => tf.Tensor, feeds?: (t: tf.Tensor) => Map<tf.Tensor, tf.NDArray>): Promise<number> {
  const { g, sess } = session();
  const t = g.as_default(build);
  return (await sess.run(t, feeds?.(t))).data[0]!;
}

describe('AbsoluteDifferenceLossTest', () => {
  const predictions = (): tf.Tensor => f32([4, 8, 12, 8, 1, 3], [2, 3]);
  const labels = (): tf.Tensor => f32([1, 9, 2, -5, -2, 6], [2, 3]);

  it('testValueErrorThrownWhenWeightIsNone', () => {
    const { g } = session();
    expect(() => g.as_default(() => tf.losses.absolute_difference(predictions(), predictions(), { weights: null }))).toThrow(tf.errors.ValueError);
  });
  it('testAllCorrectNoLossWeight', async () => almostEqual(0.0, await scalar(() => tf.losses.absolute_difference(predictions(), predictions()))));
  it('testNonZeroLoss', async () => almostEqual(5.5, await scalar(() => tf.losses.absolute_difference(labels(), predictions()))));
  it('testNonZeroLossWithPythonScalarWeight', async () =>
    almostEqual(5.5 * 2.3, await scalar(() => tf.losses.absolute_difference(labels(), predictions(), 2.3))));
  it('testNonZeroLossWithScalarTensorWeight', async () =>
    almostEqual(5.5 * 2.3, await scalar(() => tf.losses.absolute_difference(labels(), predictions(), f32(2.3)))));
  it('testNonZeroLossWithOneDimBatchSpecificWeights', async () =>
    almostEqual(5.6, await scalar(() => tf.losses.absolute_difference(labels(), predictions(), f32([1.2, 0.0], [2, 1])))));
  it('testNonZeroLossWithTwoDimBatchSpecificWeights', async () =>
    almostEqual(5.6, await scalar(() => tf.losses.absolute_difference(labels(), predictions(), f32([1.2, 0.0], [2, 1])))));
  it('testNonZeroLossWithSampleSpecificWeights', async () =>
    almostEqual(16.6, await scalar(() => tf.losses.absolute_difference(labels(), predictions(), tf.constant([3, 6, 5, 0, 4, 2], { shape: [2, 3] })))));
  it('testNonZeroLossWithSampleSpecificWeightsMostZero', async () =>
    almostEqual(6.0, await scalar(() => tf.losses.absolute_difference(labels(), predictions(), tf.constant([0, 0, 0, 0, 0, 2], { shape: [2, 3] })))));
  it('testLossWithSampleSpecificWeightsAllZero', async () =>
    almostEqual(0.0, await scalar(() => tf.losses.absolute_difference(labels(), predictions(), tf.zeros([2, 3])))));
});

const LOGITS = [
  [10, 0, 0],
  [0, 10, 0],
  [0, 0, 10],
];
const WRONG = [
  [0, 0, 1],
  [1, 0, 0],
  [0, 1, 0],
];
const EYE = [
  [1, 0, 0],
  [0, 1, 0],
  [0, 0, 1],
];
const BIG = [
  [100, -100, -100],
  [-100, 100, -100],
  [-100, -100, 100],
];

describe('SoftmaxCrossEntropyLossTest', () => {
  const sce =
    (labels: number[][], w?: tf.TensorLike | null, logits = LOGITS) =>
    () =>
      w === undefined
        ? tf.losses.softmax_cross_entropy(tf.constant(labels), f32(logits))
        : tf.losses.softmax_cross_entropy(tf.constant(labels), f32(logits), w);

  it('testNoneWeightRaisesValueError', () => {
    const { g } = session();
    expect(() => g.as_default(sce(EYE, null))).toThrow(tf.errors.ValueError);
  });
  it('testAllCorrect', async () => {
    const { g, sess } = session();
    const loss = g.as_default(sce(EYE));
    expect(loss.op.name).toBe('softmax_cross_entropy_loss/value');
    almostEqual((await sess.run(loss)).data[0]!, 0.0);
  });
  it('testAllWrong', async () => {
    const { g, sess } = session();
    const loss = g.as_default(sce(WRONG));
    expect(loss.op.name).toBe('softmax_cross_entropy_loss/value');
    almostEqual((await sess.run(loss)).data[0]!, 10.0);
  });
  it('testNonZeroLossWithPythonScalarWeight', async () => almostEqual(2.3 * 10.0, await scalar(sce(WRONG, 2.3))));
  it('testNonZeroLossWithScalarTensorWeight', async () => almostEqual(2.3 * 10.0, await scalar(() => sce(WRONG, f32(2.3))())));
  it('testNonZeroLossWithOneDimBatchSpecificWeights', async () =>
    almostEqual(((1.2 + 3.4 + 5.6) * 10.0) / 3.0, await scalar(() => sce(WRONG, f32([1.2, 3.4, 5.6]))())));
  it('testAllWrongAllWeightsMissing', async () => almostEqual(0.0, await scalar(() => sce(WRONG, tf.constant([0, 0, 0], { shape: [3] }))())));
  it('testSomeWeightsMissing', async () => almostEqual(12.0, await scalar(() => sce(WRONG, f32([1.2, 0, 0], [3]))())));
  it('testSoftmaxWithMeasurementSpecificWeightsRaisesException', () => {
    const { g } = session();
    const w = [
      [3, 4, 5],
      [2, 6, 0],
      [8, 0, 1],
    ];
    expect(() => g.as_default(() => sce(EYE, tf.constant(w), BIG)())).toThrow(/weights can not be broadcast to values/);
  });
  it('testSoftmaxLabelSmoothing', async () => {
    const { g, sess } = session();
    const loss = g.as_default(() => tf.losses.softmax_cross_entropy(tf.constant([[1, 0, 0]]), f32([[100, -100, -100]]), { label_smoothing: 0.1 }));
    expect(loss.op.name).toBe('softmax_cross_entropy_loss/value');
    almostEqual((await sess.run(loss)).data[0]!, (400.0 * 0.1) / 3.0);
  });
});

describe('SparseSoftmaxCrossEntropyLossTest', () => {
  const ssce =
    (labels: tf.TensorLike, w?: tf.TensorLike | null, logits = LOGITS) =>
    () =>
      w === undefined ? tf.losses.sparse_softmax_cross_entropy(labels, f32(logits)) : tf.losses.sparse_softmax_cross_entropy(labels, f32(logits), w);
  const col = (v: number[], dtype: tf.DType = 'int32'): tf.Tensor =>
    tf.constant(
      v.map((x) => [x]),
      { dtype },
    );
  const named = async (build: () => tf.Tensor, expected: number): Promise<void> => {
    const { g, sess } = session();
    const loss = g.as_default(build);
    expect(loss.op.name).toBe('sparse_softmax_cross_entropy_loss/value');
    almostEqual((await sess.run(loss)).data[0]!, expected);
  };

  it('testNoneWeightRaisesValueError', () => {
    const { g } = session();
    expect(() => g.as_default(() => ssce(col([0, 1, 2]), null)())).toThrow(tf.errors.ValueError);
  });
  it('testAllCorrectInt32Labels', () => named(() => ssce(col([0, 1, 2]))(), 0.0));
  it('testAllCorrectInt64Labels', () => named(() => ssce(col([0, 1, 2], 'int64'))(), 0.0));
  it('testAllCorrectNonColumnLabels', () => named(() => ssce(tf.constant([0, 1, 2]))(), 0.0));
  it('testAllWrongInt32Labels', () => named(() => ssce(col([2, 0, 1]))(), 10.0));
  it('testAllWrongInt64Labels', () => named(() => ssce(col([2, 0, 1], 'int64'))(), 10.0));
  it('testAllWrongNonColumnLabels', () => named(() => ssce(tf.constant([2, 0, 1]))(), 10.0));
  it('testNonZeroLossWithPythonScalarWeight', async () => almostEqual(2.3 * 10.0, await scalar(() => ssce(col([2, 0, 1]), 2.3)())));
  it('testNonZeroLossWithScalarTensorWeight', async () => almostEqual(2.3 * 10.0, await scalar(() => ssce(col([2, 0, 1]), f32(2.3))())));
  it('testNonZeroLossWith1DTensorWeight', async () => almostEqual(2.3 * 10.0, await scalar(() => ssce(col([2, 0, 1]), f32([2.3]))())));
  it('testNonZeroLossWithOneDimBatchSpecificWeights', async () =>
    almostEqual(((1.2 + 3.4 + 5.6) * 10.0) / 3.0, await scalar(() => ssce(col([2, 0, 1]), f32([1.2, 3.4, 5.6], [3, 1]))())));
  it('testNonZeroLossWithColumnWeights', async () =>
    almostEqual(((1.2 + 3.4 + 5.6) * 10.0) / 3.0, await scalar(() => ssce(col([2, 0, 1]), f32([[1.2], [3.4], [5.6]]))())));
  it('testAllWrongAllWeightsMissing', async () => almostEqual(0.0, await scalar(() => ssce(col([2, 0, 1]), tf.constant([0, 0, 0], { shape: [3, 1] }))())));
  it('testSomeWeightsMissing', async () => almostEqual(12.0, await scalar(() => ssce(col([2, 0, 1]), f32([1.2, 0, 0], [3, 1]))())));
  it('testMeasurementSpecificWeightsRaisesException', () => {
    const { g } = session();
    const w = [
      [3, 4, 5],
      [2, 6, 0],
      [8, 0, 1],
    ];
    expect(() => g.as_default(() => ssce(col([0, 1, 2]), tf.constant(w), BIG)())).toThrow(/weights can not be broadcast to values/);
  });
  it('testInconsistentWeightSizeRaisesException', () => {
    const { g } = session();
    expect(() => g.as_default(() => ssce(col([0, 1, 2]), f32([1.2, 3.4, 5.6, 7.8]), BIG)())).toThrow(tf.errors.ValueError);
  });
  it('testInconsistentLabelSizeRaisesException', () => {
    const { g } = session();
    expect(() => g.as_default(() => ssce(col([0, 1, 2, 3]), f32([1.2, 3.4, 5.6]), BIG)())).toThrow(tf.errors.ValueError);
  });
  const BIG4 = [
    [100, -100, -100, -100],
    [-100, 100, -100, -100],
    [-100, -100, 100, -100],
    [-100, -100, -100, 100],
  ];
  it('testInconsistentWeightShapeRaisesException', () => {
    const { g } = session();
    const w = f32([
      [1.2, 3.4],
      [5.6, 7.8],
    ]);
    expect(() => g.as_default(() => ssce(col([0, 1, 2, 3]), w, BIG4)())).toThrow(tf.errors.ValueError);
  });
  it('testInconsistentLabelShapeRaisesException', () => {
    const { g } = session();
    const labels = [
      [0, 1],
      [2, 3],
    ];
    const err = thrown(() => g.as_default(() => ssce(tf.constant(labels), f32(1.2), BIG4)()));
    expect(err).toBeInstanceOf(tf.errors.ValueError);
    expect(err.message).toMatch(/dimension/);
  });
});

describe('LogLossTest', () => {
  const P = [0.9, 0.2, 0.2, 0.8, 0.4, 0.6];
  const L = [1.0, 0.0, 1.0, 1.0, 0.0, 0.0];
  const expectedLosses = P.map((p, i) => L[i]! * Math.log(p + 1e-7) + (1 - L[i]!) * Math.log(1 - p + 1e-7));
  const sum = (v: number[]): number => v.reduce((a, b) => a + b, 0);
  const predictions = (): tf.Tensor => tf.constant(P, { shape: [2, 3], dtype: tf.float64 });
  const labels = (): tf.Tensor => tf.constant(L, { shape: [2, 3], dtype: tf.float64 });
  const weighted = (w: number[]): number[] => expectedLosses.map((v, i) => v * w[i]!);

  it('testValueErrorThrownWhenWeightIsNone', () => {
    const { g } = session();
    expect(() => g.as_default(() => tf.losses.log_loss(labels(), labels(), { weights: null }))).toThrow(tf.errors.ValueError);
  });
  it('testAllCorrectNoLossWeight', async () => almostEqual(0.0, await scalar(() => tf.losses.log_loss(labels(), labels()))));
  it('testNonZeroLoss', async () => almostEqual(-sum(expectedLosses) / 6.0, await scalar(() => tf.losses.log_loss(labels(), predictions()))));
  it('testNonZeroLossWithPythonScalarWeight', async () =>
    almostEqual((2.3 * -sum(expectedLosses)) / 6.0, await scalar(() => tf.losses.log_loss(labels(), predictions(), 2.3))));
  it('testNonZeroLossWithScalarTensorWeight', async () =>
    almostEqual((2.3 * -sum(expectedLosses)) / 6.0, await scalar(() => tf.losses.log_loss(labels(), predictions(), f32(2.3)))));
  it('testNonZeroLossWithScalarTensorWeightAndPlaceholderWithRankOnly', async () => {
    const { g, sess } = session();
    const [ph, loss] = g.as_default(() => {
      const ph = tf.placeholder(tf.float32, [null, null]);
      return [ph, tf.losses.log_loss(labels(), ph, f32(2.3))];
    });
    const v = await sess.run(loss!, new Map([[ph!, new tf.NDArray(Float32Array.from(P), [2, 3], 'float32')]]));
    almostEqual((2.3 * -sum(expectedLosses)) / 6.0, v.data[0]!);
  });
  it('testNonZeroLossWithOneDimBatchSpecificWeights', async () =>
    almostEqual(
      -sum(weighted([1.2, 1.2, 1.2, 3.4, 3.4, 3.4])) / 6.0,
      await scalar(() => tf.losses.log_loss(labels(), predictions(), f32([1.2, 3.4], [2, 1]))),
    ));
  it('testNonZeroLossWithOneDimBatchSpecificWeightsSomeZero', async () =>
    almostEqual(-sum(weighted([1.2, 1.2, 1.2, 0, 0, 0])) / 3.0, await scalar(() => tf.losses.log_loss(labels(), predictions(), f32([1.2, 0], [2, 1])))));
  it('testWeightsWithSameNumDimsButWrongShapeThrowsException', () => {
    const { g } = session();
    expect(() => g.as_default(() => tf.losses.log_loss(labels(), predictions(), tf.ones([2, 4])))).toThrow(tf.errors.ValueError);
  });
  it('testNonZeroLossWithMeasurementSpecificWeights', async () =>
    almostEqual(
      -sum(weighted([3, 6, 5, 0, 4, 2])) / 5.0,
      await scalar(() => tf.losses.log_loss(labels(), predictions(), tf.constant([3, 6, 5, 0, 4, 2], { shape: [2, 3] }))),
    ));
  it('testNonZeroLossWithSampleSpecificWeightsMostZero', async () =>
    almostEqual(
      -sum(weighted([0, 0, 0, 0, 0, 2])),
      await scalar(() => tf.losses.log_loss(labels(), predictions(), tf.constant([0, 0, 0, 0, 0, 2], { shape: [2, 3] }))),
    ));
  it('testLossWithSampleSpecificWeightsAllZero', async () =>
    almostEqual(0.0, await scalar(() => tf.losses.log_loss(labels(), predictions(), tf.zeros([2, 3])))));
});

describe('HingeLossTest', () => {
  it('testIncompatibleShapes', () => {
    const { g } = session();
    expect(() => g.as_default(() => tf.losses.hinge_loss(f32([0.0, 1.0]), f32([[-1.0], [2.1]])))).toThrow(tf.errors.ValueError);
  });
  it('testAllOutsideMargin', async () =>
    expect(Math.abs(await scalar(() => tf.losses.hinge_loss(f32([1.0, 0.0, 0.0, 1.0]), f32([1.2, -1.4, -1.0, 2.1]))))).toBeLessThanOrEqual(1e-3));
  it('testSomeInsideMargin', async () => {
    const v = await scalar(() => tf.losses.hinge_loss(f32([[0.0], [0.0], [1.0], [1.0]]), f32([[-0.7], [-1.4], [1.4], [0.6]])));
    expect(Math.abs(v - 0.175)).toBeLessThanOrEqual(1e-3 + 1e-6 * 0.175);
  });
  it('testSomeMisclassified', async () => {
    const v = await scalar(() => tf.losses.hinge_loss(f32([[[1.0], [0.0], [0.0], [1.0]]]), f32([[[1.2], [0.4], [-1.0], [-1.1]]])));
    expect(Math.abs(v - 0.875)).toBeLessThanOrEqual(1e-3 + 1e-6 * 0.875);
  });
});

describe('MeanSquaredErrorTest', () => {
  const predictions = (): tf.Tensor => tf.constant([4, 8, 12, 8, 1, 3], { shape: [2, 3] });
  const labels = (): tf.Tensor => tf.constant([1, 9, 2, -5, -2, 6], { shape: [2, 3] });

  it('testValueErrorThrownWhenWeightIsNone', () => {
    const { g } = session();
    expect(() => g.as_default(() => tf.losses.mean_squared_error(predictions(), predictions(), { weights: null }))).toThrow(tf.errors.ValueError);
  });
  it('testScalar', async () => expect(await scalar(() => tf.losses.mean_squared_error({ predictions: tf.constant(0), labels: tf.constant(0) }))).toBe(0.0));
  it('testAllCorrectNoLossWeight', async () => almostEqual(0.0, await scalar(() => tf.losses.mean_squared_error(predictions(), predictions()))));
  it('testNonZeroLoss', async () => almostEqual(49.5, await scalar(() => tf.losses.mean_squared_error(labels(), predictions()))));
  it('testNonZeroLossWithPythonScalarWeight', async () =>
    almostEqual(49.5 * 2.3, await scalar(() => tf.losses.mean_squared_error(labels(), predictions(), 2.3))));
  it('testNonZeroLossWithScalarTensorWeight', async () =>
    almostEqual(49.5 * 2.3, await scalar(() => tf.losses.mean_squared_error(labels(), predictions(), f32(2.3)))));
  it('testNonZeroLossWithOneDimBatchSpecificWeights', async () =>
    almostEqual(767.8 / 6.0, await scalar(() => tf.losses.mean_squared_error(labels(), predictions(), f32([1.2, 3.4], [2, 1])))));
  it('testNonZeroLossWithTwoDimBatchSpecificWeights', async () =>
    almostEqual(767.8 / 6.0, await scalar(() => tf.losses.mean_squared_error(labels(), predictions(), f32([1.2, 3.4], [2, 1])))));
  it('testNonZeroLossWithSampleSpecificWeights', async () =>
    almostEqual(587 / 5.0, await scalar(() => tf.losses.mean_squared_error(labels(), predictions(), tf.constant([3, 6, 5, 0, 4, 2], { shape: [2, 3] })))));
  it('testNonZeroLossWithSampleSpecificWeightsMostZero', async () =>
    almostEqual(18.0, await scalar(() => tf.losses.mean_squared_error(labels(), predictions(), tf.constant([0, 0, 0, 0, 0, 2], { shape: [2, 3] })))));
  it('testLossWithSampleSpecificWeightsAllZero', async () =>
    almostEqual(0.0, await scalar(() => tf.losses.mean_squared_error(labels(), predictions(), tf.zeros([2, 3])))));
  it("builds r1.12's SquaredDifference(predictions, labels) under mean_squared_error/", () => {
    const { g } = session();
    g.as_default(() => tf.losses.mean_squared_error(labels(), predictions()));
    const sd = g.get_operations().filter((op) => op.type === 'SquaredDifference');
    expect(sd.map((op) => op.name)).toEqual(['mean_squared_error/SquaredDifference']);
    expect(sd[0]!.inputs.map((t) => t.op.name)).toEqual(['mean_squared_error/ToFloat', 'mean_squared_error/ToFloat_1']); // predictions, then labels
  });
});

describe("tf.losses' collections (losses/util.py)", () => {
  it('adds each loss to LOSSES, none with loss_collection=None; get_total_loss sums them with the regularization losses', async () => {
    const { g, sess } = session();
    const [total, reg, none] = g.as_default(() => {
      const logits = f32([[1.2, 0.4, -1.0, -1.1]]);
      const labels = f32([[1.0, 0.0, 0.0, 1.0]]);
      expect(tf.losses.get_losses()).toEqual([]);
      tf.losses.absolute_difference(logits, labels, { loss_collection: null });
      expect(tf.losses.get_losses()).toEqual([]);
      const a = tf.losses.absolute_difference(logits, labels);
      const m = tf.losses.mean_squared_error(logits, labels, { scope: 'mse' });
      expect(tf.losses.get_losses()).toEqual([a, m]);
      expect(tf.losses.get_losses({ scope: 'mse' })).toEqual([m]);
      const none = tf.losses.get_regularization_loss();
      tf.add_to_collection('regularization_losses', f32(0.5));
      const reg = tf.losses.get_regularization_loss();
      expect(reg.name).toBe('total_regularization_loss:0');
      const total = tf.losses.get_total_loss();
      expect(total.name).toBe('total_loss:0');
      expect(total.op.type).toBe('AddN');
      return [total, reg, none];
    });
    const [t, r, n] = await sess.run([total!, reg!, none!]);
    almostEqual(t!.data[0]!, (0.2 + 0.4 + 1.0 + 2.1) / 4 + (0.04 + 0.16 + 1.0 + 4.41) / 4 + 0.5, 5);
    expect(r!.data[0]).toBe(0.5);
    expect(n!.data[0]).toBe(0);
  });
});

describe('Reduction (compute_weighted_loss)', () => {
  const raw = Array.from({ length: 24 }, (_, i) => i);
  const reduce = (reduction: string, weights: tf.TensorLike) => () =>
    tf.losses.compute_weighted_loss(tf.constant(raw, { shape: [3, 2, 4], dtype: tf.float32 }), weights, { reduction });
  const w = (): tf.Tensor => f32([0, 1, 2], [3, 1, 1]);
  it('NONE keeps the weighted losses; SUM, MEAN, SUM_OVER_BATCH_SIZE and SUM_BY_NONZERO_WEIGHTS reduce them', async () => {
    const sumW = raw.reduce((s, v, i) => s + v * Math.floor(i / 8), 0);
    const { g, sess } = session();
    const t = g.as_default(() => [
      reduce(tf.losses.Reduction.NONE, w())(),
      reduce(tf.losses.Reduction.SUM, w())(),
      reduce(tf.losses.Reduction.MEAN, w())(),
      reduce(tf.losses.Reduction.SUM_OVER_BATCH_SIZE, w())(),
      reduce(tf.losses.Reduction.SUM_BY_NONZERO_WEIGHTS, w())(),
    ]);
    const [none, sum, mean, batch, nonzero] = await sess.run(t);
    expect(none!.shape).toEqual([3, 2, 4]);
    almostEqual(sum!.data[0]!, sumW);
    almostEqual(mean!.data[0]!, sumW / 24);
    almostEqual(batch!.data[0]!, sumW / 24);
    almostEqual(nonzero!.data[0]!, sumW / 16);
  });
  it('refuses an unknown key', () => {
    const { g } = session();
    expect(() => g.as_default(reduce('mean', 1.0))).toThrow('Invalid Reduction Key mean.');
  });
});

describe('SigmoidCrossEntropyLossTest', () => {
  const named = async (build: () => tf.Tensor, expected: number): Promise<void> => {
    const { g, sess } = session();
    const loss = g.as_default(build);
    expect(loss.op.name).toBe('sigmoid_cross_entropy_loss/value');
    almostEqual((await sess.run(loss)).data[0]!, expected);
  };
  it('testAllCorrectSigmoid', () => named(() => tf.losses.sigmoid_cross_entropy(tf.constant(EYE), f32(BIG)), 0.0));
  for (const [name, C] of [
    ['testLossWithSingleDimPlaceholderForLogitsAndWeights1', 1],
    ['testLossWithSingleDimPlaceholderForLogitsAndWeights2', 2],
  ] as const) {
    it(name, async () => {
      const { g, sess } = session();
      const [logits, labels, loss] = g.as_default(() => {
        const logits = tf.placeholder(tf.float32, [null, C]);
        const labels = tf.placeholder(tf.float32, [null, C]);
        const weights = tf.ones_like(logits, { dtype: tf.float32 });
        return [logits, labels, tf.losses.sigmoid_cross_entropy(labels, logits, weights)];
      });
      const ones = tf.NDArray.zeros([32, C], 'float32');
      ones.data.fill(1);
      const v = await sess.run(
        loss!,
        new Map([
          [logits!, ones],
          [labels!, ones],
        ]),
      );
      almostEqual(0.313, v.data[0]!);
    });
  }
  it('testAllWrongSigmoid', () => named(() => tf.losses.sigmoid_cross_entropy(tf.constant(WRONG), f32(BIG)), 600.0 / 9.0));
  it('testAllWrongSigmoidWithMeasurementSpecificWeights', () =>
    named(
      () =>
        tf.losses.sigmoid_cross_entropy(
          tf.constant(WRONG),
          f32(BIG),
          tf.constant([
            [3, 4, 5],
            [2, 6, 0],
            [8, 0, 1],
          ]),
        ),
      1700.0 / 7.0,
    ));
  it('testMultiCorrectSigmoid', () =>
    named(
      () =>
        tf.losses.sigmoid_cross_entropy(
          tf.constant([
            [1, 0, 1],
            [1, 1, 0],
            [0, 1, 1],
          ]),
          f32([
            [100, -100, 100],
            [100, 100, -100],
            [-100, 100, 100],
          ]),
        ),
      0.0,
    ));
  it('testSigmoidLabelSmoothingCorrect', () =>
    named(() => tf.losses.sigmoid_cross_entropy(tf.constant([[1, 0, 1]]), f32([[100, -100, -100]]), { label_smoothing: 0.1 }), (100.0 + 50.0 * 0.1) / 3.0));
  it('testSigmoidLabelSmoothingEqualsSoftmaxTwoLabel', async () => {
    const { g, sess } = session();
    const [s, t] = g.as_default(() => [
      tf.losses.sigmoid_cross_entropy(tf.constant([[1, 0, 1]]), f32([[100, -100, -100]]), { label_smoothing: 0.1 }),
      tf.losses.softmax_cross_entropy(
        tf.constant([
          [0, 1],
          [1, 0],
          [0, 1],
        ]),
        f32([
          [0, 100],
          [100, 0],
          [100, 0],
        ]),
        { label_smoothing: 0.1 },
      ),
    ]);
    const [sv, tv] = await sess.run([s!, t!]);
    almostEqual(sv!.data[0]!, tv!.data[0]!);
  });
});

describe('AddLossTest', () => {
  it('testNoCollectLossesBatch2', () => {
    const { g } = session();
    g.as_default(() => {
      const logits = f32([
        [1.2, 0.4, -1.0, -1.1],
        [1.2, 0.4, -1.0, -1.1],
      ]);
      const labels = f32([
        [1.0, 0.0, 0.0, 1.0],
        [1.0, 0.0, 0.0, 1.0],
      ]);
      expect(tf.losses.get_losses()).toEqual([]);
      tf.losses.absolute_difference(logits, labels, { loss_collection: null });
      tf.losses.log_loss(logits, labels, { loss_collection: null });
      tf.losses.mean_squared_error(logits, labels, { loss_collection: null });
      tf.losses.sigmoid_cross_entropy(logits, labels, { loss_collection: null });
      tf.losses.softmax_cross_entropy(logits, labels, { loss_collection: null });
      expect(tf.losses.get_losses()).toEqual([]);
    });
  });
});

describe('huber_loss (r1.12: quadratic within delta, linear beyond)', () => {
  it('is ½x² for |x| <= delta and ½delta² + delta(|x| - delta) beyond, averaged', async () => {
    almostEqual((0.125 + 2.5) / 2, await scalar(() => tf.losses.huber_loss(f32([0, 0]), f32([0.5, -3]))), 6);
    almostEqual((0.125 + 0.5 * 4 + 2 * 1) / 2, await scalar(() => tf.losses.huber_loss(f32([0, 0]), f32([0.5, -3]), { delta: 2.0 })), 6);
  });
});
