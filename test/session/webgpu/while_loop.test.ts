// tf.while_loop, its gradient (stacks) and a long loop on the WebGPU backend, against the CPU backend: the cases of
// test/tf1/control_flow_ops_py_test_while.test.ts (TF1 r1.12's control_flow_ops_py_test.py ControlFlowTest) with
// their expected values, float32 loops whose values are computed on the GPU, and the buffer pool's counters over a
// long loop (its buffers do not grow with the iteration count).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/index.js';
import { WebGpuBackend } from '../../../src/session/webgpu/backend.js';
import { NO_ADAPTER } from './harness.js';

type T = tf.Tensor;

let g: tf.Graph;
let cpu: tf.Session;
let gpu: tf.Session;
let backend: WebGpuBackend;

beforeAll(async () => {
  g = new tf.Graph();
  cpu = new tf.Session({ graph: g, backend: 'cpu' });
  gpu = new tf.Session({ graph: g, backend: 'webgpu' });
  const b = await gpu.getBackend().catch(() => null);
  if (!(b instanceof WebGpuBackend)) throw new Error(NO_ADAPTER);
  backend = b;
});
afterAll(() => {
  cpu?.close();
  gpu?.close();
});

const flat = (a: tf.NDArray | null): number[] => Array.from(a!.data as ArrayLike<number>);

/** Runs `fetches` on both backends: the WebGPU results, checked equal to the CPU's (float32 within a few ulp). */
async function both(fetches: T[], feeds?: Map<T, tf.NDArray>): Promise<tf.NDArray[]> {
  const onGpu = (await gpu.run(fetches, feeds)) as tf.NDArray[];
  const onCpu = (await cpu.run(fetches, feeds)) as tf.NDArray[];
  onGpu.forEach((a, i) => {
    const c = onCpu[i]!;
    expect(a.dtype).toBe(c.dtype);
    expect(a.shape).toEqual(c.shape);
    flat(a).forEach((v, k) => expect(v).toBeCloseTo(flat(c)[k]!, 4));
  });
  return onGpu;
}

/** TF1's isum helper: sums i for i in 0..9 into s (stopping early at maximum_iterations). */
function isum(s: T, maximum_iterations: number | null = null): T {
  const i = tf.constant(0, { name: 'i' });
  const [, rs] = tf.while_loop(
    (i: T) => tf.less(i, 10),
    (i: T, s: T) => [tf.add(i, 1), tf.add(i, s)],
    [i, s],
    { maximum_iterations },
  ) as T[];
  return rs!;
}

