// TF1's control_flow_ops_py_test.py and control_flow_ops_test.py, their IndexedSlices cases (read from the copy of
// the files the index holds at r1.12's era): TupleTest.testIndexedSlices, ControlFlowTest.testSwitchMergeIndexedSlices,
// testCondIndexedSlices, testCondIndexedSlicesDifferentTypes, and control_flow_ops_test's
// testWithIndexedSlicesDependencies. tf1-ts's IndexedSlices takes Tensors, so where TF1 wraps a Variable (which
// with_dependencies reads through a RefIdentity) its ref is given; check_op_order (a graph-ordering helper of the test file) is not ported.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { with_dependencies } from '../../src/ops/control_flow_ops.js';
import { merge, switch_ } from '../../src/ops/control_flow_switch.js';
import { assertAllClose, assertAllEqual, inSession, rejected } from './helpers.js';

const M1 = [
  [0.0, 1.0],
  [10.0, 11.0],
  [20.0, 21.0],
];
const M2 = [
  [0.1, 1.1],
  [10.1, 11.1],
  [20.1, 21.1],
];

describe('TupleTest with IndexedSlices', () => {
  it('testIndexedSlices', async () => {
    for (const v1First of [true, false]) {
      await inSession(async (g, sess) => {
        const b = g.as_default(() => {
          const v1 = tf.Variable(tf.constant(M1, tf.float32));
          const v1At1 = new tf.IndexedSlices(with_dependencies([v1.initializer], v1._ref()), tf.constant([1]));
          const v2 = tf.Variable(tf.constant(M2, tf.float32));
          const v2At1 = new tf.IndexedSlices(with_dependencies([v2.initializer], v2._ref()), tf.constant([1]));
          const [st1, st2] = tf.tuple([v1At1, v2At1]) as tf.IndexedSlices[];
          expect(st1).toBeInstanceOf(tf.IndexedSlices);
          return { v1, v2, g1: tf.gather(st1!.values, st1!.indices), g2: tf.gather(st2!.values, st2!.indices) };
        });
        // v1 is not initialized.
        expect((await rejected(sess.run(b.v1))).message).toMatch('Attempting to use uninitialized value');
        // v2 is not initialized.
        expect((await rejected(sess.run(b.v2))).message).toMatch('Attempting to use uninitialized value');
        if (v1First) {
          // Getting g1 initializes v2.
          assertAllClose(await sess.run(b.g1), [[10.0, 11.0]]);
          assertAllClose(await sess.run(b.v2), M2);
        } else {
          // Getting g2 initializes v1.
          assertAllClose(await sess.run(b.g2), [[10.1, 11.1]]);
          assertAllClose(await sess.run(b.v1), M1);
        }
      });
    }
  });
});

describe('ControlFlowTest with IndexedSlices', () => {
  it('testSwitchMergeIndexedSlices', async () => {
    await inSession(async (g, sess) => {
      const mergeOp = g.as_default(() => {
        const data = new tf.IndexedSlices(tf.constant([1, 2, 3, 4, 5, 6]), tf.constant([0, 2, 4, 6, 8, 10]));
        const pred = tf.convert_to_tensor(true);
        const switchOp = switch_(data, pred);
        expect(switchOp[1].indices.op.name).toBe('Switch/indices');
        return merge(switchOp)[0] as tf.IndexedSlices;
      });
      expect(mergeOp.indices.op.name).toBe('Merge/indices');
      assertAllEqual(await sess.run(mergeOp.values), [1, 2, 3, 4, 5, 6]);
      assertAllEqual(await sess.run(mergeOp.indices), [0, 2, 4, 6, 8, 10]);
    });
  });

  it('testCondIndexedSlices', async () => {
    await inSession(async (g, sess) => {
      const r = g.as_default(() => {
        const indices = tf.constant(0);
        const x = new tf.IndexedSlices(tf.constant(10), indices);
        const pred = tf.less(1, 2);
        const fn1 = () => new tf.IndexedSlices(tf.add(x.values, 1), indices);
        const fn2 = () => new tf.IndexedSlices(tf.subtract(x.values, 1), indices);
        return tf.cond(pred, fn1, fn2) as unknown as tf.IndexedSlices;
      });
      expect(r).toBeInstanceOf(tf.IndexedSlices);
      assertAllEqual(await sess.run(r.values), 11);
      assertAllEqual(await sess.run(r.indices), 0);
    });
  });

  it('testCondIndexedSlicesDifferentTypes', async () => {
    await inSession(async (g, sess) => {
      const r = g.as_default(() => {
        const i32 = tf.convert_to_tensor(0, { name: 'one', dtype: tf.int32 });
        const i64 = tf.convert_to_tensor(0, { name: 'one', dtype: tf.int64 });
        const x = new tf.IndexedSlices(tf.constant(10), i32);
        const pred = tf.less(1, 2);
        const fn1 = () => new tf.IndexedSlices(tf.add(x.values, 1), i32);
        const fn2 = () => new tf.IndexedSlices(tf.subtract(x.values, 1), i64);
        return tf.cond(pred, fn1, fn2) as unknown as tf.IndexedSlices;
      });
      assertAllEqual(await sess.run(r.values), 11);
      const ind = await sess.run(r.indices);
      assertAllEqual(ind, 0);
      expect(ind.dtype).toBe('int64');
    });
  });

  it('testWithIndexedSlicesDependencies', async () => {
    await inSession(async (g, sess) => {
      const b = g.as_default(() => {
        const v = tf.Variable(tf.constant(M1, tf.float32));
        const vAt1 = new tf.IndexedSlices(v._ref(), tf.constant([1]));
        const gatherVAt1 = tf.gather(vAt1.values, vAt1.indices);
        const vAt1AfterInit = with_dependencies([v.initializer], vAt1);
        expect(vAt1AfterInit).toBeInstanceOf(tf.IndexedSlices);
        const gatherAfterInit = tf.gather(vAt1AfterInit.values, vAt1AfterInit.indices);
        return { v, gatherVAt1, gatherAfterInit };
      });
      // Fetching gather_v_at_1 will result in an uninitialized error
      expect((await rejected(sess.run(b.gatherVAt1))).message).toMatch('Attempting to use uninitialized value');
      // Getting gather_v_at_1_after_init will work, and initialize v.
      assertAllEqual(await sess.run(b.gatherAfterInit), [[10.0, 11.0]]);
      // Double check that 'v' is initialized
      assertAllClose(await sess.run(b.v), M1);
    });
  });
});

