// TF1's tensorflow/python/kernel_tests/conv_ops_test.py (r1.12), Conv2DTest's dilated cases: one `it` per TF1 test
// method. The forward ones (`_VerifyDilatedConvValues`) compare tf.nn.conv2d with `dilations` against
// tf.nn.convolution with `dilation_rate` (SpaceToBatchND, Conv2D, BatchToSpaceND), as TF1 does; here both also
// against a direct loop. The backprop ones (`_RunAndVerifyBackpropInputDilation`, `...FilterDilation`) run in TF1 only
// with a GPU or MKL: TF1's CPU backprop kernels, like tf1-ts's backends, refuse dilations. Here each checks that
// refusal, TF1's CPU error, and checks the gradient TF1 compares against (tf.gradients of tf.nn.convolution, which
// takes no dilated backprop) against the direct loop's backprop, within TF1's `err`.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { denseGradients } from '../helpers/dense_gradients.js';
import { assertAllClose, assertShapeEqual, inSession, rejected } from './helpers.js';

/** `_CreateNumpyTensor`: 1, 2, ... in `shape` (float32). */
function counting(shape: readonly number[]): tf.NDArray {
  const a = tf.NDArray.zeros(shape, 'float32');
  for (let i = 0; i < a.size; i++) a.data[i] = i + 1;
  return a;
}

type Geometry = { input: number[]; filter: number[]; strides: number[]; dilations: number[] };

/** The VALID output size of a dilated window. */
const outSize = (n: number, k: number, d: number, s: number): number => Math.max(0, Math.floor((n - (k - 1) * d - 1) / s) + 1);

/**
 * The dilated VALID convolution by loops over the counting tensors: `visit(out, x, f)` gets the flat indices of each
 * product y[out] += x[x] · f[f]; returns the output shape.
 */
function loops(g: Geometry, visit: (o: number, x: number, f: number) => void): number[] {
  const [n, h, w, ci] = g.input as [number, number, number, number];
  const [kh, kw, , co] = g.filter as [number, number, number, number];
  const [sh, sw] = g.strides as [number, number];
  const [dh, dw] = g.dilations as [number, number];
  const [oh, ow] = [outSize(h, kh, dh, sh), outSize(w, kw, dw, sw)];
  for (let b = 0; b < n; b++)
    for (let y = 0; y < oh; y++)
      for (let x = 0; x < ow; x++)
        for (let c = 0; c < co; c++)
          for (let i = 0; i < kh; i++)
            for (let j = 0; j < kw; j++)
              for (let k = 0; k < ci; k++) {
                const xi = ((b * h + y * sh + i * dh) * w + x * sw + j * dw) * ci + k;
                visit(((b * oh + y) * ow + x) * co + c, xi, ((i * kw + j) * ci + k) * co + c);
              }
  return [n, oh, ow, co];
}

/** The direct loop's forward value, and its gradients by input and by filter for dy = ones (tf.gradients' default). */
function reference(g: Geometry): { y: number[]; dx: number[]; df: number[] } {
  const x = counting(g.input).data as Float32Array;
  const f = counting(g.filter).data as Float32Array;
  const shape = loops(g, () => {});
  const y = new Array<number>(shape.reduce((a, b) => a * b, 1)).fill(0);
  const dx = new Array<number>(x.length).fill(0);
  const df = new Array<number>(f.length).fill(0);
  loops(g, (o, xi, fi) => {
    y[o]! += x[xi]! * f[fi]!;
    dx[xi]! += f[fi]!;
    df[fi]! += x[xi]!;
  });
  return { y, dx, df };
}

/** `_VerifyDilatedConvValues`: nn.convolution (expected) against conv2d with dilations (computed), atol 1e-5, rtol 1e-4. */
function verifyDilatedConvValues(input: number[], filter: number[], strides: number[], dilations: number[]): Promise<void> {
  return inSession(async (g, sess) => {
    const [expected, computed] = g.as_default(() => {
      const t1 = tf.constant(counting(input));
      const t2 = tf.constant(counting(filter));
      return [
        tf.nn.convolution(t1, t2, { padding: 'VALID', strides, dilation_rate: dilations, data_format: 'NHWC' }),
        tf.nn.conv2d(t1, t2, { strides: [1, ...strides, 1], dilations: [1, ...dilations, 1], padding: 'VALID', data_format: 'NHWC' }),
      ];
    });
    const [e, c] = await sess.run([expected!, computed!]);
    assertAllClose(Array.from(e!.data), Array.from(c!.data), { atol: 1e-5, rtol: 1e-4 });
    assertShapeEqual(c!, computed!);
    assertAllClose(Array.from(c!.data), reference({ input, filter, strides, dilations }).y, { atol: 1e-5, rtol: 1e-4 });
  });
}

