// TF1's tensorflow/python/layers/pooling_test.py (r1.12), PoolingTest's 2-D methods ported: one `it` per TF1 test
// method. The 1-D and 3-D pooling layers are listed in NOT_PORTED.md.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { inGraph, staticShape, thrown } from './helpers.js';

const [height, width] = [7, 9];
const images = (shape: number[], seed: number | null = 1): tf.Tensor => tf.random_uniform(shape, { seed });

function raisesValueError(fn: () => unknown, pattern: RegExp): void {
  const e = thrown(fn);
  expect(e).toBeInstanceOf(tf.errors.ValueError);
  expect(e.message).toMatch(pattern);
}

describe('pooling_test.PoolingTest', () => {
  it('testInvalidDataFormat', () =>
    inGraph(() => {
      const x = images([5, height, width, 3]);
      raisesValueError(() => tf.layers.max_pooling2d(x, 3, { strides: 2, data_format: 'invalid' }), /data_format/);
    }));

  it('testInvalidStrides', () =>
    inGraph(() => {
      const x = images([5, height, width, 3]);
      raisesValueError(() => tf.layers.max_pooling2d(x, 3, { strides: [1, 2, 3] }), /strides/);
      raisesValueError(() => tf.layers.max_pooling2d(x, 3, { strides: null as never }), /strides/);
    }));

  it('testInvalidPoolSize', () =>
    inGraph(() => {
      const x = images([5, height, width, 3]);
      raisesValueError(() => tf.layers.max_pooling2d(x, [1, 2, 3], { strides: 2 }), /pool_size/);
      raisesValueError(() => tf.layers.max_pooling2d(x, null as never, { strides: 2 }), /pool_size/);
    }));

  it('testCreateMaxPooling2D', () =>
    inGraph(() => {
      const output = new tf.layers.MaxPooling2D([2, 2], { strides: 2 }).apply(images([5, height, width, 4], null));
      expect(staticShape(output)).toEqual([5, 3, 4, 4]);
      expect(output.op.name).toBe('max_pooling2d/MaxPool');
    }));

  it('testCreateAveragePooling2D', () =>
    inGraph(() => {
      const output = new tf.layers.AveragePooling2D([2, 2], { strides: 2 }).apply(images([5, height, width, 4], null));
      expect(staticShape(output)).toEqual([5, 3, 4, 4]);
      expect(output.op.name).toBe('average_pooling2d/AvgPool');
    }));

  it('testCreateMaxPooling2DChannelsFirst', () =>
    inGraph(() => {
      const layer = new tf.layers.MaxPooling2D([2, 2], { strides: 1, data_format: 'channels_first' });
      expect(staticShape(layer.apply(images([5, 2, height, width], null)))).toEqual([5, 2, 6, 8]);
    }));

  it('testCreateAveragePooling2DChannelsFirst', () =>
    inGraph(() => {
      const layer = new tf.layers.AveragePooling2D([2, 2], { strides: [1, 1], padding: 'valid', data_format: 'channels_first' });
      expect(staticShape(layer.apply(images([3, 4, 5, 6], null)))).toEqual([3, 4, 4, 5]);
    }));

  it('testCreateAveragePooling2DChannelsFirstWithNoneBatch', () =>
    inGraph(() => {
      const layer = new tf.layers.AveragePooling2D([2, 2], { strides: [1, 1], padding: 'valid', data_format: 'channels_first' });
      expect(staticShape(layer.apply(tf.placeholder('float32', [null, 4, 5, 6])))).toEqual([null, 4, 4, 5]);
    }));

  it('testCreateMaxPooling2DIntegerPoolSize', () =>
    inGraph(() => {
      expect(staticShape(new tf.layers.MaxPooling2D(2, { strides: 2 }).apply(images([5, height, width, 4], null)))).toEqual([5, 3, 4, 4]);
    }));

  it('testMaxPooling2DPaddingSame', () =>
    inGraph(() => {
      const x = images([5, height, width, 4]);
      const layer = new tf.layers.MaxPooling2D(x.shape.dims!.slice(1, 3) as number[], { strides: 2, padding: 'same' });
      expect(staticShape(layer.apply(x))).toEqual([5, 4, 5, 4]);
    }));

  it('testCreatePooling2DWithStrides', () =>
    inGraph(() => {
      const [h, w] = [6, 8];
      const x = images([5, h, w, 3]);
      expect(staticShape(new tf.layers.MaxPooling2D([2, 2], { strides: [2, 2], padding: 'same' }).apply(x))).toEqual([5, h / 2, w / 2, 3]);
      expect(staticShape(new tf.layers.MaxPooling2D([2, 2], { strides: 2, padding: 'same' }).apply(x))).toEqual([5, h / 2, w / 2, 3]);
      expect(staticShape(new tf.layers.MaxPooling2D([2, 2], { strides: [2, 1], padding: 'same' }).apply(x))).toEqual([5, h / 2, w, 3]);
    }));
});
