import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { denseGradients } from '../helpers/dense_gradients.js';
import type { Operation } from '../../src/graph/operation.js';

// A rule that is easy to recognise: d square(x) = 10 g.
tf.RegisterGradient('TenTimes')((_op: Operation, [g]) => [tf.multiply(g!, 10)]);

async function gradAt(g: tf.Graph, y: tf.Tensor, x: tf.Tensor, value: number): Promise<number[]> {
  const [dx] = g.as_default(() => denseGradients(y, x));
  const sess = new tf.Session({ graph: g, backend: 'cpu' });
  const out = await sess.run(dx!, new Map([[x, [value]]]));
  sess.close();
  return Array.from(out.data);
}

describe('graph.gradient_override_map and tf.RegisterGradient', () => {
  it('gives the registered rule to ops of the mapped type created inside, and only to those', async () => {
    const g = new tf.Graph();
    const { x, inside, outside, other } = g.as_default(() => {
      const x = tf.placeholder(tf.float64, [1]);
      const inside = g.gradient_override_map({ Square: 'TenTimes' }, () => tf.square(x));
      return { x, inside, outside: tf.square(x), other: g.gradient_override_map({ Square: 'TenTimes' }, () => tf.exp(x)) };
    });
    expect(await gradAt(g, inside, x, 3)).toEqual([10]);
    expect(await gradAt(g, outside, x, 3)).toEqual([6]);
    expect(await gradAt(g, other, x, 0)).toEqual([1]);
  });

  it('merges nested maps and restores the outer one afterwards, as TF1', async () => {
    const g = new tf.Graph();
    const { x, both, afterInner } = g.as_default(() => {
      const x = tf.placeholder(tf.float64, [1]);
      return g.gradient_override_map({ Square: 'TenTimes' }, () => {
        const both = g.gradient_override_map({ Exp: 'Identity' }, () => tf.exp(tf.square(x)));
        return { x, both, afterInner: tf.exp(x) };
      });
    });
    // Exp passes g through unchanged (Identity's rule), Square gives 10 g.
    expect(await gradAt(g, both, x, 1)).toEqual([10]);
    expect((await gradAt(g, afterInner, x, 0))[0]).toBeCloseTo(1, 12);
    expect(g.gradient_override_map({}, () => 1)).toBe(1);
  });

  it('takes the rule of a built-in op type by its name', async () => {
    const g = new tf.Graph();
    const { x, y } = g.as_default(() => {
      const x = tf.placeholder(tf.float64, [1]);
      return { x, y: g.gradient_override_map({ Relu: 'Identity' }, () => tf.nn.relu(x)) };
    });
    // Straight-through: 1 even where relu is flat.
    expect(await gradAt(g, y, x, -2)).toEqual([1]);
  });

  it("raises TF1's LookupError for a name nobody registered, when the gradient is built", () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.placeholder(tf.float64, [1]);
      const y = g.gradient_override_map({ Square: 'NoSuchGradient' }, () => tf.square(x, 'sq'));
      expect(() => denseGradients(y, x)).toThrow(tf.LookupError);
      expect(() => denseGradients(y, x)).toThrow("No gradient defined for operation 'sq' (op type: Square)");
    });
  });

  it('refuses a second registration under one name, and the names of built-in op types', () => {
    expect(() => tf.RegisterGradient('TenTimes')((_op: Operation, g) => [...g])).toThrow("Registering two gradient with name 'TenTimes'!");
    expect(() => tf.RegisterGradient('Square')((_op: Operation, g) => [...g])).toThrow(tf.LookupError);
  });

  it('checks that the map sends names to names', () => {
    const g = new tf.Graph();
    expect(() => g.gradient_override_map({ Square: 3 as unknown as string }, () => 0)).toThrow(tf.errors.TypeError);
  });
});
