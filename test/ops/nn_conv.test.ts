// tf.nn.conv2d, conv2d_backprop_input, conv2d_backprop_filter and conv2d_transpose as TF1 r1.12 builds them: node
// names (the gradient under gradients/Conv2D_grad with one ShapeN), static shapes (SAME/VALID, strides, dilations,
// NCHW), the ValueErrors and TypeErrors, and the CPU kernels' refusals (NCHW, dilated backprops).
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { denseGradients } from '../helpers/dense_gradients.js';
import { inGraph, thrown } from '../tf1/helpers.js';

const ph = (shape: (number | null)[] | null, dtype: tf.DType = 'float32') => tf.placeholder(dtype, shape);

describe('tf.nn.conv2d', () => {
  it('names its op Conv2D and infers SAME, VALID, strided, dilated and NCHW shapes', () =>
    inGraph(() => {
      const [x, f] = [ph([2, 5, 5, 3]), ph([3, 3, 3, 4])];
      const c = tf.nn.conv2d(x, f, [1, 1, 1, 1], 'SAME');
      expect([c.name, c.shape.as_list()]).toEqual(['Conv2D:0', [2, 5, 5, 4]]);
      expect(tf.nn.conv2d(x, f, [1, 2, 2, 1], 'VALID').shape.as_list()).toEqual([2, 2, 2, 4]);
      expect(tf.nn.conv2d(x, f, [1, 2, 2, 1], 'SAME').shape.as_list()).toEqual([2, 3, 3, 4]);
      expect(tf.nn.conv2d(x, f, [1, 2, 2, 1], 'VALID', { dilations: [1, 2, 2, 1] }).shape.as_list()).toEqual([2, 1, 1, 4]);
      expect(tf.nn.conv2d(ph([2, 3, 5, 5]), f, [1, 1, 2, 2], 'SAME', { data_format: 'NCHW' }).shape.as_list()).toEqual([2, 4, 3, 3]);
      expect(tf.nn.conv2d(ph([null, 7, null, 3]), f, [1, 3, 1, 1], 'VALID', { name: 'c' }).shape.as_list()).toEqual([null, 2, null, 4]);
    }));

  it('differentiates as _Conv2DGrad: ShapeN of input and filter, then both backprops', () =>
    inGraph(() => {
      const [x, f] = [ph([2, 5, 5, 3]), ph([3, 3, 3, 4])];
      const [gx, gf] = denseGradients(tf.nn.conv2d(x, f, [1, 1, 1, 1], 'SAME'), [x, f]);
      expect(gx!.name).toBe('gradients/Conv2D_grad/Conv2DBackpropInput:0');
      expect(gf!.name).toBe('gradients/Conv2D_grad/Conv2DBackpropFilter:0');
      expect(gx!.op.inputs.map((t) => t.name)).toEqual(['gradients/Conv2D_grad/ShapeN:0', f.name, 'gradients/Fill:0']);
      expect(gf!.op.inputs.map((t) => t.name)).toEqual([x.name, 'gradients/Conv2D_grad/ShapeN:1', 'gradients/Fill:0']);
      expect([gx!.shape.as_list(), gf!.shape.as_list()]).toEqual([
        [2, 5, 5, 3],
        [3, 3, 3, 4],
      ]);
      expect(gx!.op.attrs).toEqual({ strides: [1, 1, 1, 1], use_cudnn_on_gpu: true, padding: 'SAME', data_format: 'NHWC', dilations: [1, 1, 1, 1] });
    }));

  it("raises TF1's errors for attrs, shapes and dtypes", () =>
    inGraph(() => {
      const [x, f] = [ph([2, 5, 5, 3]), ph([3, 3, 3, 4])];
      const err = (fn: () => unknown) => {
        const e = thrown(fn);
        return `${e.constructor.name}: ${e.message}`;
      };
      expect(err(() => tf.nn.conv2d(x, f, [1, 1, 1, 1], 'FOO'))).toBe(`ValueError: Attr 'padding' of 'Conv2D' Op passed string 'FOO' not in: "SAME", "VALID".`);
      expect(err(() => tf.nn.conv2d(x, f, [1, 1, 1, 1], 'SAME', { data_format: 'NCWH' }))).toBe(
        `ValueError: Attr 'data_format' of 'Conv2D' Op passed string 'NCWH' not in: "NHWC", "NCHW".`,
      );
      expect(err(() => tf.nn.conv2d(x, f, [1, 1, 1], 'SAME', { name: 's' }))).toBe(
        "ValueError: Conv2D on data format NHWC requires the stride attribute to contain 4 values, but got: 3 for 's' (op: 'Conv2D') with input shapes: [2,5,5,3], [3,3,3,4].",
      );
      expect(err(() => tf.nn.conv2d(x, f, [1, 1, 1, 1], 'SAME', { dilations: [1, 1], name: 'd' }))).toMatch(
        /^ValueError: Conv2D requires the dilation attribute to contain 4 values, but got: 2 for 'd'/,
      );
      expect(err(() => tf.nn.conv2d(x, f, [1, 0, 1, 1], 'SAME'))).toMatch(/^ValueError: Stride must be > 0, but got 0 for/);
      expect(err(() => tf.nn.conv2d(x, f, [1, 1, 1, 1], 'SAME', { dilations: [1, 0, 1, 1] }))).toMatch(
        /^ValueError: Dilation rate must be >= 1, but got 0 for/,
      );
      expect(err(() => tf.nn.conv2d(x, ph([6, 3, 3, 4]), [1, 1, 1, 1], 'VALID', { name: 'n' }))).toBe(
        "ValueError: Negative dimension size caused by subtracting 6 from 5 for 'n' (op: 'Conv2D') with input shapes: [2,5,5,3], [6,3,3,4].",
      );
      expect(err(() => tf.nn.conv2d(ph([1, 1, 1, 1], 'int32'), ph([1, 1, 1, 1], 'int32'), [1, 1, 1, 1], 'SAME'))).toBe(
        "TypeError: Value passed to parameter 'input' has DataType int32 not in list of allowed values: float32, float64",
      );
    }));

  it('refuses NCHW on the CPU backend as TF1 r1.12 (UnimplementedError), and dilations in the backprops', async () => {
    const g = new tf.Graph();
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    try {
      const [x, f, c, grad] = g.as_default(() => {
        const xi = ph([1, 1, 2, 2]);
        const fi = tf.ones([1, 1, 1, 1]);
        const xd = ph([1, 5, 5, 1]);
        const dilated = tf.nn.conv2d(xd, tf.ones([3, 3, 1, 1]), [1, 1, 1, 1], 'SAME', { dilations: [1, 2, 2, 1] });
        return [xi, xd, tf.nn.conv2d(xi, fi, [1, 1, 1, 1], 'SAME', { data_format: 'NCHW' }), denseGradients(dilated, [xd])[0]!];
      });
      const u = await sess.run(c, new Map([[x, tf.NDArray.zeros([1, 1, 2, 2], 'float32')]])).catch((err: Error) => err);
      expect(u).toBeInstanceOf(tf.errors.UnimplementedError);
      expect((u as Error).message).toBe('Generic conv implementation only supports NHWC tensor format for now.');
      const e = await sess.run(grad, new Map([[f, tf.NDArray.zeros([1, 5, 5, 1], 'float32')]])).catch((err: Error) => err);
      expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
      expect((e as Error).message).toBe('Current libxsmm and customized CPU implementations do not yet support dilation rates larger than 1.');
    } finally {
      sess.close();
    }
  });
});

