// TF1's Session.run takes its feeds' values when it is called (session.py converts every feed with
// np.asarray before the run starts). A Promise-returning run must do the same: a loop that refills one
// array before each un-awaited run() trains each step on its own batch, not on the last one.
import { describe, expect, it, vi } from 'vitest';
import * as tf from '../../src/index.js';
import type { Backend } from '../../src/session/backend.js';
import { WebGpuBackend } from '../../src/session/webgpu/backend.js';
import { NO_ADAPTER } from './webgpu/harness.js';

type BackendName = 'cpu' | 'webgpu';

async function session(g: tf.Graph, backend: BackendName): Promise<tf.Session> {
  const sess = new tf.Session({ graph: g, backend });
  if (backend === 'webgpu' && !((await sess.getBackend()) instanceof WebGpuBackend)) throw new Error(NO_ADAPTER);
  return sess;
}

/** v += sum(x), and sum(x) fetched: what each step saw. */
function accumulator(n: number) {
  const g = new tf.Graph();
  return g.as_default(() => {
    const x = tf.placeholder(tf.float32, [null]);
    const v = tf.Variable(0, { dtype: tf.float32 });
    const s = tf.reduce_sum(x);
    const step = v.assign_add(s);
    return { g, x, v, s, step, init: tf.global_variables_initializer(), n };
  });
}

// One array of 16 floats, or of 32,768 (128 KiB: the WebGPU backend's cached-upload path).
for (const backend of ['cpu', 'webgpu'] as const) {
  for (const n of [16, 32_768]) {
    describe(`un-awaited runs take their feeds' values at the call (${backend}, ${n} floats)`, () => {
      it('a loop that refills one Float32Array before each run() sees every batch', async () => {
        const m = accumulator(n);
        const sess = await session(m.g, backend);
        await sess.run(m.init);
        const batch = new Float32Array(n);
        const runs: Promise<tf.NDArray>[] = [];
        for (let i = 1; i <= 10; i++) {
          batch.fill(0);
          batch[0] = i;
          runs.push(sess.run(m.s, new Map([[m.x, batch]])));
          void sess.run(m.step, new Map([[m.x, batch]]));
        }
        batch.fill(-1);
        expect((await Promise.all(runs)).map((r) => r.item())).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        expect((await sess.run(m.v)).item()).toBe(55);
        sess.close();
      });

      it('an NDArray, and a pinned array (tf.pinned_zeros), refilled the same way', async () => {
        const m = accumulator(n);
        const sess = await session(m.g, backend);
        await sess.run(m.init);
        for (const batch of [tf.pinned_zeros([n]), new tf.NDArray(new Float32Array(n), [n], 'float32')]) {
          const runs: Promise<tf.NDArray>[] = [];
          for (let i = 1; i <= 5; i++) {
            batch.data[0] = i;
            runs.push(sess.run(m.s, new Map([[m.x, batch]])));
          }
          batch.data[0] = 100;
          expect((await Promise.all(runs)).map((r) => r.item())).toEqual([1, 2, 3, 4, 5]);
        }
        sess.close();
      });
    });
  }
}

