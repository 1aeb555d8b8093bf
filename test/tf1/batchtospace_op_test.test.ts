// TF1's tensorflow/python/kernel_tests/batchtospace_op_test.py (r1.12), one `it` per TF1 test method. The Python
// classes run tf.batch_to_space (BatchToSpaceND on an int64 block); the *Cpp* classes the legacy BatchToSpace op
// (gen_array_ops), made with create_op. BatchToSpaceDepthToSpace needs tf.depth_to_space (NOT_PORTED.md).
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose, computeGradient, inGraph, np, randn, rejected, staticShape, thrown } from './helpers.js';
import { ndShapeChecks } from './space_batch_shape_checks.js';

type BatchToSpace = (x: tf.TensorLike, crops: tf.TensorLike, blockSize: number) => tf.Tensor;

const PYTHON: BatchToSpace = (x, c, b) => tf.batch_to_space(x, c, b);
/** gen_array_ops.batch_to_space: the legacy op itself. */
const CPP: BatchToSpace = (x, c, block_size) => {
  const xt = x instanceof tf.Tensor ? x : tf.constant(x as never);
  const ct = c instanceof tf.Tensor ? c : tf.constant(c as never, 'int32');
  return tf.get_default_graph().create_op('BatchToSpace', [xt, ct], { block_size }, 'BatchToSpace').outputs[0]!;
};

const ZEROS = [
  [0, 0],
  [0, 0],
];
const X4 = [
  [
    [[1], [2]],
    [[3], [4]],
  ],
];

function errorHandlingTests(impl: BatchToSpace, cpp: boolean): void {
  const inNewGraph = (fn: () => unknown) => thrown(() => inGraph(fn));
  it('testInputWrongDimMissingBatch', () => {
    expect(
      inNewGraph(() =>
        impl(
          [
            [[1], [2]],
            [[3], [4]],
          ],
          ZEROS,
          2,
        ),
      ),
    ).toBeInstanceOf(tf.errors.ValueError);
  });
  it('testBlockSize0', () => {
    const e = inNewGraph(() => impl(X4, ZEROS, 0));
    expect(e).toBeInstanceOf(tf.errors.ValueError);
    expect(e.message).toMatch(cpp ? /Attr 'block_size' of 'BatchToSpace' Op passed 0 less than minimum 2/ : /block_shape must be positive/);
  });
  // Python builds BatchToSpaceND with block [1, 1], which is valid: TF1's ValueError there is eval() without a default
  // session. C++: the attribute's minimum.
  it('testBlockSizeOne', async () => {
    if (cpp) {
      expect(inNewGraph(() => impl(X4, ZEROS, 1))).toBeInstanceOf(tf.errors.ValueError);
      return;
    }
    const out = inGraph(() => impl(X4, ZEROS, 1));
    expect(await rejected(out.eval())).toBeInstanceOf(tf.errors.ValueError);
  });
  it('testBlockSizeLarger', () => {
    const e = inNewGraph(() => impl(X4, ZEROS, 10));
    expect(e).toBeInstanceOf(tf.errors.ValueError);
    expect(e.message).toMatch(/Dimension size must be evenly divisible by 10 but is 1/);
  });
  it('testBlockSizeSquaredNotDivisibleBatch', () => {
    expect(
      inNewGraph(() =>
        impl(
          [
            [
              [[1], [2], [3]],
              [[3], [4], [7]],
            ],
          ],
          ZEROS,
          3,
        ),
      ),
    ).toBeInstanceOf(tf.errors.ValueError);
  });
  it('testUnknownShape', () => {
    const t = inGraph(() => impl(tf.placeholder(tf.float32), tf.placeholder(tf.int32), 4));
    expect(t.shape.ndims).toBe(4);
  });
}

describe('BatchToSpaceErrorHandlingTest', () => errorHandlingTests(PYTHON, false));
describe('BatchToSpaceErrorHandlingCppTest', () => errorHandlingTests(CPP, true));

