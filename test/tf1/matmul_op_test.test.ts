// Port of TF1's tensorflow/python/kernel_tests/matmul_op_test.py (TF 1.x's, read from jhabikal21/tensorflow):
// the generated MatMulTest and MatMulGradientTest methods, with TF1's names, for int32, float32 and float64
// (float16 and complex are not in tf1-ts), and MatMulInfixOperatorTest (`a @ b` is `a.matmul(b)`). TF1 draws
// a_np, b_np from np.random.normal(-5, 5); here a seeded generator does.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import type { DType } from '../../src/framework/dtypes.js';
import { assertAllClose, assertAllEqual, graphSession } from './helpers.js';
import * as np from './np.js';

type NDArray = tf.NDArray;
interface Kwargs {
  adjoint_a: boolean;
  transpose_a: boolean;
  adjoint_b: boolean;
  transpose_b: boolean;
}

/** `_GetTransposedMatrices`: x^T when transposed or adjoint (real matrices: the adjoint is the transpose). */
const transposed = (x: NDArray, name: 'a' | 'b', kw: Kwargs): NDArray =>
  (name === 'a' ? kw.transpose_a || kw.adjoint_a : kw.transpose_b || kw.adjoint_b) ? np.transpose(x) : x;

/** `_GetMatMulTest`: tf.matmul of the effective matrices, static (constants) or fed (placeholders), equals a·b. */
function matMulTest(aNp: NDArray, bNp: NDArray, useStaticShape: boolean, kw: Kwargs): () => Promise<void> {
  return async () => {
    const npVal = np.matmul(aNp, bNp);
    const effA = transposed(aNp, 'a', kw);
    const effB = transposed(bNp, 'b', kw);
    const { sess, built } = graphSession(() => {
      const a = useStaticShape ? tf.constant(effA) : tf.placeholder(aNp.dtype);
      const b = useStaticShape ? tf.constant(effB) : tf.placeholder(bNp.dtype);
      return { a, b, res: tf.matmul(a, b, kw) };
    });
    try {
      const feeds = useStaticShape
        ? undefined
        : new Map([
            [built.a, effA],
            [built.b, effB],
          ]);
      const tfVal = (await sess.run(built.res, feeds)) as NDArray;
      // assertAllCloseAccordingToType(float_rtol=2e-5, float_atol=2e-5): float32 2e-5, the others 1e-6
      const tol = aNp.dtype === 'float32' ? 2e-5 : 1e-6;
      assertAllClose(tfVal, npVal, { rtol: tol, atol: tol });
    } finally {
      sess.close();
    }
  };
}

/** `_GetMatMulGradientTest` (static shapes, float types): the Jacobians by a and by b at delta = eps^(1/3), within 20 delta. */
function matMulGradientTest(aNp: NDArray, bNp: NDArray, kw: Kwargs): () => Promise<void> {
  return async () => {
    const effA = transposed(aNp, 'a', kw);
    const effB = transposed(bNp, 'b', kw);
    const epsilon = aNp.dtype === 'float32' ? 2 ** -23 : 2 ** -52;
    const delta = epsilon ** (1 / 3);
    const tol = 20 * delta;
    const {
      sess,
      built: { a, b, res },
    } = graphSession(() => {
      const a = tf.constant(effA);
      const b = tf.constant(effB);
      return { a, b, res: tf.matmul(a, b, kw) };
    });
    try {
      for (const [x, xInit] of [
        [a, effA],
        [b, effB],
      ] as const) {
        const [theoretical, numerical] = await sess.as_default(() =>
          tf.test.compute_gradient(x, [...xInit.shape], res, [aNp.shape[0]!, bNp.shape[1]!], { x_init_value: xInit, delta }),
        );
        assertAllClose(theoretical, numerical, { rtol: tol, atol: tol });
      }
    } finally {
      sess.close();
    }
  };
}

