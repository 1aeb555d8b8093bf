// TF1's tensorflow/python/kernel_tests/bias_op_test.py (BiasAddTest), ported: one `it` per TF1 test method.
// float16 is not a tf1-ts dtype (NOT_PORTED.md); use_gpu runs are CPU-backend runs here.
// nn_ops.l2_loss(t) in _testGradient is written sum(t²) / 2 (the same value and gradient); its random points
// (x_init_value=None: np.random.random_sample) come from a seeded stream.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { denseGradients } from '../helpers/dense_gradients.js';
import { assertAllClose, evaluate, inGraph, np, thrown } from './helpers.js';
import { Rng, reshape } from './np.js';

type Format = 'NHWC' | 'NCHW';
const rng = new Rng(7);

/** `np.random.rand(*shape)` (or randn) of `dtype`. */
function random(shape: readonly number[], dtype: tf.DType, normal = false): tf.NDArray {
  const a = tf.NDArray.zeros(shape, dtype);
  for (let i = 0; i < a.size; i++) a.data[i] = normal ? rng.normal() : rng.uniform();
  return a;
}

/** `np.transpose(a, perm)`. */
function transpose(a: tf.NDArray, perm: readonly number[]): tf.NDArray {
  const shape = perm.map((p) => a.shape[p]!);
  const out = tf.NDArray.zeros(shape, a.dtype);
  const strides = a.shape.map((_, i) => a.shape.slice(i + 1).reduce((x, y) => x * y, 1));
  const idx = new Array<number>(shape.length).fill(0);
  for (let o = 0; o < out.size; o++) {
    let src = 0;
    for (let k = 0; k < shape.length; k++) src += idx[k]! * strides[perm[k]!]!;
    out.data[o] = a.data[src]!;
    for (let k = shape.length - 1; k >= 0 && ++idx[k]! === shape[k]!; k--) idx[k] = 0;
  }
  return out;
}

/** `_npBias`: inputs + bias along the last axis. */
function npBias(inputs: tf.NDArray, bias: tf.NDArray): tf.NDArray {
  expect(bias.shape.length).toBe(1);
  expect(inputs.shape[inputs.shape.length - 1]).toBe(bias.shape[0]);
  const out = tf.NDArray.zeros(inputs.shape, inputs.dtype);
  const C = bias.shape[0]!;
  for (let i = 0; i < out.size; i++) out.data[i] = inputs.data[i]! + bias.data[i % C]!;
  return out;
}

/** `_AtLeast3d`: leading ones up to rank 3. */
const atLeast3d = (a: tf.NDArray): tf.NDArray =>
  a.shape.length < 3 ? new tf.NDArray(a.data, [...new Array<number>(3 - a.shape.length).fill(1), ...a.shape], a.dtype) : a;

/** `_NHWCToNCHW`: the last axis moved to second. */
function nhwcToNchw(a: tf.NDArray): tf.NDArray {
  const v = atLeast3d(a);
  const n = v.shape.length;
  return transpose(v, [0, n - 1, ...Array.from({ length: n - 2 }, (_, i) => i + 1)]);
}

/** `_NCHWToNHWC`: the second axis moved to the end. */
function nchwToNhwc(a: tf.NDArray): tf.NDArray {
  const n = a.shape.length;
  return transpose(a, [0, ...Array.from({ length: n - 2 }, (_, i) => i + 2), 1]);
}

async function testBias(inputs: tf.NDArray, bias: tf.NDArray): Promise<void> {
  const expected = npBias(inputs, bias);
  assertAllClose(await evaluate(() => tf.nn.bias_add(inputs, bias)), expected);
}

async function testBiasNCHW(inputs: tf.NDArray, bias: tf.NDArray): Promise<void> {
  const expected = npBias(inputs, bias);
  const value = await evaluate(() => tf.nn.bias_add(nhwcToNchw(inputs), bias, { data_format: 'NCHW' }));
  assertAllClose(nchwToNhwc(value), atLeast3d(expected));
}

async function testAll(inputs: tf.NDArray, bias: tf.NDArray): Promise<void> {
  await testBias(inputs, bias);
  await testBiasNCHW(inputs, bias);
}

/** `_testGradient`: the Jacobians of BiasAdd by input and bias, and of BiasAddGrad (the bias's gradient of l2_loss) by BiasAdd's output. */
async function testGradient(npInputNHWC: tf.NDArray, biasValue: tf.NDArray, dtype: tf.DType, dataFormat: Format): Promise<void> {
  const npInput = dataFormat === 'NCHW' ? nhwcToNchw(npInputNHWC) : npInputNHWC;
  const g = new tf.Graph();
  const sess = new tf.Session({ graph: g, backend: 'cpu' });
  try {
    const [input, bias, output, biasAddGrad] = g.as_default(() => {
      const input = tf.constant(npInput, dtype, npInput.shape);
      const bias = tf.constant(biasValue, dtype, biasValue.shape);
      const output = tf.nn.bias_add(input, bias, { data_format: dataFormat });
      const l2Loss = tf.reduce_sum(tf.square(output)).div(tf.constant(2, dtype));
      return [input, bias, output, denseGradients(l2Loss, bias)[0]!];
    });
    const shape = [...npInput.shape];
    const biasShape = [...biasValue.shape];
    // TF1's x_init_value=None: np.random.random_sample(x_shape), drawn here from a seeded stream.
    const [tensorT, tensorN, biasT, biasN, gradT, gradN] = await sess.as_default(async () => [
      ...(await tf.test.compute_gradient(input, shape, output, shape, random(shape, dtype))),
      ...(await tf.test.compute_gradient(bias, biasShape, output, shape, random(biasShape, dtype))),
      ...(await tf.test.compute_gradient(output, shape, biasAddGrad, biasShape, random(shape, dtype))),
    ]);
    const threshold = dtype === 'float64' ? 1e-10 : 5e-3;
    assertAllClose(tensorT!, tensorN!, { rtol: threshold, atol: threshold });
    assertAllClose(biasT!, biasN!, { rtol: threshold, atol: threshold });
    assertAllClose(gradT!, gradN!, { rtol: threshold, atol: threshold });
  } finally {
    sess.close();
  }
}

