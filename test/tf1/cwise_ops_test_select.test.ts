// Port of TF1 r1.12's cwise_ops_test.py SelectOpTest and BatchSelectOpTest (tf.where with x and y, the Select op),
// read from hfp/tensorflow-xsmm's copy as cwise_ops_test.test.ts is. One `it` per TF1 test method, with TF1's inputs,
// expected values (NumPy's np.where) and tolerances; float16 and complex dtypes are not in tf1-ts (NOT_PORTED.md).
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import type { DType } from '../../src/framework/dtypes.js';
import { assertAllClose, assertAllEqual, assertShapeEqual, evaluate, graphSession, thrown } from './helpers.js';
import * as np from './np.js';

type NDArray = tf.NDArray;
const TYPES: DType[] = ['float32', 'float64', 'int32', 'int64'];
const FLOATS: DType[] = ['float32', 'float64'];

/** np.where(c, x, y), with c of x's shape (elementwise) or a scalar. */
const npWhere = (c: NDArray, x: NDArray, y: NDArray): NDArray =>
  new tf.NDArray(
    x.data.map((v, i) => (c.data[c.size === 1 ? 0 : i] ? v : y.data[i]!)),
    x.shape,
    x.dtype,
  );

/** The gradient of where(c, x, y) by x or y against its numeric estimate, with TF1's tolerances per dtype. */
async function compareGradient(side: 'x' | 'y', c: NDArray, x: NDArray, y: NDArray, delta?: number): Promise<void> {
  const { sess, built } = graphSession(() => {
    const inx = tf.convert_to_tensor(x);
    const iny = tf.convert_to_tensor(y);
    return { inx, iny, out: tf.where(c, inx, iny) };
  });
  try {
    const s = [...x.shape];
    const [t, n] = await sess.as_default(() =>
      tf.test.compute_gradient(side === 'x' ? built.inx : built.iny, s, built.out, s, { x_init_value: side === 'x' ? x : y, delta: delta ?? null }),
    );
    const tol = x.dtype === 'float32' ? 1e-3 : 1e-5;
    assertAllClose(t, n, { rtol: tol, atol: tol });
  } finally {
    sess.close();
  }
}

describe('SelectOpTest', () => {
  const rng = new np.Rng(4321);
  const rand100 = (shape: number[]): NDArray =>
    np.array(
      rng.many(
        shape.reduce((a, b) => a * b, 1),
        () => rng.uniform() * 100,
      ),
      shape,
      'float64',
    );
  const randBool = (shape: number[]): NDArray =>
    np.array(
      rng.many(
        shape.reduce((a, b) => a * b, 1),
        () => rng.randint(0, 2),
      ),
      shape,
      'bool',
    );

  const compare = async (c: NDArray, x: NDArray, y: NDArray): Promise<void> => {
    let out: tf.Tensor | null = null;
    const tfAns = await evaluate(() => (out = tf.where(c, x, y)));
    const npAns = npWhere(c, x, y);
    assertAllEqual(npAns, tfAns);
    assertShapeEqual(npAns, out!);
  };

  it('testScalar', async () => {
    const c = np.array([1], [], 'bool');
    const x = rand100([1, 3, 2]);
    const y = rand100([1, 3, 2]);
    for (const t of TYPES) await compare(c, np.astype(x, t), np.astype(y, t));
  });

  it('testBasic', async () => {
    const c = randBool([1, 3, 2]);
    const x = rand100([1, 3, 2]);
    const y = rand100([1, 3, 2]);
    for (const t of TYPES) await compare(c, np.astype(x, t), np.astype(y, t));
  });

  it('testGradients', async () => {
    const c = randBool([1, 3, 2]);
    const x = rand100([1, 3, 2]);
    const y = rand100([1, 3, 2]);
    for (const t of FLOATS) {
      // TF1's _compareGradientY passes delta=1.0; _compareGradientX the default.
      await compareGradient('x', c, np.astype(x, t), np.astype(y, t));
      await compareGradient('y', c, np.astype(x, t), np.astype(y, t), 1.0);
    }
  });

  it('testShapeMismatch', () => {
    const c = randBool([1, 3, 2]);
    const x = rand100([1, 3, 2]);
    const y = rand100([2, 5, 3]);
    for (const t of TYPES) {
      expect(thrown(() => new tf.Graph().as_default(() => tf.where(c, np.astype(x, t), np.astype(y, t))))).toBeInstanceOf(tf.errors.ValueError);
    }
  });

  it('testEmptyTensor', async () => {
    const c = np.array([], [1, 3, 0], 'bool');
    const x = np.array([], [1, 3, 0], 'float32');
    const y = np.array([], [1, 3, 0], 'float32');
    const z = await evaluate(() => tf.where(c, x, y));
    assertAllEqual(np.array([], [1, 3, 0], 'float32'), z);
  });

  it('testNan', async () => {
    // Verify that nans don't propagate where they shouldn't.
    for (const c of [false, true]) {
      for (const a of [7.0, NaN]) {
        for (const b of [5.0, NaN]) {
          // Python's 7.0 is a float; JavaScript's 7 would convert to int32, so the dtype is given.
          const x = await evaluate(() => tf.where(c, tf.constant(a, tf.float32), tf.constant(b, tf.float32)));
          const y = c ? a : b;
          expect(Number.isNaN(x.data[0]!)).toBe(Number.isNaN(y));
        }
      }
    }
  });
});

describe('BatchSelectOpTest', () => {
  // Test broadcasting of Select when 'c' is a vec and 't' & 'e' are rank2+.
  const rng = new np.Rng(8765);
  const rand100 = (shape: number[]): NDArray =>
    np.array(
      rng.many(
        shape.reduce((a, b) => a * b, 1),
        () => rng.uniform() * 100,
      ),
      shape,
      'float64',
    );
  const randBool = (n: number): NDArray =>
    np.array(
      rng.many(n, () => rng.randint(0, 2)),
      [n],
      'bool',
    );

  const compare = async (c: NDArray, x: NDArray, y: NDArray): Promise<void> => {
    // np.dstack([x_i if c_i else y_i ...]).transpose([2, 0, 1]): row i of x or of y.
    const row = x.size / x.shape[0]!;
    const npAns = new tf.NDArray(
      x.data.map((v, i) => (c.data[Math.floor(i / row)] ? v : y.data[i]!)),
      x.shape,
      x.dtype,
    );
    let out: tf.Tensor | null = null;
    const tfAns = await evaluate(() => (out = tf.where(c, x, y)));
    assertAllEqual(npAns, tfAns);
    assertShapeEqual(npAns, out!);
  };

  it('testBasic', async () => {
    const c = randBool(16);
    const x = rand100([16, 2, 8]);
    const y = rand100([16, 2, 8]);
    for (const t of TYPES) await compare(c, np.astype(x, t), np.astype(y, t));
  });

  it('testGradients', async () => {
    const c = randBool(16);
    const x = rand100([16, 2, 8]);
    const y = rand100([16, 2, 8]);
    for (const t of FLOATS) {
      await compareGradient('x', c, np.astype(x, t), np.astype(y, t));
      await compareGradient('y', c, np.astype(x, t), np.astype(y, t));
    }
  });

  it('testShapeMismatch', () => {
    const c = randBool(8);
    const x = rand100([16, 3, 2]);
    const y = rand100([16, 3, 2]);
    for (const t of TYPES) {
      expect(thrown(() => new tf.Graph().as_default(() => tf.where(c, np.astype(x, t), np.astype(y, t))))).toBeInstanceOf(tf.errors.ValueError);
    }
  });
});
