// TF1 r1.12's control_flow_ops_py_test.py ControlFlowTest: what while_loop checks when it builds (shapes, the body's
// structure), what may be fed around a loop, and control dependencies from outside a loop. One `it` per TF1 test
// method, with TF1's inputs, expected values and errors.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllEqual, inSession, thrown } from './helpers.js';

type T = tf.Tensor;

describe('ControlFlowTest (while_loop checks)', () => {
  it('testFeedable', async () => {
    await inSession(async (g, sess) => {
      const [i0, r] = g.as_default(() => {
        const c = tf.constant(2);
        const i0 = tf.constant(0);
        return [
          i0,
          tf.while_loop(
            (i: T) => tf.less(i, 1000),
            (i: T) => tf.add(tf.square(c), i),
            [i0],
          ) as T,
        ] as const;
      });
      assertAllEqual(await sess.run(r, new Map([[i0, 0]])), 1000);
      const feedable: T[] = [];
      for (const op of g.get_operations()) for (const t of op.inputs) if (g.is_feedable(t) && !feedable.includes(t)) feedable.push(t);
      for (const t of feedable) await sess.run(r, new Map([[t, 3]]));
      for (const op of g.get_operations()) {
        for (const t of op.inputs) {
          if (feedable.includes(t) || t.dtype !== 'int32') continue;
          await expect(sess.run(r, new Map([[t, 3]]))).rejects.toThrow(/may not be fed/);
        }
      }
    });
  });

  it('testWhileBadShape', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.constant([2.0, 4.0], { name: 'values' });
      const i = tf.constant(0);
      const b = (i: T, x: T): T[] => [tf.add(i, 1), tf.add(x, 1)];
      // x's shape is [2]; the invariant says [5]
      const e = thrown(() => tf.while_loop((i: T) => tf.less(i, 10), b, [i, x], [i.shape, new tf.TensorShape([5])]));
      expect(e.message).toMatch(/is not compatible with/);
    });
  });

  it('testWhileBadBodyReturn', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.constant([2.0, 4.0], { dtype: tf.float32, name: 'values' });
      const i = tf.constant(0);
      // the body takes N values and returns N+1
      const b = (i: T, ...x: T[]): T[] => [i, i, ...x];
      const e = thrown(() => tf.while_loop((i: T) => tf.less(i, 10), b, [i, x]));
      expect(e.name).toBe('ValueError');
      // r1.12's nest.assert_same_structure counts the elements first (later versions say "same nested structure")
      expect(e.message).toMatch(/^The two structures don't have the same number of elements\./);
    });
  });

  it('testWhileShapeInferenceBadShape', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const i = tf.constant(0);
      const m = tf.ones([2, 2]);
      const b = (i: T, j: T): T[] => [tf.add(i, 1), tf.concat([j, j], 0)];
      const e = thrown(() => tf.while_loop((i: T) => tf.less(i, 2), b, [i, m]));
      expect(e.name).toBe('ValueError');
      expect(e.message).toBe(
        "Input tensor 'ones:0' enters the loop with shape (2, 2), but has shape (4, 2) after one iteration. To allow the shape to vary across iterations, use the `shape_invariants` argument of tf.while_loop to specify a less-specific shape.",
      );
    });
  });

  it('testWhile_NestedBadArityFails', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const loopVars = [[tf.constant(0.0), tf.constant(1.0)], [tf.constant(2.0), tf.constant(3.0)], tf.constant(4.0)];
      const c = (lv0: T[]): T => tf.less(lv0[0]!, 100.0);
      const b = (lv0: T[], lv1: T[], _: T): unknown[] => [lv0, lv1];
      const e = thrown(() => tf.while_loop(c, b, loopVars));
      expect(e.name).toBe('ValueError');
      expect(e.message).toMatch(/the same number of elements/);
    });
  });
});