/** `_RunAndVerifyBackpropInputDilation` / `_RunAndVerifyBackpropFilterDilation` (VALID, NHWC). */
function verifyBackpropDilation(by: 'input' | 'filter', input: number[], filter: number[], strides: number[], dilations: number[], err: number) {
  return inSession(async (g, sess) => {
    const [conv, conv2] = g.as_default(() => {
      const t1 = tf.constant(counting(input));
      const t2 = tf.constant(counting(filter));
      const forward = tf.nn.conv2d(t1, t2, { strides: [1, ...strides, 1], dilations: [1, ...dilations, 1], padding: 'VALID', data_format: 'NHWC' });
      const forward2 = tf.nn.convolution(t1, t2, { padding: 'VALID', strides, dilation_rate: dilations, data_format: 'NHWC' });
      const wrt = by === 'input' ? t1 : t2;
      return [denseGradients(forward, wrt)[0]!, denseGradients(forward2, wrt)[0]!];
    });
    // TF1's CPU kernels (and tf1-ts's backends) refuse a dilated backprop: TF1 runs this comparison only on a GPU or MKL.
    const e = await rejected(sess.run(conv));
    expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
    expect(e.message).toMatch(/Current libxsmm and customized CPU implementations do not yet support dilation rates larger than 1\./);
    const value2 = await sess.run(conv2);
    assertShapeEqual(value2, conv2);
    expect(value2.shape).toEqual(by === 'input' ? input : filter);
    const { dx, df } = reference({ input, filter, strides, dilations });
    assertAllClose(Array.from(value2.data), by === 'input' ? dx : df, { atol: err, rtol: 0 });
  });
}

describe('conv_ops_test.Conv2DTest: dilations', () => {
  it('testConv2D2x2Filter2x1Dilation', () => verifyDilatedConvValues([1, 4, 4, 1], [2, 2, 1, 1], [1, 1], [2, 1]));
  it('testConv2DEmptyDilation', () => verifyDilatedConvValues([0, 2, 3, 3], [1, 1, 3, 3], [1, 1], [2, 1]));
  it('testConv2D2x2FilterDilation', () => verifyDilatedConvValues([1, 2, 3, 3], [2, 2, 3, 3], [1, 1], [1, 2]));
  it('testConv2D1x2FilterDilation', () => verifyDilatedConvValues([1, 2, 3, 3], [1, 2, 3, 3], [1, 1], [2, 1]));
  it('testConv2DKernelSizeMatchesInputSizeDilation', () => verifyDilatedConvValues([1, 3, 3, 1], [2, 2, 1, 2], [1, 1], [2, 2]));
});

describe('conv_ops_test.Conv2DTest: dilated backprops (TF1: GPU or MKL only)', () => {
  it('testConv2D2x2Depth3ValidBackpropFilterStride1x1Dilation2x1', () => verifyBackpropDilation('filter', [1, 3, 6, 1], [2, 2, 1, 1], [1, 1], [2, 1], 1e-5));
  it('testConv2D2x2Depth1ValidBackpropFilterDilation1x2', () => verifyBackpropDilation('filter', [1, 2, 3, 1], [2, 2, 1, 1], [1, 1], [1, 2], 1e-5));
  it('testConv2DEmptyBackpropFilterDilation1x2', () => verifyBackpropDilation('filter', [1, 2, 3, 1], [2, 2, 1, 0], [1, 1], [1, 2], 1e-5));
  it('testConv2D2x2Depth3ValidBackpropFilterDilation2x2', () => verifyBackpropDilation('filter', [1, 3, 4, 3], [2, 2, 3, 3], [1, 1], [2, 2], 1e-5));
  it('testConv2DKernelSizeMatchesInputSizeBackpropFilterDilation2x2', () => verifyBackpropDilation('filter', [1, 3, 3, 1], [2, 2, 1, 2], [1, 1], [2, 2], 1e-5));
  it('testConv2D2x2Depth3ValidBackpropInputStride1x1Dilation2x1', () => verifyBackpropDilation('input', [1, 3, 6, 1], [2, 2, 1, 1], [1, 1], [2, 1], 1e-5));
  it('testConv2D2x2Depth1ValidBackpropInputDilation1x2', () => verifyBackpropDilation('input', [1, 2, 3, 1], [2, 2, 1, 1], [1, 1], [1, 2], 1e-5));
  it('testConv2DEmptyBackpropInputDilation1x2', () => verifyBackpropDilation('input', [0, 2, 3, 1], [2, 2, 1, 1], [1, 1], [1, 2], 1e-5));
  it('testConv2D2x2Depth3ValidBackpropInputDilation2x1', () => verifyBackpropDilation('input', [1, 3, 2, 3], [2, 2, 3, 3], [1, 1], [2, 1], 1e-4));
  it('testConv2DKernelSizeMatchesInputSizeBackpropInputDilation2x2', () => verifyBackpropDilation('input', [1, 3, 3, 1], [2, 2, 1, 2], [1, 1], [2, 2], 1e-5));
});
