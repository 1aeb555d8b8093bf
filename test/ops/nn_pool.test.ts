import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { denseGradients } from '../helpers/dense_gradients.js';

describe('tf.nn.max_pool and tf.nn.avg_pool', () => {
  it('one op named after the scope, the value converted as <scope>/input; gradients under gradients/<op>_grad', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.nn.max_pool(tf.ones([1, 4, 4, 1]), [1, 2, 2, 1], [1, 2, 2, 1], 'VALID');
      const a = tf.nn.avg_pool(new tf.NDArray(Float32Array.from([1, 2, 3, 4]), [1, 2, 2, 1], 'float32'), {
        ksize: [1, 2, 2, 1],
        strides: [1, 1, 1, 1],
        padding: 'SAME',
        name: 'pool',
      });
      expect([x.name, a.name]).toEqual(['MaxPool:0', 'pool:0']);
      expect(g.get_operations().map((o) => `${o.name}:${o.type}`)).toContain('pool/input:Const');
      expect(x.shape.as_list()).toEqual([1, 2, 2, 1]);
      expect(a.shape.as_list()).toEqual([1, 2, 2, 1]);
      const [dx] = denseGradients(x, tf.get_default_graph().get_operation_by_name('ones').outputs[0]!);
      expect(dx!.op.type).toBe('MaxPoolGrad');
      expect(dx!.op.name).toBe('gradients/MaxPool_grad/MaxPoolGrad');
    });
  });

  it("TF1's attribute errors: an unknown padding or data format, 4 sizes and strides", () => {
    tf.Graph.prototype.as_default.call(new tf.Graph(), () => {
      const x = tf.placeholder('float32', [1, 4, 4, 1]);
      expect(() => tf.nn.max_pool(x, [1, 2, 2, 1], [1, 2, 2, 1], 'FULL')).toThrow(
        `Attr 'padding' of 'MaxPool' Op passed string 'FULL' not in: "SAME", "VALID".`,
      );
      expect(() => tf.nn.avg_pool(x, [1, 2, 2, 1], [1, 2, 2, 1], 'SAME', 'NWHC')).toThrow(`Attr 'data_format' of 'AvgPool' Op passed string 'NWHC'`);
      expect(() => tf.nn.max_pool(x, [1, 2, 2], [1, 2, 2, 1], 'SAME')).toThrow(
        "MaxPool requires the ksize attribute to contain 4 values, but got: 3 for 'MaxPool_1' (op: 'MaxPool') with input shapes: [1,4,4,1].",
      );
      expect(() => tf.nn.avg_pool(x, [1, 2, 2, 1], [1, 0, 2, 1], 'SAME')).toThrow('Stride must be > 0, but got 0');
    });
  });

  it('NCHW: the shapes as TF1 infers them, and the CPU kernels refuse it as TF1 r1.12 does', async () => {
    const g = new tf.Graph();
    const [m, a] = g.as_default(() => {
      const x = tf.ones([1, 2, 5, 5]);
      return [tf.nn.max_pool(x, [1, 1, 2, 2], [1, 1, 2, 2], 'SAME', 'NCHW'), tf.nn.avg_pool(x, [1, 1, 3, 3], [1, 1, 1, 1], 'VALID', 'NCHW')];
    });
    expect([m.shape.as_list(), a.shape.as_list()]).toEqual([
      [1, 2, 3, 3],
      [1, 2, 3, 3],
    ]);
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    try {
      await expect(sess.run(m)).rejects.toThrow('Default MaxPoolingOp only supports NHWC on device type CPU');
      await expect(sess.run(a)).rejects.toThrow('Default AvgPoolingOp only supports NHWC on device type CPU');
    } finally {
      sess.close();
    }
  });

  it('MaxPool keeps integer dtypes; the first of equal maxima takes the gradient', async () => {
    const g = new tf.Graph();
    const [y, dx] = g.as_default(() => {
      const x = tf.constant([3, 3, 1, 3], { shape: [1, 2, 2, 1], dtype: 'float32' });
      const xi = tf.constant([5, -2, 7, 7], { shape: [1, 2, 2, 1], dtype: 'int32' });
      return [tf.nn.max_pool(xi, [1, 2, 2, 1], [1, 1, 1, 1], 'VALID'), denseGradients(tf.nn.max_pool(x, [1, 2, 2, 1], [1, 1, 1, 1], 'VALID'), x)[0]!];
    });
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    try {
      const [yv, dxv] = await sess.run([y, dx]);
      expect([yv!.dtype, Array.from(yv!.data)]).toEqual(['int32', [7]]);
      expect(Array.from(dxv!.data)).toEqual([1, 0, 0, 0]);
    } finally {
      sess.close();
    }
  });

  it("depthwise max pooling runs on the CPU; its gradient is TF1's UnimplementedError", async () => {
    const g = new tf.Graph();
    const [y, dx] = g.as_default(() => {
      const x = tf.constant(
        Array.from({ length: 8 }, (_, i) => (i * 5) % 8),
        { shape: [1, 1, 2, 4], dtype: 'float32' },
      );
      const y = tf.nn.max_pool(x, [1, 1, 1, 2], [1, 1, 1, 2], 'VALID');
      return [y, denseGradients(y, x)[0]!];
    });
    expect(y.shape.as_list()).toEqual([1, 1, 2, 2]);
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    try {
      expect(Array.from((await sess.run(y)).data)).toEqual([5, 7, 4, 6]);
      const e = await sess.run(dx).then(
        () => null,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(tf.errors.UnimplementedError);
      expect((e as Error).message).toMatch('MaxPoolingGrad is not yet supported on the depth dimension.');
    } finally {
      sess.close();
    }
  });
});
