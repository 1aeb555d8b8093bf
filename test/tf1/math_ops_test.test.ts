// Port of TF1's tensorflow/python/ops/math_ops_test.py, the classes of the elementwise ops and add_n: ModTest,
// AddNTest, DivAndModTest (read from jhabikal21/tensorflow's TF 1.x copy; TF 1.15's, in
// microsoft/tensorflow-directml, has the same methods). ReduceTest and LogSumExpTest belong to the
// reductions' port; the classes of ops tf1-ts lacks are in NOT_PORTED.md. np.random is a seeded generator.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import type { DType } from '../../src/framework/dtypes.js';
import { assertAllClose, assertAllEqual, evaluate, graphSession } from './helpers.js';
import * as np from './np.js';

type NDArray = tf.NDArray;

describe('ModTest', () => {
  it('testFloat', async () => {
    const x = [0.5, 0.7, 0.3];
    for (const dtype of ['float32', 'float64'] as const) {
      // Test scalar and vector versions.
      for (const denom of [x[0]!, [x[0]!, x[0]!, x[0]!]]) {
        const xNp = np.array(x, [3], dtype);
        const yTf = await evaluate(() => tf.mod(tf.constant(xNp, { shape: xNp.shape }), denom));
        const yNp = np.fmod(xNp, np.array(([] as number[]).concat(denom), Array.isArray(denom) ? [3] : [], dtype));
        assertAllClose(yTf, yNp, { atol: 1e-2 });
      }
    }
  });

  it('testFixed', async () => {
    const x = [5, 10, 23];
    for (const dtype of ['int32', 'int64'] as const) {
      // Test scalar and vector versions.
      for (const denom of [x[0]!, x]) {
        const xNp = np.array(x, [3], dtype);
        const yTf = await evaluate(() => tf.mod(tf.constant(xNp, { shape: xNp.shape }), denom));
        const yNp = np.mod(xNp, np.array(([] as number[]).concat(denom), Array.isArray(denom) ? [3] : [], dtype));
        assertAllClose(yTf, yNp);
      }
    }
  });
});

describe('AddNTest', () => {
  it('testPartials', async () => {
    // Test that previously revealed a bug in buffer forwarding for AddN.
    const res = await evaluate(() => {
      const partials: tf.Tensor[] = [];
      for (let i = 0; i < 98; i++) partials.push(tf.add_n([tf.constant(1)]));
      partials.push(tf.add_n([tf.constant(1), tf.constant(1)]));
      return tf.add_n(partials).add(tf.constant(0));
    });
    assertAllEqual(res, 100);
  });

  /** The sum of arrays, as Python's `sum(x)` over NumPy arrays (0 + x[0] + x[1] + ...). */
  const sum = (xs: NDArray[]): NDArray => xs.reduce((acc, a) => np.add(acc, a), np.array([0], [], xs[0]!.dtype));
  /** `x * n` for a Python int n. */
  const times = (a: NDArray, n: number): NDArray => np.multiply(a, np.array([n], [], a.dtype));

  const testAddN = async (draw: () => number, dtype: DType, shape: number[], assert: (a: NDArray, b: NDArray) => void): Promise<void> => {
    for (let numInputs = 1; numInputs < 10; numInputs++) {
      const x = Array.from({ length: numInputs }, () => np.array(Array.from({ length: shape.reduce((a, b) => a * b, 1) }, draw), shape, dtype));
      const [all, repeated] = await evaluate(() => {
        const tfX = x.map((a) => tf.convert_to_tensor(a));
        return [tf.add_n(tfX), tf.add_n(new Array<tf.Tensor>(numInputs).fill(tfX[0]!))];
      });
      assert(sum(x), all!);
      assert(times(x[0]!, numInputs), repeated!);
    }
  };

  it('testFloat', async () => {
    const rng = new np.Rng(12345);
    await testAddN(
      () => rng.uniform() - 0.5,
      'float64',
      [1, 2, 3, 4, 5],
      (a, b) => assertAllClose(a, b),
    );
  });

  it('testInt', async () => {
    const rng = new np.Rng(54321);
    await testAddN(
      () => rng.randint(-128, 128),
      'int64',
      [5, 4, 3, 2, 1],
      (a, b) => assertAllEqual(a, b),
    );
  });

  it('testGrad', async () => {
    const rng = new np.Rng(42);
    for (let numInputs = 1; numInputs < 10; numInputs++) {
      const {
        sess,
        built: { grads, init },
      } = graphSession(() => {
        const inputVars = Array.from({ length: numInputs }, () => tf.Variable(np.array([10.0 * rng.uniform()], [], 'float32')));
        const addn = tf.add_n(inputVars);
        return { init: tf.global_variables_initializer(), grads: tf.gradients(addn, inputVars) as tf.Tensor[] };
      });
      try {
        await sess.run(init);
        const values = (await sess.run(grads)) as NDArray[];
        // d/dx (x + y + ...) = 1
        assertAllEqual(
          new Array<number>(numInputs).fill(1.0),
          values.map((v) => v.item()),
        );
      } finally {
        sess.close();
      }
    }
  });
});

