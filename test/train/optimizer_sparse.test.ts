// The Optimizer's sparse path as TF1 r1.12's optimizer.py builds it: an IndexedSlices gradient goes through
// `_apply_sparse_duplicate_indices` (Unique, then UnsortedSegmentSum of the repeated rows) to `_apply_sparse`; an
// optimizer without one raises NotImplementedError; anything but a Tensor, IndexedSlices or null is TF1's TypeError.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { inGraph, thrown } from '../tf1/helpers.js';

/** An optimizer whose sparse update subtracts the deduplicated rows (GradientDescent's with rate 1), recording what it got. */
class RowSubtract extends tf.train.Optimizer {
  seen: tf.IndexedSlices[] = [];
  constructor() {
    super(false, 'RowSubtract');
  }
  protected _prepare(): void {}
  protected _apply_dense(grad: tf.Tensor, v: tf.RefVariable): tf.Operation {
    return tf.assign_sub(v, grad).op;
  }
  protected override _apply_sparse(grad: tf.IndexedSlices, v: tf.RefVariable): tf.Operation {
    this.seen.push(grad);
    return tf.scatter_sub(v, grad.indices, grad.values).op;
  }
}

describe('Optimizer.apply_gradients with IndexedSlices', () => {
  it('sums the rows of repeated indices before _apply_sparse, under update_<var>/ (Unique, UnsortedSegmentSum)', async () => {
    const g = new tf.Graph();
    const opt = new RowSubtract();
    const { v, train } = g.as_default(() => {
      const v = tf.Variable(
        [
          [1, 2],
          [3, 4],
          [5, 6],
        ],
        { dtype: tf.float32, name: 'v' },
      );
      const grad = new tf.IndexedSlices(
        tf.constant(
          [
            [1, 1],
            [10, 10],
            [100, 100],
          ],
          tf.float32,
        ),
        tf.constant([2, 0, 2]),
        tf.constant([3, 2]),
      );
      return { v, train: opt.apply_gradients([[grad, v]]) };
    });
    expect(train.name).toBe('RowSubtract');
    const got = opt.seen[0]!;
    expect(got.indices.op.name).toBe('RowSubtract/update_v/Unique');
    expect(got.values.op.name).toBe('RowSubtract/update_v/UnsortedSegmentSum');
    expect(got.dense_shape?.op.name).toBe('Const_2');
    const sess = new tf.Session({ graph: g });
    await sess.run(g.as_default(() => tf.global_variables_initializer()));
    await sess.run(train);
    expect([...(await sess.run(v.value())).data]).toEqual([1 - 10, 2 - 10, 3, 4, 5 - 101, 6 - 101]);
    await sess.close();
  });

  it('an optimizer without _apply_sparse raises NotImplementedError', () => {
    inGraph(() => {
      class DenseOnly extends tf.train.Optimizer {
        constructor() {
          super(false, 'DenseOnly');
        }
        protected _prepare(): void {}
        protected _apply_dense(grad: tf.Tensor, v: tf.RefVariable): tf.Operation {
          return tf.assign_sub(v, grad).op;
        }
      }
      const v = tf.Variable([1, 2], { dtype: tf.float32 });
      const grad = new tf.IndexedSlices(tf.constant([1], tf.float32), tf.constant([0]));
      expect(thrown(() => new DenseOnly().apply_gradients([[grad, v]])).message).toBe('NotImplementedError: DenseOnly._apply_sparse');
    });
  });

  it("a gradient that is neither a Tensor, an IndexedSlices nor null is TF1's TypeError", () => {
    inGraph(() => {
      const v = tf.Variable([1, 2], { dtype: tf.float32 });
      const e = thrown(() => new RowSubtract().apply_gradients([[[1, 2] as never, v]]));
      expect(e).toBeInstanceOf(TypeError);
      expect(e.message).toBe('Gradient must be convertible to a Tensor or IndexedSlices, or None: 1,2');
    });
  });
});

describe('tf.IndexedSlices', () => {
  it("takes TF1's name, dtype, op and graph from its values and prints as TF1", () => {
    inGraph((g) => {
      const values = tf.constant([[1, 2]], tf.float32, { name: 'values' });
      const s = new tf.IndexedSlices(values, tf.constant([3], { name: 'indices' }), { dense_shape: tf.constant([5, 2], { name: 'shape' }) });
      expect(s.name).toBe('values:0');
      expect(s.dtype).toBe('float32');
      expect(s.op).toBe(values.op);
      expect(s.graph).toBe(g);
      expect(String(s)).toBe(
        'IndexedSlices(indices=Tensor("indices:0", shape=(1,), dtype=int32), values=Tensor("values:0", shape=(1, 2), dtype=float32), dense_shape=Tensor("shape:0", shape=(2,), dtype=int32))',
      );
      expect(String(new tf.IndexedSlices(values, tf.constant([0])))).not.toMatch(/dense_shape/);
    });
  });

  it('refuses parts from two graphs, and anything but Tensors', () => {
    const a = inGraph(() => tf.constant([1], tf.float32));
    inGraph(() => {
      expect(thrown(() => new tf.IndexedSlices(tf.constant([1], tf.float32), tf.constant([0]), a)).message).toMatch(/must be from the same graph as/);
      expect(thrown(() => new tf.IndexedSlices([1] as never, tf.constant([0])))).toBeInstanceOf(TypeError);
    });
  });
});
