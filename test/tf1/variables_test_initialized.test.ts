// TF1 r1.12's tensorflow/python/kernel_tests/variables_test.py, the tests on IsVariableInitialized:
// IsInitializedTest (testTrainingWithZeroSizeVar is in variables_test.test.ts), ObsoleteIsInitializedTest, and
// VariablesTestCase.testInitializationOrder (Variable.initialized_value), ported: one `it` per TF1 method.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose, assertAllEqual, inSession, rejected } from './helpers.js';

const names = (a: tf.NDArray): string[] => a.strings.map((b) => new TextDecoder().decode(b));

describe('IsInitializedTest', () => {
  it('testNoVars', async () => {
    await inSession(async (g, sess) => {
      const uninited = g.as_default(() => tf.report_uninitialized_variables());
      expect((await sess.run(uninited)).size).toBe(0);
    });
  });

  it('testAssertVariablesInitialized', async () => {
    await inSession(async (g, sess) => {
      const uninited = g.as_default(() => {
        tf.Variable([1, 2], { name: 'v' });
        tf.Variable([3, 4], { name: 'w' });
        return tf.report_uninitialized_variables();
      });
      expect(names(await sess.run(uninited))).toEqual(['v', 'w']);
      await sess.run(g.as_default(() => tf.global_variables_initializer()));
      expect((await sess.run(uninited)).size).toBe(0);
    });
  });

  it('testVariableList', async () => {
    await inSession(async (g, sess) => {
      const { v, w, uninited } = g.as_default(() => {
        const v = tf.Variable([1, 2], { name: 'v' });
        const w = tf.Variable([3, 4], { name: 'w' });
        return { v, w, uninited: tf.report_uninitialized_variables() };
      });
      expect(names(await sess.run(uninited))).toEqual(['v', 'w']);
      await sess.run(w.initializer);
      expect(names(await sess.run(uninited))).toEqual(['v']);
      await sess.run(v.initializer);
      expect((await sess.run(uninited)).size).toBe(0);
    });
  });

  it('testZeroSizeVarInitialized', async () => {
    await inSession(async (g, sess) => {
      const { v, uninited } = g.as_default(() => {
        const v = tf.Variable(tf.zeros([0, 2]), { name: 'v' });
        return { v, uninited: tf.report_uninitialized_variables() };
      });
      await sess.run(v.initializer); // not strictly necessary
      expect((await sess.run(uninited)).size).toBe(0);
    });
  });
});

describe('ObsoleteIsInitializedTest', () => {
  it('testNoVars', () => {
    new tf.Graph().as_default(() => expect(tf.assert_variables_initialized()).toBeNull());
  });

  it('testVariables', async () => {
    await inSession(async (g, sess) => {
      const inited = g.as_default(() => {
        tf.Variable([1, 2]);
        tf.Variable([3, 4]);
        return tf.assert_variables_initialized()!;
      });
      const e = await rejected(sess.run(inited));
      expect(e).toBeInstanceOf(tf.errors.FailedPreconditionError);
      expect(e.message).toMatch(/Attempting to use uninitialized value/);
      await sess.run(g.as_default(() => tf.global_variables_initializer()));
      await sess.run(inited);
    });
  });

  it('testVariableList', async () => {
    await inSession(async (g, sess) => {
      const { v, w, inited } = g.as_default(() => {
        const v = tf.Variable([1, 2]);
        const w = tf.Variable([3, 4]);
        return { v, w, inited: tf.assert_variables_initialized([v])! };
      });
      expect((await rejected(sess.run(inited.op))).message).toMatch(/Attempting to use uninitialized value/);
      await sess.run(w.initializer);
      expect((await rejected(sess.run(inited.op))).message).toMatch(/Attempting to use uninitialized value/);
      await sess.run(v.initializer);
      await sess.run(inited.op);
    });
  });
});

describe('VariablesTestCase (initialized_value)', () => {
  it('testInitializationOrder', async () => {
    await inSession(async (g, sess) => {
      const { rnd, dep, depdep } = g.as_default(() => {
        const rnd = tf.Variable(tf.random_uniform([3, 6]), { name: 'rnd' });
        expect(rnd.name).toBe('rnd:0');
        expect(rnd.get_shape().as_list()).toEqual([3, 6]);
        const dep = tf.Variable(rnd.initialized_value(), { name: 'dep' });
        expect(dep.name).toBe('dep:0');
        expect(dep.shape.as_list()).toEqual([3, 6]);
        // Currently have to set the shape manually for Add.
        const addedVal = tf.add(tf.add(rnd.initialized_value(), dep.initialized_value()), 2.0);
        addedVal.set_shape(rnd.get_shape());
        const depdep = tf.Variable(addedVal, { name: 'depdep' });
        expect(depdep.name).toBe('depdep:0');
        expect(depdep.shape.as_list()).toEqual([3, 6]);
        return { rnd, dep, depdep };
      });
      await sess.run(g.as_default(() => tf.global_variables_initializer()));
      const [r, d, dd] = await sess.run([rnd.value(), dep.value(), depdep.value()]);
      assertAllClose(r!, d!);
      assertAllClose(
        dd!,
        new tf.NDArray(
          Float32Array.from(r!.data, (x, i) => x + d!.data[i]! + 2.0),
          [3, 6],
          'float32',
        ),
      );
    });
  });
});

describe('tf.is_variable_initialized and reads in a cond branch', () => {
  it('is false before the initializer runs and true after; a read in a branch not taken is no read', async () => {
    await inSession(async (g, sess) => {
      const { v, inited, safe, unsafe } = g.as_default(() => {
        const v = tf.Variable([1.5, 2], { name: 'v' });
        const inited = tf.is_variable_initialized(v);
        const safe = tf.cond(
          inited,
          () => tf.identity(v._ref()),
          () => tf.constant([0, 0], tf.float32),
        );
        const unsafe = tf.cond(
          tf.logical_not(inited),
          () => tf.identity(v._ref()),
          () => tf.constant([0, 0], tf.float32),
        );
        return { v, inited, safe, unsafe };
      });
      assertAllEqual(await sess.run(inited), false);
      assertAllEqual(await sess.run(safe), [0, 0]);
      // the taken branch reads the uninitialized variable: TF1's FailedPreconditionError as the read runs
      const e = await rejected(sess.run(unsafe));
      expect(e).toBeInstanceOf(tf.errors.FailedPreconditionError);
      expect(e.message).toMatch(/^Attempting to use uninitialized value v\n/);
      await sess.run(v.initializer);
      assertAllEqual(await sess.run(inited), true);
      assertAllEqual(await sess.run(safe), [1.5, 2]);
    });
  });
});