describe('tf.while_loop on the WebGPU backend (control_flow_ops_py_test.py cases)', () => {
  it('testWhile_1, testWhile_2, testWhile_3, testWhileWithMaximumIterations, testCondInWhile', async () => {
    const [w1, w2, w3, wmax, wsingle, cin, nested] = g.as_default(() => {
      const w1 = tf.while_loop(
        (x: T) => tf.less(x, 100),
        (x: T) => tf.add(x, 1),
        [tf.constant(0)],
        { parallel_iterations: 20 },
      ) as T;
      const w2 = isum(tf.constant(0));
      const d = tf.convert_to_tensor(100);
      const w3 = (
        tf.while_loop(
          (i: T) => tf.less(i, d),
          (i: T, m: T, c: T, o: T) => {
            const m2 = tf.add(m, 1);
            const c2 = tf.add(c, 1);
            return [tf.add(i, 1), m2, c2, tf.add(tf.add(o, m2), c2)];
          },
          [0, 0, 0, 0].map((v) => tf.convert_to_tensor(v)),
        ) as T[]
      )[3]!;
      const wmax = isum(tf.constant([1, 2, 3, 4, 5]), 3);
      const wsingle = tf.while_loop(
        (i: T) => tf.less(i, 3),
        (i: T) => tf.add(i, 1),
        [0],
        { maximum_iterations: 1 },
      ) as T;
      const n = tf.convert_to_tensor(0, { name: 'n' });
      const cin = tf.while_loop(
        (x: T) => tf.less(x, 10),
        (x: T) =>
          tf.cond(
            tf.constant(true),
            () => tf.add(x, 1),
            () => n,
          ) as T,
        [n],
      ) as T;
      const r = tf.while_loop(
        (v: { a: T; b: [T, T] }) => tf.less(v.a, 4),
        (v: { a: T; b: [T, T] }) => [{ a: tf.add(v.a, 1), b: [tf.multiply(v.b[0], 2), tf.add(v.b[1], v.a)] }],
        [{ a: tf.constant(0), b: [tf.constant(1), tf.constant(10)] }],
        { return_same_structure: true },
      ) as [{ a: T; b: [T, T] }];
      return [w1, w2, w3, wmax, wsingle, cin, r[0].b[1]];
    });
    const out = await both([w1!, w2!, w3!, wmax!, wsingle!, cin!, nested!]);
    expect(out.map(flat)).toEqual([[100], [45], [10100], [4, 5, 6, 7, 8], [1], [10], [16]]);
  });

  it('a float32 loop computed on the GPU reads back one predicate per iteration, and nothing else until the fetch', async () => {
    const { x, r } = g.as_default(() => {
      const x = tf.placeholder(tf.float32, [3]);
      // testWhile_1's shape with a GPU value: doubles x until its sum passes 100
      const r = tf.while_loop(
        (v: T) => tf.less(tf.reduce_sum(v), 100),
        (v: T) => tf.multiply(v, 2),
        [x],
      ) as T;
      return { x, r };
    });
    const feeds = new Map([[x, new tf.NDArray(Float32Array.of(1, 2, 0.5), [3], 'float32')]]);
    const c = backend.counters;
    const before = { ...c };
    const [v] = await both([r], feeds);
    expect(flat(v!)).toEqual([32, 64, 16]);
    // 6 iterations (3.5·2⁵ = 112 ends it): 6 predicates read, and the fetch
    expect(c.syncReads - before.syncReads).toBe(6);
    expect(c.reads - before.reads).toBe(7);
  });

  it("a while loop's gradient (its stacks) equals the CPU backend's (testWhileGrad_Mul)", async () => {
    const { a, x, r, grads } = g.as_default(() => {
      const a = tf.placeholder(tf.float32, [], { name: 'a' });
      const x = tf.placeholder(tf.float32, [2], { name: 'x' });
      const r = tf.while_loop(
        (v: T) => tf.less(tf.reduce_sum(v), 50),
        (v: T) => tf.multiply(v, a),
        [x],
      ) as T;
      return { a, x, r, grads: tf.gradients(r, [a, x]) as T[] };
    });
    const feeds = new Map<T, tf.NDArray>([
      [a, new tf.NDArray(Float32Array.of(3), [], 'float32')],
      [x, new tf.NDArray(Float32Array.of(1, 2), [2], 'float32')],
    ]);
    const [rv, ga, gx] = await both([r, grads[0]!, grads[1]!], feeds);
    // r = x·a³ (3 iterations: 3, 9·3 = 27 < 50, 81 ends it), dr/da = Σ 3a²x = 81, dr/dx = a³
    expect(flat(rv!)).toEqual([27, 54]);
    expect(flat(ga!)).toEqual([81]);
    expect(flat(gx!)).toEqual([27, 27]);
  });

  it("a gather's IndexedSlices gradient accumulated by the gradient loop equals the CPU backend's (AddBackpropIndexedSlicesAccumulator)", async () => {
    const { p, w, grad } = g.as_default(() => {
      const p = tf.placeholder(tf.float32, [3, 2], { name: 'p' });
      const w = tf.placeholder(tf.float32, [2], { name: 'w' });
      const [, r] = tf.while_loop(
        (i: T, _: T) => tf.less(i, 3),
        (i: T, acc: T) => [i.add(1), acc.add(tf.reduce_sum(tf.gather(p, [2, 0]).mul(w)))],
        [tf.constant(0), tf.constant(0, tf.float32)],
      ) as T[];
      return { p, w, grad: tf.gradients(r!, [p])[0] as tf.IndexedSlices };
    });
    expect(grad).toBeInstanceOf(tf.IndexedSlices);
    const feeds = new Map<T, tf.NDArray>([
      [p, new tf.NDArray(Float32Array.of(1, 2, 3, 4, 5, 6), [3, 2], 'float32')],
      [w, new tf.NDArray(Float32Array.of(3, 4), [2], 'float32')],
    ]);
    const [indices, values, shape] = await both([grad.indices, grad.values, grad.dense_shape!], feeds);
    // the zero row at index 0, then per iteration rows 2 and 0, each getting w
    expect(flat(indices!)).toEqual([0, 2, 0, 2, 0, 2, 0]);
    expect(flat(values!)).toEqual([0, 0, ...Array(6).fill([3, 4]).flat()]);
    expect(flat(shape!)).toEqual([3, 2]);
  });

  it("a gather of a loop's result: its IndexedSlices through the gradient loop equals the CPU backend's", async () => {
    const { x, grad } = g.as_default(() => {
      const x = tf.placeholder(tf.float32, [5], { name: 'x5' });
      const [, r] = tf.while_loop(
        (i: T, _: T) => tf.less(i, 3),
        (i: T, v: T) => [i.add(1), v.mul(v)],
        [tf.constant(0), x],
      ) as T[];
      return { x, grad: tf.gradients(tf.reduce_sum(tf.gather(r!, [0, 2, 2])), [x])[0] as tf.IndexedSlices };
    });
    expect(grad).toBeInstanceOf(tf.IndexedSlices);
    const feeds = new Map<T, tf.NDArray>([[x, new tf.NDArray(Float32Array.of(1, 2, 0.5, 3, 4), [5], 'float32')]]);
    const [indices, values] = await both([grad.indices, grad.values], feeds);
    // r = x^8: the gradient 8x^7 in rows 0 and 2 (twice), the rows of all five
    expect(flat(indices!)).toEqual([0, 1, 2, 3, 4]);
    expect(flat(values!)).toEqual([8, 0, 16 * 0.5 ** 7, 0, 0]);
  });

  it('a long loop holds as many buffers as a short one (the pool reuses each iteration’s)', async () => {
    const { n, x, r } = g.as_default(() => {
      const n = tf.placeholder(tf.int32, [], { name: 'n' });
      const x = tf.placeholder(tf.float32, [64], { name: 'x' });
      const [, r] = tf.while_loop(
        (i: T) => tf.less(i, n),
        (i: T, v: T) => [tf.add(i, 1), tf.add(tf.multiply(v, 0.5), tf.tanh(v))],
        [tf.constant(0), x],
      ) as T[];
      return { n, x, r: r! };
    });
    const xs = new tf.NDArray(
      Float32Array.from({ length: 64 }, (_, i) => i / 32 - 1),
      [64],
      'float32',
    );
    const feeds = (k: number) =>
      new Map<T, tf.NDArray>([
        [n, new tf.NDArray(Int32Array.of(k), [], 'int32')],
        [x, xs],
      ]);
    await both([r], feeds(5));
    const pool = (backend as unknown as { pools: { storage: { created: number } } }).pools.storage;
    const created = pool.created;
    const bytes = backend.bufferBytes;
    const { syncReads, submits } = backend.counters;
    await both([r], feeds(200));
    expect(pool.created).toBe(created);
    expect(backend.bufferBytes).toBe(bytes);
    // the counter's bound is fed (its copy is uploaded, so Less runs on the GPU): one predicate read per iteration,
    // 201 with the last; each read submits its iteration's work, and the fetch submits once more
    expect(backend.counters.syncReads - syncReads).toBe(201);
    expect(backend.counters.submits - submits).toBe(202);
  });

  it('a counter loop with a constant bound reads nothing back until the fetch (its predicate is computed on the host)', async () => {
    const { x, r } = g.as_default(() => {
      const x = tf.placeholder(tf.float32, [8], { name: 'x' });
      const [, r] = tf.while_loop(
        (i: T) => tf.less(i, 50),
        (i: T, v: T) => [tf.add(i, 1), tf.sin(tf.add(v, 1))],
        [tf.constant(0), x],
      ) as T[];
      return { x, r: r! };
    });
    const { reads, syncReads, submits } = backend.counters;
    await both([r], new Map([[x, new tf.NDArray(new Float32Array(8).fill(0.25), [8], 'float32')]]));
    expect(backend.counters.syncReads - syncReads).toBe(0);
    expect(backend.counters.reads - reads).toBe(1);
    // each iteration's work is submitted when the next predicate is known (50 bodies; the first predicate comes
    // before any kernel), and the fetch
    expect(backend.counters.submits - submits).toBe(51);
  });
});

describe('RunOptions.timeout_in_ms on WebGPU', () => {
  it('testWhileTimeOut: a loop that never ends is DeadlineExceededError, and the session runs on', async () => {
    const [r, n] = g.as_default(() => {
      const n = tf.constant(0, undefined, undefined, 'timeout_start');
      return [
        tf.while_loop(
          (_x: T) => true as never,
          (x: T) => tf.add(x, 1),
          [n],
          { name: 'forever' },
        ) as T,
        n,
      ] as const;
    });
    const e = await gpu.run(r, null, new tf.RunOptions({ timeout_in_ms: 1 })).then(
      () => null,
      (err: unknown) => err as Error,
    );
    expect(e).toBeInstanceOf(tf.errors.DeadlineExceededError);
    expect(e!.message).toBe('Timed out waiting for notification');
    expect(((await gpu.run(n)) as tf.NDArray).item()).toBe(0);
  });
});
