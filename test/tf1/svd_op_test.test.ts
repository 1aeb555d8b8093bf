// TF1 r1.12's tensorflow/python/kernel_tests/svd_op_test.py, SvdOpTest ported: testWrongDimensions,
// testConcurrentExecutesWithoutError and the generated testSvd_* cases (float32 and float64; complex64/complex128
// are not in tf1-ts, see NOT_PORTED.md). numpy.linalg.svd is linalg_reference.ts's refSvd; np.random.uniform a
// seeded stream. Singular vectors are unique up to sign: they are compared after TF1's sign normalisation, and
// checked by the reconstruction u·diag(s)·vᵀ and by uᵀu = vᵀv = I, as TF1 checks them (computed here in float64
// on the host, where TF1 runs matmul in the session). SvdGradOpTest is in svd_op_test_grad.test.ts.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose, assertAllEqual, inSession, thrown } from './helpers.js';
import { Rng } from './np.js';
import { refSvd } from './linalg_reference.js';

describe('SvdOpTest', () => {
  it('testWrongDimensions', () => {
    tf.Graph.prototype.as_default.call(new tf.Graph(), () => {
      const scalar = tf.constant(1, tf.float32);
      expect(thrown(() => tf.svd(scalar)).message).toMatch(/Shape must be at least rank 2 but is rank 0/);
      expect(thrown(() => tf.svd(scalar))).toBeInstanceOf(tf.errors.ValueError);
      const vector = tf.constant([1, 2], tf.float32);
      expect(thrown(() => tf.svd(vector)).message).toMatch(/Shape must be at least rank 2 but is rank 1/);
    });
  });

  it('testConcurrentExecutesWithoutError', async () => {
    await inSession(async (g, sess) => {
      const allOps = g.as_default(() => {
        const ops: tf.Tensor[] = [];
        for (const computeUv of [true, false])
          for (const fullMatrices of [true, false]) {
            const matrix1 = tf.random_normal([5, 5], { seed: 42 });
            const matrix2 = tf.random_normal([5, 5], { seed: 42 });
            const r1 = tf.svd(matrix1, { compute_uv: computeUv, full_matrices: fullMatrices });
            const r2 = tf.svd(matrix2, { compute_uv: computeUv, full_matrices: fullMatrices });
            if (computeUv) ops.push(...(r1 as tf.Tensor[]), ...(r2 as tf.Tensor[]));
            else ops.push(r1 as tf.Tensor, r2 as tf.Tensor);
          }
        return ops;
      });
      const val = await sess.run(allOps);
      for (let i = 0; i < 2; i++) {
        const s = 6 * i;
        assertAllEqual(val[s]!, val[s + 3]!);
        assertAllEqual(val[s + 1]!, val[s + 4]!);
        assertAllEqual(val[s + 2]!, val[s + 5]!);
      }
      for (let i = 0; i < 2; i++) {
        const s = 12 + 2 * i;
        assertAllEqual(val[s]!, val[s + 1]!);
      }
    });
  });
});

/** The [batch, rows, cols] of a [..., rows, cols] shape. */
const layout = (shape: readonly number[]): [number, number, number] => {
  const [r, c] = shape.slice(-2) as [number, number];
  return [shape.slice(0, -2).reduce((a, b) => a * b, 1), r, c];
};

/** TF1's CompareSingularValues: |x - y| <= atol + 1e-6 |y| with atol = (x[0] + y[0]) * tol, x[0] broadcast over the batch. */
function compareSingularValues(x: Float64Array, y: tf.NDArray, tol: number): void {
  const first = y.shape.length > 1 ? y.size / y.shape[0]! : 1;
  const atol = (i: number) => (x[i % first]! + y.data[i % first]!) * tol;
  const bad = Array.from(x).flatMap((v, i) => (Math.abs(v - y.data[i]!) <= atol(i) + 1e-6 * Math.abs(y.data[i]!) ? [] : [`[${i}] ${v} vs ${y.data[i]}`]));
  expect(bad.slice(0, 8), 'singular values').toEqual([]);
}

/** TF1's CompareSingularVectors: the first `rank` columns of x, each signed by the sign of sum(y / x), close to y's. */
function compareSingularVectors(x: Float64Array, y: tf.NDArray, batch: number, rows: number, xCols: number, rank: number, tol: number): void {
  const yCols = y.shape[y.shape.length - 1]!;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let b = 0; b < batch; b++)
    for (let c = 0; c < rank; c++) {
      let ratios = 0;
      for (let r = 0; r < rows; r++) ratios += y.data[(b * rows + r) * yCols + c]! / x[(b * rows + r) * xCols + c]!;
      const phase = Math.sign(ratios);
      for (let r = 0; r < rows; r++) {
        xs.push(x[(b * rows + r) * xCols + c]! * phase);
        ys.push(y.data[(b * rows + r) * yCols + c]!);
      }
    }
  assertAllClose(xs, ys, { atol: 2 * tol, msg: 'singular vectors' });
}

