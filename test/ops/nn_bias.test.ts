// tf.nn.bias_add's graph as TF1 r1.12 builds it: names, the data_format attr, messages, fed-shape checks.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';

describe('tf.nn.bias_add', () => {
  it("converts lists as BiasAdd/input and BiasAdd/bias and names the op after its scope, data_format 'NHWC' by default", () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const y = tf.nn.bias_add([[1.5, 2]], [1, 2]);
      expect(g.get_operations().map((o) => `${o.name}:${o.type}`)).toEqual(['BiasAdd/input:Const', 'BiasAdd/bias:Const', 'BiasAdd:BiasAdd']);
      expect(y.dtype).toBe('float32');
      expect(y.op.get_attr('data_format')).toBe('NHWC');
      const z = tf.nn.bias_add(tf.placeholder(tf.float32, [null, 3, 4, 4]), tf.placeholder(tf.float32, [null]), 'NCHW', 'layer');
      expect(z.name).toBe('layer:0');
      expect(z.op.get_attr('data_format')).toBe('NCHW');
      expect(z.shape.as_list()).toEqual([null, 3, 4, 4]);
    });
  });

  it("raises TF1's errors: an unknown data_format, a bias of another dtype, NCHW below rank 3", () => {
    new tf.Graph().as_default(() => {
      const x = tf.placeholder(tf.float32, [2, 3]);
      expect(() => tf.nn.bias_add(x, [1, 2, 3], 'NWHC')).toThrow(`Attr 'data_format' of 'BiasAdd' Op passed string 'NWHC' not in: "NHWC", "NCHW".`);
      expect(() => tf.nn.bias_add(x, tf.constant([1, 2, 3], tf.int32))).toThrow(
        `Tensor conversion requested dtype float32 for Tensor with dtype int32: 'Tensor("Const:0", shape=(3,), dtype=int32)'`,
      );
      expect(() => tf.nn.bias_add(x, [1, 2, 3], 'NCHW')).toThrow(
        "Shape must be at least rank 3 but is rank 2 for 'BiasAdd_2' (op: 'BiasAdd') with input shapes: [2,3], [3].",
      );
    });
  });

  it('checks fed shapes before running: a bias that does not match the channels is an InvalidArgumentError', async () => {
    const g = new tf.Graph();
    const [x, b, y] = g.as_default(() => {
      const x = tf.placeholder(tf.int32);
      const b = tf.placeholder(tf.int32);
      return [x, b, tf.nn.bias_add(x, b)];
    });
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    try {
      const ok = await sess.run(
        y,
        new Map<tf.Tensor, unknown>([
          [x, [[2147483647, 1]]],
          [b, [1, -1]],
        ]) as never,
      );
      expect(Array.from(ok.data)).toEqual([-2147483648, 0]);
      await expect(
        sess.run(
          y,
          new Map<tf.Tensor, unknown>([
            [x, [[1, 2]]],
            [b, [1, 2, 3]],
          ]) as never,
        ),
      ).rejects.toThrow(tf.errors.InvalidArgumentError);
    } finally {
      sess.close();
    }
  });
});
