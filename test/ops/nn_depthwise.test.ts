// tf.nn.depthwise_conv2d_native (and its backprops), depthwise_conv2d and separable_conv2d as TF1 r1.12 builds them:
// node names (nn_impl's scope with tensor_in, filter_in, Shape and dilation_rate; the gradient's two Shapes and
// backprops), static shapes (SAME/VALID, strides, multipliers, NCHW), TF1's errors, the CPU kernels' checks and
// refusals (unequal strides, NCHW), and the refused rates (no SpaceToBatchND here).
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { denseGradients } from '../helpers/dense_gradients.js';
import { inGraph, inSession, thrown } from '../tf1/helpers.js';

const ph = (shape: (number | null)[] | null, dtype: tf.DType = 'float32') => tf.placeholder(dtype, shape);
const err = (fn: () => unknown) => {
  const e = thrown(fn);
  return `${e.constructor.name}: ${e.message}`;
};

describe('tf.nn.depthwise_conv2d_native', () => {
  it('names its op DepthwiseConv2dNative and infers C·multiplier channels, SAME, VALID, strided and NCHW shapes', () =>
    inGraph(() => {
      const [x, f] = [ph([2, 5, 5, 3]), ph([3, 3, 3, 2])];
      const c = tf.nn.depthwise_conv2d_native(x, f, [1, 1, 1, 1], 'SAME');
      expect([c.name, c.shape.as_list()]).toEqual(['DepthwiseConv2dNative:0', [2, 5, 5, 6]]);
      expect(c.op.attrs).toEqual({ strides: [1, 1, 1, 1], padding: 'SAME', data_format: 'NHWC', dilations: [1, 1, 1, 1] });
      expect(tf.nn.depthwise_conv2d_native(x, f, [1, 2, 2, 1], 'VALID').shape.as_list()).toEqual([2, 2, 2, 6]);
      expect(tf.nn.depthwise_conv2d_native(x, f, [1, 2, 2, 1], 'SAME').shape.as_list()).toEqual([2, 3, 3, 6]);
      expect(tf.nn.depthwise_conv2d_native(ph([2, 3, 5, 5]), f, [1, 1, 2, 2], 'SAME', { data_format: 'NCHW' }).shape.as_list()).toEqual([2, 6, 3, 3]);
      expect(tf.nn.depthwise_conv2d_native(ph([null, 7, null, null]), ph([3, 1, 3, null]), [1, 3, 3, 1], 'VALID').shape.as_list()).toEqual([
        null,
        2,
        null,
        null,
      ]);
      // r1.12's shape function does not read the dilations (nor does its CPU kernel).
      expect(tf.nn.depthwise_conv2d_native(x, f, [1, 1, 1, 1], 'VALID', { dilations: [1, 2, 2, 1] }).shape.as_list()).toEqual([2, 3, 3, 6]);
    }));

  it('differentiates as _DepthwiseConv2dNativeGrad: a Shape and a backprop for each input', () =>
    inGraph(() => {
      const [x, f] = [ph([2, 5, 5, 3]), ph([3, 3, 3, 2])];
      const [gx, gf] = denseGradients(tf.nn.depthwise_conv2d_native(x, f, [1, 2, 2, 1], 'SAME', { dilations: [1, 2, 2, 1] }), [x, f]);
      const grad = 'gradients/DepthwiseConv2dNative_grad';
      expect([gx!.name, gf!.name]).toEqual([`${grad}/DepthwiseConv2dNativeBackpropInput:0`, `${grad}/DepthwiseConv2dNativeBackpropFilter:0`]);
      expect(gx!.op.inputs.map((t) => t.name)).toEqual([`${grad}/Shape:0`, f.name, 'gradients/Fill:0']);
      expect(gf!.op.inputs.map((t) => t.name)).toEqual([x.name, `${grad}/Shape_1:0`, 'gradients/Fill:0']);
      expect([gx!.shape.as_list(), gf!.shape.as_list()]).toEqual([
        [2, 5, 5, 3],
        [3, 3, 3, 2],
      ]);
      // nn_grad.py passes strides, padding and data_format, not the dilations.
      expect(gf!.op.attrs).toEqual({ strides: [1, 2, 2, 1], padding: 'SAME', data_format: 'NHWC', dilations: [1, 1, 1, 1] });
      const bi = tf.nn.depthwise_conv2d_native_backprop_input([2, 5, 5, 3], f, ph([2, 5, 5, 6]), [1, 1, 1, 1], 'SAME');
      expect(err(() => denseGradients(bi, [f]))).toBe(
        "LookupError: No gradient defined for operation 'DepthwiseConv2dNativeBackpropInput' (op type: DepthwiseConv2dNativeBackpropInput)",
      );
    }));

  it("raises TF1's errors for attrs, shapes and dtypes", () =>
    inGraph(() => {
      const [x, f] = [ph([2, 5, 5, 3]), ph([3, 3, 3, 2])];
      expect(err(() => tf.nn.depthwise_conv2d_native(x, f, [1, 1, 1, 1], 'FOO'))).toBe(
        `ValueError: Attr 'padding' of 'DepthwiseConv2dNative' Op passed string 'FOO' not in: "SAME", "VALID".`,
      );
      expect(err(() => tf.nn.depthwise_conv2d_native(x, f, [1, 1, 1], 'SAME', { name: 's' }))).toBe(
        "ValueError: DepthwiseConv2D requires the stride attribute to contain 4 values, but got: 3 for 's' (op: 'DepthwiseConv2dNative') with input shapes: [2,5,5,3], [3,3,3,2].",
      );
      expect(err(() => tf.nn.depthwise_conv2d_native(x, ph([3, 3, 4, 2]), [1, 1, 1, 1], 'SAME', { name: 'd' }))).toBe(
        "ValueError: Dimensions must be equal, but are 3 and 4 for 'd' (op: 'DepthwiseConv2dNative') with input shapes: [2,5,5,3], [3,3,4,2].",
      );
      expect(err(() => tf.nn.depthwise_conv2d_native(x, ph([6, 3, 3, 2]), [1, 1, 1, 1], 'VALID'))).toMatch(
        /^ValueError: Negative dimension size caused by subtracting 6 from 5 for/,
      );
      expect(err(() => tf.nn.depthwise_conv2d_native(ph([2, 5, 5]), f, [1, 1, 1, 1], 'VALID'))).toMatch(/^ValueError: Shape must be rank 4 but is rank 3/);
      expect(err(() => tf.nn.depthwise_conv2d_native(ph([1, 1, 1, 1], 'int32'), ph([1, 1, 1, 1], 'int32'), [1, 1, 1, 1], 'SAME'))).toBe(
        "TypeError: Value passed to parameter 'input' has DataType int32 not in list of allowed values: float32, float64",
      );
    }));

  it("runs the CPU kernels' checks: equal row and column strides, none across batch or depth, NHWC only", async () =>
    inSession(async (g, sess) => {
      const feed = (t: tf.Tensor, shape: number[]) => new Map([[t, tf.NDArray.zeros(shape, 'float32')]]);
      const [x, x1, cases] = g.as_default(() => {
        const xi = ph([1, 4, 4, 2]);
        const one = ph([1, 1, 4, 4]);
        const f = tf.ones([1, 1, 2, 1]);
        return [
          xi,
          one,
          {
            unequal: tf.nn.depthwise_conv2d_native(xi, f, [1, 1, 2, 1], 'SAME'),
            depth: tf.nn.depthwise_conv2d_native(xi, f, [1, 1, 1, 2], 'SAME'),
            nchw: tf.nn.depthwise_conv2d_native(ph([1, 2, 4, 4]), f, [1, 1, 1, 1], 'SAME', { data_format: 'NCHW', name: 'nchw' }),
            // One input channel in float32 is Conv2D's launcher in TF1, with its message.
            conv: tf.nn.depthwise_conv2d_native(one, tf.ones([1, 1, 1, 2]), [1, 1, 1, 1], 'SAME', { data_format: 'NCHW' }),
          },
        ] as const;
      });
      const fail = async (t: tf.Tensor, feeds: Map<tf.Tensor, tf.NDArray>) => {
        const e = (await sess.run(t, feeds).catch((e: Error) => e)) as Error;
        return `${e.constructor.name}: ${e.message}`;
      };
      expect(await fail(cases.unequal, feed(x, [1, 4, 4, 2]))).toBe(
        'InvalidArgumentError: Current implementation only supports equal length strides in the row and column dimensions.',
      );
      expect(await fail(cases.depth, feed(x, [1, 4, 4, 2]))).toBe(
        'InvalidArgumentError: Current implementation does not yet support strides in the batch and depth dimensions.',
      );
      const nchwIn = cases.nchw.op.inputs[0]!;
      expect(await fail(cases.nchw, feed(nchwIn, [1, 2, 4, 4]))).toBe('UnimplementedError: Depthwise convolution on CPU is only supported for NHWC format');
      expect(await fail(cases.conv, feed(x1, [1, 1, 4, 4]))).toBe('UnimplementedError: Generic conv implementation only supports NHWC tensor format for now.');
    }));

  it("multiplies the padding's zeros as TF1's zero-padded copy does: an infinite filter makes NaN where its tap falls on padding", async () =>
    inSession(async (g, sess) => {
      const [inf, finite] = g.as_default(() => {
        const x = tf.ones([1, 3, 1, 2]);
        return [
          tf.nn.depthwise_conv2d_native(
            x,
            tf.constant([1, Number.POSITIVE_INFINITY, 1, 1, 1, 1], { shape: [3, 1, 2, 1], dtype: 'float32' }),
            [1, 1, 1, 1],
            'SAME',
          ),
          tf.nn.depthwise_conv2d_native(x, tf.constant([1, 2, 3, 4, 5, 6], { shape: [3, 1, 2, 1], dtype: 'float32' }), [1, 1, 1, 1], 'SAME'),
        ];
      });
      const [a, b] = await sess.run([inf, finite]);
      expect(Array.from(a!.data)).toEqual([2, Number.NaN, 3, Number.POSITIVE_INFINITY, 2, Number.POSITIVE_INFINITY]);
      expect(Array.from(b!.data)).toEqual([8, 10, 9, 12, 4, 6]);
    }));

  it("runs the backprops' checks with their labels", async () =>
    inSession(async (g, sess) => {
      const [bi, bf, neg] = g.as_default(() => [
        tf.nn.depthwise_conv2d_native_backprop_input([1, 4, 4, 2], tf.ones([3, 3, 2, 2]), tf.ones([1, 3, 4, 4]), [1, 1, 1, 1], 'SAME'),
        tf.nn.depthwise_conv2d_native_backprop_filter(tf.ones([1, 4, 4, 2]), [3, 3, 2, 2], tf.ones([1, 4, 4, 3]), [1, 1, 1, 1], 'SAME'),
        tf.nn.depthwise_conv2d_native_backprop_filter(tf.ones([1, 4, 4, 2]), ph([4], 'int32'), tf.ones([1, 4, 4, 4]), [1, 1, 1, 1], 'SAME'),
      ]);
      const msg = async (t: tf.Tensor, feeds?: Map<tf.Tensor, tf.NDArray>) => ((await sess.run(t, feeds).catch((e: Error) => e)) as Error).message;
      expect(await msg(bi)).toBe("DepthwiseConv2DBackpropInput: Number of rows of out_backprop doesn't match computed: actual = 3, computed = 4");
      expect(await msg(bf)).toBe('DepthwiseConv2DBackpropFilter: depth_multiplier * in_depth not equal to out_depth');
      const sizes = neg.op.inputs[1]!;
      expect(await msg(neg, new Map([[sizes, new tf.NDArray(new Int32Array([3, -3, 2, 2]), [4], 'int32')]]))).toBe('Dimension 1 of filter_sizes must be >= 0');
    }));
});

