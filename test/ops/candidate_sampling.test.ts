// The candidate samplers and compute_accidental_hits beyond TF1's own test file: the graph TF1 builds (names, seeds,
// attrs, shapes), the expected counts as range_sampler.cc computes them, and the kernels' checks with TF1's messages.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { evaluate, inSession, np, rejected, thrown } from '../tf1/helpers.js';

const f32 = Math.fround;
const LABELS = [
  [1, 2],
  [0, 9],
  [3, 3],
];
const logUniformP = (v: number, range: number): number => f32(Math.log((v + 2) / (v + 1)) / Math.log1p(range));

describe('tf.nn candidate samplers: the graph', () => {
  it('builds one op named after its type, its seeds from get_seed, true_classes converted to int64', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const [s, t, e] = tf.nn.log_uniform_candidate_sampler(LABELS, 2, 4, true, 10);
      expect(s.name).toBe('LogUniformCandidateSampler:0');
      expect([s.dtype, t.dtype, e.dtype]).toEqual(['int64', 'float32', 'float32']);
      expect([s.shape.dims, t.shape.dims, e.shape.dims]).toEqual([[4], [3, 2], [4]]);
      const op = s.op;
      expect(op.inputs[0]!.name).toBe('LogUniformCandidateSampler/true_classes:0');
      expect(op.inputs[0]!.dtype).toBe('int64');
      expect(op.attrs).toMatchObject({ num_true: 2, num_sampled: 4, unique: true, range_max: 10, seed: 0, seed2: 0 });
      const u = tf.nn.uniform_candidate_sampler({ true_classes: LABELS, num_true: 2, num_sampled: 3, unique: false, range_max: 7, seed: 5, name: 'u' });
      expect(u.sampled_candidates.name).toBe('u:0');
      expect(u.sampled_expected_count.name).toBe('u:2');
      expect(u.true_expected_count.op.attrs).toMatchObject({ seed: 87654321, seed2: 5 });
      const hits = tf.nn.compute_accidental_hits(LABELS, u.sampled_candidates, 2);
      expect(hits.indices.name).toBe('ComputeAccidentalHits:0');
      expect([hits.indices.dtype, hits.ids.dtype, hits.weights.dtype]).toEqual(['int32', 'int64', 'float32']);
      expect(hits.weights.shape.dims).toEqual([null]);
    });
  });

  it('refuses what TF1 refuses while building', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      expect(thrown(() => tf.nn.uniform_candidate_sampler(LABELS, 2, 0, true, 10)).message).toBe(
        "Attr 'num_sampled' of 'UniformCandidateSampler' Op passed 0 less than minimum 1.",
      );
      expect(thrown(() => tf.nn.log_uniform_candidate_sampler([1, 2], 1, 2, true, 10)).message).toContain('Shape must be rank 2 but is rank 1');
      expect(thrown(() => tf.nn.uniform_candidate_sampler(tf.constant(LABELS), 2, 2, true, 10)).message).toContain('int32');
      expect(thrown(() => tf.nn.compute_accidental_hits(LABELS, [1, 2], 3)).message).toContain('Dimension must be 3 but is 2');
    });
  });

  it('gives no gradient (TF1 registers them NotDifferentiable)', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.placeholder(tf.int64, [2, 1]);
      const [, t] = tf.nn.uniform_candidate_sampler(x, 1, 2, true, 4);
      expect(tf.gradients(t, [x])).toEqual([null]);
    });
  });
});

