// TF1's tensorflow/python/kernel_tests/xent_op_test.py, ported (float16 cases and the benchmarks are in
// NOT_PORTED.md). Read from microsoft/tensorflow-directml (TF 1.15, whose python tests are nearly 1.12's; the
// r1.12 file is not in the index). gen_nn_ops.softmax_cross_entropy_with_logits, the raw op, is built with
// Graph.create_op; TF1's use_gpu runs are CPU runs here.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { denseGradients } from '../helpers/dense_gradients.js';
import type { DType } from '../../src/framework/dtypes.js';
import { assertAllClose, assertAllEqual, np, session } from './helpers.js';
import { xentAlong } from '../helpers/softmax_reference.js';

/** XentTest._npXent: the loss and backprop of `features` against `labels` along `dim`, in double precision (TF1's log(p + 1e-20)). */
function npXent(features: tf.NDArray, labels: tf.NDArray, dim = -1): [tf.NDArray, tf.NDArray] {
  const d = dim < 0 ? dim + features.shape.length : dim;
  const { loss, backprop } = xentAlong(features, labels, dim, 1e-20);
  return [
    new tf.NDArray(
      loss,
      features.shape.filter((_, i) => i !== d),
      'float64',
    ),
    new tf.NDArray(backprop, features.shape, 'float64'),
  ];
}

/** gen_nn_ops.softmax_cross_entropy_with_logits(features, labels): the raw op's [loss, backprop]. */
function rawXent(g: tf.Graph, features: tf.NDArray | tf.Tensor, labels: tf.NDArray | tf.Tensor): [tf.Tensor, tf.Tensor] {
  return g.as_default(() => {
    const f = tf.convert_to_tensor(features);
    const l = tf.convert_to_tensor(labels);
    const op = g.create_op('SoftmaxCrossEntropyWithLogits', [f, l], {}, 'SoftmaxCrossEntropyWithLogits');
    return [op.outputs[0]!, op.outputs[1]!];
  });
}

/** XentTest._testXent: the raw op's loss and backprop against NumPy's, fed through placeholders or as constants. */
async function testXent(npFeatures: tf.NDArray, npLabels: tf.NDArray, withPlaceholders = false): Promise<void> {
  const [npLoss, npBackprop] = npXent(npFeatures, npLabels);
  const { g, sess } = session();
  let out: tf.NDArray[];
  if (withPlaceholders) {
    const [fp, lp] = g.as_default(() => [tf.placeholder(npFeatures.dtype), tf.placeholder(npLabels.dtype)]);
    out = await sess.run(
      rawXent(g, fp!, lp!),
      new Map([
        [lp!, npLabels],
        [fp!, npFeatures],
      ]),
    );
  } else {
    out = await sess.run(rawXent(g, npFeatures, npLabels));
  }
  assertAllClose(out[0]!, npLoss);
  assertAllClose(out[1]!, npBackprop);
}

/** XentTest._testXentWrapper: the public v1 wrapper along `dim` against NumPy's loss. */
async function testXentWrapper(npFeatures: tf.NDArray, npLabels: tf.NDArray, dim = -1): Promise<void> {
  const [npLoss] = npXent(npFeatures, npLabels, dim);
  const { g, sess } = session();
  const loss = g.as_default(() => tf.nn.softmax_cross_entropy_with_logits({ labels: npLabels, logits: npFeatures, dim }));
  assertAllClose(npLoss, await sess.run(loss));
}

/** XentTest._testAll: TF1 runs it on the CPU and the GPU; both are the CPU backend here. */
async function testAll(features: tf.NDArray, labels: tf.NDArray, withPlaceholders = false): Promise<void> {
  await testXent(features, labels, withPlaceholders);
}

const FEATURES = [
  [1, 1, 1, 1],
  [1, 2, 3, 4],
];
const LABELS = [
  [0, 0, 0, 1],
  [0, 0.5, 0.5, 0],
];
const L12 = [0.0, 0.0, 1.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.5, 0.0, 0.5];
const F12 = [0.1, 0.2, 0.3, 0.4, 0.1, 0.4, 0.9, 1.6, 0.1, 0.8, 2.7, 6.4];

/** The op types in `g` under `scope/` (TF1's tests look for BatchMatMul; tf1-ts's second-order term has a Softmax op). */
const opTypesUnder = (g: tf.Graph, scope: string): string[] =>
  g
    .get_operations()
    .filter((o) => o.name.startsWith(`${scope}/`))
    .map((o) => o.type);

