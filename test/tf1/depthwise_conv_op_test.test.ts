// TF1's tensorflow/python/kernel_tests/depthwise_conv_op_test.py (DepthwiseConv2DTest), ported: one `it` per TF1 test
// method. Without a GPU, TF1 runs its CPU kernels, NHWC only (the *Format methods return at once; NOT_PORTED.md).
// _VerifyValues compares depthwise_conv2d_native with nn_impl.depthwise_conv2d as TF1 does, and both with a plain
// reference (depthwise_reference.ts); the *Compare methods compare the CPU backprops with that reference where TF1
// compares them with its GPU kernels.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose, assertShapeEqual, evaluate, inSession, rand } from './helpers.js';
import { asDtype, backpropFilter, backpropInput, type Dw, forward, outSize } from './depthwise_reference.js';

type Config = [input: number[], filter: number[], out: number[], stride: number, padding: 'SAME' | 'VALID'];

/** ConfigsToTest(). */
const CONFIGS: Config[] = [
  [[4, 5, 5, 48], [1, 1, 48, 2], [4, 5, 5, 96], 1, 'SAME'],
  [[4, 8, 8, 84], [1, 3, 84, 1], [4, 8, 8, 84], 1, 'SAME'],
  [[4, 17, 17, 48], [3, 1, 48, 4], [4, 17, 17, 192], 1, 'SAME'],
  [[4, 9, 27, 8], [3, 3, 8, 1], [4, 9, 27, 8], 1, 'SAME'],
  [[4, 31, 31, 7], [3, 3, 7, 1], [4, 31, 31, 7], 1, 'SAME'],
  [[4, 35, 35, 2], [5, 5, 2, 1], [4, 35, 35, 2], 1, 'SAME'],
  [[4, 147, 147, 2], [3, 3, 2, 8], [4, 49, 49, 16], 3, 'VALID'],
  [[3, 299, 299, 3], [2, 2, 3, 8], [3, 150, 150, 24], 2, 'SAME'],
  [[5, 183, 183, 1], [5, 5, 1, 2], [5, 92, 92, 2], 2, 'SAME'],
];

/** CheckGradConfigsToTest(). */
const GRAD_CONFIGS: Config[] = [
  [[2, 5, 8, 1], [4, 4, 1, 2], [2, 5, 8, 2], 1, 'SAME'],
  [[4, 5, 5, 1], [2, 2, 1, 2], [4, 2, 2, 2], 2, 'VALID'],
  [[2, 4, 4, 2], [3, 1, 2, 2], [2, 4, 4, 4], 1, 'SAME'],
  [[1, 15, 15, 2], [1, 3, 2, 1], [1, 15, 15, 2], 1, 'SAME'],
  [[2, 15, 16, 1], [3, 3, 1, 2], [2, 5, 5, 2], 3, 'VALID'],
];

const DTYPES = ['float32', 'float64'] as const;
const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);
const dw = ([input, filter, , stride, padding]: Config): Dw => ({ input, filter, stride, padding });

/** `_VerifyValues`: native and interface agree (float32 1e-5, float64 1e-12), and both equal the reference. */
async function verifyValues(c: Config, dtype: (typeof DTYPES)[number]): Promise<void> {
  const [input, filter, , stride, padding] = c;
  const x1 = asDtype(
    Array.from({ length: size(input) }, (_, i) => (i + 1) / size(input)),
    input,
    dtype,
  );
  const x2 = asDtype(
    Array.from({ length: size(filter) }, (_, i) => (i + 1) / size(filter)),
    filter,
    dtype,
  );
  const tolerance = dtype === 'float32' ? 1e-5 : 1e-12;
  let native: tf.Tensor | undefined;
  let iface: tf.Tensor | undefined;
  const [n, i] = await evaluate(() => {
    const t1 = tf.constant(x1, { shape: input, dtype });
    const t2 = tf.constant(x2, { shape: filter, dtype });
    native = tf.nn.depthwise_conv2d_native(t1, t2, { strides: [1, stride, stride, 1], data_format: 'NHWC', padding });
    iface = tf.nn.depthwise_conv2d(t1, t2, { strides: [1, stride, stride, 1], padding });
    return [native, iface];
  });
  assertAllClose(n!, i!, { atol: tolerance, rtol: 0 });
  assertShapeEqual(n!, native!);
  assertShapeEqual(n!, iface!);
  expect(n!.shape).toEqual(c[2]);
  assertAllClose(n!.data, forward(dw(c), x1.data, x2.data), { atol: tolerance, rtol: 0 });
}

/** An NDArray of `dtype` holding `values` in `shape`. */
function at(values: readonly number[], shape: number[], dtype: tf.DType): tf.NDArray {
  const a = tf.NDArray.zeros(shape, dtype);
  a.data.set(values);
  return a;
}