/** TF1's CheckApproximation: a ≈ u · diag(s) (zero-padded when full) · vᵀ. */
function checkApproximation(a: tf.NDArray, u: tf.NDArray, s: tf.NDArray, v: tf.NDArray, tol: number): void {
  const [batch, m, n] = layout(a.shape);
  const p = Math.min(m, n);
  const [uc, vc] = [u.shape[u.shape.length - 1]!, v.shape[v.shape.length - 1]!];
  const recon = new Float64Array(a.size);
  for (let b = 0; b < batch; b++)
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let d = 0;
        for (let k = 0; k < p; k++) d += u.data[(b * m + i) * uc + k]! * s.data[b * p + k]! * v.data[(b * n + j) * vc + k]!;
        recon[(b * m + i) * n + j] = d;
      }
  assertAllClose(recon, a.data, { rtol: tol, atol: tol, msg: 'reconstruction' });
}

/** TF1's CheckUnitary: xᵀx ≈ I for each matrix of the batch. */
function checkUnitary(x: tf.NDArray, tol: number): void {
  const [batch, r, c] = layout(x.shape);
  const xx: number[] = [];
  const eye: number[] = [];
  for (let b = 0; b < batch; b++)
    for (let i = 0; i < c; i++)
      for (let j = 0; j < c; j++) {
        let d = 0;
        for (let k = 0; k < r; k++) d += x.data[(b * r + k) * c + i]! * x.data[(b * r + k) * c + j]!;
        xx.push(d);
        eye.push(i === j ? 1 : 0);
      }
  assertAllClose(eye, xx, { atol: tol, msg: 'unitary' });
}

function svdTest(dtype: tf.DType, shape: number[], staticShape: boolean, computeUv: boolean, fullMatrices: boolean) {
  return async () => {
    const tol = dtype === 'float32' ? 3e-4 : 1e-12;
    const rng = new Rng(42);
    const x = tf.NDArray.zeros(shape, dtype);
    for (let i = 0; i < x.size; i++) x.data[i] = rng.uniform() * 2 - 1;
    const outs = await inSession(async (g, sess) => {
      const [xTf, fetches] = g.as_default(() => {
        const xTf = staticShape ? tf.constant(x) : tf.placeholder(dtype);
        const r = tf.svd(xTf, { compute_uv: computeUv, full_matrices: fullMatrices });
        return [xTf, computeUv ? (r as tf.Tensor[]) : [r as tf.Tensor]] as const;
      });
      return sess.run(fetches, staticShape ? undefined : new Map([[xTf, x]]));
    });
    const [batch, m, n] = layout(shape);
    const p = Math.min(m, n);
    const sRef = new Float64Array(batch * p);
    const uRef = new Float64Array(batch * m * p);
    const vRef = new Float64Array(batch * n * p);
    for (let b = 0; b < batch; b++) {
      const r = refSvd(x.data.subarray(b * m * n, (b + 1) * m * n) as ArrayLike<number>, m, n);
      sRef.set(r.s, b * p);
      uRef.set(r.u, b * m * p);
      vRef.set(r.v, b * n * p);
    }
    const [s, u, v] = outs as tf.NDArray[];
    expect(s!.dtype).toBe(dtype);
    expect(s!.shape).toEqual([...shape.slice(0, -2), p]);
    compareSingularValues(sRef, s!, tol);
    if (!computeUv) return;
    expect(u!.shape).toEqual([...shape.slice(0, -2), m, fullMatrices ? m : p]);
    expect(v!.shape).toEqual([...shape.slice(0, -2), n, fullMatrices ? n : p]);
    compareSingularVectors(uRef, u!, batch, m, p, p, tol);
    compareSingularVectors(vRef, v!, batch, n, p, p, tol);
    checkApproximation(x, u!, s!, v!, tol);
    checkUnitary(u!, tol);
    checkUnitary(v!, tol);
  };
}

describe('SvdOpTest generated', () => {
  for (const computeUv of [false, true])
    for (const fullMatrices of [false, true])
      for (const dtype of ['float32', 'float64'] as const)
        for (const rows of [1, 2, 5, 10, 32, 100])
          for (const cols of [1, 2, 5, 10, 32, 100])
            for (const batchDims of [[], [3], ...(Math.max(rows, cols) < 10 ? [[3, 2]] : [])]) {
              const shape = [...batchDims, rows, cols];
              for (const staticShape of [true, false]) {
                const py = (b: boolean) => (b ? 'True' : 'False');
                const name = `${dtype}_${shape.join('_')}_static_shape_${py(staticShape)}__compute_uv_${py(computeUv)}_full_${py(fullMatrices)}`;
                it(`testSvd_${name}`, svdTest(dtype, shape, staticShape, computeUv, fullMatrices));
              }
            }
});
