// TF1 r1.12's tensorflow/python/kernel_tests/norm_op_test.py, ported: testBadOrder, testInvalidAxis and the
// generated testNorm_* cases (float32 and float64; complex64/complex128 are not in tf1-ts, see NOT_PORTED.md),
// against numpy.linalg.norm written in linalg_reference.ts. np.random.randn is a seeded normal stream here.
//
// TF1's generated Test skips what neither numpy nor tf.norm computes ('fro' of a vector, a fractional p of a
// matrix: tf.norm raises ValueError, checked here instead) and what numpy does not read as tf.norm does
// ('euclidean', and axis=None, whose skip reads the module-level `shape`, the loop's last [2, 3, 5, 5], so it skips
// every axis=None case). Here those run too: 'euclidean' against the 2-norm/Frobenius reference, axis=None
// against the norm of the flattened tensor (tf.norm's documented reading).
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose, inSession, thrown } from './helpers.js';
import { Rng } from './np.js';
import { npNorm } from './linalg_reference.js';

describe('NormOpTest', () => {
  it('testBadOrder', () => {
    const matrix = [
      [0, 1],
      [2, 3],
    ];
    for (const ord of ['fro', -7, -1.1, 0]) {
      expect(() => tf.norm(matrix, { ord })).toThrow(tf.errors.ValueError);
      expect(thrown(() => tf.norm(matrix, { ord })).message).toMatch(/^'ord' must be a supported vector norm/);
    }
    for (const ord of ['fro', -7, -1.1, 0]) expect(thrown(() => tf.norm(matrix, { ord, axis: -1 })).message).toMatch(/^'ord' must be a supported vector norm/);
    for (const ord of ['foo', -7, -1.1, 1.1]) {
      const e = thrown(() => tf.norm(matrix, { ord, axis: [-2, -1] }));
      expect(e).toBeInstanceOf(tf.errors.ValueError);
      expect(e.message).toBe(`'ord' must be a supported matrix norm in ['euclidean', 'fro', 1, 2, inf], got ${ord}`);
    }
  });

  it('testInvalidAxis', () => {
    const matrix = [
      [0, 1],
      [2, 3],
    ];
    // biome-ignore lint/suspicious/noApproximativeNumericConstant: TF1's test value, a float that is no axis
    for (const axis of [[], [1, 2, 3], [[1]], [[1], [2]], [3.1415], [1, 1]]) {
      const e = thrown(() => tf.norm(matrix, { axis }));
      expect(e).toBeInstanceOf(tf.errors.ValueError);
      expect(e.message).toBe("'axis' must be None, an integer, or a tuple of 2 unique integers");
    }
  });
});

type Axis = number | [number, number] | null;

function normTest(dtype: tf.DType, shape: number[], ord: string | number, axis: Axis, keepdims: boolean, staticShape: boolean, seed: number) {
  return async () => {
    const isMatrix = Array.isArray(axis);
    const fancyP = typeof ord === 'number' && Math.floor(ord) !== ord;
    if ((!isMatrix && ord === 'fro') || (isMatrix && fancyP)) {
      // TF1 skips these (numpy has no such norm either); tf.norm refuses them.
      expect(thrown(() => tf.norm(tf.constant(0, dtype, shape), { ord, axis }))).toBeInstanceOf(tf.errors.ValueError);
      return;
    }
    const r = new Rng(seed);
    const matrix = tf.NDArray.zeros(shape, dtype);
    for (let i = 0; i < matrix.size; i++) matrix.data[i] = r.normal();
    const expected = npNorm(matrix, ord, axis, keepdims);
    const got = await inSession(async (g, sess) => {
      const [x, n] = g.as_default(() => {
        const x = staticShape ? tf.constant(matrix) : tf.placeholder(dtype);
        return [x, tf.norm(x, { ord, axis, keepdims })] as const;
      });
      return sess.run(n, staticShape ? undefined : new Map([[x, matrix]]));
    });
    expect(got.dtype).toBe(dtype);
    assertAllClose(got, expected, { rtol: 1e-5, atol: 1e-5 });
  };
}

describe('NormOpTest generated', () => {
  let seed = 1;
  for (const staticShape of [false, true])
    for (const dtype of ['float32', 'float64'] as const)
      for (const rows of [2, 5])
        for (const cols of [2, 5])
          for (const batch of [[], [2], [2, 3]]) {
            const shape = [...batch, rows, cols];
            for (const ord of ['euclidean', 'fro', 0.5, 1, 2, Infinity])
              for (const axis of [null, [-2, -1], [-1, -2], -shape.length, 0, shape.length - 1] as Axis[])
                for (const keepdims of [false, true]) {
                  const axisStr = axis === null ? 'None' : Array.isArray(axis) ? `(${axis.join(', ')})` : String(axis);
                  const name = `${dtype}_${shape.join('_')}_ord_${ord === Infinity ? 'inf' : ord}_axis_${axisStr}_${keepdims ? 'True' : 'False'}_${staticShape ? 'True' : 'False'}`;
                  it(`testNorm_${name}`, normTest(dtype, shape, ord, axis, keepdims, staticShape, seed++));
                }
          }
});
