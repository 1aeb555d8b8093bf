// tf.div, tf.mod, tf.floor_div and the Tensor methods for TF1's `//`, `%`, `<`, `<=`, `>`, `>=`: the op
// types and node names TF1 gives them, their values, and tf.div's TypeError for mixed dtypes.
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

describe('TF1 division functions', () => {
  it('tf.div is Python 2 division named div: RealDiv for floats, FloorDiv for integers', async () => {
    const g = new tf.Graph();
    const [f, i] = g.as_default(() => [tf.div(tf.constant([7, -7], tf.float32), 2), tf.div(tf.constant([7, -7]), 2)]);
    expect([f!.op.type, f!.op.name, i!.op.type, i!.op.name]).toEqual(['RealDiv', 'div', 'FloorDiv', 'div_1']);
    expect(await run(g, f!)).toEqual([3.5, -3.5]);
    expect(await run(g, i!)).toEqual([3, -4]);
  });

  it("tf.div of two tensors of different dtypes is TF1's TypeError", () => {
    new tf.Graph().as_default(() => {
      expect(() => tf.div(tf.constant([1, 2]), tf.constant([1, 2], tf.float32))).toThrow(
        new tf.errors.TypeError('x and y must have the same dtype, got tf.int32 != tf.float32'),
      );
    });
  });

  it('tf.mod is floormod (a FloorMod op named FloorMod) and tf.floor_div the FloorDiv op named FloorDiv', async () => {
    const g = new tf.Graph();
    const [m, d, fd] = g.as_default(() => [tf.mod([7, -7], 3), tf.floor_div([7, -7], 3), tf.floordiv([7, -7], 3)]);
    // (TF1's unique names ignore case, so floordiv's scope after FloorDiv is floordiv_1)
    expect([m!.op.type, m!.op.name, d!.op.type, d!.op.name, fd!.op.name]).toEqual(['FloorMod', 'FloorMod', 'FloorDiv', 'FloorDiv', 'floordiv_1']);
    expect(await run(g, m!)).toEqual([1, 2]);
    expect(await run(g, d!)).toEqual([2, -3]);
  });
});

describe("Tensor methods for TF1's operators", () => {
  it("x // y, x % y and the comparisons make the ops and node names of TF1's overloads", async () => {
    const g = new tf.Graph();
    const out = g.as_default(() => {
      const x = tf.constant([7, -7, 3]);
      return [x.floordiv(2), x.mod(2), x.lt(3), x.le(3), x.gt(3), x.ge(3)];
    });
    expect(out.map((t) => [t.op.type, t.op.name])).toEqual([
      ['FloorDiv', 'floordiv'],
      ['FloorMod', 'mod'],
      ['Less', 'Less'],
      ['LessEqual', 'LessEqual'],
      ['Greater', 'Greater'],
      ['GreaterEqual', 'GreaterEqual'],
    ]);
    const values = await Promise.all(out.map((t) => run(g, t)));
    expect(values).toEqual([
      [3, -4, 1],
      [1, 1, 1],
      [false, true, false],
      [false, true, true],
      [true, false, false],
      [true, false, true],
    ]);
  });

  it("a JS number on the right takes the tensor's dtype", () => {
    new tf.Graph().as_default(() => {
      const x = tf.constant([1.5, 2.5], tf.float64);
      expect([x.floordiv(2).dtype, x.mod(2).dtype, x.lt(2).dtype]).toEqual(['float64', 'float64', 'bool']);
    });
  });
});
