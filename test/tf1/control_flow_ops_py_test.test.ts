// TF1's tensorflow/python/kernel_tests/control_flow_ops_py_test.py: its TupleTest (tf.tuple); the file's
// cond and while_loop cases are another issue. r1.12's file is not in the index; this follows the copy of
// TupleTest the index holds, whose cases r1.12 keeps (VariableV1 and _ref() in r1.12's spelling).
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { with_dependencies } from '../../src/ops/control_flow_ops.js';
import { assertAllClose, rejected } from './helpers.js';

describe('TupleTest', () => {
  it('testTensors', async () => {
    for (const v1First of [true, false]) {
      const g = new tf.Graph();
      const sess = new tf.Session({ graph: g, backend: 'cpu' });
      const { v1, v2, t1, t2 } = g.as_default(() => {
        const v1 = tf.Variable(tf.constant([1.0], tf.float32));
        const add1 = tf.add(with_dependencies([v1.initializer], v1._ref()), 2.0);
        const v2 = tf.Variable(tf.constant([10.0], tf.float32));
        const add2 = tf.add(with_dependencies([v2.initializer], v2._ref()), 20.0);
        const [t1, , t2] = tf.tuple([add1, null, add2]);
        return { v1, v2, t1: t1!, t2: t2! };
      });
      await sess.as_default(async () => {
        // v1 is not initialized.
        expect((await rejected(v1.eval())).message).toMatch('Attempting to use uninitialized value');
        // v2 is not initialized.
        expect((await rejected(v2.eval())).message).toMatch('Attempting to use uninitialized value');
        if (v1First) {
          // Getting t1 initializes v2.
          assertAllClose(await t1.eval(), [3.0]);
          assertAllClose(await v2.eval(), [10.0]);
        } else {
          // Getting t2 initializes v1.
          assertAllClose(await t2.eval(), [30.0]);
          assertAllClose(await v1.eval(), [1.0]);
        }
      });
      sess.close();
    }
  });

  it('testAcceptTensorsAsControlInputs', async () => {
    const g = new tf.Graph();
    const { v, t } = g.as_default(() => {
      const v = tf.Variable(0);
      const assign = tf.assign(v, 1);
      const [t] = tf.tuple([tf.constant(0)], { control_inputs: [assign] });
      return { v, t: t! };
    });
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    // Should trigger the assign.
    await sess.run(t);
    expect((await sess.run(v)).item()).toBe(1);
    sess.close();
  });
});
