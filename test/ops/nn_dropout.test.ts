// tf.nn.dropout's graph as TF1 r1.12 builds it: node names and types, messages, seeds, the static shape, its gradient.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';

const opsOf = (g: tf.Graph): string[] => g.get_operations().map((o) => `${o.name}:${o.type}`);

describe('tf.nn.dropout', () => {
  it("builds TF1's nodes: Shape, keep_prob, random_uniform, add, Floor, div (RealDiv), mul", () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.placeholder(tf.float32, [null, 4], 'x');
      const y = tf.nn.dropout(x, 0.5, { seed: 2 });
      expect(y.name).toBe('dropout/mul:0');
      expect(staticDims(y)).toEqual([null, 4]);
      expect(opsOf(g)).toEqual([
        'x:Placeholder',
        'dropout/keep_prob:Const',
        'dropout/Shape:Shape',
        'dropout/random_uniform/min:Const',
        'dropout/random_uniform/max:Const',
        'dropout/random_uniform/RandomUniform:RandomUniform',
        'dropout/random_uniform/sub:Sub',
        'dropout/random_uniform/mul:Mul',
        'dropout/random_uniform:Add',
        'dropout/add:Add',
        'dropout/Floor:Floor',
        'dropout/div:RealDiv',
        'dropout/mul:Mul',
      ]);
      expect(g.get_operation_by_name('dropout/random_uniform/RandomUniform').attrs).toMatchObject({ seed: 87654321, seed2: 2 });
      expect(g.get_operation_by_name('dropout/add').inputs.map((t) => t.name)).toEqual(['dropout/keep_prob:0', 'dropout/random_uniform:0']);
      const named = tf.nn.dropout(x, tf.placeholder(tf.float32, [], 'kp'), { noise_shape: [1, 4], name: 'drop' });
      expect(named.name).toBe('drop/mul:0');
      expect(g.get_operation_by_name('drop/add').inputs.map((t) => t.name)).toEqual(['kp:0', 'drop/random_uniform:0']);
      expect(g.get_operation_by_name('drop/random_uniform/shape').type).toBe('Const');
      // As TF1: x's unknown size cannot fill the noise shape's null, and a partial TensorShape is no Tensor.
      expect(() => tf.nn.dropout(x, 0.5, { noise_shape: [null, 1] })).toThrow('Cannot convert a partially known TensorShape to a Tensor: (?, 1)');
    });
  });

  it("raises TF1's ValueErrors for integer x and for keep_prob outside (0, 1]", () => {
    new tf.Graph().as_default(() => {
      expect(() => tf.nn.dropout(tf.constant([1, 2]), 0.5)).toThrow(
        "x has to be a floating point tensor since it's going to be scaled. Got a <dtype: 'int32'> tensor instead.",
      );
      expect(() => tf.nn.dropout(tf.zeros([2]), 0)).toThrow('keep_prob must be a scalar tensor or a float in the range (0, 1], got 0');
      expect(() => tf.nn.dropout(tf.zeros([2]), 1.1)).toThrow('keep_prob must be a scalar tensor or a float in the range (0, 1], got 1.1');
      expect(() => tf.nn.dropout(tf.zeros([2]), tf.placeholder(tf.float32, [2]))).toThrow('Shapes (2,) and () are incompatible');
    });
  });

  it('a noise_shape with nulls takes x’s sizes; the same op seed drops the same elements; the gradient is the mask / keep_prob', async () => {
    const g = new tf.Graph();
    const [x, y, y2, dx] = g.as_default(() => {
      tf.set_random_seed(1);
      const x = tf.placeholder(tf.float32, [3, 1000]);
      const y = tf.nn.dropout(x, 0.25, { noise_shape: [null, 1000], seed: 7 });
      const y2 = tf.nn.dropout(x, 0.25, { noise_shape: [3, 1000], seed: 7 });
      return [x, y, y2, tf.gradients(tf.reduce_sum(y), x)[0]!];
    });
    expect(g.get_operation_by_name('dropout/random_uniform/shape').outputs[0]!.shape.as_list()).toEqual([2]);
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    try {
      const xs = Array.from({ length: 3 }, () => new Array<number>(1000).fill(2));
      const [yv, y2v, dxv] = (await sess.run([y, y2, dx], new Map([[x, xs]]) as never)) as tf.NDArray[];
      expect(Array.from(yv!.data)).toEqual(Array.from(y2v!.data));
      expect(Array.from(dxv!.data)).toEqual(Array.from(yv!.data).map((v) => v / 2));
      expect(new Set(Array.from(yv!.data))).toEqual(new Set([0, 8]));
    } finally {
      sess.close();
    }
  });
});

function staticDims(t: tf.Tensor): (number | null)[] | null {
  return t.shape.dims === null ? null : [...t.shape.dims];
}
