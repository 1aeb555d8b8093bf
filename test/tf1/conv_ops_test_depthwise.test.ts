// TF1's tensorflow/python/kernel_tests/conv_ops_test.py, its DepthwiseConv2DTest and SeparableConv2DTest classes (the
// rest of the file is conv_ops_test.test.ts): one `it` per TF1 test method. The NCHW variants of SeparableConv2DTest run
// only with a GPU in TF1 (NOT_PORTED.md).
import { describe, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose, assertShapeEqual, evaluate } from './helpers.js';

const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

describe('conv_ops_test.DepthwiseConv2DTest', () => {
  it('testConv2D2x2Filter', async () => {
    // _VerifyValues: nn_impl.depthwise_conv2d of tensors counting from 1, against the hand-computed values (1e-5).
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
      conv = tf.nn.depthwise_conv2d(t1, t2, { strides: [1, 1, 1, 1], padding: 'VALID' });
      return conv;
    });
    assertAllClose(value.data, [196, 216, 272, 296, 252, 280, 344, 376], { atol: 1e-5, rtol: 0 });
    assertShapeEqual(value, conv!);
  });
});

/** SeparableConv2DTest._InitValues: 0.5, 1.0, 1.5, ... in `sizes`. */
const initValues = (sizes: number[]) =>
  tf.constant(
    Array.from({ length: size(sizes) }, (_, i) => (i + 1) * 0.5),
    { shape: sizes, dtype: 'float32' },
  );

/** SeparableConv2DTest._VerifyValues (NHWC): nn_impl.separable_conv2d against `expected` (assertArrayNear, 1e-3). */
async function verifySeparable(input: number[], depthwise: number[], pointwise: number[], stride: number, padding: string, expected: number[]) {
  let conv: tf.Tensor | undefined;
  const value = await evaluate(() => {
    const t1 = initValues(input);
    const f1 = initValues(depthwise);
    const f2 = initValues(pointwise);
    conv = tf.nn.separable_conv2d(t1, f1, f2, { strides: [1, stride, stride, 1], padding, data_format: 'NHWC' });
    return conv;
  });
  assertAllClose(value.data, expected, { atol: 1e-3, rtol: 0 });
  assertShapeEqual(value, conv!);
}

describe('conv_ops_test.SeparableConv2DTest', () => {
  it('testSeparableConv2D', () =>
    // The output is the result of two convolutions: tensor_in[1, 4, 4, 2] * filter1[2, 2, 2, 3], then
    // intermediate_out[1, 4, 4, 6] * filter2[1, 1, 6, 7].
    verifySeparable(
      [1, 4, 4, 2],
      [2, 2, 2, 3],
      [1, 1, 6, 7],
      1,
      'SAME',
      [
        6644.5, 6971.5, 7298.5, 7625.5, 7952.5, 8279.5, 8606.5, 8154.5, 8556.5, 8958.5, 9360.5, 9762.5, 10164.5, 10566.5, 9664.5, 10141.5, 10618.5, 11095.5,
        11572.5, 12049.5, 12526.5, 4145.5, 4346.5, 4547.5, 4748.5, 4949.5, 5150.5, 5351.5, 12684.5, 13311.5, 13938.5, 14565.5, 15192.5, 15819.5, 16446.5,
        14194.5, 14896.5, 15598.5, 16300.5, 17002.5, 17704.5, 18406.5, 15704.5, 16481.5, 17258.5, 18035.5, 18812.5, 19589.5, 20366.5, 6499.5, 6814.5, 7129.5,
        7444.5, 7759.5, 8074.5, 8389.5, 18724.5, 19651.5, 20578.5, 21505.5, 22432.5, 23359.5, 24286.5, 20234.5, 21236.5, 22238.5, 23240.5, 24242.5, 25244.5,
        26246.5, 21744.5, 22821.5, 23898.5, 24975.5, 26052.5, 27129.5, 28206.5, 8853.5, 9282.5, 9711.5, 10140.5, 10569.5, 10998.5, 11427.5, 5746.75, 6010.75,
        6274.75, 6538.75, 6802.75, 7066.75, 7330.75, 6168.75, 6452.25, 6735.75, 7019.25, 7302.75, 7586.25, 7869.75, 6590.75, 6893.75, 7196.75, 7499.75, 7802.75,
        8105.75, 8408.75, 2036.25, 2119.5, 2202.75, 2286.0, 2369.25, 2452.5, 2535.75,
      ],
    ));

  it('testSeparableConv2DEqualInputOutputDepth', () =>
    // tensor_in[1, 4, 4, 2] * filter1[2, 2, 2, 3], then intermediate_out[1, 4, 4, 6] * filter2[1, 1, 6, 6].
    verifySeparable(
      [1, 4, 4, 2],
      [2, 2, 2, 3],
      [1, 1, 6, 6],
      1,
      'SAME',
      [
        5742.0, 6069.0, 6396.0, 6723.0, 7050.0, 7377.0, 7047.0, 7449.0, 7851.0, 8253.0, 8655.0, 9057.0, 8352.0, 8829.0, 9306.0, 9783.0, 10260.0, 10737.0,
        3582.0, 3783.0, 3984.0, 4185.0, 4386.0, 4587.0, 10962.0, 11589.0, 12216.0, 12843.0, 13470.0, 14097.0, 12267.0, 12969.0, 13671.0, 14373.0, 15075.0,
        15777.0, 13572.0, 14349.0, 15126.0, 15903.0, 16680.0, 17457.0, 5616.0, 5931.0, 6246.0, 6561.0, 6876.0, 7191.0, 16182.0, 17109.0, 18036.0, 18963.0,
        19890.0, 20817.0, 17487.0, 18489.0, 19491.0, 20493.0, 21495.0, 22497.0, 18792.0, 19869.0, 20946.0, 22023.0, 23100.0, 24177.0, 7650.0, 8079.0, 8508.0,
        8937.0, 9366.0, 9795.0, 4963.5, 5227.5, 5491.5, 5755.5, 6019.5, 6283.5, 5328.0, 5611.5, 5895.0, 6178.5, 6462.0, 6745.5, 5692.5, 5995.5, 6298.5, 6601.5,
        6904.5, 7207.5, 1757.25, 1840.5, 1923.75, 2007.0, 2090.25, 2173.5,
      ],
    ));
});
