// tf.random_uniform with an integer dtype is TF1's RandomUniformInt op: its builder path, shape rule,
// kernels on both backends, errors, seeds and import.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { HOST_KERNELS } from '../../src/session/kernels/index.js';

/** Runs `t` in a fresh session of `backend` on `g`, with `feeds`. */
async function runIn(backend: 'cpu' | 'webgpu', g: tf.Graph, t: tf.Tensor, feeds?: Map<tf.Tensor, unknown>): Promise<tf.NDArray> {
  const sess = new tf.Session({ graph: g, backend });
  try {
    return await sess.run(t, feeds as never);
  } finally {
    sess.close();
  }
}

function counts(x: tf.NDArray, lo: number, hi: number): number[] {
  const c = new Array<number>(hi - lo).fill(0);
  for (const v of x.data) c[v - lo]!++;
  return c;
}

/** The binomial bound of TF1's testUniformInts: every count within 5 standard deviations of n / (hi - lo). */
function expectUniform(x: tf.NDArray, lo: number, hi: number): void {
  const p = 1 / (hi - lo);
  const sd = Math.sqrt(x.size * p * (1 - p));
  for (const c of counts(x, lo, hi)) expect(Math.abs(c - x.size * p)).toBeLessThan(5 * sd);
}

describe("tf.random_uniform with an integer dtype builds TF1's RandomUniformInt", () => {
  it('is one RandomUniformInt op named for the scope, with Tout, the seeds and a static shape', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      tf.set_random_seed(3);
      const x = tf.random_uniform([2, 5], 0, 17, tf.int64, 9);
      expect(x.op.type).toBe('RandomUniformInt');
      expect(x.op.name).toBe('random_uniform');
      expect(x.dtype).toBe('int64');
      expect(x.shape.as_list()).toEqual([2, 5]);
      expect(x.op.attrs).toMatchObject({ Tout: 'int64', seed: 3, seed2: 9 });
      expect(x.op.inputs.map((t) => t.op.name)).toEqual(['random_uniform/shape', 'random_uniform/min', 'random_uniform/max']);
    });
  });

  it('int32 draws cover [minval, maxval) uniformly (it returned all minval before)', async () => {
    const g = new tf.Graph();
    const x = g.as_default(() => tf.random_uniform([20000], 0, 17, tf.int32, 5));
    const v = await runIn('cpu', g, x);
    expect(v.dtype).toBe('int32');
    expect(Math.min(...v.data)).toBe(0);
    expect(Math.max(...v.data)).toBe(16);
    expectUniform(v, 0, 17);
  });

  it('int64 draws use 64 random bits: uniform over a small range and over one past 2^32', async () => {
    const g = new tf.Graph();
    const [small, wide] = g.as_default(() => [tf.random_uniform([20000], -5, 12, tf.int64, 1), tf.random_uniform([20000], 0, 2 ** 40, tf.int64, 2)]);
    expectUniform(await runIn('cpu', g, small), -5, 12);
    const w = await runIn('cpu', g, wide);
    expect(w.data.every((v) => Number.isInteger(v) && v >= 0 && v < 2 ** 40)).toBe(true);
    // Each of the top 4 bits' 16 buckets holds about 1/16 of the draws (they would all be 0 with 32 bits).
    const buckets = new tf.NDArray(
      Float64Array.from(w.data, (v) => Math.floor(v / 2 ** 36)),
      [w.size],
      'int64',
    );
    expectUniform(buckets, 0, 16);
  });

  it('minval == maxval is TF1\'s InvalidArgumentError "Need minval < maxval: 0 >= 0", unless nothing is drawn', async () => {
    const g = new tf.Graph();
    const n = g.as_default(() => tf.placeholder(tf.int32, [1]));
    const x = g.as_default(() => tf.random_uniform(n, 0, 0, tf.int32));
    for (const backend of ['cpu', 'webgpu'] as const) {
      expect((await runIn(backend, g, x, new Map([[n, [0]]]))).size).toBe(0);
      const e = await runIn(backend, g, x, new Map([[n, [1]]])).then(
        () => null,
        (err: unknown) => err as Error,
      );
      expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
      expect(e!.message).toBe('Need minval < maxval: 0 >= 0');
    }
  });

  // TF1's kernel says "minval must be 0-D, got shape [2]"; the plan's shape check, which runs first here, names the rank.
  it('a fed non-scalar minval is an InvalidArgumentError when run', async () => {
    const g = new tf.Graph();
    const lo = g.as_default(() => tf.placeholder(tf.int32));
    const x = g.as_default(() => tf.random_uniform([3], lo, 5, tf.int32));
    const e = await runIn('cpu', g, x, new Map([[lo, [1, 2]]])).then(
      () => null,
      (err: unknown) => err as Error,
    );
    expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
    expect(e!.message).toMatch(/^Shape must be rank 0 but is rank 1 for 'random_uniform'/);
  });

  it("the kernel checks its bounds in TF1's words: 0-D minval and maxval, minval < maxval", () => {
    const kernel = HOST_KERNELS.RandomUniformInt!;
    const i32 = (v: number[], shape: number[]): tf.NDArray => new tf.NDArray(Int32Array.from(v), shape, 'int32');
    const call = (lo: tf.NDArray, hi: tf.NDArray): void =>
      kernel({
        name: 'r',
        inputs: [i32([2], [1]), lo, hi],
        attrs: { Tout: 'int32', seed: 0, seed2: 0 },
        output: (_i, shape) => tf.NDArray.zeros(shape, 'int32'),
        random: () => ({ next: () => 0.5 }),
      });
    expect(() => call(i32([1, 2], [2]), i32([3], []))).toThrow(new tf.errors.InvalidArgumentError('minval must be 0-D, got shape [2]', 'r'));
    expect(() => call(i32([1], []), i32([3, 4], [2]))).toThrow(new tf.errors.InvalidArgumentError('maxval must be 0-D, got shape [2]', 'r'));
    expect(() => call(i32([5], []), i32([3], []))).toThrow(new tf.errors.InvalidArgumentError('Need minval < maxval: 5 >= 3', 'r'));
  });

  it("an integer dtype without maxval is TF1's ValueError", () => {
    const g = new tf.Graph();
    g.as_default(() => {
      expect(() => tf.random_uniform([3], { dtype: tf.int32 })).toThrow(new tf.errors.ValueError('Must specify maxval for integer dtype tf.int32'));
      expect(() => tf.random_uniform([3], { dtype: tf.bool })).toThrow(new tf.errors.ValueError('Invalid dtype tf.bool'));
    });
  });

  it('is not differentiable: no gradient reaches minval or maxval', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const lo = tf.placeholder(tf.int32, []);
      const y = tf.cast(tf.random_uniform([3], lo, 10, tf.int32), tf.float32);
      expect(tf.gradients(y, [lo])).toEqual([null]);
    });
  });

  it('the same op seed gives the same draws in every session; runs of one session differ', async () => {
    const g = new tf.Graph();
    const x = g.as_default(() => tf.random_uniform([50], 0, 1000, tf.int32, 77));
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    try {
      const first = Array.from((await sess.run(x)).data);
      expect(Array.from((await sess.run(x)).data)).not.toEqual(first);
      expect(Array.from((await runIn('cpu', g, x)).data)).toEqual(first);
    } finally {
      sess.close();
    }
  });

  it("op seeds reduce modulo 2**31 - 1 as TF1's _truncate_seed, Python ints of any size included", () => {
    const g = new tf.Graph();
    g.as_default(() => {
      // 2^31 ≡ 1 and 2^100 = 2^(31·3 + 7) ≡ 2^7 (mod 2^31 - 1).
      expect(tf.random_uniform([1], 0, 5, tf.int32, 2 ** 31).op.attrs).toMatchObject({ seed: 87654321, seed2: 1 });
      expect(tf.random_uniform([1], 0, 5, tf.int32, 2 ** 100).op.attrs).toMatchObject({ seed2: 128 });
      expect(tf.random_uniform([1], 0, 5, tf.int32, -(2 ** 100)).op.attrs).toMatchObject({ seed2: 2 ** 31 - 1 - 128 });
    });
  });

  it('imports from a GraphDef with its attrs', async () => {
    const src = new tf.Graph();
    src.as_default(() => tf.random_uniform([4], 3, 9, tf.int64, 1, 'r'));
    const g = new tf.Graph();
    const [r] = g.as_default(() => tf.import_graph_def(src.as_graph_def(), { return_elements: ['r:0'], name: '' })) as tf.Tensor[];
    expect(r!.op.type).toBe('RandomUniformInt');
    expect(r!.dtype).toBe('int64');
    const v = await runIn('cpu', g, r!);
    expect(v.data.every((e) => e >= 3 && e < 9)).toBe(true);
  });
});

