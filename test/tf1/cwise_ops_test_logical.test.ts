// Port of LogicalOpTest from TF1's tensorflow/python/kernel_tests/cwise_ops_test.py (TF 1.12's single file):
// logical_and, logical_or, logical_xor and logical_not on bools. TF1's use_gpu=True runs are CPU-backend runs
// here (see NOT_PORTED.md); testUsingAsPythonValueFails (Python's `bool(tensor)`) has no JavaScript form.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllEqual, assertShapeEqual, graphSession } from './helpers.js';
import * as np from './np.js';

type NDArray = tf.NDArray;
type NpBinary = (a: NDArray, b: NDArray) => NDArray;
type TfBinary = (x: tf.Tensor, y: tf.Tensor) => tf.Tensor;

/** `np.array(values).astype(np.bool).reshape(shape)`. */
const bools = (values: readonly number[], shape: readonly number[]): NDArray => np.array(values, shape, 'bool');
const rng = new np.Rng(42);
/** `np.random.randint(0, 2, n).astype(np.bool).reshape(shape)`. */
const randomBools = (shape: readonly number[]): NDArray =>
  bools(
    rng.many(
      shape.reduce((a, b) => a * b, 1),
      () => rng.randint(0, 2),
    ),
    shape,
  );

async function run(build: () => tf.Tensor): Promise<{ out: tf.Tensor; value: NDArray }> {
  const { sess, built: out } = graphSession(build);
  try {
    return { out, value: (await sess.run(out)) as NDArray };
  } finally {
    sess.close();
  }
}

// _compareBinary: dtype bool, NumPy's values and static shape.
async function compareBinary(x: NDArray, y: NDArray, npFunc: NpBinary, tfFunc: TfBinary): Promise<void> {
  const npAns = npFunc(x, y);
  const { out, value } = await run(() => tfFunc(tf.convert_to_tensor(x), tf.convert_to_tensor(y)));
  expect(out.dtype).toBe('bool');
  assertAllEqual(npAns, value);
  assertShapeEqual(npAns, out);
}

// _not
async function not(x: NDArray): Promise<void> {
  const npAns = np.logical_not(x);
  const { out, value } = await run(() => tf.logical_not(tf.convert_to_tensor(x)));
  expect(out.dtype).toBe('bool');
  assertAllEqual(npAns, value);
  assertShapeEqual(npAns, out);
}

async function allThree(x: NDArray, y: NDArray): Promise<void> {
  await compareBinary(x, y, np.logical_and, tf.logical_and);
  await compareBinary(x, y, np.logical_or, tf.logical_or);
  await compareBinary(x, y, np.logical_xor, tf.logical_xor);
}

describe('LogicalOpTest', () => {
  it('testScalar', async () => {
    const data = [bools([1], [1]), bools([0], [1])];
    for (let useGpu = 0; useGpu < 2; useGpu++) {
      for (const x of data) await not(x);
      for (const x of data) for (const y of data) await allThree(x, y);
    }
  });

  it('testTensor', async () => {
    const x = randomBools([1, 3, 2]);
    const y = randomBools([1, 3, 2]);
    for (let useGpu = 0; useGpu < 2; useGpu++) {
      await not(x);
      await allThree(x, y);
    }
  });

  it('testBCast', async () => {
    const shapes: [number[], number[]][] = [
      [[1, 3, 2], [1]],
      [[1, 3, 2], [2]],
      [
        [1, 3, 2],
        [3, 2],
      ],
      [
        [1, 3, 2],
        [3, 1],
      ],
      [
        [1, 3, 2],
        [1, 3, 2],
      ],
      [
        [1, 3, 2],
        [2, 3, 1],
      ],
      [
        [1, 3, 2],
        [2, 1, 1],
      ],
      [
        [1, 3, 2],
        [1, 3, 1],
      ],
      [
        [2, 1, 5],
        [2, 3, 1],
      ],
      [
        [2, 0, 5],
        [2, 0, 1],
      ],
      [
        [2, 3, 0],
        [2, 3, 1],
      ],
    ];
    for (const [xs, ys] of shapes) {
      const x = randomBools(xs);
      const y = randomBools(ys);
      for (let useGpu = 0; useGpu < 2; useGpu++) await allThree(x, y);
    }
  });

  it('testShapeMismatch', () => {
    const x = randomBools([1, 3, 2]);
    const y = randomBools([3, 2, 1]);
    for (const f of [tf.logical_and, tf.logical_or, tf.logical_xor]) {
      new tf.Graph().as_default(() => {
        expect(() => f(x, y)).toThrow(expect.objectContaining({ name: 'ValueError', message: expect.stringContaining('Dimensions must') }));
      });
    }
  });
});
