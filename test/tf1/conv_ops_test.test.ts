// TF1's tensorflow/python/kernel_tests/conv_ops_test.py (Conv2DTest), ported for what tf1-ts has: one `it` per TF1
// test method. GetTestConfigs() on a machine without a GPU is NHWC only (use_gpu runs are CPU runs here);
// _DtypesToTest is float32 and float64 (float16 is not a tf1-ts dtype). The dilated cases are in
// conv_ops_test_dilation.test.ts.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose, assertShapeEqual, evaluate, inGraph, inSession, rejected, thrown } from './helpers.js';

const DTYPES: readonly tf.DType[] = ['float32', 'float64'];

/** `_CreateNumpyTensor`: 1, 2, ... in `shape`. */
function numpyTensor(shape: readonly number[], dtype: tf.DType = 'float32'): tf.NDArray {
  const a = tf.NDArray.zeros(shape, dtype);
  for (let i = 0; i < a.size; i++) a.data[i] = i + 1;
  return a;
}

/** `_VerifyValues`: conv2d of the counting tensors, for each dtype, against `expected` (tol 1e-5). */
async function verifyValues(input: number[], filter: number[], strides: number[], padding: string, expected: number[]): Promise<void> {
  for (const dtype of DTYPES) {
    let conv: tf.Tensor | undefined;
    const value = await evaluate(() => {
      const t1 = tf.constant(numpyTensor(input, dtype), { shape: input, dtype });
      const t2 = tf.constant(numpyTensor(filter, dtype), { shape: filter, dtype });
      conv = tf.nn.conv2d(t1, t2, { strides: [1, ...strides, 1], padding, dilations: [1, 1, 1, 1], data_format: 'NHWC' });
      return conv;
    });
    assertAllClose(Array.from(value.data), expected, { atol: 1e-5, rtol: 1e-5 });
    assertShapeEqual(value, conv!);
  }
}

/** `_RunAndVerifyBackpropInput`. */
async function backpropInput(input: number[], filter: number[], output: number[], strides: number[], padding: string, expected: number[], err: number) {
  let conv: tf.Tensor | undefined;
  const value = await evaluate(() => {
    const t0 = tf.constant(input, { shape: [input.length] });
    const t1 = tf.constant(numpyTensor(filter), { shape: filter });
    const t2 = tf.constant(numpyTensor(output), { shape: output });
    conv = tf.nn.conv2d_backprop_input(t0, t1, t2, { strides: [1, ...strides, 1], padding, data_format: 'NHWC', dilations: [1, 1, 1, 1] });
    return conv;
  });
  assertShapeEqual(value, conv!);
  assertAllClose(Array.from(value.data), expected, { atol: err, rtol: 0 });
}

/** `_RunAndVerifyBackpropFilter`, for each dtype. */
async function backpropFilter(input: number[], filter: number[], output: number[], strides: number[], padding: string, expected: number[]) {
  for (const dtype of DTYPES) {
    let conv: tf.Tensor | undefined;
    const value = await evaluate(() => {
      const t0 = tf.constant(numpyTensor(input, dtype), { shape: input, dtype });
      const t1 = tf.constant(filter, { shape: [filter.length] });
      const t2 = tf.constant(numpyTensor(output, dtype), { shape: output, dtype });
      conv = tf.nn.conv2d_backprop_filter(t0, t1, t2, { strides: [1, ...strides, 1], padding, dilations: [1, 1, 1, 1], data_format: 'NHWC' });
      return conv;
    });
    assertShapeEqual(value, conv!);
    assertAllClose(Array.from(value.data), expected, { atol: 1e-5, rtol: 0 });
  }
}