const FLOATS: tf.DType[] = ['float32', 'float64'];
const arangeFrom1 = (n: number, shape: number[]): tf.NDArray =>
  reshape(
    np(
      Array.from({ length: n }, (_, i) => i + 1),
      'float32',
    ),
    shape,
  );

describe('BiasAddTest', () => {
  it('testNpBias', () => {
    assertAllClose(
      npBias(
        np([
          [10, 20, 30],
          [40, 50, 60],
        ]),
        np([1, 2, 3]),
      ),
      [
        [11, 22, 33],
        [41, 52, 63],
      ],
    );
  });

  it('testInputDims', () => {
    inGraph(() => expect(thrown(() => tf.nn.bias_add([1, 2], [1]))).toBeInstanceOf(tf.errors.ValueError));
  });

  it('testBiasVec', () => {
    inGraph(() => {
      const e = thrown(() => tf.nn.bias_add(tf.reshape([1, 2], [1, 2]), tf.reshape([1, 2], [1, 2])));
      expect(e).toBeInstanceOf(tf.errors.ValueError);
      expect(e.message).toBe("Shape must be rank 1 but is rank 2 for 'BiasAdd' (op: 'BiasAdd') with input shapes: [1,2], [1,2].");
    });
  });

  it('testBiasInputsMatch', () => {
    inGraph(() => {
      const e = thrown(() => tf.nn.bias_add(tf.reshape([1, 2], [1, 2]), tf.reshape([1], [1])));
      expect(e).toBeInstanceOf(tf.errors.ValueError);
      expect(e.message).toBe("Dimensions must be equal, but are 2 and 1 for 'BiasAdd' (op: 'BiasAdd') with input shapes: [1,2], [1].");
    });
  });

  it('testIntTypes', async () => {
    for (const t of ['int8', 'int16', 'int32', 'int64'] as const) {
      await testAll(
        np(
          [
            [10, 20, 30],
            [40, 50, 60],
          ],
          t,
        ),
        np([1, 2, 3], t),
      );
    }
  });

  it('testFloatTypes', async () => {
    for (const t of FLOATS) await testAll(random([4, 3, 3], t), random([3], t));
  });

  it('test4DFloatTypes', async () => {
    for (const t of FLOATS) {
      await testAll(random([4, 3, 2, 3], t), random([3], t));
      await testAll(random([2048, 4, 4, 4], t), random([4], t));
      await testAll(random([4, 4, 4, 2048], t), random([2048], t));
    }
  });

  it('test5DFloatTypes', async () => {
    for (const t of FLOATS) await testAll(random([4, 3, 2, 3, 4], t), random([4], t));
  });

  it('testGradientTensor2D', async () => {
    for (const dtype of FLOATS) {
      await testGradient(reshape(np([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], dtype), [3, 2]), np([1.3, 2.4], dtype), dtype, 'NHWC');
    }
  });

  it('testGradientTensor3D', async () => {
    for (const format of ['NHWC', 'NCHW'] as const) {
      for (const dtype of FLOATS) {
        await testGradient(reshape(np([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], dtype), [1, 3, 2]), np([1.3, 2.4], dtype), dtype, format);
      }
    }
  });

  it('testGradientTensor4D', async () => {
    for (const dtype of FLOATS) {
      const bias = np([1.3, 2.4], dtype);
      // r1.12's case also runs NCHW (its BiasAddGrad took NCHW for 4-D values first).
      for (const format of ['NHWC', 'NCHW'] as const) await testGradient(arangeFrom1(48, [2, 3, 4, 2]), bias, dtype, format);
      await testGradient(arangeFrom1(512, [64, 2, 2, 2]), bias, dtype, 'NHWC');
      await testGradient(arangeFrom1(512, [2, 2, 2, 64]), random([64], dtype), dtype, 'NHWC');
    }
  });

  it('testGradientTensor5D', async () => {
    for (const format of ['NHWC', 'NCHW'] as const) {
      for (const dtype of FLOATS) await testGradient(arangeFrom1(48, [1, 2, 3, 4, 2]), np([1.3, 2.4], dtype), dtype, format);
    }
  });

  it('testEmpty', async () => {
    for (const shape of [
      [0, 0],
      [2, 0],
      [0, 2],
      [4, 3, 0],
      [4, 0, 3],
      [0, 4, 3],
    ]) {
      await testAll(random(shape, 'float64', true), random([shape[shape.length - 1]!], 'float64', true));
    }
  });

  it('testEmptyGradient', async () => {
    for (const shape of [
      [0, 0],
      [2, 0],
      [0, 2],
    ]) {
      await testGradient(random(shape, 'float64', true), random([shape[shape.length - 1]!], 'float64', true), 'float64', 'NHWC');
    }
    for (const format of ['NHWC', 'NCHW'] as const) {
      for (const shape of [
        [4, 3, 0],
        [4, 0, 3],
        [0, 4, 3],
      ]) {
        await testGradient(random(shape, 'float64', true), random([shape[shape.length - 1]!], 'float64', true), 'float64', format);
      }
    }
  });
});