describe('XentTest', () => {
  it('testSingleClass', async () => {
    // float16: NOT_PORTED.md. TF1 runs it with and without the GPU.
    const { g, sess } = session();
    const [loss, backprop] = rawXent(g, np([[1], [-1], [0]], 'float32'), np([[-1], [0], [1]], 'float32'));
    const [tfLoss, tfBackprop] = await sess.run([loss, backprop]);
    assertAllClose([0.0, 0.0, 0.0], tfLoss!);
    assertAllClose([[2.0], [1.0], [0.0]], tfBackprop!);
  });

  it('testRankTooLarge', () => {
    // float16: NOT_PORTED.md.
    const { g } = session();
    const npFeatures = np([[[1, 1, 1, 1]], [[1, 2, 3, 4]]], 'float32');
    const npLabels = np([[[0, 0, 0, 1]], [[0, 0.5, 0.5, 0]]], 'float32');
    expect(() => rawXent(g, npFeatures, npLabels)).toThrow(tf.errors.ValueError);
    expect(() => rawXent(g, npFeatures, npLabels)).toThrow(/rank 2, but is rank 3/);
  });

  it('testNpXent', () => {
    const [npLoss, npBackprop] = npXent(np(FEATURES), np(LABELS));
    assertAllClose(
      np([
        [0.25, 0.25, 0.25, -0.75],
        [0.0321, -0.4129, -0.2632, 0.6439],
      ]),
      npBackprop,
      { rtol: 1e-3, atol: 1e-3 },
    );
    assertAllClose(np([1.3862, 1.9401]), npLoss, { rtol: 1e-3, atol: 1e-3 });
  });

  it('testShapeBroadcast', async () => {
    const npF = np(
      [
        [1, 2, 3, 4],
        [1, 2, 3, 4],
      ],
      'float32',
    );
    const npL = np(
      [
        [0, 0, 0, 1],
        [0, 0.5, 0.5, 0],
      ],
      'float32',
    );
    const [npLoss, npBackprop] = npXent(npF, npL);
    // TF1 runs it with and without the GPU; both are the CPU backend here.
    const { g, sess } = session();
    const [loss, backprop] = rawXent(
      g,
      np([[1, 2, 3, 4]], 'float32'),
      np(
        [
          [0, 0, 0, 1],
          [0, 0.5, 0.5, 0],
        ],
        'float32',
      ),
    );
    const [tfLoss, tfBackprop] = await sess.run([loss, backprop]);
    assertAllClose(npLoss, tfLoss!);
    assertAllClose(npBackprop, tfBackprop!);
  });

  it('testShapeMismatch', () => {
    const { g } = session();
    expect(() =>
      rawXent(
        g,
        np(
          [
            [0, 1],
            [2, 3],
          ],
          'float32',
        ),
        np(
          [
            [0, 1, 0],
            [1, 0, 0],
          ],
          'float32',
        ),
      ),
    ).toThrow(tf.errors.ValueError);
  });

  it('testNotMatrix', () => {
    const { g } = session();
    expect(() => rawXent(g, np([0, 1, 2, 3], 'float32'), np([0, 1, 0, 1], 'float32'))).toThrow(tf.errors.ValueError);
  });

  for (const [name, dtype] of [
    ['testFloat', 'float32'],
    ['testDouble', 'float64'],
  ] as [string, DType][]) {
    it(name, () => testAll(np(FEATURES, dtype), np(LABELS, dtype)));
  }

  it('testGradient', async () => {
    const { g } = session();
    const { f, x } = g.as_default(() => {
      const l = tf.constant(L12, { shape: [3, 4], dtype: tf.float64, name: 'l' });
      const f = tf.constant(F12, { shape: [3, 4], dtype: tf.float64, name: 'f' });
      return { f, x: tf.nn.softmax_cross_entropy_with_logits({ labels: l, logits: f, name: 'xent' }) };
    });
    const err = await tf.test.compute_gradient_error(f, [3, 4], x, [3]);
    // No second derivative is computed when only the first is asked for (TF1 checks there is no BatchMatMul).
    expect(opTypesUnder(g, 'gradients')).not.toContain('Softmax');
    expect(err).toBeLessThan(5e-8);
  });

  it('testGradientLabelWithV2', async () => {
    const { g } = session();
    const { l, x } = g.as_default(() => {
      const l = tf.constant(L12, { shape: [3, 4], dtype: tf.float64, name: 'l' });
      const f = tf.constant(F12, { shape: [3, 4], dtype: tf.float64, name: 'f' });
      return { l, x: tf.nn.softmax_cross_entropy_with_logits_v2({ labels: l, logits: f, name: 'xent' }) };
    });
    expect(await tf.test.compute_gradient_error(l, [3, 4], x, [3])).toBeLessThan(5e-8);
  });

  it('testSecondGradient', async () => {
    const { g } = session();
    const { f, gradients } = g.as_default(() => {
      const l = tf.constant(
        L12.map((v) => v / 3),
        { shape: [12], dtype: tf.float64, name: 'l' },
      );
      const f = tf.constant(F12, { shape: [12], dtype: tf.float64, name: 'f' });
      const x = tf.nn.softmax_cross_entropy_with_logits({ labels: l, logits: f, name: 'xent' });
      const loss = tf.reduce_sum(x);
      return { f, gradients: denseGradients(loss, [f])[0]! };
    });
    const err = await tf.test.compute_gradient_error(f, [12], gradients, [12]);
    // The second derivative is computed (TF1 checks for its BatchMatMul; tf1-ts's term has a Softmax op).
    expect(opTypesUnder(g, 'gradients_1')).toContain('Softmax');
    expect(err).toBeLessThan(5e-8);
  });

  it('testWrapper', async () => {
    const features = np(
      [
        [
          [1, 1, 1, 1],
          [1, 2, 3, 4],
        ],
        [
          [2, 3, 4, 5],
          [6, 7, 8, 9],
        ],
        [
          [5, 4, 3, 2],
          [1, 2, 3, 4],
        ],
      ],
      'float32',
    );
    const labels = np(
      [
        [
          [0, 0, 0, 1],
          [0, 1, 0, 0],
        ],
        [
          [0, 0.5, 0.5, 0],
          [0.5, 0.5, 0, 0],
        ],
        [
          [0, 1, 0, 0],
          [0, 0, 1, 0],
        ],
      ],
      'float32',
    );
    // TF1 runs each with and without the GPU; both are the CPU backend here.
    for (const dim of [0, 1, -1]) await testXentWrapper(features, labels, dim);
  });

  it('testZeroDimension', async () => {
    const features = tf.NDArray.zeros([0, 2, 4], 'float32');
    const labels = tf.NDArray.zeros([0, 2, 4], 'float32');
    const [npLoss] = npXent(features, labels);
    const { g, sess } = session();
    const loss = g.as_default(() => tf.nn.softmax_cross_entropy_with_logits({ labels, logits: features }));
    assertAllEqual(npLoss, await sess.run(loss));
  });
});