const py = (b: boolean): string => (b ? 'True' : 'False');
const SIZES = [1, 3, 5];
const TRANS_OPTIONS: [boolean, boolean][] = [
  [false, false],
  [true, false],
  [false, true],
];
const rng = new np.Rng(5);
const normal = (shape: [number, number], dtype: DType): NDArray =>
  np.array(
    rng.many(shape[0] * shape[1], () => -5 + 5 * rng.normal()),
    shape,
    dtype,
  );

describe('MatMulTest and MatMulGradientTest', () => {
  for (const useStaticShape of [false, true]) {
    for (const dtype of ['int32', 'float32', 'float64'] as const) {
      // TF1 skips int32 with placeholders (a Windows bug, b/35935459)
      if (!useStaticShape && dtype === 'int32') continue;
      for (const m of SIZES) {
        for (const n of SIZES) {
          for (const k of SIZES) {
            // Construct compatible random matrices a_np of size [m, k] and b_np of size [k, n].
            const aNp = normal([m, k], dtype);
            const bNp = normal([k, n], dtype);
            for (const [adjointA, transposeA] of TRANS_OPTIONS) {
              for (const [adjointB, transposeB] of TRANS_OPTIONS) {
                const name = [useStaticShape, dtype, m, n, k, adjointA, transposeA, adjointB, transposeB]
                  .map((v) => (typeof v === 'boolean' ? py(v) : v))
                  .join('_');
                const kw = { adjoint_a: adjointA, transpose_a: transposeA, adjoint_b: adjointB, transpose_b: transposeB };
                it(`test_MatMulTest_${name}`, matMulTest(aNp, bNp, useStaticShape, kw));
                // TF1 skips the gradient test for placeholders and int32 ("infeasible gradient test")
                if (useStaticShape && dtype !== 'int32') it(`test_MatMulGradientTest_${name}`, matMulGradientTest(aNp, bNp, kw));
              }
            }
          }
        }
      }
    }
  }
});

describe('MatMulInfixOperatorTest', () => {
  it('testMismatchedShape', () => {
    new tf.Graph().as_default(() => {
      expect(() =>
        tf.convert_to_tensor([10.0, 20.0, 30.0]).matmul(
          tf.convert_to_tensor([
            [40.0, 50.0],
            [60.0, 70.0],
          ]),
        ),
      ).toThrow(expect.objectContaining({ name: 'ValueError', message: expect.stringContaining('Shape must') }));
    });
  });

  it('testMismatchedDimensions', () => {
    new tf.Graph().as_default(() => {
      expect(() =>
        tf.convert_to_tensor([[10.0, 20.0, 30.0]]).matmul(
          tf.convert_to_tensor([
            [40.0, 50.0],
            [60.0, 70.0],
          ]),
        ),
      ).toThrow(expect.objectContaining({ name: 'ValueError', message: expect.stringContaining('Dimensions must') }));
    });
  });

  it('testInfixMatmulIsTfMatmul', () => {
    new tf.Graph().as_default(() => {
      const a = tf.convert_to_tensor([[10.0, 20.0, 30.0]]);
      const b = tf.convert_to_tensor([
        [40.0, 50.0],
        [60.0, 70.0],
        [80.0, 90.0],
      ]);
      const c = a.matmul(b);
      expect(c.op.type).toBe('MatMul');
    });
  });

  it('testInfixMatmulDoesDotProduct', async () => {
    const {
      sess,
      built: { c, d },
    } = graphSession(() => {
      const a = tf.convert_to_tensor([[10.0, 20.0, 30.0]]);
      const b = tf.convert_to_tensor([
        [40.0, 50.0],
        [60.0, 70.0],
        [80.0, 90.0],
      ]);
      return { c: a.matmul(b), d: tf.matmul(a, b) };
    });
    try {
      assertAllEqual((await sess.run(c)) as NDArray, (await sess.run(d)) as NDArray);
    } finally {
      sess.close();
    }
  });
});
