// TF1 r1.12's control_flow_ops_py_test.py ControlFlowTest: the tf.case methods (testCase, testCaseSideEffects), whose
// exclusive=True forms check the predicates with tf.Assert, and testCondSwitchIdentity (an Assert in the untaken
// branch). One `it` per TF1 test method, TF1's inputs and values.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllEqual, inSession, rejected } from './helpers.js';

const num = async (sess: tf.Session, t: unknown): Promise<number> => (await sess.run(t as tf.Tensor)).item() as number;

describe('ControlFlowTest (case)', () => {
  it('testCondSwitchIdentity', async () => {
    await inSession(async (g, sess) => {
      const r = g.as_default(() => {
        const pred = tf.constant(true);
        return tf.cond(
          pred,
          () => tf.no_op(),
          () => tf.Assert(false, ['Wrong branch!!!']),
        );
      });
      await sess.run(r);
    });
  });

  it('testCase', async () => {
    await inSession(async (g, sess) => {
      const ranOnce = [false, false, false];
      const r = g.as_default(() => {
        const x = tf.constant(1);
        const y = tf.constant(2);
        const z = tf.constant(3);
        const f1 = () => tf.constant(17);
        const f2 = () => tf.constant(23);
        const f3 = () => tf.constant(-1);
        const r1 = tf.case(
          new Map([
            [tf.less(x, y), f1],
            [tf.greater(x, z), f2],
          ]),
          f3,
          { exclusive: true },
        );
        const r2 = tf.case(
          [
            [tf.greater(y, z), f1],
            [tf.greater(y, x), f2],
          ],
          f3,
        );
        // Duplicate events can happen, first one is selected
        const r3 = tf.case(
          [
            [tf.less(x, y), f1],
            [tf.less(x, y), f2],
          ],
          f3,
        );
        // Duplicate events cause an error if exclusive = True
        const r4 = tf.case(
          [
            [tf.less(x, y), f1],
            [tf.less(x, y), f2],
          ],
          f3,
          { exclusive: true },
        );
        // Check that the default is called if none of the others are
        const r5 = tf.case(new Map([[tf.greater(x, y), f1]]), f3);
        const breakRunTwice = (ix: number) => () => {
          if (ranOnce[ix]) throw new Error(`function ${ix} called twice`);
          ranOnce[ix] = true;
          return tf.constant(ix);
        };
        // Should not fail - each conditional gets called exactly once
        const r6 = tf.case(
          [
            [tf.less(x, y), breakRunTwice(0)],
            [tf.greater(x, y), breakRunTwice(1)],
          ],
          () => tf.constant(2),
        );
        return { r1, r2, r3, r4, r5, r6 };
      });
      assertAllEqual(await sess.run(r.r1 as tf.Tensor), 17);
      assertAllEqual(await sess.run(r.r2 as tf.Tensor), 23);
      assertAllEqual(await sess.run(r.r3 as tf.Tensor), 17);
      const e = await rejected(sess.run(r.r4 as tf.Tensor));
      expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
      expect(e.message).toMatch('Input error:');
      assertAllEqual(await sess.run(r.r5 as tf.Tensor), -1);
      assertAllEqual(await sess.run(r.r6 as tf.Tensor), 0);
    });
  });

  it('testCaseSideEffects', async () => {
    await inSession(async (g, sess) => {
      const { vs, r0, r1, r2, init } = g.as_default(() => {
        const v0 = tf.Variable(-1);
        const v1 = tf.Variable(-1);
        const v2 = tf.Variable(-1);
        const a = () => tf.control_dependencies([tf.assign(v0, 0)], () => tf.identity(tf.constant(0)));
        const b = () => tf.control_dependencies([tf.assign(v1, 1)], () => tf.identity(tf.constant(1)));
        const c = () => tf.control_dependencies([tf.assign(v2, 2)], () => tf.identity(tf.constant(2)));
        const x = tf.constant(1);
        const y = tf.constant(2);
        const r0 = tf.case(
          [
            [tf.less(x, y), a],
            [tf.greater(x, y), b],
          ],
          c,
          { exclusive: true },
        );
        const r1 = tf.case(
          [
            [tf.greater(x, y), a],
            [tf.less(x, y), b],
          ],
          c,
          { exclusive: true },
        );
        const r2 = tf.case(
          [
            [tf.greater(x, y), a],
            [tf.greater(x, y), b],
          ],
          c,
          { exclusive: true },
        );
        return { vs: [v0, v1, v2], r0, r1, r2, init: tf.global_variables_initializer() };
      });
      const values = async () => ((await sess.run(vs as never)) as unknown as tf.NDArray[]).map((a) => a.item());
      await sess.run(init);
      expect(await values()).toEqual([-1, -1, -1]);
      expect(await num(sess, r2)).toBe(2);
      expect(await values()).toEqual([-1, -1, 2]);

      await sess.run(init);
      expect(await values()).toEqual([-1, -1, -1]);
      expect(await num(sess, r1)).toBe(1);
      expect(await values()).toEqual([-1, 1, -1]);

      await sess.run(init);
      expect(await values()).toEqual([-1, -1, -1]);
      expect(await num(sess, r0)).toBe(0);
      expect(await values()).toEqual([0, -1, -1]);
    });
  });
});
