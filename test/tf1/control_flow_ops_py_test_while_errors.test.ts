// An op failing inside a while loop, as TF1 r1.12 shows it: the kernel's own error class and message, about the
// node in the loop (`e.op`, the `while/...` name the executor attaches: `[[Node: while/CheckNumerics = ...]]` in
// r1.12's text). r1.12's executor logs a failing node's frame and iteration only at VLOG level, never in the error, so
// neither is in the message here; the error is the same in whichever iteration the op fails.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { inSession, rejected } from './helpers.js';

type T = tf.Tensor;

/** Runs `fetch` of the graph `build` makes and returns the error the run rejects with. */
async function runError(build: (g: tf.Graph) => T): Promise<tf.errors.OpError> {
  return inSession(async (g, sess) => (await rejected(sess.run(g.as_default(() => build(g))))) as tf.errors.OpError);
}

describe('errors inside a while loop', () => {
  it('a CheckNumerics in the body failing in its third iteration: InvalidArgumentError about while/CheckNumerics', async () => {
    // x: 11 -> 3 -> 1 -> sqrt(-1) = NaN in iteration 2
    const e = await runError(() => {
      const body = (i: T, x: T): T[] => [tf.add(i, 1), tf.check_numerics(tf.sqrt(tf.subtract(x, 2.0)), 'bad')];
      return (tf.while_loop((i: T) => tf.less(i, 5), body, [tf.constant(0), tf.constant(11.0, tf.float32)]) as T[])[1]!;
    });
    expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
    expect(e.message).toBe('bad : Tensor had NaN values');
    expect(e.op?.name).toBe('while/CheckNumerics');
    expect(e.node_name).toBe('while/CheckNumerics');
  });

  it('an Assert in the body failing in iteration 3: InvalidArgumentError about while/Assert/Assert, with the data it printed', async () => {
    const e = await runError(() => {
      const body = (i: T): T => tf.control_dependencies([tf.Assert(tf.less(i, 3), [i])], () => tf.add(i, 1));
      return tf.while_loop((i: T) => tf.less(i, 5), body, [tf.constant(0)]) as T;
    });
    expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
    expect(e.message).toBe('assertion failed: [3]');
    expect(e.op?.name).toBe('while/Assert/Assert');
  });

  it('a kernel error in a nested loop names the inner loop node (while/while/...)', async () => {
    const e = await runError(() => {
      const params = tf.constant([1, 2, 3]);
      const inner = (j: T): T =>
        tf.while_loop(
          (k: T) => tf.less(k, 4),
          (k: T) => tf.add(k, tf.gather(params, k)),
          [j],
        ) as T;
      return tf.while_loop(
        (i: T) => tf.less(i, 2),
        (i: T) => inner(i),
        [tf.constant(0)],
      ) as T;
    });
    expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
    expect(e.op?.name).toBe('while/while/GatherV2');
  });

  it('testWhileTimeOut: a loop that never ends, run with RunOptions(timeout_in_ms=1), is DeadlineExceededError', async () => {
    await inSession(async (g, sess) => {
      const [r, n] = g.as_default(() => {
        const n = tf.constant(0);
        return [
          tf.while_loop(
            (_x: T) => true as never,
            (x: T) => tf.add(x, 1),
            [n],
          ) as T,
          n,
        ] as const;
      });
      const e = await rejected(sess.run(r, null, new tf.RunOptions({ timeout_in_ms: 1 })));
      expect(e).toBeInstanceOf(tf.errors.DeadlineExceededError);
      expect(e.message).toBe('Timed out waiting for notification');
      // the session runs on afterwards
      expect((await sess.run(n)).item()).toBe(0);
    });
  });
});