describe('DivAndModTest', () => {
  const intTestData = (): [NDArray, NDArray] => [np.array(np.arange(-10, 10, 1), [20, 1], 'int64'), np.array(np.arange(-3, 4, 2), [1, 4], 'int64')];
  const floatTestData = (): [NDArray, NDArray] => [
    np.array(np.arange(-10, 10, 0.25), [80, 1], 'float64'),
    np.array(np.arange(-3, 0, 0.25), [1, 12], 'float64'),
  ];

  it('testFloorModInt', async () => {
    const [nums, divs] = intTestData();
    assertAllEqual(await evaluate(() => tf.floormod(nums, divs)), np.mod(nums, divs));
  });

  it('testFloorModFloat', async () => {
    const [nums, divs] = floatTestData();
    assertAllEqual(await evaluate(() => tf.floormod(nums, divs)), np.mod(nums, divs));
  });

  it('testDivideInt', async () => {
    const [nums, divs] = intTestData();
    assertAllEqual(await evaluate(() => tf.floor_div(nums, divs)), np.floor_divide(nums, divs));
  });

  it('testDivideName', () => {
    new tf.Graph().as_default(() => {
      const op = tf.divide(tf.constant(3), tf.constant(4), 'my_cool_divide');
      expect(op.name).toBe('my_cool_divide:0');
    });
  });

  it('testRealDiv', async () => {
    const [nums, divs] = floatTestData();
    assertAllEqual(await evaluate(() => tf.realdiv(nums, divs)), np.true_divide(nums, divs));
  });

  it('testFloorDivGrad', async () => {
    const { sess, built } = graphSession(() => {
      const a = tf.Variable(2.0, { dtype: tf.float32 });
      const b = tf.Variable(4.0, { dtype: tf.float32 });
      return {
        init: tf.global_variables_initializer(),
        divide: tf.gradients(tf.divide(a, b), [a, b]) as tf.Tensor[],
        div: tf.gradients(tf.div(a, b), [a, b]) as tf.Tensor[],
        floordiv: tf.gradients(tf.floordiv(a, b), [a, b]),
      };
    });
    try {
      await sess.run(built.init);
      assertAllEqual(
        ((await sess.run(built.divide)) as NDArray[]).map((v) => v.item()),
        [0.25, -0.125],
      );
      assertAllEqual(
        ((await sess.run(built.div)) as NDArray[]).map((v) => v.item()),
        [0.25, -0.125],
      );
      expect(built.floordiv).toEqual([null, null]);
    } finally {
      sess.close();
    }
  });

  it('testConsistent', async () => {
    const [nums, divs] = intTestData();
    const [tfResult, tf2Result] = await evaluate(() => {
      const tfNums = tf.constant(nums);
      const tfDivs = tf.constant(divs);
      return [tf.floor_div(nums, divs).mul(divs).add(tf.floormod(nums, divs)), tfNums.floordiv(tfDivs).mul(tfDivs).add(tfNums.mod(tfDivs))];
    });
    const npResult = np.add(np.multiply(np.floor_divide(nums, divs), divs), np.mod(nums, divs));
    // Consistent with numpy
    assertAllEqual(tfResult!, npResult);
    // Consistent with two forms of divide
    assertAllEqual(tfResult!, tf2Result!);
    // (the truncatediv / truncatemod form: NOT_PORTED.md)
    const expandedNums = np.array(
      Array.from(nums.data).flatMap((v) => [v, v, v, v]),
      [20, 4],
      'int64',
    );
    // Consistent with desire to get numerator
    assertAllEqual(tfResult!, expandedNums);
  });
});

describe('SquaredDifferenceTest', () => {
  it('testSquaredDifference', async () => {
    // r1.12 runs int32 and float16; tf1-ts has no float16.
    for (const dtype of ['int32'] as const) {
      const x = np.array([1, 2, 3, 4, 5, 6], [2, 3], dtype);
      const y = np.array([-3, -2, -1], [3], dtype);
      const z = np.multiply(np.subtract(x, y), np.subtract(x, y));
      const zTf = await evaluate(() => tf.squared_difference(x, y));
      assertAllClose(z, zTf);
    }
  });
});
