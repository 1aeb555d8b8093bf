// RandomShuffle and Multinomial as TF1's CPU kernels compute them (tensorflow/core/kernels/random_shuffle_op.cc,
// multinomial_op.cc), drawing from the op's uniform stream.
import { InvalidArgumentError } from '../../framework/errors.js';
import type { NDArray } from '../../framework/ndarray.js';
import type { HostKernel, RandomStream } from '../kernel.js';
import { shapeStr } from './util.js';

/** TF1's RandomShuffle loop over [0, n): for i from n - 1 down to 1, swap entry i with a uniform pick in [0, i]. */
export function permutation(n: number, rng: RandomStream): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const t = p[i]!;
    p[i] = p[j]!;
    p[j] = t;
  }
  return p;
}

/** RandomShuffle(value): the rows (dimension 0) in a random order; a scalar, or a single row, as it is. */
const randomShuffle: HostKernel<'RandomShuffle'> = ({ inputs, output, random }) => {
  const x = inputs[0]!;
  const o = output(0, x.shape);
  const n = x.shape[0] ?? 1;
  if (x.size <= 1 || n <= 1) {
    o.data.set(x.data as never);
    return;
  }
  const row = x.size / n;
  const p = permutation(n, random());
  for (let i = 0; i < n; i++) o.data.set(x.data.subarray(p[i]! * row, (p[i]! + 1) * row) as never, i * row);
};

/** Multinomial's run-time checks, as TF1's kernel makes them: [batch_size, num_classes, num_samples]. */
export function multinomialLayout(name: string, logits: readonly number[], numSamples: NDArray): [number, number, number] {
  if (logits.length !== 2) throw new InvalidArgumentError(`logits should be a matrix, got shape ${shapeStr(logits)}`, name);
  if (numSamples.shape.length !== 0) throw new InvalidArgumentError('num_samples should be a scalar.', name);
  const samples = numSamples.data[0]!;
  if (samples < 0) throw new InvalidArgumentError(`num_samples should be nonnegative, got ${samples}`, name);
  const [batch, classes] = logits as [number, number];
  if (classes <= 0) throw new InvalidArgumentError(`num_classes should be positive, got ${classes}`, name);
  return [batch, classes, samples];
}

/**
 * Multinomial(logits, num_samples): per row, TF1's unnormalised CDF in doubles (exp(logit - max) over the finite
 * logits), and per sample the first class whose CDF exceeds a uniform times the total (std::upper_bound).
 */
const multinomial: HostKernel<'Multinomial'> = ({ name, inputs, output, random }) => {
  const logits = inputs[0]!;
  const [batch, classes, samples] = multinomialLayout(name, logits.shape, inputs[1]!);
  const o = output(0, [batch, samples]).data;
  if (batch * samples === 0) return;
  const rng = random();
  const cdf = new Float64Array(classes);
  for (let b = 0; b < batch; b++) {
    const row = logits.data.subarray(b * classes, (b + 1) * classes);
    let max = -Number.MAX_VALUE;
    for (let j = 0; j < classes; j++) if (Number.isFinite(row[j]!)) max = Math.max(max, row[j]!);
    let total = 0;
    for (let j = 0; j < classes; j++) {
      if (Number.isFinite(row[j]!)) total += Math.exp(row[j]! - max);
      cdf[j] = total;
    }
    for (let s = 0; s < samples; s++) {
      const find = rng.next() * total;
      let lo = 0;
      let hi = classes;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cdf[mid]! > find) hi = mid;
        else lo = mid + 1;
      }
      o[b * samples + s] = lo;
    }
  }
};

/** Kernels of RandomShuffle and Multinomial, keyed by op type. */
export const RANDOM_MORE_KERNELS: {
  RandomShuffle: HostKernel<'RandomShuffle'>;
  Multinomial: HostKernel<'Multinomial'>;
} = {
  RandomShuffle: randomShuffle,
  Multinomial: multinomial,
};
