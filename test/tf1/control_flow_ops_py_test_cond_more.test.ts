// TF1 r1.12's control_flow_ops_py_test.py ControlFlowTest: the remaining tf.cond cases (testOneValueCond,
// testExampleCond, testOneOpCond), with_dependencies and tf.group (testWithOpsDependencies,
// testWithTensorDependencies, testGroup, testGroupEmpty), Merge's shape (testMergeShapes) and a loop's tensor
// that escapes its body (testRunLoopTensor). Read from the copy of the file the index holds (r1.12's
// test_session spelling); one `it` per TF1 test method, TF1's inputs and expected values.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { with_dependencies } from '../../src/ops/control_flow_ops.js';
import { merge } from '../../src/ops/control_flow_switch.js';
import { assertAllClose, assertAllEqual, inSession, rejected } from './helpers.js';

type T = tf.Tensor;
const UNINITIALIZED = 'Attempting to use uninitialized value';

describe('ControlFlowTest (more conds, with_dependencies, group, Merge shapes)', () => {
  it('testOneValueCond', async () => {
    await inSession(async (g, sess) => {
      const [c, i] = g.as_default(() => {
        const c = tf.placeholder(tf.int32, []);
        const one = tf.convert_to_tensor(1, { name: 'one' });
        const two = tf.convert_to_tensor(2, { name: 'two' });
        const p = tf.greater_equal(c, 1);
        return [
          c,
          tf.cond(
            p,
            () => one,
            () => two,
          ),
        ] as const;
      });
      expect(i).toBeInstanceOf(tf.Tensor);
      // True case: c = 2 is >= 1
      assertAllEqual(await sess.run(i as T, new Map([[c, 2]])), 1);
      // False case: c = 0 is not >= 1
      assertAllEqual(await sess.run(i as T, new Map([[c, 0]])), 2);
    });
  });

  it('testExampleCond', async () => {
    await inSession(async (g, sess) => {
      const [d, i] = g.as_default(() => {
        // Python's [-2.0, 2.0] is float; JavaScript's whole numbers would make it int32
        const x = tf.convert_to_tensor([-2.0, 2.0], { dtype: tf.float32, name: 'x' });
        const d = tf.placeholder(tf.int32, []);
        const l2 = (): T => tf.sqrt(tf.reduce_sum(tf.square(x)));
        const l1 = (): T => tf.reduce_sum(tf.abs(x));
        return [d, tf.cond(tf.equal(d, 2), l2, l1) as T] as const;
      });
      assertAllClose(await sess.run(i, new Map([[d, 1]])), 4.0);
      assertAllClose(await sess.run(i, new Map([[d, 2]])), 2.0 * Math.sqrt(2));
    });
  });

  it('testOneOpCond: a cond whose branches assign, its predicate fed by the tensor name', async () => {
    await inSession(async (g, sess) => {
      const [v, c, i, init] = g.as_default(() => {
        const v = tf.Variable(0);
        const c = tf.convert_to_tensor(0);
        const one = tf.convert_to_tensor(1);
        const two = tf.convert_to_tensor(2);
        const p = tf.greater_equal(c, 1);
        const i = tf.cond(
          p,
          () => tf.assign(v, one),
          () => tf.assign(v, two),
        );
        return [v, c, i as T, tf.global_variables_initializer()] as const;
      });
      expect(i).toBeInstanceOf(tf.Tensor);
      await sess.run(init);
      assertAllEqual(await sess.run(v.value()), 0);
      // True case: c = 2 is >= 1, v is set to 1.
      assertAllEqual(await sess.run(i, new Map([[c.name, 2]])), 1);
      assertAllEqual(await sess.run(v.value()), 1);
      // False case: c = 0 is not >= 1, v is set to 2.
      assertAllEqual(await sess.run(i, new Map([[c.name, 0]])), 2);
      assertAllEqual(await sess.run(v.value()), 2);
    });
  });

  it('testWithOpsDependencies', async () => {
    await inSession(async (g, sess) => {
      const [v, c, realV] = g.as_default(() => {
        const v = tf.Variable(tf.constant(0.0, tf.float32));
        const c = tf.constant(10);
        // a control dependency runs the initializer when c is asked for
        const realV = with_dependencies([v.initializer], v._ref(), 'real_tensor');
        return [v, c, realV] as const;
      });
      // Fetching v directly is the uninitialized error
      expect((await rejected(sess.run([c, v.value()]))).message).toMatch(UNINITIALIZED);
      const [cVal, realVVal] = await sess.run([c, realV]);
      assertAllEqual(cVal!, 10);
      assertAllClose(realVVal!, 0.0);
    });
  });

  it('testWithTensorDependencies', async () => {
    await inSession(async (g, sess) => {
      const [v, c2WithC1Dep] = g.as_default(() => {
        const v = tf.Variable(tf.constant(0.0, tf.float32));
        const c1 = tf.constant(10);
        const c2 = tf.constant(20);
        // c1_with_init_v depends on the init op for v
        const c1WithInitV = with_dependencies([v.initializer], c1, 'c1_with_init_v');
        // c2_with_c1 depends on the value of c1_with_init_v
        return [v, with_dependencies([c1WithInitV], c2, 'c2_with_c1_dep')] as const;
      });
      expect((await rejected(sess.run(v.value()))).message).toMatch(UNINITIALIZED);
      // Getting c2_with_c1_dep runs v's initializer.
      assertAllEqual(await sess.run(c2WithC1Dep), 20);
      assertAllClose(await sess.run(v.value()), 0.0);
    });
  });

  it('testGroup', async () => {
    await inSession(async (g, sess) => {
      const [v1, v2, init] = g.as_default(() => {
        const v1 = tf.Variable(tf.constant([0.0], tf.float32));
        const v2 = tf.Variable(tf.constant([1.0], tf.float32));
        return [v1, v2, tf.group(v1.initializer, v2.initializer)] as const;
      });
      expect((await rejected(sess.run(v1.value()))).message).toMatch(UNINITIALIZED);
      await sess.run(init);
      const [v1Val, v2Val] = await sess.run([v1.value(), v2.value()]);
      assertAllClose(v1Val!, [0.0]);
      assertAllClose(v2Val!, [1.0]);
    });
  });

  it('testGroupEmpty', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const op = tf.group();
      expect(op.type).toBe('NoOp');
      expect(op.control_inputs).toEqual([]);
    });
  });

  it('testMergeShapes', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const ph = (shape?: (number | null)[]): T => (shape ? tf.placeholder(tf.float32, shape) : tf.placeholder(tf.float32));
      const check = (inputs: T[], dims: (number | null)[] | null): void => {
        const [m, index] = merge(inputs);
        expect(m.get_shape().ndims === null ? null : m.get_shape().as_list()).toEqual(dims);
        expect(index.get_shape().as_list()).toEqual([]);
      };
      // All inputs unknown.
      check([ph(), ph(), ph()], null);
      // All inputs known with different ranks.
      check([ph([1, 2]), ph([1, 2, 3])], null);
      // All inputs known with some dimensions different.
      check([ph([1, 2]), ph([2, 1])], [null, null]);
      check([ph([1, 2]), ph([null, 2])], [null, 2]);
      check([ph([1, 2]), ph([2, 2])], [null, 2]);
      // All inputs known with same dimensions.
      check([ph([1, 2]), ph([1, 2])], [1, 2]);
      check([ph([null, 2]), ph([null, 2])], [null, 2]);
      check([ph([null, null]), ph([null, null])], [null, null]);
    });
  });

  it('testRunLoopTensor: a tensor made in a loop body is not fetchable', async () => {
    await inSession(async (g, sess) => {
      const tensorList: T[] = [];
      const result = g.as_default(
        () =>
          tf.while_loop(
            (t: T) => tf.less(t, tf.constant(5)),
            (_: T) => {
              tensorList.push(tf.constant(5));
              return tf.constant(10);
            },
            [tf.constant(4)],
          ) as T,
      );
      assertAllEqual(await sess.run(result), 10);
      // a tensor escaping the loop body cannot be run
      expect(await rejected(sess.run(tensorList[0]!))).toBeInstanceOf(tf.errors.ValueError);
    });
  });
});
