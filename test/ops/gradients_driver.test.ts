// tf.gradients' driver as TF1's gradients_impl.py builds the backward pass: grad_ys, names, static shapes,
// aggregation methods, stop_gradients and unconnected gradients.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { denseGradients } from '../helpers/dense_gradients.js';

const opNames = (g: tf.Graph): string[] => g.get_operations().map((o) => o.name);

describe('tf.gradients builds the backward pass as TF1', () => {
  it('takes a given grad_y through an Identity named gradients/grad_ys_<i>, converting JS values to constants', async () => {
    const g = new tf.Graph();
    const [x, dx] = g.as_default(() => {
      const x = tf.placeholder(tf.float32, [2], 'x');
      const y = tf.square(x);
      return [x, denseGradients(y, x, [Float32Array.of(10, 100)])[0]!];
    });
    expect(opNames(g)).toContain('gradients/grad_ys_0');
    expect(g.get_operation_by_name('gradients/grad_ys_0').type).toBe('Identity');
    expect(g.get_operation_by_name('gradients/grad_y').type).toBe('Const');
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    expect((await sess.run(dx, new Map([[x, [1, 2]]]))).tolist()).toEqual([20, 400]);
    sess.close();
  });

  it("refuses grad_ys of another length, and a bool grad_y, with TF1's errors", () => {
    new tf.Graph().as_default(() => {
      const x = tf.placeholder(tf.float32, [2]);
      const y = tf.square(x);
      expect(() => denseGradients(y, x, [tf.ones([2]), tf.ones([2])])).toThrow(new tf.errors.ValueError('Passed 2 grad_ys for 1 ys'));
      expect(() => denseGradients(y, x, [tf.constant([true, false])])).toThrow(tf.errors.TypeError);
      expect(() => denseGradients(y, x, [tf.constant([true, false])])).toThrow(/Gradient type bool generated for real or integer-valued tensor/);
    });
  });

  it('reserves <scope>/uid for the call, as TF1 does', () => {
    const g = new tf.Graph();
    g.as_default(() => denseGradients(tf.square(tf.placeholder(tf.float32)), tf.placeholder(tf.float32)));
    expect(g.unique_name('gradients/uid', { mark_as_used: false })).toBe('gradients/uid_1');
  });

  it("gives each input gradient what is known of its input's static shape", () => {
    new tf.Graph().as_default(() => {
      const x = tf.placeholder(tf.float32, [3, null]);
      const y = tf.placeholder(tf.float32);
      const [dx, dy] = denseGradients(tf.reduce_sum(tf.add(x, y)), [x, y]);
      expect(String(dx!.shape)).toBe('(3, ?)');
      expect(dy!.shape.dims).toBeNull();
    });
  });

  it('EXPERIMENTAL_TREE sums pairwise under <op>_gradient_sum, ADD_N with one AddN; another method is ValueError', async () => {
    const g = new tf.Graph();
    const [tree, addN] = g.as_default(() => {
      const x = tf.placeholder(tf.float32, [], 'x');
      const y = tf.identity(x, { name: 'y' });
      const z = y.add(y).add(y);
      return [denseGradients(z, x, { aggregation_method: tf.AggregationMethod.EXPERIMENTAL_TREE })[0]!, denseGradients(z, x, { name: 'g2' })[0]!];
    });
    expect(opNames(g).filter((n) => n.startsWith('gradients/y_gradient_sum/'))).toEqual(['gradients/y_gradient_sum/AddN', 'gradients/y_gradient_sum/AddN_1']);
    expect(opNames(g).filter((n) => n.startsWith('g2/') && g.get_operation_by_name(n).type === 'AddN')).toEqual(['g2/AddN']);
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    const [a, b] = await sess.run([tree, addN], { 'x:0': 2 });
    expect([a!.item(), b!.item()]).toEqual([3, 3]);
    sess.close();
    g.as_default(() =>
      expect(() => denseGradients(tf.square(tf.constant(1, tf.float32)), [], { aggregation_method: 7 })).toThrow(
        new tf.errors.ValueError('Invalid aggregation_method specified 7.'),
      ),
    );
  });

  it("takes stop_gradients as one tensor too, and unconnected_gradients 'zero' gives zeros_like(x) under the gradients scope", () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.placeholder(tf.float32, [2], 'x');
      const y = tf.square(x);
      expect(denseGradients(y, x, { stop_gradients: x })[0]).not.toBeNull();
      const unrelated = tf.placeholder(tf.float32, [3], 'u');
      const [z] = denseGradients(y, unrelated, { unconnected_gradients: tf.UnconnectedGradients.ZERO });
      expect(z!.op.type).toBe('ZerosLike');
      expect(z!.op.name).toBe('gradients_1/zeros_like');
    });
  });

  it('an integer y without grad_ys starts from ones of its dtype: float xs behind a Cast get no gradient (None), as TF1', () => {
    new tf.Graph().as_default(() => {
      const x = tf.placeholder(tf.float32, [2]);
      expect(denseGradients(tf.cast(x, tf.int32), x)).toEqual([null]);
    });
  });

  it("takes one tensor from a RegisterGradient rule of a one-input op, as TF1's _AsList", async () => {
    tf.RegisterGradient('DriverTripleGrad')((_op, [g]) => tf.multiply(3, g!));
    const g = new tf.Graph();
    const [x, dx] = g.as_default(() => {
      const x = tf.placeholder(tf.float32, [2]);
      const y = g.gradient_override_map({ Identity: 'DriverTripleGrad' }, () => tf.identity(x));
      return [x, denseGradients(y, x)[0]!];
    });
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    expect((await sess.run(dx, new Map([[x, [1, 2]]]))).tolist()).toEqual([3, 3]);
    sess.close();
  });
});