describe('conv_ops_test.Conv2DTest: forward values', () => {
  it('testConv2D1x1Filter', () =>
    verifyValues([1, 2, 3, 3], [1, 1, 3, 3], [1, 1], 'VALID', [30, 36, 42, 66, 81, 96, 102, 126, 150, 138, 171, 204, 174, 216, 258, 210, 261, 312]));
  it('testConv2DEmpty', () => verifyValues([0, 2, 3, 3], [1, 1, 3, 3], [1, 1], 'VALID', []));
  it('testConv2D2x2Filter', () => verifyValues([1, 2, 3, 3], [2, 2, 3, 3], [1, 1], 'VALID', [2271, 2367, 2463, 2901, 3033, 3165]));
  it('testConv2D1x2Filter', () => verifyValues([1, 2, 3, 3], [1, 2, 3, 3], [1, 1], 'VALID', [231, 252, 273, 384, 423, 462, 690, 765, 840, 843, 936, 1029]));
  it('testConv2D2x2FilterStride2', () => verifyValues([1, 2, 3, 3], [2, 2, 3, 3], [2, 2], 'VALID', [2271, 2367, 2463]));
  it('testConv2D2x2FilterStride2Same', () => verifyValues([1, 2, 3, 3], [2, 2, 3, 3], [2, 2], 'SAME', [2271, 2367, 2463, 1230, 1305, 1380]));
  it('testConv2D2x2FilterStride1x2', () => verifyValues([1, 3, 6, 1], [2, 2, 1, 1], [1, 2], 'VALID', [58, 78, 98, 118, 138, 158]));
  it('testConv2DKernelSmallerThanStrideValid', () => verifyValues([1, 7, 7, 1], [2, 2, 1, 1], [3, 3], 'VALID', [65, 95, 275, 305]));
  it('testConv2DKernelSmallerThanStrideSame', async () => {
    await verifyValues([1, 3, 3, 1], [1, 1, 1, 1], [2, 2], 'SAME', [1, 3, 7, 9]);
    await verifyValues([1, 4, 4, 1], [1, 1, 1, 1], [2, 2], 'SAME', [1, 3, 9, 11]);
    await verifyValues([1, 4, 4, 1], [2, 2, 1, 1], [3, 3], 'SAME', [44, 28, 41, 16]);
  });
  it('testConv2DKernelSizeMatchesInputSize', () => verifyValues([1, 2, 2, 1], [2, 2, 1, 2], [1, 1], 'VALID', [50, 60]));
});

describe('conv_ops_test.Conv2DTest: backprops', () => {
  it('testConv2D2x2Depth1ValidBackpropInput', () => backpropInput([1, 2, 3, 1], [2, 2, 1, 1], [1, 1, 2, 1], [1, 1], 'VALID', [1, 4, 4, 3, 10, 8], 1e-5));
  it('testConv2DEmptyBackpropInput', () => backpropInput([0, 2, 3, 1], [2, 2, 1, 1], [0, 1, 2, 1], [1, 1], 'VALID', [], 1e-5));
  it('testConv2D2x2Depth3ValidBackpropInput', () =>
    backpropInput(
      [1, 2, 3, 3],
      [2, 2, 3, 3],
      [1, 1, 2, 3],
      [1, 1],
      'VALID',
      [14, 32, 50, 100, 163, 226, 167, 212, 257, 122, 140, 158, 478, 541, 604, 437, 482, 527],
      1e-4,
    ));
  it('testConv2D2x2Depth3ValidBackpropInputStride1x2', () =>
    backpropInput([1, 3, 6, 1], [2, 2, 1, 1], [1, 2, 3, 1], [1, 2], 'VALID', [1, 2, 2, 4, 3, 6, 7, 12, 11, 18, 15, 24, 12, 16, 15, 20, 18, 24], 1e-5));
  it('testConv2DStrideTwoFilterOneSameBackpropInput', () =>
    backpropInput([1, 4, 4, 1], [1, 1, 1, 1], [1, 2, 2, 1], [2, 2], 'SAME', [1, 0, 2, 0, 0, 0, 0, 0, 3, 0, 4, 0, 0, 0, 0, 0], 1e-5));
  it('testConv2DKernelSizeMatchesInputSizeBackpropInput', () =>
    backpropInput([1, 2, 2, 1], [2, 2, 1, 2], [1, 1, 1, 2], [1, 1], 'VALID', [5, 11, 17, 23], 1e-5));
  it('testConv2D2x2Depth1ValidBackpropFilter', () => backpropFilter([1, 2, 3, 1], [2, 2, 1, 1], [1, 1, 2, 1], [1, 1], 'VALID', [5, 8, 14, 17]));
  it('testConv2DEmptyBackpropFilter', () => backpropFilter([1, 2, 3, 1], [2, 2, 1, 0], [1, 1, 2, 0], [1, 1], 'VALID', []));
  it('testConv2DBackpropFilterWithEmptyInput', () => backpropFilter([0, 2, 3, 1], [2, 2, 1, 1], [0, 1, 2, 1], [1, 1], 'VALID', [0, 0, 0, 0]));
  it('testConv2D2x2Depth3ValidBackpropFilter', () =>
    backpropFilter(
      [1, 2, 3, 3],
      [2, 2, 3, 3],
      [1, 1, 2, 3],
      [1, 1],
      'VALID',
      [17, 22, 27, 22, 29, 36, 27, 36, 45, 32, 43, 54, 37, 50, 63, 42, 57, 72, 62, 85, 108, 67, 92, 117, 72, 99, 126, 77, 106, 135, 82, 113, 144, 87, 120, 153],
    ));
  it('testConv2D2x2Depth3ValidBackpropFilterStride1x2', () => backpropFilter([1, 3, 6, 1], [2, 2, 1, 1], [1, 2, 3, 1], [1, 2], 'VALID', [161, 182, 287, 308]));
  it('testConv2DStrideTwoFilterOneSameBackpropFilter', () => backpropFilter([1, 4, 4, 1], [1, 1, 1, 1], [1, 2, 2, 1], [2, 2], 'SAME', [78]));
  it('testConv2DKernelSizeMatchesInputSizeBackpropFilter', () =>
    backpropFilter([1, 2, 2, 1], [2, 2, 1, 2], [1, 1, 1, 2], [1, 1], 'VALID', [1, 2, 2, 4, 3, 6, 4, 8]));
});

