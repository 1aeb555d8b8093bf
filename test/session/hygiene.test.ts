// Resource hygiene: close() frees every buffer, long loops of runs keep memory flat, and a closed
// session refuses work with TF1's RuntimeError.
import { describe, expect, it } from 'vitest';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as tf from '../../src/index.js';
import { heapStats } from '../../src/framework/memory/host.js';

// The GC is reachable without starting vitest with --expose-gc: set the flag, then take `gc` from a fresh context.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Heap and typed-array memory after full collections, in bytes (buffers include the live blocks of the CPU kernels' WebAssembly heap). */
async function settledMemory(): Promise<{ heap: number; buffers: number }> {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setImmediate(r));
    gc();
  }
  const m = process.memoryUsage();
  return { heap: m.heapUsed, buffers: m.arrayBuffers + heapStats().live };
}

const MB = 2 ** 20;

describe('Session.close frees its buffers', () => {
  it('on the CPU backend: variables, plan arenas and folded constants are released while the Session object lives', async () => {
    const g = new tf.Graph();
    const { v, y, init } = g.as_default(() => {
      const v = tf.Variable(tf.ones([2048, 2048])); // 16 MiB of variable storage
      const y = tf.reduce_sum(v.mul(2).add(v)); // two 16 MiB intermediates in the plan's arena
      return { v, y, init: tf.global_variables_initializer() };
    });
    const base = await settledMemory();
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    await sess.run(init);
    expect((await sess.run(y)).item()).toBe(3 * 2048 * 2048);
    const backend = await sess.getBackend();
    const open = await settledMemory();
    expect(open.buffers - base.buffers).toBeGreaterThan(40 * MB);

    sess.close();
    const closed = await settledMemory();
    expect(closed.buffers - base.buffers).toBeLessThan(2 * MB);
    expect(backend.isInitialized(v.op)).toBe(false);
    expect(sess._closed).toBe(true); // still referenced: the memory went because close() dropped it
  });
});

describe('memory stays flat over many runs', () => {
  it('10,000 training steps and fetches allocate nothing that outlives them', async () => {
    const g = new tf.Graph();
    const m = g.as_default(() => {
      const x = tf.placeholder(tf.float32, [null, 16]);
      const y_ = tf.placeholder(tf.float32, [null, 4]);
      const W = tf.Variable(tf.zeros([16, 4]));
      const b = tf.Variable(tf.zeros([4]));
      const y = tf.nn.softmax(tf.matmul(x, W).add(b));
      const loss = tf.reduce_mean(tf.reduce_sum(y_.mul(tf.log(y)), { reduction_indices: [1] }).neg());
      const train = new tf.train.GradientDescentOptimizer(0.1).minimize(loss);
      return { x, y_, loss, train, init: tf.global_variables_initializer() };
    });
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    await sess.run(m.init);
    const xs = Array.from({ length: 8 }, (_, i) => Array.from({ length: 16 }, (_, j) => ((i + j) % 5) / 5));
    const ys = Array.from({ length: 8 }, (_, i) => Array.from({ length: 4 }, (_, j) => (j === i % 4 ? 1 : 0)));
    const feeds = new Map([
      [m.x, xs],
      [m.y_, ys],
    ]);
    const step = async (i: number): Promise<void> => {
      if (i % 10 === 0) await sess.run([m.train, m.loss], feeds);
      else await sess.run(m.train, feeds);
    };
    for (let i = 0; i < 1000; i++) await step(i); // warm up: plans compiled, arenas built, JIT settled
    const before = await settledMemory();
    for (let i = 1000; i < 10_000; i++) await step(i);
    const after = await settledMemory();
    // 9,000 runs: a leak of 128 bytes per run would already show as 1.1 MiB.
    expect(after.heap - before.heap).toBeLessThan(1 * MB);
    expect(after.buffers - before.buffers).toBeLessThan(256 * 1024);
    expect((await sess.run(m.loss, feeds)).item()).toBeLessThan(Math.log(4)); // it trained all along
    sess.close();
  });

  it('feeds of ever-changing shapes keep the plan cache, and memory, bounded', async () => {
    const g = new tf.Graph();
    const { x, s } = g.as_default(() => {
      const x = tf.placeholder(tf.float32, [null, 32]);
      return { x, s: tf.reduce_sum(tf.square(x)) };
    });
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    const batch = (n: number): Float32Array => new Float32Array(n * 32).fill(1);
    const round = async (): Promise<void> => {
      for (let n = 1; n <= 200; n++) expect((await sess.run(s, new Map([[x, batch(n)]]))).item()).toBe(32 * n);
    };
    await round();
    const before = await settledMemory();
    for (let k = 0; k < 5; k++) await round(); // 1,000 runs, 200 shapes: more than the cache holds
    const after = await settledMemory();
    expect(after.heap - before.heap).toBeLessThan(1 * MB);
    expect(after.buffers - before.buffers).toBeLessThan(256 * 1024);
    sess.close();
  });
});

