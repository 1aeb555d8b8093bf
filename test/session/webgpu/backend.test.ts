import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/index.js';
import type { NDArray } from '../../../src/framework/ndarray.js';
import { WebGpuBackend } from '../../../src/session/webgpu/backend.js';
import { acquireDevice, type GpuContext } from '../../../src/session/webgpu/device.js';
import { PipelineCache } from '../../../src/session/webgpu/pipelines.js';
import { binaryProgram } from '../../../src/session/webgpu/programs/elementwise.js';
import { buildArticleGraph } from '../../helpers/article_graph.js';
import { nd, NO_ADAPTER } from './harness.js';

async function gpuSession(graph: tf.Graph): Promise<{ sess: tf.Session; backend: WebGpuBackend }> {
  const sess = new tf.Session({ graph, backend: 'webgpu' });
  const backend = await sess.getBackend();
  if (!(backend instanceof WebGpuBackend)) throw new Error(NO_ADAPTER);
  return { sess, backend };
}

const ones = (shape: number[]): NDArray => nd(new Array(shape.reduce((a, b) => a * b, 1)).fill(1), shape, 'float32');

describe('the WebGPU backend', () => {
  it('rejects a plan that needs float64 before anything runs, naming the op', async () => {
    const g = new tf.Graph();
    const { v, run } = g.as_default(() => {
      const v = tf.Variable(tf.zeros([2]));
      const x = tf.placeholder(tf.float64, [2]);
      const y = tf.square(x);
      return { v, run: [v.initializer, y] as const };
    });
    const { sess, backend } = await gpuSession(g);
    const err = await sess.run([...run], new Map([[g.get_tensor_by_name('Placeholder:0'), nd([1, 2], [2], 'float64')]])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(tf.errors.UnimplementedError);
    expect((err as tf.errors.OpError).op).toBe(g.get_operation_by_name('Square'));
    expect((err as Error).message).toMatch(/op 'Square' \(Square\) on float64 \(double\) tensors: WGSL has no 64-bit float/);
    // The initializer in the same run did not run either.
    expect(backend.isInitialized(v.op)).toBe(false);
    sess.close();
  });

  it('rejects int64 values that do not fit in the int32 it stores them as', async () => {
    const g = new tf.Graph();
    const x = g.as_default(() => tf.placeholder(tf.int64, [1]));
    const y = g.as_default(() => tf.add(x, x));
    const { sess } = await gpuSession(g);
    expect(Array.from((await sess.run(y, new Map([[x, nd([2 ** 30 - 1], [1], 'int64')]]))).data)).toEqual([2 ** 31 - 2]);
    await expect(sess.run(y, new Map([[x, nd([2 ** 40], [1], 'int64')]]))).rejects.toThrow(/int64 value 1099511627776 does not fit in 32 bits/);
    sess.close();
  });

  it('reads nothing back for a training step without fetches, and one buffer per fetched value', async () => {
    const m = buildArticleGraph();
    const { sess, backend } = await gpuSession(m.graph);
    await sess.run(m.init);
    const feeds = new Map([
      [m.x, ones([8, 784])],
      [m.y_, nd([1, ...new Array(79).fill(0)], [8, 10], 'float32')],
    ]);
    const before = { ...backend.counters };
    for (let i = 0; i < 3; i++) await sess.run(m.training, feeds);
    expect(backend.counters.reads).toBe(before.reads);
    expect(backend.counters.submits).toBe(before.submits + 3);
    await sess.run([m.cross_entropy, m.accuracy], feeds);
    expect(backend.counters.reads).toBe(before.reads + 2);
    expect(backend.counters.syncReads).toBe(0);
    sess.close();
  });

  it('reuses pooled buffers: repeated steps create none, and a chain of ops shares a few', async () => {
    const m = buildArticleGraph();
    const { sess, backend } = await gpuSession(m.graph);
    const created: GPUBuffer[] = [];
    const device = backend.context.device;
    const createBuffer = device.createBuffer.bind(device);
    device.createBuffer = (d: GPUBufferDescriptor) => {
      const b = createBuffer(d);
      created.push(b);
      return b;
    };
    await sess.run(m.init);
    const feeds = new Map([
      [m.x, ones([16, 784])],
      [m.y_, ones([16, 10])],
    ]);
    await sess.run([m.training, m.cross_entropy], feeds);
    const afterFirst = created.length;
    for (let i = 0; i < 4; i++) await sess.run([m.training, m.cross_entropy], feeds);
    expect(created.length).toBe(afterFirst);

    // Twelve elementwise ops on one value: each result dies as the next is made, so the pool cycles a few buffers.
    const g = new tf.Graph();
    const { x, y } = g.as_default(() => {
      const x = tf.placeholder(tf.float32, [1000]);
      let y = x;
      for (let i = 0; i < 12; i++) y = tf.negative(y);
      return { x, y };
    });
    const chain = await gpuSession(g);
    const spy: number[] = [];
    const dev2 = chain.backend.context.device;
    const create2 = dev2.createBuffer.bind(dev2);
    dev2.createBuffer = (d: GPUBufferDescriptor) => {
      if (d.usage & GPUBufferUsage.STORAGE) spy.push(d.size);
      return create2(d);
    };
    const out = await chain.sess.run(y, new Map([[x, ones([1000])]]));
    expect(Array.from(out.data)).toEqual(new Array(1000).fill(1));
    expect(spy.length).toBeLessThanOrEqual(3); // the feed's upload and two results in turn
    sess.close();
    chain.sess.close();
  });

  it('uploads a large feed once while its bytes are unchanged, and again when they change, even in place', async () => {
    const g = new tf.Graph();
    const { x, y } = g.as_default(() => {
      const x = tf.placeholder(tf.float32, [200, 100]);
      return { x, y: tf.reduce_sum(x) };
    });
    const { sess, backend } = await gpuSession(g);
    const queue = backend.context.device.queue;
    const writeBuffer = queue.writeBuffer.bind(queue);
    let large = 0;
    queue.writeBuffer = ((buffer: GPUBuffer, offset: number, data: ArrayBufferView, ...rest: number[]) => {
      if (data.byteLength >= 80_000) large++;
      return writeBuffer(buffer, offset, data as ArrayBufferView<ArrayBuffer>, ...rest);
    }) as GPUQueue['writeBuffer'];
    const a = ones([200, 100]);
    const feeds = new Map([[x, a]]);
    for (let i = 0; i < 3; i++) expect((await sess.run(y, feeds)).item()).toBe(20_000);
    expect(large).toBe(1);
    a.data[123] = 5; // the same array, changed in place
    expect((await sess.run(y, feeds)).item()).toBe(20_004);
    expect(large).toBe(2);
    // another array with the first upload's bytes: that upload is still kept (two a placeholder)
    expect((await sess.run(y, new Map([[x, ones([200, 100])]]))).item()).toBe(20_000);
    expect(large).toBe(2);
    const twos = ones([200, 100]);
    twos.data.fill(2);
    expect((await sess.run(y, new Map([[x, twos]]))).item()).toBe(40_000); // bytes no kept upload has
    expect(large).toBe(3);
    sess.close();
  });

  it('compiles one program per text: other sizes of the same ranks compile nothing new', async () => {
    const g = new tf.Graph();
    const { x, y } = g.as_default(() => {
      const x = tf.placeholder(tf.float32);
      return { x, y: tf.reduce_sum(tf.exp(x), { reduction_indices: [1] }) };
    });
    const { sess, backend } = await gpuSession(g);
    await sess.run(y, new Map([[x, ones([3, 4])]]));
    const n = backend.programCount;
    await sess.run(y, new Map([[x, ones([7, 2])]]));
    await sess.run(y, new Map([[x, ones([2, 9])]]));
    expect(backend.programCount).toBe(n);
    await sess.run(y, new Map([[x, ones([2, 3, 4])]])); // rank 3: the reduction keeps two runs of dims
    expect(backend.programCount).toBeGreaterThan(n);
    sess.close();
  });

  it('reads a GPU value back mid-run only when a later op needs it on the host, and counts it', async () => {
    const g = new tf.Graph();
    const { x, s, y } = g.as_default(() => {
      const x = tf.placeholder(tf.float32);
      const s = tf.placeholder(tf.int32, [2]);
      // The target shape is computed on the GPU (from a feed), and Reshape sizes its output with it.
      return { x, s, y: tf.reshape(x, tf.negative(tf.negative(s))) };
    });
    const { sess, backend } = await gpuSession(g);
    const out = await sess.run(
      y,
      new Map([
        [x, nd([1, 2, 3, 4, 5, 6], [6], 'float32')],
        [s, nd([3, 2], [2], 'int32')],
      ]),
    );
    expect(out.shape).toEqual([3, 2]);
    expect(Array.from(out.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(backend.counters.syncReads).toBe(1);
    sess.close();
  });

  it('frees every buffer it made on close', async () => {
    const m = buildArticleGraph();
    const sess = new tf.Session({ graph: m.graph, backend: 'webgpu' });
    const backend = (await sess.getBackend()) as WebGpuBackend;
    const device = backend.context.device;
    const createBuffer = device.createBuffer.bind(device);
    const live = new Set<GPUBuffer>();
    device.createBuffer = (d: GPUBufferDescriptor) => {
      const b = createBuffer(d);
      const destroy = b.destroy.bind(b);
      live.add(b);
      b.destroy = () => {
        live.delete(b);
        destroy();
      };
      return b;
    };
    await sess.run(m.init);
    await sess.run(
      [m.training, m.cross_entropy],
      new Map([
        [m.x, ones([4, 784])],
        [m.y_, ones([4, 10])],
      ]),
    );
    expect(live.size).toBeGreaterThan(0);
    expect(backend.bufferBytes).toBeGreaterThan(0);
    sess.close();
    await new Promise((r) => setTimeout(r, 0)); // Session.close hands the backend its close asynchronously
    expect(live.size).toBe(0);
    expect(backend.bufferBytes).toBe(0);
  });

  it('raises an error after the device is lost; a new session works', async () => {
    const g = new tf.Graph();
    const { x, y } = g.as_default(() => {
      const x = tf.placeholder(tf.float32, [3]);
      return { x, y: tf.square(x) };
    });
    const feeds = new Map([[x, nd([1, 2, 3], [3], 'float32')]]);
    const { sess, backend } = await gpuSession(g);
    expect(Array.from((await sess.run(y, feeds)).data)).toEqual([1, 4, 9]);
    backend.context.device.destroy();
    await backend.context.device.lost;
    await new Promise((r) => setTimeout(r, 0));
    const err = await sess.run(y, feeds).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(tf.errors.InternalError);
    expect((err as Error).message).toMatch(/The WebGPU device was lost \(destroyed: .*\)\. Close this session and open a new one\./);
    sess.close();
    const again = await gpuSession(g);
    expect(Array.from((await again.sess.run(y, feeds)).data)).toEqual([1, 4, 9]);
    again.sess.close();
  });
});

describe('WebGPU programs', () => {
  let ctx: GpuContext | null = null;
  beforeAll(async () => {
    ctx = await acquireDevice();
  });
  afterAll(() => ctx?.device.destroy());

  it('are pure functions of (op, dtypes, ranks): sizes are uniforms, so the text names none', () => {
    const a = binaryProgram('Add', 'float32', 'float32', 2);
    expect(binaryProgram('Add', 'float32', 'float32', 2).source).toBe(a.source);
    expect(binaryProgram('Add', 'float32', 'float32', 3).source).not.toBe(a.source);
    expect(binaryProgram('Add', 'int32', 'int32', 2).source).toMatch(/array<i32>/);
    expect(a.uniforms).toEqual(['u32', 'u32', 'u32', 'u32', 'u32', 'u32', 'u32']); // n, 2 dims, 2 strides per input
  });

  it('raise a compile error with the compiler message and the op name', async () => {
    if (!ctx) throw new Error(NO_ADAPTER);
    const cache = new PipelineCache(ctx.device);
    const broken = { ...binaryProgram('Add', 'float32', 'float32', 1) };
    broken.source = broken.source.replace('out[i] = a + b;', 'out[i] = a + undefined_thing;');
    const err = await cache.get(broken, 'my_add', 'Add').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(tf.errors.InternalError);
    // Outside a session only the node's name is known; Session.run turns it into the Operation.
    expect((err as tf.errors.OpError).node_name).toBe('my_add');
    expect((err as tf.errors.OpError).op).toBeNull();
    expect((err as Error).message).toMatch(/^The WGSL program of op 'my_add' \(Add\) failed to compile:\n\d+:\d+: .*undefined_thing/);
  });
});
