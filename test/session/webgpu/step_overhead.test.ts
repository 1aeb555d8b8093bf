// A repeated run's host work on the WebGPU backend: after the first steps, a training step creates no
// buffer and no bind group, writes no uniforms, and maps nothing unless a value is fetched.
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import * as tf from '../../../src/index.js';
import { compareWorkers } from '../../../src/framework/memory/compare.js';
import { WebGpuBackend } from '../../../src/session/webgpu/backend.js';
import { buildArticleGraph } from '../../helpers/article_graph.js';
import { countDispatches, nd, NO_ADAPTER } from './harness.js';

/** A WebGPU session whose device counts the calls that cost host time or a round trip. */
async function countedSession(graph: tf.Graph) {
  const sess = new tf.Session({ graph, backend: 'webgpu' });
  const backend = await sess.getBackend();
  if (!(backend instanceof WebGpuBackend)) throw new Error(NO_ADAPTER);
  const device = backend.context.device;
  const counts = { createBuffer: 0, createBindGroup: 0, writeBuffer: 0, mapAsync: 0, dispatches: 0 };
  const createBuffer = device.createBuffer.bind(device);
  device.createBuffer = (d: GPUBufferDescriptor) => {
    counts.createBuffer++;
    const b = createBuffer(d);
    const mapAsync = b.mapAsync.bind(b);
    b.mapAsync = (...args: Parameters<GPUBuffer['mapAsync']>) => {
      counts.mapAsync++;
      return mapAsync(...args);
    };
    return b;
  };
  const createBindGroup = device.createBindGroup.bind(device);
  device.createBindGroup = (d: GPUBindGroupDescriptor) => {
    counts.createBindGroup++;
    return createBindGroup(d);
  };
  countDispatches(device, counts);
  const queue = device.queue;
  const writeBuffer = queue.writeBuffer.bind(queue);
  queue.writeBuffer = ((...args: Parameters<GPUQueue['writeBuffer']>) => {
    counts.writeBuffer++;
    return writeBuffer(...args);
  }) as GPUQueue['writeBuffer'];
  return { sess, backend, counts };
}

const filled = (shape: number[], f: (i: number) => number): tf.NDArray =>
  nd(
    Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => f(i)),
    shape,
    'float32',
  );

/** The article's graph in a counted session, initialized, fed `rows` examples: x is kept on the GPU while unchanged, y_ (under the cache's size) uploaded every run. */
async function articleSteps(rows: number) {
  const m = buildArticleGraph();
  const { sess, backend, counts } = await countedSession(m.graph);
  await sess.run(m.init);
  const feeds = new Map([
    [m.x, filled([rows, 784], (i) => (i % 7) / 7)],
    [m.y_, filled([rows, 10], (i) => (i % 10 === i % 3 ? 1 : 0))],
  ]);
  /** The dispatches of one training step, after `warm` others. */
  const perStep = async (warm: number): Promise<number> => {
    for (let i = 0; i < warm; i++) await sess.run(m.training, feeds);
    const before = counts.dispatches;
    await sess.run(m.training, feeds);
    return counts.dispatches - before;
  };
  /** Five more training steps: no buffer or bind group made, nothing mapped, one write a step (y_; the uniforms are unchanged, x is kept). */
  const expectNothingMade = async (): Promise<void> => {
    const before = { ...counts };
    for (let i = 0; i < 5; i++) await sess.run(m.training, feeds);
    expect(counts.createBuffer - before.createBuffer).toBe(0);
    expect(counts.createBindGroup - before.createBindGroup).toBe(0);
    expect(counts.mapAsync - before.mapAsync).toBe(0);
    expect(counts.writeBuffer - before.writeBuffer).toBe(5);
  };
  return { m, sess, backend, counts, feeds, perStep, expectNothingMade };
}

