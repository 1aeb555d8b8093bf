import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/index.js';
import { ARRAY_STATE_CASES, RANDOM_CASES, type DistributionCase } from './cases_array.js';
import { closePair, op, pair, type Pair } from './harness.js';
import { describeParity } from './parity_runner.js';

describeParity('WebGPU equals the CPU backend: array, shape, state and view ops', ARRAY_STATE_CASES, 10);

describe('WebGPU random ops', () => {
  let p: Pair;
  beforeAll(() => {
    p = pair();
  });
  afterAll(() => closePair(p));

  for (const [type, c] of Object.entries(RANDOM_CASES)) {
    it(`${type} draws from its distribution on both backends, new values each run, reproducibly from its seeds`, async () => {
      const build = (c as DistributionCase).build;
      const make = (graph: tf.Graph): tf.Tensor =>
        build?.(graph) ??
        graph.as_default(
          () =>
            (type === 'RandomUniformInt'
              ? op(graph, 'RandomUniformInt', [tf.constant([8192]), tf.constant(-3), tf.constant(14)], { Tout: 'int32', seed: 7, seed2: 11 })
              : op(graph, type as 'RandomUniform', [tf.constant([8192])], { dtype: 'float32', seed: 7, seed2: 11 }))[0]!,
        );
      const t = make(p.graph);
      for (const sess of [p.cpu, p.gpu]) c.check(Float32Array.from((await sess.run(t)).data));
      const first = (await p.gpu.run(t)).data;
      const second = (await p.gpu.run(t)).data;
      expect(Array.from(second)).not.toEqual(Array.from(first));
      // The same graph in a new session draws the same first sample: the seeds decide it.
      const again = new tf.Session({ graph: p.graph, backend: 'webgpu' });
      try {
        await again.run(t); // the first run of this op in `p.gpu` was the distribution check
        expect(Array.from((await again.run(t)).data)).toEqual(Array.from(first));
      } finally {
        again.close();
      }
    });
  }
});
