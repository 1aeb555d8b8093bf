// TF1's tensorflow/python/layers/convolutional_test.py (r1.12), ConvTest's Conv2D methods ported: one `it` per TF1
// test method. Conv1D/Conv3D, separable and transposed convolutions, float16 and constraints are listed in NOT_PORTED.md.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose, inGraph, inSession, staticShape, thrown } from './helpers.js';

const [height, width] = [7, 9];
const images = (shape: number[], seed: number | null = 1): tf.Tensor => tf.random_uniform(shape, { seed });
const reg = (x: tf.Tensor): tf.Tensor => tf.multiply(0.1, tf.reduce_sum(x));

/** A ValueError whose message matches `pattern` (TF1's assertRaisesRegexp(ValueError, ...)). */
function raisesValueError(fn: () => unknown, pattern: RegExp): void {
  const e = thrown(fn);
  expect(e).toBeInstanceOf(tf.errors.ValueError);
  expect(e.message).toMatch(pattern);
}

describe('convolutional_test.ConvTest', () => {
  it('testInvalidDataFormat', () =>
    inGraph(() => {
      const x = images([5, height, width, 3]);
      raisesValueError(() => tf.layers.conv2d(x, 32, 3, { data_format: 'invalid' }), /data_format/);
    }));

  it('testInvalidStrides', () =>
    inGraph(() => {
      const x = images([5, height, width, 3]);
      raisesValueError(
        () => tf.layers.conv2d(x, 32, 3, { strides: [1, 2, 3] }),
        /^The `strides` argument must be a tuple of 2 integers\. Received: \[1, 2, 3\]$/,
      );
      raisesValueError(() => tf.layers.conv2d(x, 32, 3, { strides: null }), /strides/);
    }));

  it('testInvalidKernelSize', () =>
    inGraph(() => {
      const x = images([5, height, width, 3]);
      raisesValueError(() => tf.layers.conv2d(x, 32, [1, 2, 3]), /kernel_size/);
      raisesValueError(() => tf.layers.conv2d(x, 32, null as never), /kernel_size/);
    }));

  it('testCreateConv2D', () =>
    inGraph(() => {
      const layer = new tf.layers.Conv2D(32, [3, 3], { activation: tf.nn.relu });
      const output = layer.apply(images([5, height, width, 4], null));
      expect(output.op.name).toBe('conv2d/Relu');
      expect(staticShape(output)).toEqual([5, height - 2, width - 2, 32]);
      expect(staticShape(layer.kernel!)).toEqual([3, 3, 4, 32]);
      expect(staticShape(layer.bias!)).toEqual([32]);
      // TF1's graph: Conv2D then BiasAdd under the layer's scope.
      expect(output.op.inputs[0]!.op.name).toBe('conv2d/BiasAdd');
      expect(output.op.inputs[0]!.op.inputs[0]!.op.name).toBe('conv2d/Conv2D');
      expect(layer.kernel!.name).toBe('conv2d/kernel:0');
    }));

  it('testCreateConv2DIntegerKernelSize', () =>
    inGraph(() => {
      const layer = new tf.layers.Conv2D(32, 3);
      expect(staticShape(layer.apply(images([5, height, width, 4], null)))).toEqual([5, height - 2, width - 2, 32]);
      expect(staticShape(layer.kernel!)).toEqual([3, 3, 4, 32]);
      expect(staticShape(layer.bias!)).toEqual([32]);
    }));

  it('testCreateConv2DChannelsFirst', () =>
    inGraph(() => {
      const layer = new tf.layers.Conv2D(32, [3, 3], { data_format: 'channels_first' });
      expect(staticShape(layer.apply(images([5, 4, height, width], null)))).toEqual([5, 32, height - 2, width - 2]);
      expect(staticShape(layer.kernel!)).toEqual([3, 3, 4, 32]);
      expect(staticShape(layer.bias!)).toEqual([32]);
    }));

  it('testUnknownInputChannels', () =>
    inGraph(() => {
      const message = /^The channel dimension of the inputs should be defined\. Found `None`\.$/;
      raisesValueError(() => new tf.layers.Conv2D(32, [3, 3], { activation: tf.nn.relu }).apply(tf.placeholder(tf.float32, [5, 7, 9, null])), message);
      raisesValueError(() => new tf.layers.Conv2D(32, [3, 3], { data_format: 'channels_first' }).apply(tf.placeholder(tf.float32, [5, null, 7, 9])), message);
    }));

  it('testConv2DPaddingSame', () =>
    inGraph(() => {
      const x = images([5, height, width, 32]);
      const layer = new tf.layers.Conv2D(64, new tf.TensorShape(x.shape.dims!.slice(1, 3)) as never, { padding: 'same' });
      expect(staticShape(layer.apply(x))).toEqual([5, height, width, 64]);
    }));

  it('testCreateConvWithStrides', () =>
    inGraph(() => {
      const [h, w] = [6, 8];
      const x = images([5, h, w, 3]);
      expect(staticShape(new tf.layers.Conv2D(32, [3, 3], { strides: [2, 2], padding: 'same' }).apply(x))).toEqual([5, h / 2, w / 2, 32]);
      expect(staticShape(new tf.layers.Conv2D(32, [3, 3], { strides: 2, padding: 'same' }).apply(x))).toEqual([5, h / 2, w / 2, 32]);
      expect(staticShape(new tf.layers.Conv2D(32, [3, 3], { strides: [2, 1], padding: 'same' }).apply(x))).toEqual([5, h / 2, w, 32]);
      // padding is case-insensitive
      expect(staticShape(new tf.layers.Conv2D(32, [3, 3], { strides: 2, padding: 'SAME' }).apply(x))).toEqual([5, h / 2, w / 2, 32]);
    }));

  for (const [method, option] of [
    ['testConv2DKernelRegularizer', 'kernel_regularizer'],
    ['testConv2DBiasRegularizer', 'bias_regularizer'],
  ] as const) {
    it(method, () =>
      inSession(async (g, sess) => {
        const layer = g.as_default(() => {
          const l = new tf.layers.Conv2D(32, [3, 3], { [option]: reg });
          l.apply(images([5, height, width, 4], null));
          return l;
        });
        const lossKeys = g.get_collection<tf.Tensor>(tf.GraphKeys.REGULARIZATION_LOSSES);
        expect(lossKeys).toHaveLength(1);
        await sess.run(layer.variables.map((v) => v.initializer));
        const losses = await sess.run(layer.losses);
        const keys = await sess.run(lossKeys);
        assertAllClose(losses[0]!, keys[0]!);
      }),
    );
  }

  it('testConv2DNoBias', () =>
    inGraph(() => {
      const layer = new tf.layers.Conv2D(32, [3, 3], { activation: tf.nn.relu, use_bias: false });
      const output = layer.apply(images([5, height, width, 4], null));
      expect(output.op.name).toBe('conv2d/Relu');
      expect(staticShape(output)).toEqual([5, height - 2, width - 2, 32]);
      expect(staticShape(layer.kernel!)).toEqual([3, 3, 4, 32]);
      expect(layer.bias).toBe(null);
    }));

  it('testDilatedConv2D', () =>
    inGraph(() => {
      const x = images([5, height, width, 4], null);
      let layer = new tf.layers.Conv2D(32, [3, 3], { dilation_rate: 3 });
      expect(staticShape(layer.apply(x))).toEqual([5, 1, 3, 32]);
      expect(staticShape(layer.kernel!)).toEqual([3, 3, 4, 32]);
      expect(staticShape(layer.bias!)).toEqual([32]);
      // Test tuple dilation rate
      layer = new tf.layers.Conv2D(32, [3, 3], { dilation_rate: [1, 3] });
      expect(staticShape(layer.apply(x))).toEqual([5, height - 2, 3, 32]);
    }));

  it('testFunctionalConv2DReuse', () =>
    inGraph(() => {
      const x = images([5, height, width, 3]);
      tf.layers.conv2d(x, 32, [3, 3], { name: 'conv1' });
      expect(tf.trainable_variables()).toHaveLength(2);
      tf.layers.conv2d(x, 32, [3, 3], { name: 'conv1', reuse: true });
      expect(tf.trainable_variables()).toHaveLength(2);
    }));

  it('testFunctionalConv2DReuseFromScope', () =>
    inGraph(() => {
      const x = tf.variable_scope('scope', () => {
        const im = images([5, height, width, 3]);
        tf.layers.conv2d(im, 32, [3, 3], { name: 'conv1' });
        return im;
      });
      expect(tf.trainable_variables()).toHaveLength(2);
      tf.variable_scope('scope', { reuse: true }, () => tf.layers.conv2d(x, 32, [3, 3], { name: 'conv1' }));
      expect(tf.trainable_variables()).toHaveLength(2);
    }));

  it('testFunctionalConv2DInitializerFromScope', () =>
    inSession(async (g, sess) => {
      const weights = g.as_default(() =>
        tf.variable_scope('scope', { initializer: tf.ones_initializer() }, () => {
          tf.layers.conv2d(images([5, height, width, 3]), 32, [3, 3], { name: 'conv1' });
          return tf.trainable_variables();
        }),
      );
      // Check the names of weights in order.
      expect(weights[0]!.name).toContain('kernel');
      expect(weights[1]!.name).toContain('bias');
      await sess.run(g.as_default(() => tf.global_variables_initializer()));
      const [kernel, bias] = await sess.run(weights.map((w) => w.value()));
      expect(kernel!.shape).toEqual([3, 3, 3, 32]);
      expect(kernel!.data.every((v) => v === 1)).toBe(true);
      assertAllClose(bias!, new Array(32).fill(0));
    }));

  it('testFunctionalConv2DNoReuse', () =>
    inGraph(() => {
      const x = images([5, height, width, 3]);
      tf.layers.conv2d(x, 32, [3, 3]);
      expect(tf.trainable_variables()).toHaveLength(2);
      tf.layers.conv2d(x, 32, [3, 3]);
      expect(tf.trainable_variables().map((v) => v.name)).toEqual(['conv2d/kernel:0', 'conv2d/bias:0', 'conv2d_1/kernel:0', 'conv2d_1/bias:0']);
    }));
});