describe('tf.nn.conv2d_transpose', () => {
  it('is Conv2DBackpropInput(output_shape, filter, value) named conv2d_transpose, with its inputs converted there', () =>
    inGraph(() => {
      const t = tf.nn.conv2d_transpose(ph([2, 5, 5, 4]), ph([3, 3, 3, 4]), [2, 10, 10, 3], [1, 2, 2, 1]);
      expect([t.name, t.op.type, t.shape.as_list()]).toEqual(['conv2d_transpose:0', 'Conv2DBackpropInput', [2, 10, 10, 3]]);
      expect(t.op.inputs[0]!.name).toBe('conv2d_transpose/output_shape:0');
      expect((t.op.attrs as { padding: string }).padding).toBe('SAME');
    }));

  it("raises nn_ops.conv2d_transpose's ValueErrors", () =>
    inGraph(() => {
      const f = ph([3, 3, 3, 4]);
      const v = ph([2, 5, 5, 4]);
      const msg = (fn: () => unknown) => {
        const e = thrown(fn);
        expect(e).toBeInstanceOf(tf.errors.ValueError);
        return e.message;
      };
      expect(msg(() => tf.nn.conv2d_transpose(ph([2, 5, 5, 3]), f, [2, 5, 5, 3], [1, 1, 1, 1]))).toBe(
        "input channels does not match filter's input channels, 3 != 4",
      );
      expect(msg(() => tf.nn.conv2d_transpose(v, f, [2, 5, 5, 2], [1, 1, 1, 1]))).toBe("output_shape does not match filter's output channels, 2 != 3");
      expect(msg(() => tf.nn.conv2d_transpose(v, f, [2, 5, 5], [1, 1, 1, 1]))).toBe('output_shape must have shape (4,), got (3,)');
      expect(msg(() => tf.nn.conv2d_transpose(v, f, [2, 5, 5, 3], [1, 1, 1, 1], 'FULL'))).toBe('padding must be either VALID or SAME: FULL');
      expect(msg(() => tf.nn.conv2d_transpose(v, f, [2, 5, 5, 3], [1, 1, 1, 1], { data_format: 'NWHC' }))).toBe('data_format has to be either NCHW or NHWC.');
    }));
});

describe('tf.nn.conv2d_backprop_input and conv2d_backprop_filter', () => {
  it('take their shapes from the sizes vectors', () =>
    inGraph(() => {
      const bi = tf.nn.conv2d_backprop_input([2, 5, 5, 3], ph([3, 3, 3, 4]), ph([2, 5, 5, 4]), [1, 1, 1, 1], 'SAME');
      expect([bi.name, bi.op.inputs[0]!.name, bi.shape.as_list()]).toEqual(['Conv2DBackpropInput:0', 'Conv2DBackpropInput/input_sizes:0', [2, 5, 5, 3]]);
      const bf = tf.nn.conv2d_backprop_filter(ph([2, 5, 5, 3]), [3, 3, 3, 4], ph([2, 5, 5, 4]), [1, 1, 1, 1], 'SAME');
      expect([bf.name, bf.shape.as_list()]).toEqual(['Conv2DBackpropFilter:0', [3, 3, 3, 4]]);
      expect(tf.nn.conv2d_backprop_input(ph([4], 'int32'), ph([3, 3, 3, 4]), ph(null), [1, 1, 1, 1], 'SAME').shape.as_list()).toEqual([null, null, null, null]);
      expect(thrown(() => tf.nn.conv2d_backprop_input([2, 5, 5], ph(null), ph(null), [1, 1, 1, 1], 'SAME')).message).toMatch(
        /^Shape must be rank 4 but is rank 3/,
      );
    }));
});
