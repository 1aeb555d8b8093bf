/** Parity cases of ComputeAccidentalHits, AllCandidateSampler and SparseToDense (deterministic), distribution checks of the two range samplers. */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { NDArray } from '../../../src/framework/ndarray.js';
import type { DistributionCase } from './cases_array.js';
import { feedThrough, parity, type ParityCase } from './cases_math.js';
import * as tf from '../../../src/index.js';
import { arrayOf, floatValue, nd, op } from './harness.js';

// A [batch, num_true] matrix of class ids in [0, 8) and a vector of candidates from the same range, so hits are common.
const hits = parity(
  fc
    .tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 6 }))
    .chain(([b, t, n]) =>
      fc.tuple(fc.constant(t), arrayOf([b, t], 'int64', fc.integer({ min: 0, max: 7 })), arrayOf([n], 'int64', fc.integer({ min: 0, max: 7 }))),
    ),
  (g, [numTrue, tc, sc]: [number, NDArray, NDArray]) =>
    feedThrough(g, [tc, sc], (ph) => op(g, 'ComputeAccidentalHits', ph, { num_true: numTrue, seed: 0, seed2: 0 })),
);

const all = parity(
  fc
    .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 9 }))
    .chain(([t, n]) => fc.tuple(fc.constant(n), arrayOf([2, t], 'int64', fc.integer({ min: 0, max: 9 })))),
  (g, [n, tc]: [number, NDArray]) =>
    feedThrough(g, [tc], (ph) => op(g, 'AllCandidateSampler', ph, { num_true: tc.shape[1]!, num_sampled: n, unique: true, seed: 0, seed2: 0 })),
);

// nce's remove_accidental_hits: a [rows, cols] float32 matrix from a set of its positions (row-major, as validation
// wants), each with a value, the default elsewhere.
const sparseToDense = parity(
  fc
    .tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 5 }))
    .chain(([r, c]) => fc.tuple(fc.constant([r, c]), fc.uniqueArray(fc.integer({ min: 0, max: Math.max(r * c - 1, 0) }), { maxLength: r * c }), floatValue))
    .chain(([shape, flat, dflt]) =>
      fc.tuple(
        fc.constant(shape),
        fc.constant(flat.sort((a, b) => a - b)),
        fc.array(floatValue, { minLength: flat.length, maxLength: flat.length }),
        fc.constant(dflt),
      ),
    ),
  (g, [shape, flat, values, dflt]: [readonly number[], number[], number[], number]) =>
    g.as_default(() => {
      const indices = tf.placeholder(tf.int32);
      const vals = tf.placeholder(tf.float32);
      const fetches = [tf.sparse_to_dense(indices, shape, vals, tf.constant(dflt, tf.float32))];
      const ix = nd(
        flat.flatMap((f) => [Math.floor(f / shape[1]!), f % shape[1]!]),
        [flat.length, 2],
        'int32',
      );
      return {
        runs: [
          {
            fetches,
            feeds: new Map([
              [indices, ix],
              [vals, nd(values, [values.length], 'float32')],
            ]),
          },
        ],
      };
    }),
);

/**
 * The range samplers' samples (see parity_candidate_sampling.test.ts: 4096 candidates of [0, 64), not unique): in
 * range, integers, the share of class 0 within 5 standard deviations of its probability.
 */
const sampler = (p0: number): DistributionCase => ({
  kind: 'distribution',
  check: (x) => {
    let zeros = 0;
    for (const v of x) {
      expect(Number.isInteger(v) && v >= 0 && v < 64).toBe(true);
      if (v === 0) zeros++;
    }
    expect(Math.abs(zeros - x.length * p0)).toBeLessThan(5 * Math.sqrt(x.length * p0 * (1 - p0)));
  },
});

/** Cases of the candidate-sampling ops. */
export const CANDIDATE_SAMPLING_CASES: {
  UniformCandidateSampler: DistributionCase;
  LogUniformCandidateSampler: DistributionCase;
  AllCandidateSampler: ParityCase;
  ComputeAccidentalHits: ParityCase;
  SparseToDense: ParityCase;
} = {
  UniformCandidateSampler: sampler(1 / 64),
  LogUniformCandidateSampler: sampler(Math.log(2) / Math.log(65)),
  AllCandidateSampler: all,
  ComputeAccidentalHits: hits,
  SparseToDense: sparseToDense,
};
