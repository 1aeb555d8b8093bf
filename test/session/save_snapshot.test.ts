// TF1's saver.save(sess, ...) and sess.run(...) read the session's state when they are called. A
// Promise-returning session keeps that order: a save or a read called after step 10 of 50 un-awaited
// training runs sees step 10's values, whatever runs after it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { WebGpuBackend } from '../../src/session/webgpu/backend.js';
import { NO_ADAPTER } from './webgpu/harness.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tf1-ts-save-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function counter() {
  const g = new tf.Graph();
  return g.as_default(() => {
    const v = tf.Variable(tf.zeros([3]), { name: 'v' });
    const global_step = tf.Variable(0, { name: 'global_step', trainable: false });
    const train = tf.group([v.assign_add(tf.ones([3])), global_step.assign_add(1)]);
    return { g, v, global_step, train, init: tf.global_variables_initializer(), saver: new tf.train.Saver() };
  });
}

async function session(g: tf.Graph, backend: 'cpu' | 'webgpu'): Promise<tf.Session> {
  const sess = new tf.Session({ graph: g, backend });
  if (backend === 'webgpu' && !((await sess.getBackend()) instanceof WebGpuBackend)) throw new Error(NO_ADAPTER);
  return sess;
}

for (const backend of ['cpu', 'webgpu'] as const) {
  describe(`state is read when the call is made (${backend})`, () => {
    it('saver.save after step 10 of 50 un-awaited runs stores step 10, named by the global step at the call', async () => {
      const m = counter();
      const sess = await session(m.g, backend);
      await sess.run(m.init);
      const runs: Promise<unknown>[] = [];
      let saved: Promise<string> | null = null;
      for (let i = 1; i <= 50; i++) {
        runs.push(sess.run(m.train));
        if (i === 10) saved = m.saver.save(sess, join(dir, `${backend}.ckpt`), { global_step: m.global_step });
      }
      await Promise.all(runs);
      const prefix = await saved!;
      expect(prefix).toBe(join(dir, `${backend}.ckpt-10`));
      expect((await sess.run(m.v)).tolist()).toEqual([50, 50, 50]);
      await m.saver.restore(sess, prefix);
      expect((await sess.run(m.v)).tolist()).toEqual([10, 10, 10]);
      expect((await sess.run(m.global_step)).item()).toBe(10);
      sess.close();
    });

    it('saver.restore takes effect at its call: un-awaited runs called before it see the old values, runs called after it the restored ones', async () => {
      const m = counter();
      const sess = await session(m.g, backend);
      await sess.run(m.init);
      for (let i = 0; i < 4; i++) await sess.run(m.train);
      const prefix = await m.saver.save(sess, join(dir, `${backend}-restore.ckpt`));
      for (let i = 0; i < 3; i++) await sess.run(m.train);
      const before = sess.run(m.v);
      const restored = m.saver.restore(sess, prefix);
      const after = sess.run(m.v);
      const trained = sess.run(m.train).then(() => sess.run(m.v));
      await restored;
      expect((await before).tolist()).toEqual([7, 7, 7]);
      expect((await after).tolist()).toEqual([4, 4, 4]);
      expect((await trained).tolist()).toEqual([5, 5, 5]);
      // a failed restore (no such file) writes nothing and the runs after it go on
      const bad = m.saver.restore(sess, join(dir, 'missing.ckpt'));
      const still = sess.run(m.v);
      await expect(bad).rejects.toThrow(tf.errors.ValueError);
      expect((await still).tolist()).toEqual([5, 5, 5]);
      sess.close();
    });

    it('sess.readVariable and sess.run of a variable, called between un-awaited runs, see the runs before them', async () => {
      const m = counter();
      const sess = await session(m.g, backend);
      await sess.run(m.init);
      const reads: Promise<tf.NDArray | null>[] = [];
      const fetched: Promise<tf.NDArray>[] = [];
      for (let i = 1; i <= 6; i++) {
        void sess.run(m.train);
        reads.push(sess.readVariable(m.v));
        fetched.push(sess.run(m.global_step));
      }
      expect((await Promise.all(reads)).map((r) => r!.data[0])).toEqual([1, 2, 3, 4, 5, 6]);
      expect((await Promise.all(fetched)).map((r) => r.item())).toEqual([1, 2, 3, 4, 5, 6]);
      sess.close();
    });
  });
}
