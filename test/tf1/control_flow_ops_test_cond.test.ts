// TF1 r1.12's python/ops/control_flow_ops_test.py: CondTest (tf.cond with true_fn/false_fn and their deprecated
// names fn1/fn2). Read from the copy the index holds (r1.12's test_session spelling); one `it` per TF1 test method.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { denseGradients } from '../helpers/dense_gradients.js';
import { inSession, thrown } from './helpers.js';
import { switch_ } from '../../src/ops/control_flow_switch.js';

describe('CondTest', () => {
  it('testCondTrue', async () => {
    await inSession(async (g, sess) => {
      const z = g.as_default(() => {
        const x = tf.constant(2);
        const y = tf.constant(5);
        return tf.cond(
          tf.less(x, y),
          () => tf.multiply(x, 17),
          () => tf.add(y, 23),
        );
      });
      expect((await sess.run(z)).item()).toBe(34);
    });
  });

  it('testCondFalse', async () => {
    await inSession(async (g, sess) => {
      const z = g.as_default(() => {
        const x = tf.constant(2);
        const y = tf.constant(1);
        return tf.cond(
          tf.less(x, y),
          () => tf.multiply(x, 17),
          () => tf.add(y, 23),
        );
      });
      expect((await sess.run(z)).item()).toBe(24);
    });
  });

  it('testCondTrueLegacy', async () => {
    await inSession(async (g, sess) => {
      const z = g.as_default(() => {
        const x = tf.constant(2);
        const y = tf.constant(5);
        return tf.cond(tf.less(x, y), { fn1: () => tf.multiply(x, 17), fn2: () => tf.add(y, 23) }) as tf.Tensor;
      });
      expect((await sess.run(z)).item()).toBe(34);
    });
  });

  it('testCondFalseLegacy', async () => {
    await inSession(async (g, sess) => {
      const z = g.as_default(() => {
        const x = tf.constant(2);
        const y = tf.constant(1);
        return tf.cond(tf.less(x, y), { fn1: () => tf.multiply(x, 17), fn2: () => tf.add(y, 23) }) as tf.Tensor;
      });
      expect((await sess.run(z)).item()).toBe(24);
    });
  });

  it('testCondMissingArg1', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.constant(1);
      expect(thrown(() => tf.cond(true as never, { false_fn: () => x }))).toBeInstanceOf(tf.errors.TypeError);
    });
  });

  it('testCondMissingArg2', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.constant(1);
      expect(thrown(() => tf.cond(true as never, () => x))).toBeInstanceOf(tf.errors.TypeError);
    });
  });

  it('testCondDuplicateArg1', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.constant(1);
      expect(
        thrown(() =>
          tf.cond(
            true as never,
            () => x,
            () => x,
            { fn1: () => x } as never,
          ),
        ),
      ).toBeInstanceOf(tf.errors.TypeError);
    });
  });

  it('testCondDuplicateArg2', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.constant(1);
      expect(
        thrown(() =>
          tf.cond(
            true as never,
            () => x,
            () => x,
            { fn2: () => x } as never,
          ),
        ),
      ).toBeInstanceOf(tf.errors.TypeError);
    });
  });
});

describe('SwitchTestCase', () => {
  it('testGradientThroughSingleBranchOutsideOfContext', async () => {
    await inSession(async (g, sess) => {
      const [gt, gf] = g.as_default(() => {
        const x = tf.constant(2, tf.float32);
        const s = tf.constant(true);
        const [xFalse, xTrue] = switch_(x, s);
        return [denseGradients(xTrue, x)[0]!, denseGradients(xFalse, x)[0]!];
      });
      expect((await sess.run(gt)).item()).toBe(1.0);
      expect((await sess.run(gf)).item()).toBe(0.0);
    });
  });
});