describe('tf.nn.depthwise_conv2d', () => {
  it("builds nn_impl's nodes: depthwise/tensor_in, filter_in, Shape, dilation_rate, then the op named depthwise", () =>
    inGraph((g) => {
      const d = tf.nn.depthwise_conv2d(ph([2, 5, 5, 3]), ph([3, 3, 3, 2]), [1, 1, 1, 1], 'SAME');
      expect([d.name, d.op.type, d.shape.as_list()]).toEqual(['depthwise:0', 'DepthwiseConv2dNative', [2, 5, 5, 6]]);
      expect(g.get_operations().map((o) => o.name)).toEqual(['Placeholder', 'Placeholder_1', 'depthwise/Shape', 'depthwise/dilation_rate', 'depthwise']);
      const c = tf.nn.depthwise_conv2d(tf.ones([1, 3, 3, 1]), [[[[1, 2]]]], [1, 1, 1, 1], 'VALID', { name: 'dw' });
      expect(c.op.inputs.map((t) => t.name)).toEqual(['ones:0', 'dw/filter_in:0']);
      expect(c.dtype).toBe('float32');
    }));

  it('refuses rates other than 1 (they need SpaceToBatchND), after with_space_to_batch checks', () =>
    inGraph(() => {
      const [x, f] = [ph([2, 5, 5, 3]), ph([3, 3, 3, 2])];
      expect(err(() => tf.nn.depthwise_conv2d(x, f, [1, 1, 1, 1], 'SAME', [2, 2]))).toBe(
        'ValueError: depthwise_conv2d with a rate other than 1 needs SpaceToBatchND and BatchToSpaceND, which tf1-ts does not have: use rate [1, 1]',
      );
      expect(err(() => tf.nn.depthwise_conv2d(x, f, [1, 1, 1, 1], 'SAME', [0, 1]))).toBe('ValueError: dilation_rate must be positive');
      expect(err(() => tf.nn.depthwise_conv2d(x, f, [1, 1, 1, 1], 'SAME', 2))).toBe('ValueError: rate must be rank 1');
      expect(err(() => tf.nn.depthwise_conv2d(ph([5, 3]), f, [1, 1, 1, 1], 'SAME'))).toBe('ValueError: input tensor must have rank 3 at least');
    }));
});

