// TF1's tensorflow/python/kernel_tests/sparse_xent_op_test.py (r1.12), ported (float16, the GPU's NaN rows and
// the benchmarks are in NOT_PORTED.md). gen_nn_ops.sparse_softmax_cross_entropy_with_logits, the raw op, is built
// with Graph.create_op; TF1's use_gpu runs are CPU runs here.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import type { DType } from '../../src/framework/dtypes.js';
import { assertAllClose, np, rejected, session, thrown } from './helpers.js';

/** SparseXentTest._npXent: features flattened to [-1, classes], labels to [-1]; the loss and backprop in double precision. */
function npXent(features: tf.NDArray, labels: tf.NDArray): [tf.NDArray, tf.NDArray] {
  const C = features.shape[features.shape.length - 1]!;
  const B = labels.size;
  const loss = new Float64Array(B);
  const back = new Float64Array(B * C);
  for (let b = 0; b < B; b++) {
    const row = Array.from(features.data.subarray(b * C, (b + 1) * C));
    const m = Math.max(...row);
    const e = row.map((v) => Math.exp(v - m));
    const s = e.reduce((x, y) => x + y, 0);
    const y = labels.data[b]!;
    for (let j = 0; j < C; j++) back[b * C + j] = e[j]! / s - (j === y ? 1 : 0);
    loss[b] = -Math.log(e[y]! / s + 1e-20);
  }
  return [new tf.NDArray(loss, [B], 'float64'), new tf.NDArray(back, [B, C], 'float64')];
}

/** gen_nn_ops.sparse_softmax_cross_entropy_with_logits(features, labels): the raw op's [loss, backprop]. */
function rawXent(g: tf.Graph, features: tf.NDArray, labels: tf.NDArray): [tf.Tensor, tf.Tensor] {
  return g.as_default(() => {
    const op = g.create_op('SparseSoftmaxCrossEntropyWithLogits', [tf.constant(features), tf.constant(labels)], {}, 'SparseSoftmaxCrossEntropyWithLogits');
    return [op.outputs[0]!, op.outputs[1]!];
  });
}

/** SparseXentTest._testXent: the raw op's loss and backprop against NumPy's. */
async function testXent(npFeatures: tf.NDArray, npLabels: tf.NDArray): Promise<void> {
  const [npLoss, npBackprop] = npXent(npFeatures, npLabels);
  const { g, sess } = session();
  const [tfLoss, tfBackprop] = await sess.run(rawXent(g, npFeatures, npLabels));
  assertAllClose(npLoss, tfLoss!);
  assertAllClose(npBackprop, tfBackprop!);
}

/** SparseXentTest._testHighDim: the public function on labels of rank > 1, its op's backprop output too. */
async function testHighDim(features: number[][][], labels: number[][]): Promise<void> {
  const [npLoss0, npBackprop] = npXent(np(features), np(labels, 'int32'));
  const npLoss = new tf.NDArray(npLoss0.data, [labels.length, labels[0]!.length], 'float64');
  const { g, sess } = session();
  const [loss, backprop] = g.as_default(() => {
    const loss = tf.nn.sparse_softmax_cross_entropy_with_logits({ labels, logits: features });
    return [loss, loss.op.inputs[0]!.op.outputs[1]!];
  });
  const [tfLoss, tfBackprop] = await sess.run([loss!, backprop!]);
  assertAllClose(npLoss, tfLoss!);
  assertAllClose(npBackprop, tfBackprop!);
}

const LABEL_DTYPES: DType[] = ['int32', 'int64'];
const FEATURES = [
  [1, 1, 1, 1],
  [1, 2, 3, 4],
];