describe('BatchToSpaceNDErrorHandlingTest', () => {
  const { testStaticShape, testDynamicShape } = ndShapeChecks((x, b, p) => tf.batch_to_space_nd(x, b, p));
  // With the shapes fed, the plan's shape check (the op's shape function again) refuses the rank before the kernel.
  it('testInputWrongDimMissingBatch', async () => {
    testStaticShape([2, 2], [2, 2], ZEROS);
    expect((await testDynamicShape([2, 2], [2, 2], ZEROS)).message).toMatch(/^Shape must be at least rank 3 but is rank 2/);
    testStaticShape([2, 2, 3], [2, 2, 3], ZEROS);
    expect((await testDynamicShape([2, 2, 3], [2, 2, 3], ZEROS)).message).toMatch(/^Shape must be at least rank 4 but is rank 3/);
  });
  it('testBlockSize0', async () => {
    expect(testStaticShape([1, 2, 2, 1], [0, 1], ZEROS).message).toMatch(/block_shape must be positive/);
    expect((await testDynamicShape([1, 2, 2, 1], [0, 1], ZEROS)).message).toBe('Product of block sizes must be positive, got 0');
  });
  it('testBlockSizeNegative', async () => {
    testStaticShape([1, 2, 2, 1], [-1, 1], ZEROS);
    await testDynamicShape([1, 2, 2, 1], [-1, 1], ZEROS);
  });
  it('testNegativePadding', async () => {
    expect(
      testStaticShape(
        [1, 2, 2],
        [1, 1],
        [
          [0, -1],
          [0, 0],
        ],
      ).message,
    ).toMatch(/crops cannot be negative/);
    expect(
      (
        await testDynamicShape(
          [1, 2, 2],
          [1, 1],
          [
            [0, -1],
            [0, 0],
          ],
        )
      ).message,
    ).toBe('Crops must be non-negative');
  });
  it('testCropTooLarge', async () => {
    expect(
      testStaticShape(
        [4, 2, 3, 1],
        [2, 2],
        [
          [3, 2],
          [0, 0],
        ],
      ).message,
    ).toMatch(/Negative dimension size caused by subtracting 2 from 1/);
    expect(
      (
        await testDynamicShape(
          [4, 2, 3, 1],
          [2, 2],
          [
            [3, 2],
            [0, 0],
          ],
        )
      ).message,
    ).toBe('cropped_shape[0]=-1 must be non-negative');
  });
  it('testBlockSizeSquaredNotDivisibleBatch', async () => {
    testStaticShape([3, 1, 1, 1], [2, 3], ZEROS);
    expect((await testDynamicShape([3, 1, 1, 1], [2, 3], ZEROS)).message).toBe('Input batch dimension (3) is not divisible by product of block sizes (6)');
  });
  it('testUnknownShape', () =>
    inGraph(() => {
      tf.batch_to_space_nd(tf.placeholder(tf.float32), tf.placeholder(tf.int32, [2]), tf.placeholder(tf.int32));
      let t = tf.batch_to_space_nd(tf.placeholder(tf.float32, [null, null, null, null]), tf.placeholder(tf.int32, [2]), tf.placeholder(tf.int32));
      expect(t.shape.ndims).toBe(4);
      t = tf.batch_to_space_nd(tf.placeholder(tf.float32, [null, null, null, 2]), tf.placeholder(tf.int32, [2]), tf.placeholder(tf.int32));
      expect(staticShape(t)).toEqual([null, null, null, 2]);
      t = tf.batch_to_space_nd(tf.placeholder(tf.float32, [3 * 2 * 3, null, null, 2]), [2, 3], tf.placeholder(tf.int32));
      expect(staticShape(t)).toEqual([3, null, null, 2]);
      t = tf.batch_to_space_nd(
        tf.placeholder(tf.float32, [3 * 2 * 3, null, 2, 2]),
        [2, 3],
        [
          [1, 1],
          [0, 1],
        ],
      );
      expect(staticShape(t)).toEqual([3, null, 5, 2]);
      t = tf.batch_to_space_nd(
        tf.placeholder(tf.float32, [3 * 2 * 3, 2, 1, 2]),
        [2, 3],
        [
          [1, 1],
          [0, 0],
        ],
      );
      expect(staticShape(t)).toEqual([3, 2, 3, 2]);
    }));
});

/** _checkGrad: compute_gradient of the op at x, theoretical against numeric Jacobians (rtol 1e-2, atol 1e-5). */
async function checkGrad(x: tf.NDArray, yShape: number[], build: (xt: tf.Tensor) => tf.Tensor): Promise<void> {
  const [t, n] = await computeGradient(
    () => {
      const xt = tf.convert_to_tensor(x);
      return { x: xt, y: build(xt) };
    },
    x,
    yShape,
    1e-5,
  );
  assertAllClose(t, n, { rtol: 1e-2, atol: 1e-5 });
}

function gradientTests(impl: BatchToSpace): void {
  const compare = (b: number, h: number, w: number, d: number, blockSize: number, cropBeg: number, cropEnd: number) => {
    const x = randn([b * blockSize * blockSize, h, w, d], 'float32');
    const crops = np(
      [
        [cropBeg, cropEnd],
        [cropBeg, cropEnd],
      ],
      'int32',
    );
    const yShape = [b, h * blockSize - cropBeg - cropEnd, w * blockSize - cropBeg - cropEnd, d];
    return checkGrad(x, yShape, (xt) => impl(xt, crops, blockSize));
  };
  it('testSmall', () => compare(1, 2, 3, 5, 2, 0, 0));
  it('testSmall2', () => compare(2, 4, 3, 2, 2, 0, 0));
  it('testSmallCrop1x1', () => compare(1, 2, 3, 5, 2, 1, 1));
}

describe('BatchToSpaceGradientTest', () => gradientTests(PYTHON));
describe('BatchToSpaceGradientCppTest', () => gradientTests(CPP));

describe('BatchToSpaceNDGradientTest', () => {
  async function compare(shape: number[], block: number[], crops: number[][]) {
    for (const dtype of ['int64', 'int32'] as const) {
      const input = [shape[0]! * block.reduce((a, b) => a * b, 1), ...shape.slice(1)];
      const x = randn(input, 'float32');
      const yShape = [shape[0]!, ...block.map((b, i) => shape[i + 1]! * b - crops[i]![0]! - crops[i]![1]!), ...shape.slice(block.length + 1)];
      await checkGrad(x, yShape, (xt) => tf.batch_to_space_nd(xt, block, tf.constant(np(crops, dtype), dtype)));
    }
  }
  it('testSmall', () => compare([1, 2, 3, 5], [2, 2], ZEROS));
  it('testSmall2', () => compare([2, 4, 3, 2], [2, 2], ZEROS));
  it('testSmallCrop1x1', () =>
    compare(
      [1, 2, 3, 5],
      [2, 2],
      [
        [1, 1],
        [1, 1],
      ],
    ));
});
