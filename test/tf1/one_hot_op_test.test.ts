// TF1's tensorflow/python/kernel_tests/one_hot_op_test.py, the OneHotTest cases, ported (source read: an early
// copy, azizahmedkhan/tensorflow, whose cases r1.12 keeps). tf1-ts has no complex or string dtypes
// (testComplexBasic, testComplexBatch, testString are in NOT_PORTED.md). TF1's `_testBothOneHot` runs on the GPU
// and the CPU; here the CPU backend (the WebGPU backend is compared with it by the parity tests).
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllEqual, inSession, np, staticShape, thrown } from './helpers.js';

type Inputs = {
  indices: tf.TensorLike;
  depth: number;
  on_value?: tf.TensorLike;
  off_value?: tf.TensorLike;
  axis?: number;
  dtype?: tf.DType;
};

/** _testOneHot: the value and its static shape equal the truth. */
async function testOneHot(truth: tf.NDArray | readonly unknown[], inputs: Inputs): Promise<void> {
  await inSession(async (g, sess) => {
    const ans = g.as_default(() => tf.one_hot(inputs));
    const v = await sess.run(ans);
    assertAllEqual(v, truth as tf.NDArray);
    expect(staticShape(ans)).toEqual(v.shape);
    if (inputs.dtype) expect(v.dtype).toBe(inputs.dtype);
  });
}

/** _testOneHot with `raises`: building fails with that error. */
function testRaises(inputs: Inputs, raises: new (...a: never[]) => Error): void {
  const g = new tf.Graph();
  expect(g.as_default(() => thrown(() => tf.one_hot(inputs)))).toBeInstanceOf(raises);
}

const scalar = (v: number, dtype: tf.DType): tf.NDArray => np(v, dtype);
const T = (m: number[][]): number[][] => m[0]!.map((_, j) => m.map((row) => row[j]!));

const BASIC = [
  [1, -1, -1],
  [-1, -1, 1],
  [-1, -1, -1],
  [-1, 1, -1],
];
const DEFAULT_BASIC = [
  [1, 0, 0],
  [0, 0, 1],
  [0, 0, 0],
  [0, 1, 0],
];
const BATCH = [
  [
    [1, -1, -1],
    [-1, -1, 1],
    [-1, -1, -1],
    [-1, 1, -1],
  ],
  [
    [-1, 1, -1],
    [1, -1, -1],
    [-1, 1, -1],
    [-1, -1, -1],
  ],
];
const DEFAULT_BATCH = BATCH.map((m) => m.map((r) => r.map((v) => (v === 1 ? 1 : 0))));
const BATCH_INDICES = [
  [0, 2, -1, 1],
  [1, 0, 1, -1],
];

async function testBasic(dtype: tf.DType): Promise<void> {
  const indices = np([0, 2, -1, 1], 'int64');
  const common = { indices, depth: 3, on_value: scalar(1, dtype), off_value: scalar(-1, dtype), dtype };
  await testOneHot(np(BASIC, dtype), common);
  // axis == 0: the output is the transpose.
  await testOneHot(np(T(BASIC), dtype), { ...common, axis: 0 });
}

async function testDefaultBasic(dtype: tf.DType): Promise<void> {
  const indices = np([0, 2, -1, 1], 'int64');
  await testOneHot(np(DEFAULT_BASIC, dtype), { indices, depth: 3 });
  await testOneHot(np(T(DEFAULT_BASIC), dtype), { indices, depth: 3, axis: 0 });
}

async function testBatch(dtype: tf.DType, defaults: boolean): Promise<void> {
  const indices = np(BATCH_INDICES, 'int64');
  const values = defaults ? {} : { on_value: scalar(1, dtype), off_value: scalar(-1, dtype) };
  const truth = defaults ? DEFAULT_BATCH : BATCH;
  await testOneHot(np(truth, dtype), { indices, depth: 3, ...values, dtype });
  // axis == 1: each batch entry transposed.
  await testOneHot(
    np(
      truth.map((m) => T(m)),
      dtype,
    ),
    { indices, depth: 3, ...values, axis: 1, dtype },
  );
}

describe('OneHotTest', () => {
  for (const [name, dtype] of [
    ['Float', 'float32'],
    ['Double', 'float64'],
    ['Int32', 'int32'],
    ['Int64', 'int64'],
  ] as const) {
    it(`test${name}Basic`, async () => {
      await testBasic(dtype);
      await testDefaultBasic(dtype);
    });
    it(`test${name}Batch`, async () => {
      await testBatch(dtype, false);
      await testBatch(dtype, true);
    });
  }

  it('testSimpleCases', async () => {
    const I3 = [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ];
    await testOneHot(np(I3, 'float32'), { indices: [0, 1, 2], depth: 3 });
    await testOneHot(np(I3, 'int32'), { indices: [0, 1, 2], depth: 3, dtype: 'int32' });
    await testOneHot(
      np(
        I3.map((r) => r.map((v) => (v ? 1 : -1))),
        'int32',
      ),
      { indices: [0, 1, 2], depth: 3, on_value: 1, off_value: -1 },
    );
  });

  it('testSingleValueGiven', async () => {
    const I3 = [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ];
    // Only on_value provided: an int, so int32.
    await testOneHot(np(I3, 'int32'), { indices: [0, 1, 2], depth: 3, on_value: 1 });
    // Only off_value provided: TF1's 0.0, a float32 here.
    await testOneHot(np(I3, 'float32'), { indices: [0, 1, 2], depth: 3, off_value: scalar(0, 'float32') });
  });

  it('testIndicesTypes', async () => {
    for (const itype of ['int32', 'int64'] as const) {
      for (const asTensor of [true, false]) {
        const indices = asTensor ? () => tf.constant(BATCH_INDICES, itype) : () => np(BATCH_INDICES, itype);
        const values = { on_value: scalar(1, 'float32'), off_value: scalar(-1, 'float32'), depth: 3 };
        await inSession(async (g, sess) => {
          const [a, b] = g.as_default(() => [tf.one_hot({ indices: indices(), ...values }), tf.one_hot({ indices: indices(), ...values, axis: 1 })]);
          assertAllEqual(await sess.run(a!), np(BATCH, 'float32'));
          assertAllEqual(
            await sess.run(b!),
            np(
              BATCH.map((m) => T(m)),
              'float32',
            ),
          );
        });
      }
    }
  });

  it('testOnOffMismatchTypeError', () => {
    testRaises({ indices: [0, 1, 2], depth: 3, on_value: scalar(1, 'float64'), off_value: scalar(0, 'float32') }, TypeError);
  });

  it('testDtypeMismatchTypeError', () => {
    testRaises({ indices: [0, 1, 2], depth: 3, on_value: scalar(1, 'float32'), dtype: 'int32' }, TypeError);
    testRaises({ indices: [0, 1, 2], depth: 3, off_value: scalar(0, 'float32'), dtype: 'int32' }, TypeError);
  });
});