describe('ControlFlowTest: IndexedSlices loop variables', () => {
  const build = () => {
    const values = tf.constant(
      [
        [2.0, 4.0],
        [3.0, 5.0],
      ],
      tf.float32,
      undefined,
      'values',
    );
    const indices = tf.constant([0, 3], undefined, undefined, 'indices');
    const shape = tf.constant([10, 2], undefined, undefined, 'dense_shape');
    const i = tf.constant(0);
    const x = new tf.IndexedSlices(values, indices, shape);
    const c = (i: tf.Tensor, _: unknown) => tf.less(i, 10);
    const b = (i: tf.Tensor, x: tf.IndexedSlices) => [i.add(1), new tf.IndexedSlices(x.values.mul(tf.constant(2.0, tf.float32)), x.indices, x.dense_shape)];
    return { i, x, c, b };
  };

  it('testWhileShapeInferenceIndexedSlices', () => {
    new tf.Graph().as_default(() => {
      const { i, x, c, b } = build();
      let [, r] = tf.while_loop(c, b, [i, x]) as [tf.Tensor, tf.IndexedSlices];
      expect(r).toBeInstanceOf(tf.IndexedSlices);
      expect(r.dense_shape!.shape.dims![0]).toBe(2);
      expect(r.values.shape.as_list()).toEqual([2, 2]);
      [, r] = tf.while_loop(c, b, [i, x], [i.shape, new tf.TensorShape([null, 2])]) as [tf.Tensor, tf.IndexedSlices];
      expect(r.dense_shape!.shape.dims![0]).toBe(2);
      expect(r.values.shape.as_list()).toEqual([null, 2]);
      // TF1 asserts the message "must be rank 2"; tf1-ts gives _SetShapeInvariants' ValueError for the values.
      expect(() => tf.while_loop(c, b, [i, x], [i.shape, new tf.TensorShape([5])])).toThrow(tf.errors.ValueError);
    });
  });

  it('testWhileGrad_IndexedSlices', async () => {
    await inSession(async (g, sess) => {
      const grad = g.as_default(() => {
        const values = tf.constant([2.0, 4.0], tf.float32, undefined, 'values');
        const indices = tf.constant([0, 3], undefined, undefined, 'indices');
        const shape = tf.constant([10], undefined, undefined, 'dense_shape');
        const x = new tf.IndexedSlices(values, indices, shape);
        const c = (i: tf.Tensor, _: unknown) => tf.less(i, 10);
        const b = (i: tf.Tensor, x: tf.IndexedSlices) => [i.add(1), new tf.IndexedSlices(x.values.mul(tf.constant(2.0, tf.float32)), x.indices, x.dense_shape)];
        const [, r] = tf.while_loop(c, b, [tf.constant(0), x]) as [tf.Tensor, tf.IndexedSlices];
        return tf.gradients(r.values, values)[0] as tf.Tensor;
      });
      assertAllClose(await sess.run(grad), [1024.0, 1024.0]);
    });
  });

  it('runs: the parts enter, merge, switch and exit by TF1 names', async () => {
    await inSession(async (g, sess) => {
      const r = g.as_default(() => {
        const { i, x, c, b } = build();
        return (tf.while_loop(c, b, [i, x]) as [tf.Tensor, tf.IndexedSlices])[1];
      });
      expect(r.values.op.name).toBe('while/Exit_1');
      // name="indices" each time, as TF1's _Enter, _Identity, _NextIteration and exit pass it: Enter, Identity, NextIteration, Exit
      expect(['while/indices', 'while/indices_1', 'while/indices_2', 'while/indices_3'].map((n) => g.get_operation_by_name(n).type)).toEqual([
        'Enter',
        'Identity',
        'NextIteration',
        'Exit',
      ]);
      expect(r.indices.op.name).toBe('while/indices_3');
      expect(g.get_operation_by_name('while/Merge_1/indices').type).toBe('Merge');
      const v = await sess.run(r);
      assertAllClose(v.values, [
        [2048, 4096],
        [3072, 5120],
      ]);
      assertAllEqual(v.indices, [0, 3]);
      assertAllEqual(v.dense_shape!, [10, 2]);
    });
  });
});