interface GradCase {
  batch: number;
  rows: number;
  cols: number;
  fRows: number;
  fCols: number;
  inDepth: number;
  outDepth: number;
  sr: number;
  sc: number;
  padding: 'SAME' | 'VALID';
}

/** `ConstructAndTestGradient` (max_err 0.002), for each dtype; `testInput` picks the input or the filter as x. */
async function gradient(c: GradCase, testInput: boolean): Promise<void> {
  const inputShape = [c.batch, c.rows, c.cols, c.inDepth];
  const filterShape = [c.fRows, c.fCols, c.inDepth, c.outDepth];
  const [outRows, outCols] =
    c.padding === 'VALID'
      ? [Math.floor((c.rows - c.fRows + c.sr) / c.sr), Math.floor((c.cols - c.fCols + c.sc) / c.sc)]
      : [Math.floor((c.rows + c.sr - 1) / c.sr), Math.floor((c.cols + c.sc - 1) / c.sc)];
  const outputShape = [c.batch, outRows, outCols, c.outDepth];
  const inputSize = inputShape.reduce((a, b) => a * b, 1);
  const filterSize = filterShape.reduce((a, b) => a * b, 1);
  const inputData = Array.from({ length: inputSize }, (_, x) => x / inputSize);
  const filterData = Array.from({ length: filterSize }, (_, x) => x / filterSize);
  for (const dtype of DTYPES) {
    const err = await inSession(async (gr, sess) => {
      const [input, filter, conv] = gr.as_default(() => {
        const i = tf.constant(inputData, { shape: inputShape, dtype, name: 'input' });
        const f = tf.constant(filterData, { shape: filterShape, dtype, name: 'filter' });
        return [i, f, tf.nn.conv2d(i, f, [1, c.sr, c.sc, 1], c.padding, { data_format: 'NHWC', name: 'conv' })];
      });
      expect(conv.shape.as_list()).toEqual(outputShape);
      return sess.as_default(() =>
        testInput
          ? tf.test.compute_gradient_error(input, inputShape, conv, outputShape)
          : tf.test.compute_gradient_error(filter, filterShape, conv, outputShape),
      );
    });
    expect(err, dtype).toBeLessThan(0.002);
  }
}

const g = (
  batch: number,
  rows: number,
  cols: number,
  fRows: number,
  fCols: number,
  inDepth: number,
  outDepth: number,
  sr: number,
  sc: number,
  padding: 'SAME' | 'VALID',
): GradCase => ({
  batch,
  rows,
  cols,
  fRows,
  fCols,
  inDepth,
  outDepth,
  sr,
  sc,
  padding,
});

