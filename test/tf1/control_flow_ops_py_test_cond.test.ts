// TF1 r1.12's control_flow_ops_py_test.py ControlFlowTest: the tf.cond cases (testCond_1 .. testCond_7, testCondRef,
// testCondWithControl, testCondBool, testCondInt, testFetchable, testCondGrad_1 .. 3, ...), read from the copy of the
// file the index holds (r1.12's test_session spelling). One `it` per TF1 test method, TF1's inputs and values.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { denseGradients } from '../helpers/dense_gradients.js';
import { assertAllEqual, inSession, rejected, thrown } from './helpers.js';

const num = async (sess: tf.Session, t: tf.Tensor, feeds?: Map<tf.Tensor, tf.NDArray>): Promise<number> => (await sess.run(t, feeds)).item() as number;

describe('ControlFlowTest (cond)', () => {
  it('testCondBool', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const values = tf.constant(10);
      const e = thrown(() =>
        tf.cond(
          false as never,
          () => tf.add(values, 1),
          () => tf.subtract(values, 1),
        ),
      );
      expect(e).toBeInstanceOf(tf.errors.TypeError);
      expect(e.message).toMatch('must not be a Python bool');
    });
  });

  it('testCondInt', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const p = tf.placeholder(tf.bool, []);
      const v = tf.constant(10);
      const y = tf.cond(
        p,
        () => tf.add(v, 1),
        () => tf.subtract(v, 1),
      );
      expect(denseGradients(y, [v])).toEqual([null]);
    });
  });

  it('testFetchable', async () => {
    await inSession(async (g, sess) => {
      const x = g.as_default(() => {
        const x = tf.placeholder(tf.float32);
        tf.cond(
          tf.constant(true),
          () => x.add(2),
          () => x.add(0),
        );
        return x;
      });
      const feeds = new Map([[x, new tf.NDArray(Float32Array.of(3), [], 'float32')]]);
      for (const op of g.get_operations()) {
        for (const t of op.inputs) {
          if (g.is_fetchable(t.op)) await sess.run(t, feeds);
          else expect((await rejected(sess.run(t, feeds))).message).toMatch('has been marked as not fetchable');
        }
      }
    });
  });

  it('testCond_1', async () => {
    for (const backend of ['cpu'] as const) {
      const g = new tf.Graph();
      const sess = new tf.Session({ graph: g, backend });
      const r = g.as_default(() => {
        const x = tf.constant(10);
        const pred = tf.less(1, 2);
        return tf.cond(
          pred,
          () => tf.add(x, 1),
          () => tf.subtract(x, 1),
        );
      });
      expect(await num(sess, r)).toBe(11);
      sess.close();
    }
  });

  it('testCond_2', async () => {
    await inSession(async (g, sess) => {
      const r = g.as_default(() => {
        const x = tf.constant(10);
        return tf.cond(
          tf.less(1, 0),
          () => tf.add(x, 1),
          () => tf.subtract(x, 1),
        );
      });
      expect(await num(sess, r)).toBe(9);
    });
  });

  it('testCond_3', async () => {
    await inSession(async (g, sess) => {
      const r = g.as_default(() => {
        const x = tf.constant(10);
        const pred = tf.less(1, 2);
        const fn1 = (): tf.Tensor => tf.add(x, 1);
        const fn2 = (): tf.Tensor => tf.subtract(x, 1);
        const fn3 = (): tf.Tensor => tf.add(tf.cond(pred, fn1, fn2), 1);
        return tf.cond(pred, fn3, fn2);
      });
      expect(await num(sess, r)).toBe(12);
    });
  });

  it('testCond_4', async () => {
    await inSession(async (g, sess) => {
      const { r, v1, v2, v3 } = g.as_default(() => {
        const v1 = tf.Variable(7);
        const v2 = tf.Variable(7);
        const v3 = tf.Variable(7);
        const age = tf.constant(3);
        const maxAge = tf.constant(2);
        const pred = tf.greater(age, maxAge);
        const fn1 = () => [tf.assign(v1, 1).op, tf.assign(v2, 2).op];
        const fn2 = () => [tf.assign(v3, 3).op, tf.constant(10).op];
        return { r: tf.cond(pred, fn1, fn2), v1, v2, v3 };
      });
      await sess.run(g.as_default(() => tf.global_variables_initializer()));
      expect(r.length).toBe(2);
      expect((await sess.run(r[1]!)).item()).toBe(1);
      expect((await sess.run(v1.value())).item()).toBe(7);
      expect((await sess.run(v2.value())).item()).toBe(2);
      expect((await sess.run(v3.value())).item()).toBe(7);
    });
  });

  it('testCond_5', async () => {
    await inSession(async (g, sess) => {
      const count = g.as_default(() => {
        let alive = tf.constant(true, { name: 'alive' });
        let count = tf.constant(0, { name: 'count' });
        const body = (i: number): tf.Tensor[] => {
          const [a, c] = [alive, count];
          return tf.cond(
            a,
            () => [tf.less(i, 3), tf.add(c, 1)],
            () => [a, c],
          );
        };
        for (let i = 0; i < 10; i++) [alive, count] = body(i) as [tf.Tensor, tf.Tensor];
        return count;
      });
      expect(await num(sess, count)).toBe(4);
    });
  });

  it('testCond_6', async () => {
    await inSession(async (g, sess) => {
      const r = g.as_default(() => {
        const v1 = tf.Variable([7]);
        const age = tf.constant(3);
        const pred = tf.greater(age, 4);
        return tf.cond(
          pred,
          (): unknown => age,
          (): unknown => v1,
        ) as tf.Tensor;
      });
      await sess.run(g.as_default(() => tf.global_variables_initializer()));
      assertAllEqual(await sess.run(r), [7]);
    });
  });

  it('testCond_7', async () => {
    await inSession(async (g, sess) => {
      const r = g.as_default(() => {
        const x = tf.constant(10);
        const y = tf.constant(200);
        const pred = tf.less(1, 2);
        return tf.cond(
          pred,
          () => [tf.add(x, 1), tf.add(x, 2)],
          () => [y, y],
        );
      });
      const out = await sess.run(r);
      expect(out.map((a) => a.item())).toEqual([11, 12]);
    });
  });

  it('testCondRef', async () => {
    await inSession(async (g, sess) => {
      const r = g.as_default(() => {
        const x = g.create_op('VariableV2', [], { dtype: 'float32', shape: [1] }, 'x').outputs[0]!;
        return tf.cond(
          tf.constant(false),
          () => x,
          () => tf.constant([2.0], tf.float32),
        );
      });
      expect(g.get_operations().some((op) => op.type === 'RefSwitch')).toBe(true);
      assertAllEqual(await sess.run(r), [2.0]);
    });
  });

  it('testCondWithControl', async () => {
    await inSession(async (g, sess) => {
      const r = g.as_default(() => {
        const controlHolder = tf.placeholder(tf.float32, []);
        const a = tf.constant(3);
        const trueBranch = (): tf.Tensor => {
          tf.control_dependencies([controlHolder], () => a.add(1));
          return a.add(2);
        };
        return tf.cond(tf.constant(true), trueBranch, () => tf.constant(1));
      });
      expect(await num(sess, r)).toBe(5);
    });
  });

  it('testCondGrad_1', async () => {
    await inSession(async (g, sess) => {
      const grad = g.as_default(() => {
        const x = tf.constant(10.0, tf.float32, { name: 'x' });
        const pred = tf.less(1, 2);
        const r = tf.cond(
          pred,
          () => tf.identity(x),
          () => tf.identity(x),
        );
        return denseGradients(r, [x])[0]!;
      });
      expect(await num(sess, grad)).toBe(1.0);
    });
  });

  it('testCondGrad_2', async () => {
    await inSession(async (g, sess) => {
      const { grad, c } = g.as_default(() => {
        const c = tf.placeholder(tf.int32, []);
        const x = tf.constant(10.0, tf.float32);
        const pred = tf.less(c, 2);
        const r = tf.cond(
          pred,
          () => tf.multiply(x, 42.0),
          () => tf.multiply(x, 3.0),
        );
        return { grad: denseGradients(r, [x])[0]!, c };
      });
      const feed = (v: number) => new Map([[c, new tf.NDArray(Int32Array.of(v), [], 'int32')]]);
      expect(await num(sess, grad, feed(1))).toBe(42.0);
      expect(await num(sess, grad, feed(3))).toBe(3.0);
    });
  });

  it('testCondGrad_3', async () => {
    await inSession(async (g, sess) => {
      const { r, c } = g.as_default(() => {
        const c = tf.placeholder(tf.int32, []);
        const ox = tf.constant(10.0, tf.float32);
        const pred = tf.less(c, 2);
        const fn1 = (x: tf.Tensor): tf.Tensor => {
          const m = x.mul(x);
          return denseGradients(m, [ox])[0]!;
        };
        const fn2 = (): tf.Tensor => tf.multiply(ox, 3.0);
        const y = tf.multiply(7.0, ox);
        return { r: tf.cond(pred, () => fn1(y), fn2), c };
      });
      const feed = (v: number) => new Map([[c, new tf.NDArray(Int32Array.of(v), [], 'int32')]]);
      expect(await num(sess, r, feed(1))).toBe(980.0);
      expect(await num(sess, r, feed(3))).toBe(30.0);
    });
  });

  it('testNestedCond_Simple', async () => {
    await inSession(async (g, sess) => {
      const [r1, r2] = g.as_default(() => {
        const x = tf.constant(0, tf.float32, { name: 'X' });
        const inner = (): tf.Tensor =>
          tf.cond(
            x.lt(1),
            () => x,
            () => x,
          );
        const y = tf.cond(tf.constant(true), () => x, inner);
        const z = tf.cond(tf.constant(false), () => x, inner);
        return [denseGradients(y, x)[0]!, denseGradients(z, x)[0]!];
      });
      expect(await num(sess, r1)).toBe(1.0);
      expect(await num(sess, r2)).toBe(1.0);
    });
  });

  it('testCondGrad_Gather', async () => {
    await inSession(async (g, sess) => {
      const { grad, c, init } = g.as_default(() => {
        const v1 = tf.Variable(tf.constant([1.0, 42.0], tf.float32));
        const c = tf.placeholder(tf.int32, []);
        const pred = tf.less(c, 2);
        const r = tf.cond(
          pred,
          () => tf.identity(v1),
          () => tf.gather(v1, [1, 1]),
        );
        return { grad: tf.gradients(r, [v1])[0]!, c, init: tf.global_variables_initializer() };
      });
      // As TF1's: the gather's IndexedSlices merged through the cond with the other branch's dense gradient.
      expect(grad).toBeInstanceOf(tf.IndexedSlices);
      const slices = grad as tf.IndexedSlices;
      await sess.run(init);
      const feed = (v: number) => new Map([[c, new tf.NDArray(Int32Array.of(v), [], 'int32')]]);
      /** TF1's dense_gv: the values summed by index. */
      const dense = async (v: number): Promise<number[]> => {
        const [gv, gi] = await sess.run([slices.values, slices.indices], feed(v));
        return [0, 1].map((i) => Array.from(gi!.data).reduce((sum, x, k) => (x === i ? sum + Number(gv!.data[k]) : sum), 0));
      };
      // Should just be [1, 1], but possibly a sparse representation
      expect(await dense(1)).toEqual([1.0, 1.0]);
      // Should be [0, 2], as the else forwards v1[1] twice
      expect(await dense(3)).toEqual([0.0, 2.0]);
    });
  });
});