describe('RandomUniformInt on the WebGPU backend', () => {
  let g: tf.Graph;
  let gpu: tf.Session;
  beforeAll(() => {
    g = new tf.Graph();
    gpu = new tf.Session({ graph: g, backend: 'webgpu' });
  });
  afterAll(() => gpu.close());

  it('draws int32 and int64 uniformly in [minval, maxval), across the full int32 range too', async () => {
    const [a, b, c] = g.as_default(() => [
      tf.random_uniform([20000], -7, 10, tf.int32, 4),
      tf.random_uniform([20000], 100, 117, tf.int64, 5),
      tf.random_uniform([20000], -(2 ** 31), 2 ** 31 - 1, tf.int32, 6),
    ]);
    const [va, vb, vc] = await gpu.run([a, b, c]);
    expect(va!.dtype).toBe('int32');
    expectUniform(va!, -7, 10);
    expect(vb!.dtype).toBe('int64');
    expectUniform(vb!, 100, 117);
    // The full range: both signs, spread over it (the sum wraps as int32 does on the GPU).
    const neg = vc!.data.filter((v) => v < 0).length;
    expect(Math.abs(neg - 10000)).toBeLessThan(5 * Math.sqrt(5000));
  });

  it('refuses int64 bounds past 32 bits, as the backend stores int64 in 32', async () => {
    const x = g.as_default(() => tf.random_uniform([3], 0, 2 ** 40, tf.int64));
    await expect(gpu.run(x)).rejects.toThrow(tf.errors.InvalidArgumentError);
  });
});