describe('conv_ops_test.Conv2DTest: gradients (compute_gradient_error < 0.002)', () => {
  it('testInputGradientValidPaddingStrideOne', () => gradient(g(2, 5, 4, 3, 3, 2, 3, 1, 1, 'VALID'), true));
  it('testFilterGradientValidPaddingStrideOne', () => gradient(g(4, 6, 5, 2, 2, 2, 3, 1, 1, 'VALID'), false));
  it('testInputGradientValidPaddingStrideTwo', () => gradient(g(2, 4, 5, 3, 3, 2, 3, 2, 2, 'VALID'), true));
  it('testFilterGradientValidPaddingStrideTwo', () => gradient(g(4, 6, 5, 2, 2, 2, 3, 2, 2, 'VALID'), false));
  it('testInputGradientValidPaddingStrideThree', () => gradient(g(2, 7, 6, 3, 3, 4, 5, 3, 3, 'VALID'), true));
  it('testFilterGradientValidPaddingStrideThree', () => gradient(g(2, 8, 7, 4, 4, 2, 3, 3, 3, 'VALID'), false));
  it('testInputGradientSamePaddingStrideOne', () => gradient(g(2, 7, 6, 3, 3, 2, 3, 1, 1, 'SAME'), true));
  it('testFilterGradientSamePaddingStrideOne', () => gradient(g(4, 6, 5, 2, 2, 2, 3, 1, 1, 'SAME'), false));
  it('testInputGradientSamePaddingStrideTwo', () => gradient(g(2, 5, 4, 3, 3, 3, 3, 2, 2, 'SAME'), true));
  it('testFilterGradientSamePaddingStrideTwo', () => gradient(g(4, 6, 5, 2, 2, 2, 3, 2, 2, 'SAME'), false));
  it('testInputGradientSamePaddingStrideThree', () => gradient(g(2, 7, 6, 3, 3, 4, 5, 3, 3, 'SAME'), true));
  it('testFilterGradientSamePaddingStrideThree', () => gradient(g(2, 8, 7, 4, 4, 2, 3, 3, 3, 'SAME'), false));
  it('testFilterGradientSamePaddingStride2x1', () => gradient(g(2, 8, 7, 4, 4, 2, 3, 2, 1, 'SAME'), false));
  it('testInputGradientKernelSizeMatchesInputSize', () => gradient(g(2, 4, 3, 4, 3, 2, 3, 1, 1, 'VALID'), true));
  it('testFilterGradientKernelSizeMatchesInputSize', () => gradient(g(2, 4, 3, 4, 3, 2, 3, 1, 1, 'VALID'), false));
});

describe('conv_ops_test.Conv2DTest: edge cases', () => {
  it('testShapeFunctionEdgeCases', () =>
    inGraph(() => {
      const ph = (shape?: number[]) => tf.placeholder('float32', shape ?? null);
      // All shapes unknown.
      const c1 = tf.nn.conv2d(ph(), ph(), { strides: [1, 1, 1, 1], padding: 'SAME' });
      expect(c1.shape.as_list()).toEqual([null, null, null, null]);
      // Incorrect input shape.
      expect(thrown(() => tf.nn.conv2d(ph([1, 3]), ph(), { strides: [1, 1, 1, 1], padding: 'SAME' }))).toBeInstanceOf(tf.errors.ValueError);
      // Incorrect filter shape.
      expect(thrown(() => tf.nn.conv2d(ph(), ph([1, 3]), { strides: [1, 1, 1, 1], padding: 'SAME' }))).toBeInstanceOf(tf.errors.ValueError);
      // Depth mismatch.
      const e = thrown(() => tf.nn.conv2d(ph([32, 20, 20, 3]), ph([4, 4, 2, 2]), { strides: [1, 1, 1, 1], padding: 'SAME' }));
      expect(e).toBeInstanceOf(tf.errors.ValueError);
      expect(e.message).toBe("Dimensions must be equal, but are 3 and 2 for 'Conv2D_3' (op: 'Conv2D') with input shapes: [32,20,20,3], [4,4,2,2].");
    }));

  it('testOpEdgeCases', async () => {
    // Illegal strides: the kernel's InvalidArgumentError (TF1 raises it on constructing the kernel, before any feed
    // is checked; here the placeholders are fed).
    for (const strides of [
      [2, 1, 1, 1],
      [1, 1, 1, 2],
    ]) {
      await inSession(async (gr, sess) => {
        const [x, f] = gr.as_default(() => [tf.placeholder('float32'), tf.placeholder('float32')]);
        const c = gr.as_default(() => tf.nn.conv2d(x, f, { strides, padding: 'SAME' }));
        const e = await rejected(
          sess.run(
            c,
            new Map([
              [x, tf.NDArray.zeros([1, 4, 4, 1], 'float32')],
              [f, tf.NDArray.zeros([1, 1, 1, 1], 'float32')],
            ]),
          ),
        );
        expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
        expect(e.message).toMatch(/strides in the batch and depth/);
      });
    }
    // Filter larger than input.
    inGraph(() => {
      for (const filter of [
        [20, 21, 3, 2],
        [21, 20, 3, 2],
      ]) {
        const e = thrown(() =>
          tf.nn.conv2d(tf.placeholder('float32', [32, 20, 20, 3]), tf.placeholder('float32', filter), { strides: [1, 1, 1, 1], padding: 'VALID' }),
        );
        expect(e).toBeInstanceOf(tf.errors.ValueError);
        expect(e.message).toMatch(/Negative dimension size/);
      }
    });
  });
});