describe('SparseXentTest', () => {
  it('testSingleClass', async () => {
    for (const labelDtype of LABEL_DTYPES) {
      const { g, sess } = session();
      const [tfLoss, tfBackprop] = await sess.run(rawXent(g, np([[1], [-1], [0]], 'float32'), np([0, 0, 0], labelDtype)));
      assertAllClose([0.0, 0.0, 0.0], tfLoss!);
      assertAllClose([[0.0], [0.0], [0.0]], tfBackprop!);
    }
  });

  it('testInvalidLabel', async () => {
    // TF1's GPU kernel writes NaN rows (NOT_PORTED.md); its CPU kernel, which both backends follow, refuses the labels.
    const features = np(
      [
        [1, 1, 1, 1],
        [1, 1, 1, 1],
        [1, 2, 3, 4],
        [1, 2, 3, 4],
      ],
      'float32',
    );
    const { g, sess } = session();
    const err = await rejected(sess.run(rawXent(g, features, np([4, 3, 0, -1], 'int32'))));
    expect(err).toBeInstanceOf(tf.errors.InvalidArgumentError);
    expect(err.message).toMatch(/Received a label value of/);
    expect(err.message).toContain('Received a label value of -1 which is outside the valid range of [0, 4).  Label values: 4 3 0 -1');
  });

  it('testNpXent', () => {
    const [npLoss, npBackprop] = npXent(np(FEATURES), np([3, 0], 'int32'));
    assertAllClose(
      np([
        [0.25, 0.25, 0.25, -0.75],
        [-0.968, 0.087, 0.237, 0.6439],
      ]),
      npBackprop,
      { rtol: 1e-3, atol: 1e-3 },
    );
    assertAllClose(np([1.3862, 3.442]), npLoss, { rtol: 1e-3, atol: 1e-3 });
  });

  it('testShapeMismatch', () => {
    const { g } = session();
    const err = thrown(() =>
      g.as_default(() =>
        tf.nn.sparse_softmax_cross_entropy_with_logits({
          labels: [[0, 2]],
          logits: [
            [0, 1],
            [2, 3],
            [2, 3],
          ],
        }),
      ),
    );
    expect(err).toBeInstanceOf(tf.errors.ValueError);
    expect(err.message).toMatch(/.*Rank mismatch:*/);
  });

  it('testScalar', () => {
    const { g } = session();
    const err = thrown(() =>
      g.as_default(() => tf.nn.sparse_softmax_cross_entropy_with_logits({ labels: tf.constant(0), logits: tf.constant(1.0, { dtype: tf.float32 }) })),
    );
    expect(err).toBeInstanceOf(tf.errors.ValueError);
    expect(err.message).toMatch(/.*Logits cannot be scalars*/);
  });

  it('testLabelsPlaceholderScalar', async () => {
    const { g, sess } = session();
    const { labels, y } = g.as_default(() => {
      const labels = tf.placeholder(tf.int32);
      return { labels, y: tf.nn.sparse_softmax_cross_entropy_with_logits({ labels, logits: [[7]] }) };
    });
    const err = await rejected(sess.run(y, new Map([[labels, np(0, 'int32')]])));
    // TF1's kernel says "labels must be 1-D"; tf1-ts checks fed shapes with the op's shape rule before any kernel runs.
    expect(err).toBeInstanceOf(tf.errors.InvalidArgumentError);
    expect(err.message).toMatch(/^Shape must be rank 1 but is rank 0 for 'SparseSoftmaxCrossEntropyWithLogits\/SparseSoftmaxCrossEntropyWithLogits'/);
  });

  it('testVector', async () => {
    const { g, sess } = session();
    const loss = g.as_default(() =>
      tf.nn.sparse_softmax_cross_entropy_with_logits({ labels: tf.constant(0), logits: tf.constant([1.0], { dtype: tf.float32 }) }),
    );
    assertAllClose(0.0, await sess.run(loss));
  });

  it('testFloat', async () => {
    for (const labelDtype of LABEL_DTYPES) await testXent(np(FEATURES, 'float32'), np([3, 0], labelDtype));
  });

  it('testDouble', async () => {
    for (const labelDtype of LABEL_DTYPES) await testXent(np(FEATURES, 'float64'), np([0, 3], labelDtype));
  });

  it('testEmpty', async () => {
    await testXent(tf.NDArray.zeros([0, 3], 'float64'), tf.NDArray.zeros([0], 'int32'));
  });

  it('testGradient', async () => {
    const { g } = session();
    const { f, x } = g.as_default(() => {
      const l = tf.constant([3, 0, 1], { name: 'l' });
      const f = tf.constant([0.1, 0.2, 0.3, 0.4, 0.1, 0.4, 0.9, 1.6, 0.1, 0.8, 2.7, 6.4], { shape: [3, 4], dtype: tf.float64, name: 'f' });
      return { f, x: tf.nn.sparse_softmax_cross_entropy_with_logits({ labels: l, logits: f, name: 'xent' }) };
    });
    const err = await tf.test.compute_gradient_error(f, [3, 4], x, [3]);
    expect(err).toBeLessThan(5e-8);
  });

  it('testHighDim', async () => {
    await testHighDim([[[1, 1, 1, 1]], [[1, 2, 3, 4]]], [[3], [0]]);
  });

  it('testHighDim2', async () => {
    await testHighDim(
      [
        [
          [1, 1, 1, 1],
          [2, 2, 2, 2],
        ],
        [
          [1, 2, 3, 4],
          [5, 6, 7, 8],
        ],
      ],
      [
        [3, 2],
        [0, 3],
      ],
    );
  });
});

describe("r1.12's _SparseSoftmaxCrossEntropyWithLogitsGrad (nn_grad.py)", () => {
  it('puts the backprop behind a PreventGradient, so a second derivative is a LookupError with its reason', () => {
    const { g } = session();
    g.as_default(() => {
      const f = tf.constant([0.3, 0.4, 0.1, 1.2, 0.1, 1.9], { shape: [2, 3], dtype: tf.float64, name: 'f' });
      const x = tf.nn.sparse_softmax_cross_entropy_with_logits({ labels: [2, 0], logits: f, name: 'xent' });
      const [grad] = tf.gradients(x, [f]);
      expect(grad!.name).toBe('gradients/xent/xent_grad/mul:0');
      expect(g.get_operation_by_name('gradients/xent/xent_grad/PreventGradient').type).toBe('PreventGradient');
      const err = thrown(() => tf.gradients(grad!, [f]));
      expect(err).toBeInstanceOf(tf.LookupError);
      expect(err.message).toBe(
        "Gradient explicitly disabled. Reason: Currently there is no way to take the second derivative of sparse_softmax_cross_entropy_with_logits due to the fused implementation's interaction with tf.gradients()",
      );
    });
  });
});