describe('the WebGPU backend per step', () => {
  it('creates no buffer or bind group, writes only the changed feed, and maps nothing in a repeated training step', async () => {
    const { m, sess, counts, feeds, expectNothingMade } = await articleSteps(40);
    for (let i = 0; i < 3; i++) await sess.run(m.training, feeds);
    await expectNothingMade();
    // a fetched value is the one thing mapped
    const mid = counts.mapAsync;
    const loss = await sess.run(m.cross_entropy, feeds);
    expect(Number.isFinite(loss.item())).toBe(true);
    expect(counts.mapAsync - mid).toBe(1);
    sess.close();
  });

  it("dispatches 9 programs in the article's training step, 16 without fusion: the bias add with Softmax, Mul's gradient with its Sum over no axes, and Log's gradient with Softmax's and its row sum, fuse", async () => {
    const { sess, backend, perStep } = await articleSteps(40);
    const fused = await perStep(1);
    backend.tuning.fusion = false;
    const unfused = await perStep(1);
    expect([fused, unfused]).toEqual([9, 16]);
    sess.close();
  });

  it("with the hardware adapters' programs (K split across workgroups, two-pass reductions): still nothing created a step, three dispatches more", async () => {
    // 1,100 rows: the forward product's K (784) and the weight gradient's (1,100) split in parts, the bias gradient's
    // column sum (1,100 rows) in two passes.
    const { sess, backend, perStep, expectNothingMade } = await articleSteps(1100);
    const plain = await perStep(2);
    Object.assign(backend.tuning, { splitK: true, splitKParts: true, splitReduce: true });
    const tuned = await perStep(2);
    expect(tuned - plain).toBe(3); // the sums of the two products' parts, the column sum's second pass
    await expectNothingMade();
    sess.close();
  });

  it("rewrites a plan's uniforms only when their values change, and computes the right values", async () => {
    const g = new tf.Graph();
    const { x, axis, y } = g.as_default(() => {
      const x = tf.placeholder(tf.float32, [2, 3]);
      const axis = tf.placeholder(tf.int32, []);
      return { x, axis, y: tf.reduce_sum(tf.square(x), axis) };
    });
    const { sess, backend, counts } = await countedSession(g);
    const a = filled([2, 3], (i) => i - 2);
    const run = async (k: number): Promise<number[]> =>
      Array.from(
        (
          await sess.run(
            y,
            new Map([
              [x, a],
              [axis, nd([k], [], 'int32')],
            ]),
          )
        ).data,
      );
    const rows = [0, 1].map((r) => [0, 1, 2].reduce((s, c) => s + a.data[r * 3 + c]! ** 2, 0));
    const cols = [0, 1, 2].map((c) => [0, 1].reduce((s, r) => s + a.data[r * 3 + c]! ** 2, 0));
    expect(await run(1)).toEqual(rows);
    let before = counts.writeBuffer;
    expect(await run(1)).toEqual(rows);
    expect(counts.writeBuffer - before).toBe(1); // the small feed x only: the uniforms are as before
    before = counts.writeBuffer;
    expect(await run(0)).toEqual(cols); // the same plan, other uniforms: written
    expect(counts.writeBuffer - before).toBe(2);
    before = counts.writeBuffer;
    expect(await run(1)).toEqual(rows);
    expect(counts.writeBuffer - before).toBe(2);
    expect(backend.counters.syncReads).toBe(0);
    sess.close();
  });

  it('compares a pinned feed in place: unchanged, it is not uploaded again; changed, it is', async () => {
    const g = new tf.Graph();
    const { x, y } = g.as_default(() => {
      const x = tf.placeholder(tf.float32, [200, 100]);
      return { x, y: tf.reduce_sum(x) };
    });
    const { sess, counts } = await countedSession(g);
    const a = tf.pinned_zeros([200, 100]);
    a.data.fill(1);
    const feeds = new Map([[x, a]]);
    expect((await sess.run(y, feeds)).item()).toBe(20_000);
    const before = counts.writeBuffer;
    expect((await sess.run(y, feeds)).item()).toBe(20_000);
    expect(counts.writeBuffer).toBe(before);
    a.data[7] = 3;
    expect((await sess.run(y, feeds)).item()).toBe(20_002);
    expect(counts.writeBuffer).toBe(before + 1);
    sess.close();
  });

  it('compares a large pinned feed in parts on worker threads: a change in any part is uploaded', async () => {
    const [rows, cols] = [700, 784]; // 2.2 MB, past PARALLEL_COMPARE_BYTES
    const g = new tf.Graph();
    const { x, y } = g.as_default(() => {
      const x = tf.placeholder(tf.float32, [rows, cols]);
      return { x, y: tf.reduce_sum(x, 1) };
    });
    const { sess, counts } = await countedSession(g);
    const a = tf.pinned_zeros([rows, cols]);
    const feeds = new Map([[x, a]]);
    const sums = async () => Array.from((await sess.run(y, feeds)).data as Float32Array);
    expect(await sums()).toEqual(new Array(rows).fill(0));
    expect(await sums()).toEqual(new Array(rows).fill(0)); // the first comparison, which starts the workers
    const want = Math.min(availableParallelism(), 8) - 1;
    for (let waited = 0; compareWorkers() < want && waited < 20_000; waited += 10) await new Promise((r) => setTimeout(r, 10));
    expect(compareWorkers()).toBe(want);
    let uploads = counts.writeBuffer;
    expect(await sums()).toEqual(new Array(rows).fill(0));
    expect(counts.writeBuffer).toBe(uploads); // unchanged: compared, not uploaded
    // one element in the first row, the last, and one in the middle of each thread's part, in place
    const expected = new Array(rows).fill(0);
    const parts = 1 + want;
    for (const row of [0, rows - 1, ...Array.from({ length: parts }, (_, t) => Math.floor(((t + 0.5) * rows) / parts))]) {
      a.data[row * cols + (row % cols)] = 2;
      expected[row] = 2;
      expect(await sums(), `after writing row ${row}`).toEqual(expected);
      expect(counts.writeBuffer).toBe(++uploads);
    }
    sess.close();
  });
});
