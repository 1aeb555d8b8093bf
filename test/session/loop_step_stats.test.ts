// RunMetadata's step_stats for a plan with a while loop (CPU backend): one entry per op run, an op of the loop's body
// once per iteration (TF1's step_stats list each node execution of each iteration).
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';

describe('step_stats of a while loop plan', () => {
  it('lists each body op once per iteration and the condition once more', async () => {
    const g = new tf.Graph();
    const { out, n } = g.as_default(() => {
      const n = tf.placeholder(tf.int32, []);
      const [, v] = tf.while_loop(
        (i: tf.Tensor) => tf.less(i, n),
        (i: tf.Tensor, v: tf.Tensor) => [tf.add(i, 1), tf.multiply(v, 2)],
        [tf.constant(0), tf.constant(1.5)],
      ) as tf.Tensor[];
      return { out: v!, n };
    });
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    const trace = new tf.RunOptions({ trace_level: tf.RunOptions.FULL_TRACE });
    for (const iterations of [0, 3]) {
      const md = new tf.RunMetadata();
      const v = await sess.run(out, new Map([[n, iterations]]), { options: trace, run_metadata: md });
      expect(v.item()).toBe(1.5 * 2 ** iterations);
      const count = (type: string) => md.step_stats.filter((s) => s.op === type).length;
      expect(count('Mul')).toBe(iterations);
      expect(count('Less')).toBe(iterations + 1);
      expect(md.step_stats.find((s) => s.op === 'Mul')?.node_name ?? 'while/Mul').toBe('while/Mul');
      for (const s of md.step_stats) expect(s.ms).toBeGreaterThanOrEqual(0);
    }
    // without RunOptions' trace nothing is recorded
    const md = new tf.RunMetadata();
    await sess.run(out, new Map([[n, 2]]), { run_metadata: md });
    expect(md.step_stats).toHaveLength(0);
    sess.close();
  });
});