/** `_ConstructAndTestGradient`: compute_gradient_error by the input or the filter (float32 8e-4, float64 1e-12). */
async function gradient(c: Config, dtype: (typeof DTYPES)[number], testInput: boolean): Promise<void> {
  const [inputShape, filterShape, outputShape, stride, padding] = c;
  const inputData = Array.from({ length: size(inputShape) }, (_, x) => x / size(inputShape));
  const filterData = Array.from({ length: size(filterShape) }, (_, x) => x / size(filterShape));
  const err = await inSession(async (g, sess) => {
    const [input, filter, conv] = g.as_default(() => {
      const i = tf.constant(inputData, { shape: inputShape, dtype, name: 'input' });
      const f = tf.constant(filterData, { shape: filterShape, dtype, name: 'filter' });
      return [i, f, tf.nn.depthwise_conv2d_native(i, f, [1, stride, stride, 1], padding, { data_format: 'NHWC', name: 'depthwise_conv2d' })];
    });
    expect(conv.shape.as_list()).toEqual(outputShape);
    // TF1 draws the point from NumPy, seeded per test (TestCase.setUp), so its float64 error is the same every run;
    // the unseeded draw here varied the roundoff around TF1's 1e-12 bound, so the point is the test's own values
    return sess.as_default(() =>
      testInput
        ? tf.test.compute_gradient_error(input, inputShape, conv, outputShape, {
            x_init_value: at(inputData, inputShape, dtype),
          })
        : tf.test.compute_gradient_error(filter, filterShape, conv, outputShape, {
            x_init_value: at(filterData, filterShape, dtype),
          }),
    );
  });
  expect(err, `${dtype} ${JSON.stringify(c)}`).toBeLessThan(dtype === 'float32' ? 8e-4 : 1e-12);
}

/** `_CompareBackpropInput{Float,Double}`: the CPU's backprop against the reference (rtol and atol 1e-4). */
async function compareBackpropInput(c: Config, dtype: (typeof DTYPES)[number]): Promise<void> {
  const [input, filter, out, stride, padding] = c;
  const x1 = rand(filter, dtype);
  const x2 = rand(out, dtype);
  let backprop: tf.Tensor | undefined;
  const ret = await evaluate(() => {
    const t0 = tf.constant(input, { shape: [input.length] });
    backprop = tf.nn.depthwise_conv2d_native_backprop_input(t0, tf.constant(x1), tf.constant(x2), { strides: [1, stride, stride, 1], padding });
    return backprop;
  });
  assertShapeEqual(ret, backprop!);
  assertAllClose(ret.data, backpropInput(dw(c), x1.data, x2.data), { rtol: 1e-4, atol: 1e-4 });
}

/** `_CompareBackpropFilter{Float,Double}`. */
async function compareBackpropFilter(c: Config, dtype: (typeof DTYPES)[number]): Promise<void> {
  const [input, filter, out, stride, padding] = c;
  const x0 = rand(input, dtype);
  const x2 = rand(out, dtype);
  let backprop: tf.Tensor | undefined;
  const ret = await evaluate(() => {
    const t1 = tf.constant(filter, { shape: [filter.length] });
    backprop = tf.nn.depthwise_conv2d_native_backprop_filter(tf.constant(x0), t1, tf.constant(x2), { strides: [1, stride, stride, 1], padding });
    return backprop;
  });
  assertShapeEqual(ret, backprop!);
  assertAllClose(ret.data, backpropFilter(dw(c), x0.data, x2.data), { rtol: 1e-4, atol: 1e-4 });
}

describe('depthwise_conv_op_test.DepthwiseConv2DTest', () => {
  it('testDepthwiseConv2D', { timeout: 120_000 }, async () => {
    for (const c of CONFIGS) for (const dtype of DTYPES) await verifyValues(c, dtype);
  });

  it('testConv2D2x2Filter', async () => {
    // _VerifyHandValues: inputs and filters counting from 1.
    let conv: tf.Tensor | undefined;
    const value = await evaluate(() => {
      const t1 = tf.constant(
        Array.from({ length: 12 }, (_, i) => i + 1.0),
        { shape: [1, 2, 3, 2], dtype: 'float32' },
      );
      const t2 = tf.constant(
        Array.from({ length: 16 }, (_, i) => i + 1.0),
        { shape: [2, 2, 2, 2], dtype: 'float32' },
      );
      conv = tf.nn.depthwise_conv2d_native(t1, t2, { strides: [1, 1, 1, 1], padding: 'VALID' });
      return conv;
    });
    assertAllClose(value.data, [196, 216, 272, 296, 252, 280, 344, 376], { atol: 1e-5, rtol: 0 });
    assertShapeEqual(value, conv!);
  });

  it('testDepthwiseConv2DInputGrad', { timeout: 120_000 }, async () => {
    for (const c of GRAD_CONFIGS) for (const dtype of DTYPES) await gradient(c, dtype, true);
  });

  it('testDepthwiseConv2DFilterGrad', { timeout: 120_000 }, async () => {
    for (const c of GRAD_CONFIGS) for (const dtype of DTYPES) await gradient(c, dtype, false);
  });

  it('testDepthwiseConv2DInputGradCompare', { timeout: 120_000 }, async () => {
    for (const c of CONFIGS) for (const dtype of DTYPES) await compareBackpropInput(c, dtype);
  });

  it('testDepthwiseConv2DFilterGradCompare', { timeout: 120_000 }, async () => {
    for (const c of CONFIGS) for (const dtype of DTYPES) await compareBackpropFilter(c, dtype);
  });

  it('outSize of the configs is the out_sizes TF1 lists', () => {
    for (const c of [...CONFIGS, ...GRAD_CONFIGS]) expect(outSize(dw(c)).slice(0, 2)).toEqual(c[2].slice(1, 3));
  });
});
