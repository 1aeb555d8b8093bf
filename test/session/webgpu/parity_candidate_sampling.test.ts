import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/index.js';
import { CANDIDATE_SAMPLING_CASES } from './cases_candidate_sampling.js';
import { closePair, pair, type Pair } from './harness.js';
import { describeParity } from './parity_runner.js';

const { UniformCandidateSampler, LogUniformCandidateSampler, ...deterministic } = CANDIDATE_SAMPLING_CASES;

describeParity('WebGPU equals the CPU backend: AllCandidateSampler, ComputeAccidentalHits and SparseToDense', deterministic, 10);

describe('WebGPU candidate samplers (host steps)', () => {
  let p: Pair;
  beforeAll(() => {
    p = pair();
  });
  afterAll(() => closePair(p));

  const samplers = { UniformCandidateSampler, LogUniformCandidateSampler };
  for (const [type, c] of Object.entries(samplers)) {
    it(`${type} draws from its distribution on both backends, new values each run, reproducibly from its seeds`, async () => {
      const f = type === 'UniformCandidateSampler' ? tf.nn.uniform_candidate_sampler : tf.nn.log_uniform_candidate_sampler;
      const [s, t, e] = p.graph.as_default(() => f([[0], [5]], 1, 4096, false, 64, { seed: 7 }));
      for (const sess of [p.cpu, p.gpu]) {
        const [sv, tv, ev] = (await sess.run([s, t, e])) as tf.NDArray[];
        c.check(Float32Array.from(sv!.data));
        expect(tv!.shape).toEqual([2, 1]);
        expect(ev!.shape).toEqual([4096]);
      }
      const first = (await p.gpu.run(s)).data;
      const second = (await p.gpu.run(s)).data;
      expect(Array.from(second)).not.toEqual(Array.from(first));
      // The same graph in a new session draws the same first sample: the seeds decide it.
      const again = new tf.Session({ graph: p.graph, backend: 'webgpu' });
      try {
        await again.run([s, t, e]); // the first run of this op in `p.gpu` was the distribution check
        expect(Array.from((await again.run(s)).data)).toEqual(Array.from(first));
      } finally {
        again.close();
      }
    });
  }
});

describe('WebGPU nce_loss and sampled_softmax_loss', () => {
  let p: Pair;
  beforeAll(() => {
    p = pair();
  });
  afterAll(() => closePair(p));

  it('equal the CPU backend with given samples (accidental hits removed), gradients included', async () => {
    const [losses, grads] = p.graph.as_default(() => {
      const w = tf.constant(
        Array.from({ length: 8 }, (_, i) => [Math.sin(i), Math.cos(i), i / 8]),
        tf.float32,
      );
      const b = tf.constant([0.1, -0.1, 0.2, 0, 0.3, -0.2, 0, 0.05], tf.float32);
      const x = tf.constant(
        [
          [1, 0.5, -1],
          [0, 1, 2],
          [0.3, 0.3, 0.3],
        ],
        tf.float32,
      );
      const sampled = [tf.constant([0, 5, 2], tf.int64), tf.constant([0.4, 0.4, 0.4], tf.float32, [3, 1]), tf.constant([0.5, 0.2, 0.3], tf.float32)] as const;
      const args = { sampled_values: sampled, remove_accidental_hits: true };
      const l = [tf.nn.nce_loss(w, b, [[2], [3], [5]], x, 3, 8, args), tf.nn.sampled_softmax_loss(w, b, [[2], [3], [5]], x, 3, 8, args)];
      // the weights' and biases' gradients are IndexedSlices (the losses gather their rows), compared densely
      const g = tf.gradients(tf.add_n(l.map((t) => tf.reduce_sum(t))), [w, b]);
      expect(g.every((t) => t instanceof tf.IndexedSlices)).toBe(true);
      return [l, g.map((t) => tf.convert_to_tensor(t!))] as const;
    });
    const fetches = [...losses, ...grads];
    const cpu = (await p.cpu.run(fetches)) as tf.NDArray[];
    const gpu = (await p.gpu.run(fetches)) as tf.NDArray[];
    cpu.forEach((c, i) => {
      expect(gpu[i]!.shape).toEqual(c.shape);
      Array.from(c.data).forEach((v, k) => expect(gpu[i]!.data[k]).toBeCloseTo(v, 4));
    });
  });
});
