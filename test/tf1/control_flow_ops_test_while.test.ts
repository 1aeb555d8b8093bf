// TF1 r1.12's control_flow_ops_test.py WhileLoopTestCase (graph mode), one `it` per TF1 test method.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllEqual, inSession } from './helpers.js';

type T = tf.Tensor;

describe('WhileLoopTestCase', () => {
  it('testWhileLoopWithSingleVariable', async () => {
    await inSession(async (g, sess) => {
      const r = g.as_default(
        () =>
          tf.while_loop(
            (i: T) => tf.less(i, 10),
            (i: T) => tf.add(i, 1),
            [tf.constant(0)],
          ) as T,
      );
      assertAllEqual(await sess.run(r), 10);
    });
  });

  it('testEagerWhileLoopWithSingleVariable_bodyReturnsTuple (graph mode: one loop variable comes back unpacked)', async () => {
    await inSession(async (g, sess) => {
      const r = g.as_default(() =>
        tf.while_loop(
          (i: T) => tf.less(i, 10),
          (i: T) => [tf.add(i, 1)],
          [tf.constant(0)],
        ),
      );
      // TF1 compares 10 with (10,) through numpy's broadcasting: equal
      expect(r).toBeInstanceOf(tf.Tensor);
      assertAllEqual(await sess.run(r as T), 10);
    });
  });

  it('testWhileLoopSameReturnShape_False', async () => {
    await inSession(async (g, sess) => {
      const r = g.as_default(() =>
        tf.while_loop(
          (i: T) => tf.less(i, 10),
          (i: T, _: unknown) => [tf.add(i, 1), []],
          [tf.constant(0), []],
        ),
      );
      // only the tensor comes back
      expect(r).toBeInstanceOf(tf.Tensor);
      assertAllEqual(await sess.run(r as T), 10);
    });
  });

  it('testWhileLoopSameReturnShape_True', async () => {
    await inSession(async (g, sess) => {
      const r = g.as_default(() =>
        tf.while_loop(
          (i: T) => tf.less(i, 10),
          (i: T, _: unknown) => [tf.add(i, 1), []],
          [tf.constant(0), []],
          { return_same_structure: true },
        ),
      ) as [T, []];
      expect(r).toHaveLength(2);
      expect(r[1]).toEqual([]);
      assertAllEqual(await sess.run(r[0]), 10);
    });
  });
});

describe('DataTypesTest (a cond inside a while loop)', () => {
  it('test_cond_inside_while_loop (TF1 namedtuple TestTuple(a, b) as a plain object)', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const body = (i: T, matrix: T): T[] => {
        const [resultTuple] = tf.cond(
          tf.constant(true),
          () => [{ a: matrix.mul(2), b: matrix.mul(4) }, matrix],
          () => [{ a: matrix.mul(4), b: matrix.mul(2) }, matrix],
        ) as [{ a: T; b: T }, T];
        return [i.add(1), resultTuple.a];
      };
      const [iteration, matrix] = tf.while_loop((i: T, _m: T) => tf.less(i, 10), body, {
        loop_vars: [tf.constant(0), tf.ones([2, 2])],
      }) as T[];
      expect(iteration!.get_shape().as_list()).toEqual([]);
      expect(matrix!.get_shape().as_list()).toEqual([2, 2]);
    });
  });
});
