// The worker threads' job protocol survives a lost wake-up: both sides re-check the control block on a
// short timer, so a notify that never arrives costs milliseconds, not a run that never returns (a
// tutorial run once hung with the main thread and the worker both asleep).
import { describe, expect, it } from 'vitest';
import * as tf from '../../../src/index.js';
import { startThreads, threadCount } from '../../../src/session/cpu/wasm/pool.js';

describe("the CPU kernels' worker threads", () => {
  it('finish a MatMul split across threads when every Atomics.notify is lost', async () => {
    await startThreads();
    if (threadCount() < 2) return expect(threadCount()).toBe(1); // one core: no worker to wake
    const g = new tf.Graph();
    const m = g.as_default(() => {
      const x = tf.placeholder(tf.float32, [null, 64]);
      const W = tf.constant(
        Array.from({ length: 64 }, (_, k) => Array.from({ length: 8 }, (_, j) => ((k + j) % 3) - 1)),
        tf.float32,
      );
      return { x, y: tf.reduce_sum(tf.matmul(x, W), 1) };
    });
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    const rows = 4096;
    const x = new Float32Array(rows * 64).map((_, i) => (i % 5) - 2);
    const expected = (await sess.run(m.y, new Map([[m.x, x]]))).tolist();
    const notify = Atomics.notify;
    let dropped = 0;
    Atomics.notify = (() => {
      dropped++;
      return 0;
    }) as typeof Atomics.notify;
    try {
      const again = (await sess.run(m.y, new Map([[m.x, x.slice()]]))).tolist();
      expect(again).toEqual(expected);
    } finally {
      Atomics.notify = notify;
    }
    expect(dropped).toBeGreaterThan(0); // the run did post jobs to a worker, and their wake-ups were lost
    sess.close();
  });
});
