// The candidate samplers and ComputeAccidentalHits as TF1's CPU kernels compute them (core/kernels/candidate_sampler_ops.cc,
// range_sampler.cc): the same checks, the same sampling rules and the expected counts in float32 as RangeSampler computes
// them, drawn from tf1-ts's random stream (TF1's Philox stream is not reproduced, so a seed picks other candidates).
import { InvalidArgumentError } from '../../framework/errors.js';
import type { NDArray } from '../../framework/ndarray.js';
import type { RangeSamplerAttrs } from '../../framework/ops/candidate_sampling.js';
import type { HostKernel, KernelArgs, RandomStream } from '../kernel.js';

const f32 = Math.fround;
const FLT_MAX = 3.4028234663852886e38;

/** A sampler's rule (TF1's RangeSampler subclasses): a draw and the probability of a value. */
interface RangeSampler {
  range: number;
  sample(rng: RandomStream): number;
  probability(value: number): number;
}

/** A uniform double in [0, 1) with 53 random bits, from two of the stream's 32-bit draws (TF1's RandDouble). */
function randDouble(rng: RandomStream): number {
  const hi = Math.floor(rng.next() * 2 ** 21);
  return (hi * 2 ** 32 + rng.next() * 2 ** 32) / 2 ** 53;
}

/** TF1's UniformSampler: Uniform64(range), each value with probability 1 / range (a float). */
const uniformSampler = (range: number): RangeSampler => ({
  range,
  sample: (rng) => Math.min(Math.floor(randDouble(rng) * range), range - 1),
  probability: () => f32(1 / range),
});

/** TF1's LogUniformSampler: floor(exp(u · log(range + 1))) - 1 (mod range), P(v) = log((v + 2) / (v + 1)) / log(range + 1). */
function logUniformSampler(range: number): RangeSampler {
  const logRange = Math.log1p(range);
  return {
    range,
    sample: (rng) => (Math.floor(Math.exp(randDouble(rng) * logRange)) - 1) % range,
    probability: (v) => f32(Math.log((v + 2) / (v + 1)) / logRange),
  };
}

/**
 * TF1's ExpectedCountHelper, in float32 as its C++ is: p · batch_size when every try was kept (always so without
 * `unique`), else 1 - (1 - p)^num_tries, the chance that p's value is among num_tries draws.
 */
function expectedCount(p: number, batchSize: number, numTries: number): number {
  if (numTries === batchSize) return f32(p * batchSize);
  return f32(-Math.expm1(f32(numTries * f32(Math.log1p(-p)))));
}

/** BaseCandidateSamplerOp::Compute with RangeSampler::SampleBatchGetExpectedCount. */
function runSampler(args: KernelArgs<'UniformCandidateSampler' | 'LogUniformCandidateSampler'>, sampler: RangeSampler): void {
  const { name, inputs, attrs, output } = args;
  const tc = checkTrueClasses(name, inputs[0]!, attrs.num_true);
  const { num_sampled: n, unique } = attrs;
  if (unique && n > sampler.range) throw new InvalidArgumentError("Sampler's range is too small.", name);
  const batch = output(0, [n]).data;
  const trueCount = output(1, tc.shape).data;
  const sampledCount = output(2, [n]).data;
  const rng = args.random();
  let numTries = 0;
  if (unique) {
    const used = new Set<number>();
    let picked = 0;
    while (picked < n) {
      numTries++;
      const v = sampler.sample(rng);
      if (!used.has(v)) {
        used.add(v);
        batch[picked++] = v;
      }
    }
  } else {
    for (let i = 0; i < n; i++) batch[i] = sampler.sample(rng);
    numTries = n;
  }
  for (let i = 0; i < n; i++) sampledCount[i] = expectedCount(sampler.probability(batch[i]!), n, numTries);
  for (let i = 0; i < tc.size; i++) trueCount[i] = expectedCount(sampler.probability(tc.data[i]!), n, numTries);
}

/** The kernel's checks of true_classes: a matrix of num_true columns (TF1's wording, its "expected" the columns found). */
function checkTrueClasses(name: string, tc: NDArray, numTrue: number): NDArray {
  if (tc.shape.length !== 2) throw new InvalidArgumentError('true_classes must be a matrix', name);
  if (tc.shape[1] !== numTrue) {
    throw new InvalidArgumentError(`true_classes must have num_true columns, expected: ${tc.shape[1]} was: ${numTrue}`, name);
  }
  return tc;
}

const rangeSampler =
  (make: (range: number) => RangeSampler): HostKernel<'UniformCandidateSampler' | 'LogUniformCandidateSampler'> =>
  (args) =>
    runSampler(args, make((args.attrs as RangeSamplerAttrs).range_max));

/** AllCandidateSampler: every class 0..num_sampled-1, each expected once (TF1's AllSampler, for tests). */
const allCandidateSampler: HostKernel<'AllCandidateSampler'> = ({ name, inputs, attrs, output }) => {
  const tc = checkTrueClasses(name, inputs[0]!, attrs.num_true);
  const n = attrs.num_sampled;
  const batch = output(0, [n]).data;
  output(1, tc.shape).data.fill(1);
  output(2, [n]).data.fill(1);
  for (let i = 0; i < n; i++) batch[i] = i;
};

/**
 * ComputeAccidentalHits: for each true class that is also a sampled candidate, its row, the candidate's position
 * (the last one, when a value was sampled twice) and the weight -FLT_MAX, in row-major order of the true classes.
 */
const computeAccidentalHits: HostKernel<'ComputeAccidentalHits'> = ({ name, inputs, attrs, output }) => {
  const [tc, sampled] = [inputs[0]!, inputs[1]!];
  if (tc.shape.length !== 2 || tc.shape[1] !== attrs.num_true) {
    throw new InvalidArgumentError('true_candidates must be a batch_size * num_true matrix', name);
  }
  if (sampled.shape.length !== 1) {
    throw new InvalidArgumentError('sampled_candidates must be a vector, which is typically an output from CandidateSampler', name);
  }
  const pos = new Map<number, number>();
  for (let i = 0; i < sampled.size; i++) pos.set(sampled.data[i]!, i);
  const rows: number[] = [];
  const ids: number[] = [];
  for (let i = 0; i < tc.size; i++) {
    const p = pos.get(tc.data[i]!);
    if (p === undefined) continue;
    rows.push(Math.floor(i / attrs.num_true));
    ids.push(p);
  }
  output(0, [rows.length]).data.set(rows);
  output(1, [ids.length]).data.set(ids);
  output(2, [ids.length]).data.fill(-FLT_MAX);
};

/** Kernels of the candidate-sampling ops, keyed by op type. */
export const CANDIDATE_SAMPLING_KERNELS: {
  UniformCandidateSampler: HostKernel<'UniformCandidateSampler'>;
  LogUniformCandidateSampler: HostKernel<'LogUniformCandidateSampler'>;
  AllCandidateSampler: HostKernel<'AllCandidateSampler'>;
  ComputeAccidentalHits: HostKernel<'ComputeAccidentalHits'>;
} = {
  UniformCandidateSampler: rangeSampler(uniformSampler),
  LogUniformCandidateSampler: rangeSampler(logUniformSampler),
  AllCandidateSampler: allCandidateSampler,
  ComputeAccidentalHits: computeAccidentalHits,
};
