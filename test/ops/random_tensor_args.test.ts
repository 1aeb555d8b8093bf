// TF1 r1.12's random_normal, truncated_normal and random_uniform with Tensor arguments: a shape computed in the
// graph (tf.shape(x), a placeholder) and mean/stddev/minval/maxval Tensors, built as random_ops.py builds them
// (`rnd * stddev + mean`, `rnd * (max - min) + min` as ops named mul/sub/add in the name scope) with TF1's seeds.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';

async function run(g: tf.Graph, fetches: tf.Tensor[], feeds: [tf.Tensor, unknown][]): Promise<tf.NDArray[]> {
  const sess = new tf.Session({ graph: g, backend: 'cpu' });
  try {
    return (await sess.run(fetches, new Map(feeds) as never)) as tf.NDArray[];
  } finally {
    sess.close();
  }
}

const mean = (v: tf.NDArray): number => Array.from(v.data).reduce((s, x) => s + x, 0) / v.size;
const std = (v: tf.NDArray): number => Math.sqrt(Array.from(v.data).reduce((s, x) => s + (x - mean(v)) ** 2, 0) / v.size);
const ones = (n: number, m: number): number[][] => Array.from({ length: n }, () => new Array<number>(m).fill(1));

describe('random ops with Tensor arguments', () => {
  it("random_normal(tf.shape(x), mean, stddev): the shape's static part, TF1's node names and inputs", () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.placeholder(tf.float32, [null, 3]);
      const m = tf.placeholder(tf.float32, []);
      const s = tf.placeholder(tf.float32, []);
      const r = tf.random_normal(tf.shape(x), m, s);
      expect(r.shape.as_list()).toEqual([null, 3]);
      expect(r.op.type).toBe('Add');
      expect(r.op.name).toBe('random_normal');
      const mul = r.op.inputs[0]!.op;
      expect([mul.name, mul.type]).toEqual(['random_normal/mul', 'Mul']);
      expect(mul.inputs.map((t) => t.name)).toEqual(['random_normal/RandomStandardNormal:0', 'Placeholder_2:0']);
      expect(r.op.inputs[1]!.name).toBe('Placeholder_1:0');
      expect(mul.inputs[0]!.op.inputs[0]!.name).toBe('Shape:0');
      const t = tf.truncated_normal(tf.shape(x), m, s, { name: 'tn' });
      expect(t.op.inputs[0]!.op.inputs.map((i) => i.op.name)).toEqual(['tn/TruncatedNormal', 'Placeholder_2']);
      expect(t.shape.as_list()).toEqual([null, 3]);
    });
  });

  it('random_uniform(shape tensor, minval, maxval): sub, mul and the scope-named add of TF1', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.placeholder(tf.float32, [4, null]);
      const lo = tf.placeholder(tf.float32, [], 'lo');
      const hi = tf.placeholder(tf.float32, [], 'hi');
      const u = tf.random_uniform(tf.shape(x), lo, hi);
      expect(u.shape.as_list()).toEqual([4, null]);
      const names = g.get_operations().map((o) => `${o.name}:${o.type}`);
      expect(names.slice(3)).toEqual([
        'Shape:Shape',
        'random_uniform/RandomUniform:RandomUniform',
        'random_uniform/sub:Sub',
        'random_uniform/mul:Mul',
        'random_uniform:Add',
      ]);
      expect(u.op.inputs.map((t) => t.name)).toEqual(['random_uniform/mul:0', 'lo:0']);
    });
  });

  it('fed mean and stddev shift and scale the draws; fed bounds bound them; the shape follows the fed x', async () => {
    const g = new tf.Graph();
    const [x, m, s, lo, hi, r, u] = g.as_default(() => {
      const x = tf.placeholder(tf.float32, [null, 100]);
      const m = tf.placeholder(tf.float32, []);
      const s = tf.placeholder(tf.float32, []);
      const lo = tf.placeholder(tf.float32, []);
      const hi = tf.placeholder(tf.float32, []);
      return [x, m, s, lo, hi, tf.random_normal(tf.shape(x), m, s, { seed: 4 }), tf.random_uniform(tf.shape(x), lo, hi, { seed: 5 })];
    });
    const [rv, uv] = await run(
      g,
      [r!, u!],
      [
        [x!, ones(50, 100)],
        [m!, 10],
        [s!, 0.5],
        [lo!, -3],
        [hi!, -2],
      ],
    );
    expect(rv!.shape).toEqual([50, 100]);
    expect(Math.abs(mean(rv!) - 10)).toBeLessThan(0.05);
    expect(Math.abs(std(rv!) - 0.5)).toBeLessThan(0.05);
    expect(uv!.shape).toEqual([50, 100]);
    expect(Array.from(uv!.data).every((v) => v >= -3 && v < -2)).toBe(true);
    expect(Math.abs(mean(uv!) + 2.5)).toBeLessThan(0.05);
  });

  it("a Tensor shape keeps TF1's seeds: an op seed repeats across graphs, the graph seed's op count seeds the op", async () => {
    const draw = async (graphSeed: number | null, opSeed: number | null): Promise<number[]> => {
      const g = new tf.Graph();
      const [x, r] = g.as_default(() => {
        if (graphSeed !== null) tf.set_random_seed(graphSeed);
        const x = tf.placeholder(tf.float32, [null]);
        return [x, tf.random_normal(tf.shape(x), tf.constant(0, tf.float32), tf.constant(1, tf.float32), { seed: opSeed })];
      });
      expect(r.op.inputs[0]!.op.inputs[0]!.op.attrs).toMatchObject(graphSeed === null && opSeed === null ? { seed: 0, seed2: 0 } : {});
      return Array.from((await run(g, [r], [[x, [0, 0, 0, 0, 0]]]))[0]!.data);
    };
    expect(await draw(null, 7)).toEqual(await draw(null, 7));
    expect(await draw(11, null)).toEqual(await draw(11, null));
    expect(await draw(null, 7)).not.toEqual(await draw(null, 8));
  });

  it("a mean or stddev Tensor of another dtype is TF1's conversion ValueError", () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const m = tf.constant(1, tf.float64);
      expect(() => tf.random_normal([2], m)).toThrow(tf.errors.ValueError);
      expect(() => tf.random_normal([2], m)).toThrow(
        'Tensor conversion requested dtype float32 for Tensor with dtype float64: \'Tensor("Const:0", shape=(), dtype=float64)\'',
      );
      expect(() => tf.random_uniform([2], 0, tf.constant(2, tf.int32))).toThrow(tf.errors.ValueError);
    });
  });

  it('float64 draws take float64 Tensor arguments', async () => {
    const g = new tf.Graph();
    const [x, r] = g.as_default(() => {
      const x = tf.placeholder(tf.float64, [null]);
      return [x, tf.random_uniform(tf.shape(x), tf.constant(5, tf.float64), tf.constant(6, tf.float64), tf.float64, 3)];
    });
    const [v] = await run(g, [r], [[x, new Array<number>(1000).fill(0)]]);
    expect(v!.dtype).toBe('float64');
    expect(Array.from(v!.data).every((y) => y >= 5 && y < 6)).toBe(true);
  });

  it("a shape list holding Tensors is packed as TF1's conversion packs it: a Pack named `shape`, its numbers Consts by index", async () => {
    const g = new tf.Graph();
    const [x, r, u] = g.as_default(() => {
      const x = tf.placeholder(tf.float32, [null, 3]);
      const r = tf.random_normal([tf.shape(x).at(0), 10], { seed: 1 });
      const pack = r.op.inputs[0]!.op.inputs[0]!.op.inputs[0]!.op;
      expect([pack.name, pack.type]).toEqual(['random_normal/shape', 'Pack']);
      expect(pack.inputs.map((t) => t.name)).toEqual(['strided_slice:0', 'random_normal/shape/1:0']);
      expect(r.shape.as_list()).toEqual([null, 10]);
      // The list's dtype is its first Tensor's; another dtype is TF1's TypeError.
      const n64 = tf.constant(4, tf.int64);
      expect(() => tf.random_normal([tf.shape(x).at(0), n64])).toThrow(
        'Cannot convert a list containing a tensor of dtype int64 to int32 (Tensor is: Tensor("Const:0", shape=(), dtype=int64))',
      );
      const u = tf.random_uniform([n64, tf.constant(2, tf.int64)], 0, 5, tf.int32, 2);
      expect(u.shape.as_list()).toEqual([4, 2]);
      return [x, r, u];
    });
    const [rv, uv] = await run(g, [r, u], [[x, ones(5, 3)]]);
    expect(rv!.shape).toEqual([5, 10]);
    expect(uv!.shape).toEqual([4, 2]);
    expect(Array.from(uv!.data).every((v) => Number.isInteger(v) && v >= 0 && v < 5)).toBe(true);
  });

  it('an int64 shape tensor: constant, fed, or tf.shape cast to int64 (its partial shape read through the Cast)', async () => {
    const g = new tf.Graph();
    const [x, s, a, b, c] = g.as_default(() => {
      const x = tf.placeholder(tf.float32, [null, 3]);
      const s = tf.placeholder(tf.int64, [2]);
      const a = tf.random_normal(tf.constant([2, 3], tf.int64));
      const b = tf.truncated_normal(tf.cast(tf.shape(x), tf.int64));
      const c = tf.random_uniform(s, 0, tf.constant(7, tf.int64), tf.int64);
      expect(a.shape.as_list()).toEqual([2, 3]);
      expect(b.shape.as_list()).toEqual([null, 3]);
      expect(c.shape.as_list()).toEqual([null, null]);
      return [x, s, a, b, c];
    });
    const [av, bv, cv] = await run(
      g,
      [a, b, c],
      [
        [x, ones(4, 3)],
        [s, [3, 1]],
      ],
    );
    expect([av!.shape, bv!.shape, cv!.shape]).toEqual([
      [2, 3],
      [4, 3],
      [3, 1],
    ]);
    expect(cv!.dtype).toBe('int64');
  });

  it("a shape that is not an int vector is TF1's error: rank at build time, dtype, negative fed dimensions at run time", async () => {
    const g = new tf.Graph();
    const [s, r] = g.as_default(() => {
      expect(() => tf.random_normal(tf.constant([[2, 3]]))).toThrow(
        "Shape must be rank 1 but is rank 2 for 'random_normal/RandomStandardNormal' (op: 'RandomStandardNormal') with input shapes: [1,2].",
      );
      expect(() => tf.random_uniform(tf.constant([2, 3], tf.float32))).toThrow(tf.errors.TypeError);
      expect(() => tf.random_uniform(tf.constant([2, 3], tf.float32))).toThrow(
        "Value passed to parameter 'shape' has DataType float32 not in list of allowed values: int32, int64",
      );
      const s = tf.placeholder(tf.int32, [2]);
      return [s, tf.random_normal(s)];
    });
    const e = await run(g, [r], [[s, [2, -1]]]).catch((err: unknown) => err as Error);
    expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
    expect((e as Error).message).toContain('Dimension -1 must be >= 0');
  });
});
