// TF1 r1.12's tensorflow/python/kernel_tests/svd_op_test.py, SvdGradOpTest ported: the generated testSvdGrad_*
// cases (float32 and float64; the complex ones, which TF1 runs for compute_uv=False only, are not in tf1-ts),
// through gradient_checker.compute_gradient with TF1's step 0.1·eps^(1/3) and its tolerances. Singular vectors
// are made unique as TF1's _NormalizingSvd does: signed so the first row of u (m >= n) or v (m < n) is positive.
// np.random.uniform is a seeded stream here.
import { describe, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose, graphSession } from './helpers.js';
import { Rng } from './np.js';

/** TF1's _NormalizingSvd: s, and u and v times the signs of the top row of u (m >= n) or of v. */
function normalizingSvd(a: tf.Tensor, fullMatrices: boolean): tf.Tensor[] {
  const [s, u, v] = tf.svd(a, { compute_uv: true, full_matrices: fullMatrices }) as [tf.Tensor, tf.Tensor, tf.Tensor];
  const [m, n] = a.shape.as_list()!.slice(-2) as [number, number];
  const topRows = m >= n ? u.at('...', '0:1', ':') : v.at('...', '0:1', ':');
  const phase = tf.sign(topRows);
  return [s, u.mul(phase.at('...', `:${m}`)), v.mul(phase.at('...', `:${n}`))];
}

function uniform(rng: Rng, shape: readonly number[], dtype: tf.DType): tf.NDArray {
  const a = tf.NDArray.zeros(shape, dtype);
  for (let i = 0; i < a.size; i++) a.data[i] = rng.uniform() * 2 - 1;
  return a;
}

function svdGradTest(dtype: tf.DType, shape: number[], computeUv: boolean, fullMatrices: boolean) {
  return async () => {
    const rng = new Rng(42);
    const a = uniform(rng, shape, dtype);
    const epsilon = dtype === 'float32' ? 2 ** -23 : 2 ** -52;
    const delta = 0.1 * epsilon ** (1 / 3);
    const tol = dtype === 'float32' ? 3e-2 : 1e-6;
    const { sess, built } = graphSession(() => {
      const tfA = tf.constant(a);
      const outputs = computeUv ? normalizingSvd(tfA, fullMatrices) : [tf.svd(tfA, { compute_uv: false }) as tf.Tensor];
      return { tfA, outputs };
    });
    try {
      for (const b of built.outputs) {
        const xInit = uniform(rng, shape, dtype);
        const [theoretical, numerical] = await sess.as_default(() =>
          tf.test.compute_gradient(built.tfA, shape, b, b.shape.as_list() as number[], { x_init_value: xInit, delta }),
        );
        assertAllClose(theoretical, numerical, { atol: tol, rtol: tol, msg: b.name });
      }
    } finally {
      sess.close();
    }
  };
}

describe('SvdGradOpTest generated', () => {
  for (const computeUv of [false, true])
    for (const fullMatrices of [false, true])
      for (const dtype of ['float32', 'float64'] as const) {
        const matShapes = [
          [10, 11],
          [11, 10],
          [11, 11],
          [2, 2, 2, 3],
        ];
        if (!fullMatrices || !computeUv) matShapes.push([5, 11], [11, 5]);
        for (const matShape of matShapes)
          for (const batchDims of [[], [3]]) {
            const shape = [...batchDims, ...matShape];
            const py = (b: boolean) => (b ? 'True' : 'False');
            it(
              `testSvdGrad_${dtype}_${shape.join('_')}_compute_uv_${py(computeUv)}_full_${py(fullMatrices)}`,
              svdGradTest(dtype, shape, computeUv, fullMatrices),
            );
          }
      }
});
