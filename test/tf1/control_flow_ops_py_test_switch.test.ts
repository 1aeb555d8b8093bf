// TF1 r1.12's control_flow_ops_py_test.py ControlFlowTest: the Switch and Merge cases (control_flow_ops.switch and
// merge, the dead branch a Switch leaves). Read from the copy of the file the index holds (r1.12's test_session
// spelling); one `it` per TF1 test method, TF1's inputs and expected values.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { merge, switch_ } from '../../src/ops/control_flow_switch.js';
import { assertAllEqual, inSession, rejected } from './helpers.js';

describe('ControlFlowTest (Switch and Merge)', () => {
  it('testSwitchDeadBranch', async () => {
    await inSession(async (g, sess) => {
      const dead = g.as_default(() => {
        const data = tf.constant([1, 2, 3, 4, 5, 6], { name: 'data' });
        const ports = tf.convert_to_tensor(true, { name: 'ports' });
        const sw = switch_(data, ports);
        return tf.identity(sw[0]);
      });
      const e = await rejected(sess.run(dead));
      expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
      expect(e.message).toContain('Retval[0] does not have value');
    });
  });

  it('testSwitchMergeLess', async () => {
    await inSession(async (g, sess) => {
      const m = g.as_default(() => {
        const data = tf.constant([1, 2, 3, 4, 5, 6], { name: 'data' });
        const less = tf.less(tf.convert_to_tensor(0), tf.convert_to_tensor(1));
        return merge(switch_(data, less))[0];
      });
      assertAllEqual(await sess.run(m), [1, 2, 3, 4, 5, 6]);
    });
  });

  it('testSwitchMergeAddIdentity', async () => {
    await inSession(async (g, sess) => {
      const m = g.as_default(() => {
        const data = tf.constant([1, 2, 3, 4, 5, 6], { name: 'data' });
        const ports = tf.convert_to_tensor(false, { name: 'ports' });
        const sw = switch_(data, ports);
        const add = tf.add(sw[0], tf.constant(1));
        const id = tf.identity(sw[1]);
        return merge([add, id])[0];
      });
      assertAllEqual(await sess.run(m), [2, 3, 4, 5, 6, 7]);
    });
  });

  it('testSwitchMergeAddMul', async () => {
    await inSession(async (g, sess) => {
      const m = g.as_default(() => {
        const data = tf.constant([1, 2, 3, 4, 5, 6], { name: 'data' });
        const ports = tf.convert_to_tensor(true, { name: 'ports' });
        const sw = switch_(data, ports);
        const add = tf.add(sw[0], tf.constant(1));
        const mul = tf.multiply(sw[1], tf.constant(5));
        return merge([add, mul])[0];
      });
      assertAllEqual(await sess.run(m), [5, 10, 15, 20, 25, 30]);
    });
  });
});