describe('a closed session', () => {
  it('raises RuntimeError for runs, reads and writes, as TF1', async () => {
    const g = new tf.Graph();
    const { v, init } = g.as_default(() => {
      const v = tf.Variable(tf.zeros([2]), { name: 'v' });
      return { v, init: tf.global_variables_initializer() };
    });
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    await sess.run(init);
    const pending = sess.run(v); // queued before close: it may finish or be refused, but not otherwise fail
    sess.close();
    sess.close(); // closing twice is allowed, as TF1
    const settled = await pending.then(
      (r) => r,
      (e: unknown) => e,
    );
    if (!(settled instanceof tf.NDArray)) expect(settled).toBeInstanceOf(tf.errors.RuntimeError);
    await expect(sess.run(v)).rejects.toThrow('Attempted to use a closed Session.');
    await expect(sess.run(v)).rejects.toBeInstanceOf(tf.errors.RuntimeError);
    await expect(sess.readVariable(v)).rejects.toBeInstanceOf(tf.errors.RuntimeError);
    await expect(sess.writeVariable(v, new tf.NDArray(new Float32Array(2), [2], 'float32'))).rejects.toBeInstanceOf(tf.errors.RuntimeError);
  });
});

describe('the WebGPU backend (SwiftShader in CI)', () => {
  async function gpuModel() {
    const { WebGpuBackend } = await import('../../src/session/webgpu/backend.js');
    const g = new tf.Graph();
    const m = g.as_default(() => {
      const x = tf.placeholder(tf.float32, [null, 64]);
      const y_ = tf.placeholder(tf.float32, [null, 8]);
      const W = tf.Variable(tf.zeros([64, 8]));
      const y = tf.nn.softmax(tf.matmul(x, W));
      const loss = tf.reduce_mean(tf.reduce_sum(y_.mul(tf.log(y)), { reduction_indices: [1] }).neg());
      return { x, y_, W, loss, train: new tf.train.GradientDescentOptimizer(0.5).minimize(loss), init: tf.global_variables_initializer() };
    });
    const sess = new tf.Session({ graph: g, backend: 'webgpu' });
    const backend = await sess.getBackend();
    if (!(backend instanceof WebGpuBackend)) throw new Error('No WebGPU adapter: run `bash .ci/install-webgpu.sh`.');
    const xs = Array.from({ length: 16 }, (_, i) => Array.from({ length: 64 }, (_, j) => ((i * 3 + j) % 7) / 7));
    const ys = Array.from({ length: 16 }, (_, i) => Array.from({ length: 8 }, (_, j) => (j === i % 8 ? 1 : 0)));
    return {
      m,
      sess,
      backend,
      feeds: new Map([
        [m.x, xs],
        [m.y_, ys],
      ]),
    };
  }

  it('close() destroys every GPU buffer and the device', async () => {
    const { m, sess, backend, feeds } = await gpuModel();
    await sess.run(m.init);
    for (let i = 0; i < 20; i++) await sess.run(m.train, feeds);
    await sess.run(m.loss, feeds);
    expect(backend.bufferBytes).toBeGreaterThan(64 * 8 * 4);
    sess.close();
    const lost = await Promise.race([backend.context.device.lost, new Promise((r) => setTimeout(() => r(null), 5000))]);
    expect((lost as GPUDeviceLostInfo | null)?.reason).toBe('destroyed');
    expect(backend.bufferBytes).toBe(0);
    expect(backend.isInitialized(m.W.op)).toBe(false);
    await expect(sess.run(m.loss, feeds)).rejects.toBeInstanceOf(tf.errors.RuntimeError);
  });

  it('300 more training steps keep GPU buffers and host memory flat', async () => {
    const { m, sess, backend, feeds } = await gpuModel();
    await sess.run(m.init);
    const step = (i: number) => (i % 10 === 0 ? sess.run([m.train, m.loss], feeds) : sess.run(m.train, feeds));
    for (let i = 0; i < 50; i++) await step(i); // warm up: every plan and buffer the loop needs exists after this
    const bytes = backend.bufferBytes;
    const before = await settledMemory();
    for (let i = 50; i < 350; i++) await step(i);
    const after = await settledMemory();
    expect(backend.bufferBytes).toBe(bytes);
    expect(after.heap - before.heap).toBeLessThan(1 * MB);
    expect((await sess.run(m.loss, feeds)).item()).toBeLessThan(Math.log(8));
    sess.close();
  });
});
