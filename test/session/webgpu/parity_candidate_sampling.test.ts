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