describe('tf.nn.separable_conv2d', () => {
  it('is separable_conv2d/depthwise then a 1×1 VALID Conv2D named separable_conv2d', () =>
    inGraph((g) => {
      const s = tf.nn.separable_conv2d(ph([2, 5, 5, 3]), ph([3, 3, 3, 2]), ph([1, 1, 6, 4]), [1, 2, 2, 1], 'SAME');
      expect([s.name, s.op.type, s.shape.as_list()]).toEqual(['separable_conv2d:0', 'Conv2D', [2, 3, 3, 4]]);
      expect(s.op.inputs.map((t) => t.name)).toEqual(['separable_conv2d/depthwise:0', 'Placeholder_2:0']);
      expect(s.op.attrs).toMatchObject({ strides: [1, 1, 1, 1], padding: 'VALID', data_format: 'NHWC' });
      expect(g.get_operations().map((o) => o.name)).toEqual([
        'Placeholder',
        'Placeholder_1',
        'Placeholder_2',
        'separable_conv2d/Shape',
        'separable_conv2d/dilation_rate',
        'separable_conv2d/depthwise',
        'separable_conv2d',
      ]);
    }));

  it("checks the pointwise filter's rank and 1×1 size", () =>
    inGraph(() => {
      const [x, d] = [ph([2, 5, 5, 3]), ph([3, 3, 3, 2])];
      expect(err(() => tf.nn.separable_conv2d(x, d, ph([1, 6, 4]), [1, 1, 1, 1], 'SAME'))).toBe('ValueError: Shape (1, 6, 4) must have rank 4');
      expect(err(() => tf.nn.separable_conv2d(x, d, ph([1, 3, 6, 4]), [1, 1, 1, 1], 'SAME'))).toBe('ValueError: Dimensions 3 and 1 are not compatible');
      expect(err(() => tf.nn.separable_conv2d(x, d, ph([1, 1, 6, 4]), [1, 1, 1, 1], 'SAME', [1, 2]))).toMatch(/^ValueError: separable_conv2d with a rate/);
    }));
});
