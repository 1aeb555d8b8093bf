// tf.reduce_min, reduce_any, reduce_all, argmin, TF1's deprecated arg_max/arg_min and count_nonzero: op types,
// node names, dtypes and values as TF1 builds them.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';

const run = async (g: tf.Graph, t: tf.Tensor): Promise<unknown> => {
  const sess = new tf.Session({ graph: g, backend: 'cpu' });
  try {
    return ((await sess.run(t)) as tf.NDArray).tolist();
  } finally {
    sess.close();
  }
};

describe('the reductions after Max', () => {
  it('reduce_min, reduce_any and reduce_all are the Min, Any and All ops', async () => {
    const g = new tf.Graph();
    const out = g.as_default(() => {
      const x = tf.constant([
        [3, -1, 2],
        [0, 5, 4],
      ]);
      const b = tf.constant([
        [true, false, false],
        [true, true, true],
      ]);
      return [tf.reduce_min(x, 1), tf.reduce_any(b, 0), tf.reduce_all(b, { axis: 1, keepdims: true }), tf.reduce_min(x, { name: 'lowest' })];
    });
    expect(out.map((t) => [t.op.type, t.op.name, t.dtype, t.shape.as_list()])).toEqual([
      ['Min', 'Min', 'int32', [2]],
      ['Any', 'Any', 'bool', [3]],
      ['All', 'All', 'bool', [2, 1]],
      ['Min', 'lowest', 'int32', []],
    ]);
    expect(await Promise.all(out.map((t) => run(g, t)))).toEqual([[-1, 0], [true, true, true], [[false], [true]], -1]);
  });

  it('an empty min is the dtype highest value, as in TF1', async () => {
    const g = new tf.Graph();
    const [f, i] = g.as_default(() => [tf.reduce_min(tf.zeros([0, 2]), 0), tf.reduce_min(tf.zeros([0, 2], tf.int32), 0)]);
    expect(await run(g, f!)).toEqual([Infinity, Infinity]);
    expect(await run(g, i!)).toEqual([2147483647, 2147483647]);
  });

  it("reduce_any and reduce_all refuse non-bool tensors with TF1's TypeError", () => {
    new tf.Graph().as_default(() => {
      expect(() => tf.reduce_any(tf.constant([1.5]))).toThrow(tf.errors.TypeError);
    });
  });

  it('argmin, and the deprecated arg_max/arg_min(input, dimension, output_type, name), build ArgMin and ArgMax', async () => {
    const g = new tf.Graph();
    const out = g.as_default(() => {
      const x = tf.constant([
        [3, -1, 2],
        [0, 5, 4],
      ]);
      return [tf.argmin(x, 1), tf.arg_max(x, 1), tf.arg_min(x, 0, tf.int32), tf.arg_min(x, { dimension: 1, name: 'where_lowest' })];
    });
    expect(out.map((t) => [t.op.type, t.op.name, t.dtype])).toEqual([
      ['ArgMin', 'ArgMin', 'int64'],
      ['ArgMax', 'ArgMax', 'int64'],
      ['ArgMin', 'ArgMin_1', 'int32'],
      ['ArgMin', 'where_lowest', 'int64'],
    ]);
    expect(await Promise.all(out.map((t) => run(g, t)))).toEqual([
      [1, 0],
      [0, 1],
      [1, 0, 0],
      [1, 0],
    ]);
  });
});

describe('tf.count_nonzero', () => {
  it("is TF1's composition in a scope count_nonzero: NotEqual to zero, ToInt64, Sum, then a Cast to dtype", async () => {
    const g = new tf.Graph();
    const [a, b] = g.as_default(() => [tf.count_nonzero([1.5, 0, 2]), tf.count_nonzero(tf.constant([[1, 0]]), 1, { dtype: tf.int32 })]);
    expect(g.get_operations().map((o) => `${o.type}:${o.name}`)).toEqual([
      'Const:count_nonzero/input_tensor',
      'Const:count_nonzero/zeros',
      'NotEqual:count_nonzero/NotEqual',
      'Cast:count_nonzero/ToInt64',
      'Const:count_nonzero/Const',
      'Sum:count_nonzero/Sum',
      'Const:Const',
      'Const:count_nonzero_1/zeros',
      'NotEqual:count_nonzero_1/NotEqual',
      'Cast:count_nonzero_1/ToInt64',
      'Const:count_nonzero_1/Sum/reduction_indices',
      'Sum:count_nonzero_1/Sum',
      'Cast:count_nonzero_1/Cast',
    ]);
    expect([a!.dtype, b!.dtype]).toEqual(['int64', 'int32']);
    expect(await run(g, a!)).toBe(2);
    expect(await run(g, b!)).toEqual([1]);
  });
});

describe('tf.reduce_logsumexp', () => {
  it("is TF1's composition in a scope ReduceLogSumExp, its gradient the softmax", async () => {
    const g = new tf.Graph();
    const { y, dx } = g.as_default(() => {
      const x = tf.constant([1, 2, 3, -Infinity], tf.float32);
      const y = tf.reduce_logsumexp(x);
      return { y, dx: (tf.gradients(y, [x]) as tf.Tensor[])[0]! };
    });
    expect(y.name).toBe('ReduceLogSumExp/Add:0');
    const types = g
      .get_operations()
      .filter((o) => o.name.startsWith('ReduceLogSumExp/'))
      .map((o) => o.type);
    expect(types).toEqual(expect.arrayContaining(['Max', 'IsFinite', 'ZerosLike', 'Select', 'StopGradient', 'Sub', 'Exp', 'Sum', 'Log', 'Reshape', 'Add']));
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    try {
      const [v, d] = (await sess.run([y, dx])) as tf.NDArray[];
      const want = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
      expect(Math.abs(v!.data[0]! - want)).toBeLessThan(1e-6);
      const soft = [1, 2, 3].map((a) => Math.exp(a - want));
      Array.from(d!.data).forEach((gv, i) => expect(Math.abs(gv - (soft[i] ?? 0))).toBeLessThan(1e-6));
    } finally {
      sess.close();
    }
  });
});