describe('tf.nn candidate samplers: the values', () => {
  it('log-uniform with unique: distinct candidates in range, expected counts 1 - (1 - p)^tries in float32', async () => {
    const range = 10;
    const [s, t, e] = (await evaluate(() => [...tf.nn.log_uniform_candidate_sampler(LABELS, 2, 6, true, range, { seed: 3 })])) as tf.NDArray[];
    const sampled = Array.from(s!.data);
    expect(new Set(sampled).size).toBe(6);
    for (const v of sampled) expect(v >= 0 && v < range && Number.isInteger(v)).toBe(true);
    // num_tries is not an output; find it from one count and check every count against it.
    const p0 = logUniformP(sampled[0]!, range);
    const tries = Math.round(Math.log1p(-e!.data[0]!) / Math.log1p(-p0));
    expect(tries).toBeGreaterThanOrEqual(6);
    const count = (v: number): number =>
      tries === 6 ? f32(logUniformP(v, range) * 6) : f32(-Math.expm1(f32(tries * f32(Math.log1p(-logUniformP(v, range))))));
    sampled.forEach((v, i) => expect(e!.data[i]).toBeCloseTo(count(v), 6));
    LABELS.flat().forEach((v, i) => expect(t!.data[i]).toBeCloseTo(count(v), 6));
  });

  it('uniform without unique: num_sampled draws, every expected count num_sampled / range_max', async () => {
    const [s, t, e] = (await evaluate(() => [...tf.nn.uniform_candidate_sampler(LABELS, 2, 50, false, 4, { seed: 9 })])) as tf.NDArray[];
    expect(Array.from(s!.data).every((v) => v >= 0 && v < 4)).toBe(true);
    expect(new Set(s!.data).size).toBe(4); // 50 draws of 4 values
    expect(Array.from(e!.data)).toEqual(Array(50).fill(f32(f32(1 / 4) * 50)));
    expect(Array.from(t!.data)).toEqual(Array(6).fill(12.5));
  });

  it('draws the log-uniform distribution: small classes far more often, in proportion', async () => {
    const range = 100;
    const s = await evaluate(() => tf.nn.log_uniform_candidate_sampler([[0]], 1, 20000, false, range, { seed: 1 })[0]);
    const counts = new Map<number, number>();
    for (const v of s.data) counts.set(v, (counts.get(v) ?? 0) + 1);
    for (const v of [0, 1, 5, 20]) {
      const p = logUniformP(v, range);
      expect(Math.abs(counts.get(v)! - 20000 * p)).toBeLessThan(5 * Math.sqrt(20000 * p * (1 - p)));
    }
  });

  it('draws anew on each run of one session, the same runs in a new session from the same seeds', async () => {
    const g = new tf.Graph();
    const s = g.as_default(() => tf.nn.uniform_candidate_sampler([[0]], 1, 8, true, 1000, { seed: 4 })[0]);
    const runs = async (): Promise<number[][]> => {
      const sess = new tf.Session({ graph: g, backend: 'cpu' });
      try {
        return [Array.from((await sess.run(s)).data), Array.from((await sess.run(s)).data)];
      } finally {
        sess.close();
      }
    };
    const [a, b] = await runs();
    expect(a).not.toEqual(b);
    expect(await runs()).toEqual([a, b]);
  });

  it("fails the run with TF1's messages: too small a range for unique, true_classes not of num_true columns", async () => {
    await inSession(async (g, sess) => {
      const x = g.as_default(() => tf.placeholder(tf.int64, [null, null]));
      const [s] = g.as_default(() => tf.nn.uniform_candidate_sampler(x, 2, 5, true, 4));
      const feed = (v: number[][]) => new Map([[x, np(v, tf.int64)]]);
      expect((await rejected(sess.run(s, feed(LABELS)))).message).toContain("Sampler's range is too small.");
      const [s2] = g.as_default(() => tf.nn.uniform_candidate_sampler(x, 2, 3, true, 4));
      const e = await rejected(sess.run(s2, feed([[1], [2]])));
      expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
      expect(e.message).toContain('true_classes must have num_true columns, expected: 1 was: 2');
    });
  });

  it('compute_accidental_hits: each true class found among the candidates, at its (last) position, weight -FLT_MAX', async () => {
    const [indices, ids, weights] = (await evaluate(() => [...tf.nn.compute_accidental_hits(LABELS, [3, 7, 1, 3], 2)])) as tf.NDArray[];
    // row 0 holds 1 (position 2); row 2 holds 3 twice (position 3, the last of the two 3s)
    expect(Array.from(indices!.data)).toEqual([0, 2, 2]);
    expect(Array.from(ids!.data)).toEqual([2, 3, 3]);
    expect(Array.from(weights!.data)).toEqual(Array(3).fill(-f32(3.4028234663852886e38)));
  });
});
