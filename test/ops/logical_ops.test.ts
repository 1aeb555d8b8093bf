// tf.logical_and/or/not/xor, tf.not_equal and the Tensor methods for TF1's `&`, `|`, `^`, `~`: the op types and
// node names TF1 gives them, their values, and TF1's errors for non-bool inputs.
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

const names = (g: tf.Graph): string[][] => g.get_operations().map((op) => [op.type, op.name]);

describe('the logical functions', () => {
  it('logical_and, logical_or, logical_not and not_equal are the ops named after their types', async () => {
    const g = new tf.Graph();
    const out = g.as_default(() => {
      const x = tf.constant([true, true, false, false]);
      const y = tf.constant([true, false, true, false]);
      return [tf.logical_and(x, y), tf.logical_or(x, y), tf.logical_not(x), tf.not_equal(x, y), tf.not_equal([1, 2], 2)];
    });
    expect(out.map((t) => [t.op.type, t.op.name, t.dtype])).toEqual([
      ['LogicalAnd', 'LogicalAnd', 'bool'],
      ['LogicalOr', 'LogicalOr', 'bool'],
      ['LogicalNot', 'LogicalNot', 'bool'],
      ['NotEqual', 'NotEqual', 'bool'],
      ['NotEqual', 'NotEqual_1', 'bool'],
    ]);
    expect(await Promise.all(out.map((t) => run(g, t)))).toEqual([
      [true, false, false, false],
      [true, true, true, false],
      [false, false, true, true],
      [false, true, true, false],
      [true, false],
    ]);
  });

  it("logical_xor is TF1's composition: LogicalOr, LogicalAnd, LogicalNot, then a LogicalAnd named LogicalXor", async () => {
    const g = new tf.Graph();
    const [a, b] = g.as_default(() => {
      const x = tf.constant([true, true, false, false], { name: 'x' });
      const y = tf.constant([true, false, true, false], { name: 'y' });
      return [tf.logical_xor(x, y), tf.logical_xor(x, y, 'mine')];
    });
    expect(names(g).slice(2, 6)).toEqual([
      ['LogicalOr', 'LogicalOr'],
      ['LogicalAnd', 'LogicalAnd'],
      ['LogicalNot', 'LogicalNot'],
      ['LogicalAnd', 'LogicalXor'],
    ]);
    expect(b!.op.name).toBe('mine');
    expect(await run(g, a!)).toEqual([false, true, true, false]);
  });

  it("the logical ops refuse other dtypes with TF1's TypeError", () => {
    new tf.Graph().as_default(() => {
      const f = tf.constant([1.5], tf.float32);
      expect(() => tf.logical_not(f)).toThrow(tf.errors.TypeError);
      expect(() => tf.logical_and(f, f)).toThrow(tf.errors.TypeError);
    });
  });

  it('the logical ops have no gradient (TF1 registers them not differentiable)', () => {
    new tf.Graph().as_default(() => {
      const x = tf.placeholder(tf.float32, [2]);
      const b = tf.logical_not(tf.greater(x, 0));
      const y = tf.add(x, tf.cast(b, tf.float32));
      const [g] = tf.gradients(y, [x]) as tf.Tensor[];
      expect(g!.op.type).not.toBe('LogicalNot');
      expect(tf.gradients(tf.cast(b, tf.float32), [x])).toEqual([null]);
    });
  });
});

describe("Tensor methods for TF1's `&`, `|`, `^`, `~`", () => {
  it("make the ops and node names of TF1's overloads", async () => {
    const g = new tf.Graph();
    const out = g.as_default(() => {
      const x = tf.constant([true, true, false, false], { name: 'x' });
      const y = tf.constant([true, false, true, false], { name: 'y' });
      return [x.and(y), x.or(y), x.xor(y), x.invert(), x.and(true)];
    });
    expect(out.map((t) => [t.op.type, t.op.name])).toEqual([
      ['LogicalAnd', 'and'],
      ['LogicalOr', 'or'],
      ['LogicalAnd', 'xor'],
      ['LogicalNot', 'LogicalNot'],
      ['LogicalAnd', 'and_1'],
    ]);
    // x ^ y: logical_xor(x, y, name='xor/') inside the operator's scope
    expect(names(g).filter(([, n]) => n!.startsWith('xor'))).toEqual([
      ['LogicalOr', 'xor/LogicalOr'],
      ['LogicalAnd', 'xor/LogicalAnd'],
      ['LogicalNot', 'xor/LogicalNot'],
      ['LogicalAnd', 'xor'],
    ]);
    // a literal on the right is converted to x's dtype in the operator's scope
    expect(out[4]!.op.inputs[1]!.name).toBe('and_1/y:0');
    expect(await Promise.all(out.map((t) => run(g, t)))).toEqual([
      [true, false, false, false],
      [true, true, true, false],
      [false, true, true, false],
      [false, false, true, true],
      [true, true, false, false],
    ]);
  });
});
