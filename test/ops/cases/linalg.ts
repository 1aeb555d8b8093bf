// Gradient properties of Svd: the singular values alone (TF1 differentiates them through a second Svd with
// compute_uv), and s, u and v together, thin and full (|m - n| <= 1, as TF1's rule requires). Singular vectors
// are unique only up to sign, so y takes u ⊙ u and v ⊙ v; the guards keep the singular values apart from 0
// and from each other, where the vectors (and |s|) are differentiable.
import fc from 'fast-check';
import * as tf from '../../../src/index.js';
import { ndarray } from '../../../src/testing/index.js';
import { known } from '../helpers/check.js';
import { gradientProperty, type OpCase } from '../helpers/op_case.js';

/** y flattened and times distinct weights 1..n, so a gradient routed to the wrong element shows. */
function weightedFlat(parts: tf.Tensor[]): tf.Tensor {
  const y = tf.concat(
    parts.map((p) => tf.reshape(p, [-1])),
    0,
  );
  const n = tf.size(y);
  return y.mul(tf.cast(tf.range(1, tf.add(n, 1)), tf.float64));
}

/** The singular values and the gaps between neighbours: all must be away from 0. */
const apart = (s: tf.Tensor): tf.Tensor => tf.concat([tf.reshape(s, [-1]), tf.reshape(tf.subtract(s.at('...', ':-1'), s.at('...', '1:')), [-1])], 0);

const dim = fc.integer({ min: 1, max: 4 });
const batch = fc.array(fc.integer({ min: 1, max: 2 }), { maxLength: 2 });

export const cases: OpCase[] = [
  gradientProperty(
    'Svd',
    'singular values alone (compute_uv=False), batches, any known shape',
    fc.tuple(
      fc.tuple(batch, dim, dim).chain(([b, r, c]) => ndarray([...b, r, c], { distinct: 0.02 })),
      known,
    ),
    ([x, k]) => ({
      inputs: [x],
      build: ([t]) => {
        const s = tf.svd(t!, { compute_uv: false }) as tf.Tensor;
        return { y: weightedFlat([s]), guards: { apart: [apart(s)] } };
      },
      known: k,
      margin: 0.05,
      rtol: 1e-5,
    }),
    30,
  ),
  gradientProperty(
    'Svd',
    's, u and v (thin, or full with |m - n| <= 1), batches',
    fc
      .tuple(batch, dim, dim, fc.boolean())
      .filter(([, r, c, full]) => !full || Math.abs(r - c) <= 1)
      .chain(([b, r, c, full]) => fc.tuple(ndarray([...b, r, c], { distinct: 0.02 }), fc.constant(full))),
    ([x, full]) => ({
      inputs: [x],
      build: ([t]) => {
        const [s, u, v] = tf.svd(t!, { full_matrices: full }) as tf.Tensor[];
        return { y: weightedFlat([s!, u!.mul(u!), v!.mul(v!)]), guards: { apart: [apart(s!)] } };
      },
      known: 'static',
      margin: 0.05,
      rtol: 1e-5,
    }),
    30,
  ),
];
