// TF1 r1.12's variable_scope_test.py VariableScopeTest.testControlFlow: get_variable in a cond's branches makes its
// variables outside the cond, so they initialize and run without the variable the predicate reads.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllEqual, inSession, rejected } from './helpers.js';

describe('VariableScopeTest (control flow)', () => {
  it('testControlFlow', async () => {
    await inSession(async (g, sess) => {
      const varDict: Record<string, tf.Variable> = {};
      const [v0, add] = g.as_default(() => {
        const v0 = tf.get_variable('v0', [], { initializer: tf.constant_initializer(0) });
        // Call get_variable in each of the cond's branches.
        const inThen = (): tf.Tensor => {
          const v1 = tf.get_variable('v1', [1], { initializer: tf.constant_initializer(1) });
          varDict.v1 = v1;
          return v1.value().add(v0.value());
        };
        const inElse = (): tf.Tensor => {
          const v2 = tf.get_variable('v2', [1], { initializer: tf.constant_initializer(2) });
          varDict.v2 = v2;
          return v2.value().add(v0.value());
        };
        return [v0, tf.cond(tf.less(v0.value(), 10), inThen, inElse) as tf.Tensor] as const;
      });
      const { v1, v2 } = varDict;
      // v1 and v2 initialize and run without v0, though made under a cond on it.
      await sess.run(v1!.initializer);
      assertAllEqual(await sess.run(v1!.value()), [1]);
      await sess.run(v2!.initializer);
      assertAllEqual(await sess.run(v2!.value()), [2]);
      // v0 is still uninitialized, and so is what add reads.
      expect((await rejected(sess.run(v0.value()))).message).toMatch('uninitialized');
      expect((await rejected(sess.run(add))).message).toMatch('uninitialized');
      // Once v0 is initialized, add runs.
      await sess.run(v0.initializer);
      assertAllEqual(await sess.run(add), [1]);
    });
  });
});
