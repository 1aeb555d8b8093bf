// TF1's tensorflow/python/kernel_tests/dense_update_ops_test.py, ported (source read: tensorflow/tensorflow's
// copy with r1.12's test names: AssignOpTest's basic, non-strict-shape, uninitialized and parallel cases).
// "Threads" are concurrent Session.run calls. JavaScript has no float literal, so TF1's `1.0` is a float32 constant.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { arange, assertAllEqual, inSession, rejected } from './helpers.js';

type Update = (p: tf.RefVariable, y: tf.NDArray) => tf.Tensor;

/** TF1's _initAssignFetch and friends: a Variable initialized to x, updated with y; the variable's and the op's values. */
async function initUpdateFetch(x: tf.NDArray, y: tf.NDArray, update: Update): Promise<[tf.NDArray, tf.NDArray]> {
  return inSession(async (g, sess) => {
    const [p, op] = g.as_default(() => {
      const p = tf.Variable(x);
      return [p, update(p, y)] as const;
    });
    await sess.run(p.initializer);
    const newValue = await sess.run(op);
    return [await sess.run(p.value()), newValue];
  });
}

const elementwise = (a: tf.NDArray, b: tf.NDArray, f: (u: number, v: number) => number): tf.NDArray => {
  const out = tf.NDArray.zeros(a.shape, a.dtype);
  for (let i = 0; i < a.size; i++) out.data[i] = f(a.data[i]!, b.data[i]!);
  return out;
};

const filled = (v: number, dtype: tf.DType): tf.Tensor => tf.fill([1024, 1024], tf.constant(v, dtype));

describe('AssignOpTest', () => {
  it('testBasic', async () => {
    for (const dtype of ['float32', 'float64', 'int32', 'int64'] as const) {
      const x = tf.NDArray.zeros([4, 5], dtype);
      const y = arange(0, 20, [4, 5], dtype);
      for (const [update, want] of [
        [(p, v) => tf.assign(p, v), y],
        [(p, v) => tf.assign_add(p, v), elementwise(x, y, (a, b) => a + b)],
        [(p, v) => tf.assign_sub(p, v), elementwise(x, y, (a, b) => a - b)],
      ] as [Update, tf.NDArray][]) {
        const [varValue, opValue] = await initUpdateFetch(x, y, update);
        assertAllEqual(varValue, want);
        assertAllEqual(opValue, want);
        expect(varValue.dtype).toBe(dtype);
      }
    }
  });

  it('testAssignNonStrictShapeChecking', async () => {
    await inSession(async (g, sess) => {
      const [data, p, a] = g.as_default(() => {
        const data = tf.fill([1024, 1024], 0);
        const p = tf.Variable([1]);
        return [data, p, tf.assign(p, data, { validate_shape: false })] as const;
      });
      await sess.run(a.op);
      assertAllEqual(await sess.run(p.value()), await sess.run(data));
      // Assign to yet another shape.
      const [data2, a2] = g.as_default(() => {
        const data2 = tf.fill([10, 10], 1);
        return [data2, tf.assign(p, data2, { validate_shape: false })] as const;
      });
      await sess.run(a2.op);
      assertAllEqual(await sess.run(p.value()), await sess.run(data2));
    });
  });

  for (const [name, update] of [
    ['testInitRequiredAssignAdd', tf.assign_add],
    ['testInitRequiredAssignSub', tf.assign_sub],
  ] as const) {
    it(name, async () => {
      await inSession(async (g, sess) => {
        // TF1 passes dtypes.int32 positionally, where Variable takes `trainable`; the fill is int32 already.
        const a = g.as_default(() => update(tf.Variable(tf.fill([1024, 1024], 1)), tf.fill([1024, 1024], 0)));
        const e = await rejected(sess.run(a.op));
        expect(e).toBeInstanceOf(tf.errors.OpError);
        expect(e.message).toMatch(/use uninitialized/);
      });
    });
  }

  it('testParallelUpdateWithLocking', async () => {
    await inSession(async (g, sess) => {
      const [p, adds] = g.as_default(() => {
        const zeros = filled(0, 'float32');
        const ones = filled(1, 'float32');
        const p = tf.Variable(zeros);
        return [p, Array.from({ length: 20 }, () => tf.assign_add(p, ones, { use_locking: true }))] as const;
      });
      await sess.run(p.initializer);
      await Promise.all(adds.map((add) => sess.run(add)));
      const vals = await sess.run(p.value());
      expect(vals.data.every((v) => v === 20)).toBe(true);
    });
  });

  it('testParallelAssignWithLocking', async () => {
    await inSession(async (g, sess) => {
      const [p, assigns] = g.as_default(() => {
        const ones = filled(1, 'float32');
        const p = tf.Variable(filled(0, 'float32'));
        return [p, Array.from({ length: 20 }, (_, k) => tf.assign(p, tf.multiply(ones, tf.constant(k + 1, tf.float32)), { use_locking: true }))] as const;
      });
      await sess.run(p.initializer);
      await Promise.all(assigns.map((a) => sess.run(a)));
      const vals = await sess.run(p.value());
      // Every element is the same, and taken from one of the assignments.
      const v0 = vals.data[0]!;
      expect(v0).toBeGreaterThan(0);
      expect(v0).toBeLessThanOrEqual(20);
      expect(vals.data.every((v) => v === v0)).toBe(true);
    });
  });
});