describe('what a run reads cannot change after the call', () => {
  it('a run that starts at once reads its feeds in place, without a copy (the awaited training loop)', async () => {
    const m = accumulator(4);
    const sess = await session(m.g, 'cpu');
    await sess.run(m.init);
    const backend: Backend = await sess.getBackend();
    const run = vi.spyOn(backend, 'run');
    const batch = tf.pinned_zeros([4]);
    batch.data.set([1, 2, 3, 4]);
    for (let i = 0; i < 3; i++) await sess.run(m.step, new Map([[m.x, batch]]));
    expect(run).toHaveBeenCalledTimes(3);
    for (const call of run.mock.calls) expect(call[1].get(m.x)!.data).toBe(batch.data);
    // Queued behind another run, the same feed is copied at the call instead.
    const first = sess.run(m.step, new Map([[m.x, batch]]));
    const second = sess.run(m.step, new Map([[m.x, batch]]));
    await Promise.all([first, second]);
    expect(run.mock.calls[3]![1].get(m.x)!.data).toBe(batch.data);
    expect(run.mock.calls[4]![1].get(m.x)!.data).not.toBe(batch.data);
    expect((await sess.run(m.v)).item()).toBe(50);
    sess.close();
  });

  it('a length-tracking view of a resizable buffer is fed as the values it holds at the call', async () => {
    const m = accumulator(4);
    const sess = await session(m.g, 'cpu');
    await sess.run(m.init);
    // ES2024's resizable ArrayBuffer (Node 20 has it; TypeScript's ES2022 library does not).
    type Resizable = ArrayBuffer & { resize(bytes: number): void };
    const buffer = new (ArrayBuffer as unknown as new (bytes: number, o: { maxByteLength: number }) => Resizable)(16, { maxByteLength: 64 });
    const tracking = new Float32Array(buffer);
    tracking.set([1, 2, 3, 4]);
    const busy = sess.run(m.s, new Map([[m.x, [0]]]));
    const fed = sess.run(m.s, new Map([[m.x, tracking]]));
    buffer.resize(4);
    expect(tracking.length).toBe(1);
    await busy;
    expect((await fed).item()).toBe(10);
    expect((await sess.run(m.s, new Map([[m.x, tracking]]))).item()).toBe(1);
    sess.close();
  });
});

describe('feeds TF1 cannot take raise its errors, as a rejected Promise', () => {
  it('a typed array whose buffer is detached: TypeError naming the tensor', async () => {
    const m = accumulator(4);
    const sess = await session(m.g, 'cpu');
    const gone = new Float32Array(4);
    structuredClone(gone.buffer, { transfer: [gone.buffer] });
    let pending: Promise<unknown> | null = null;
    expect(() => {
      pending = sess.run(m.s, new Map([[m.x, gone]]));
    }).not.toThrow();
    const err = await pending!.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(tf.errors.TypeError);
    expect((err as Error).message).toMatch(/^The value fed to Placeholder:0 is a Float32Array whose buffer is detached/);
    const nd = new tf.NDArray(new Float32Array(4), [4], 'float32');
    structuredClone(nd.data.buffer, { transfer: [nd.data.buffer as ArrayBuffer] });
    await expect(sess.run(m.s, new Map([[m.x, nd]]))).rejects.toThrow(/is an NDArray whose buffer is detached/);
    sess.close();
  });

  it('a nested JS array too big to convert: ResourceExhaustedError before allocating', async () => {
    const g = new tf.Graph();
    const { x, y } = g.as_default(() => {
      const x = tf.placeholder(tf.float32, [null, null]);
      return { x, y: tf.identity(x) };
    });
    const sess = await session(g, 'cpu');
    const huge = Array(1e5).fill(Array(1e5).fill(0));
    const err = await sess.run(y, new Map([[x, huge]])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(tf.errors.ResourceExhaustedError);
    expect((err as Error).message).toMatch(/^OOM when allocating tensor with shape\[100000,100000\] and type float/);
    sess.close();
  });

  it('a fed array over the 1 GiB per-tensor limit: ResourceExhaustedError, as for every other tensor', async () => {
    const m = accumulator(4);
    const sess = await session(m.g, 'cpu');
    // Zero pages the OS has not touched: 1 GiB of address space, not of memory.
    const big = new Float32Array(2 ** 28 + 1);
    const err = await sess.run(m.s, new Map([[m.x, big]])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(tf.errors.ResourceExhaustedError);
    expect((err as Error).message).toMatch(/^OOM when allocating tensor with shape\[268435457\] and type float/);
    sess.close();
  });

  it('nesting deeper than NumPy allows (32 dims): ValueError, not a stack overflow', async () => {
    const g = new tf.Graph();
    const x = g.as_default(() => tf.placeholder(tf.float32));
    const sess = await session(g, 'cpu');
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    await expect(sess.run(x, new Map([[x, deep as number[]]]))).rejects.toThrow(tf.errors.ValueError);
    await expect(sess.run(x, new Map([[x, deep as number[]]]))).rejects.toThrow(/exceed the maximum number of dimension of 32/);
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    await expect(sess.run(x, new Map([[x, cyclic as number[]]]))).rejects.toThrow(tf.errors.ValueError);
    sess.close();
  });
});
