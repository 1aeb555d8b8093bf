// TF1's tensorflow/python/kernel_tests/spacetobatch_op_test.py (r1.12), one `it` per TF1 test method. The Python
// classes run tf.space_to_batch/tf.batch_to_space (SpaceToBatchND on an int64 block); the *Cpp* classes run the
// legacy SpaceToBatch/BatchToSpace ops (gen_array_ops), made here with create_op. SpaceToBatchSpaceToDepth needs
// tf.space_to_depth (NOT_PORTED.md).
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { constantValue } from '../../src/graph/infer.js';
import { spaceToBatchDirect } from './space_batch_reference.js';
import { assertAllClose, assertAllEqual, computeGradient, evaluate, inGraph, inSession, np, randn, rejected, staticShape, thrown } from './helpers.js';
import { ndShapeChecks } from './space_batch_shape_checks.js';

type Impl = {
  space_to_batch: (x: tf.TensorLike, paddings: tf.TensorLike, blockSize: number) => tf.Tensor;
  batch_to_space: (x: tf.TensorLike, crops: tf.TensorLike, blockSize: number) => tf.Tensor;
};

const PYTHON: Impl = { space_to_batch: (x, p, b) => tf.space_to_batch(x, p, b), batch_to_space: (x, c, b) => tf.batch_to_space(x, c, b) };

/** gen_array_ops.space_to_batch / batch_to_space: the legacy ops themselves. */
const raw =
  (type: 'SpaceToBatch' | 'BatchToSpace') =>
  (x: tf.TensorLike, p: tf.TensorLike, block_size: number): tf.Tensor => {
    const g = tf.get_default_graph();
    const xt = x instanceof tf.Tensor ? x : tf.constant(x as never);
    const pt = p instanceof tf.Tensor ? p : tf.constant(p as never, 'int32');
    return g.create_op(type, [xt, pt], { block_size }, type).outputs[0]!;
  };
const CPP: Impl = { space_to_batch: raw('SpaceToBatch'), batch_to_space: raw('BatchToSpace') };

const ZEROS = [
  [0, 0],
  [0, 0],
];

function spaceToBatchTests(impl: Impl): void {
  async function testPad(inputs: number[][][][], paddings: number[][], blockSize: number, outputs: number[][][][]): Promise<void> {
    const y = await evaluate(() => impl.space_to_batch(tf.to_float(inputs), paddings, blockSize));
    assertAllEqual(y, outputs);
    const x = await evaluate(() => impl.batch_to_space(tf.to_float(outputs), paddings, blockSize));
    assertAllEqual(x, inputs);
  }
  const testOne = (inputs: number[][][][], blockSize: number, outputs: number[][][][]) => testPad(inputs, ZEROS, blockSize, outputs);

  it('testSmallInput2x2', () =>
    testOne(
      [
        [
          [[1], [2]],
          [[3], [4]],
        ],
      ],
      2,
      [[[[1]]], [[[2]]], [[[3]]], [[[4]]]],
    ));
  it('testSmallInput2x2Pad1x0', () =>
    testPad(
      [
        [
          [[1], [2]],
          [[3], [4]],
        ],
      ],
      [
        [1, 0],
        [1, 0],
      ],
      3,
      [[[[0]]], [[[0]]], [[[0]]], [[[0]]], [[[1]]], [[[2]]], [[[0]]], [[[3]]], [[[4]]]],
    ));
  it('testDepthInput2x2', () =>
    testOne(
      [
        [
          [
            [1, 2, 3],
            [4, 5, 6],
          ],
          [
            [7, 8, 9],
            [10, 11, 12],
          ],
        ],
      ],
      2,
      [[[[1, 2, 3]]], [[[4, 5, 6]]], [[[7, 8, 9]]], [[[10, 11, 12]]]],
    ));
  it('testLargerInput2x2', () =>
    testOne(
      [
        [
          [[1], [2], [3], [4]],
          [[5], [6], [7], [8]],
          [[9], [10], [11], [12]],
          [[13], [14], [15], [16]],
        ],
      ],
      2,
      [
        [
          [[1], [3]],
          [[9], [11]],
        ],
        [
          [[2], [4]],
          [[10], [12]],
        ],
        [
          [[5], [7]],
          [[13], [15]],
        ],
        [
          [[6], [8]],
          [[14], [16]],
        ],
      ],
    ));
  it('testBatchInput2x2', () =>
    testOne(
      [
        [
          [[1], [2], [3], [4]],
          [[5], [6], [7], [8]],
        ],
        [
          [[9], [10], [11], [12]],
          [[13], [14], [15], [16]],
        ],
      ],
      2,
      [[[[1], [3]]], [[[9], [11]]], [[[2], [4]]], [[[10], [12]]], [[[5], [7]]], [[[13], [15]]], [[[6], [8]]], [[[14], [16]]]],
    ));
  it('testLargerInputBatch2x2', () =>
    testOne(
      [
        [
          [[1], [2], [3], [4]],
          [[5], [6], [7], [8]],
          [[9], [10], [11], [12]],
          [[13], [14], [15], [16]],
        ],
        [
          [[17], [18], [19], [20]],
          [[21], [22], [23], [24]],
          [[25], [26], [27], [28]],
          [[29], [30], [31], [32]],
        ],
      ],
      2,
      [
        [
          [[1], [3]],
          [[9], [11]],
        ],
        [
          [[17], [19]],
          [[25], [27]],
        ],
        [
          [[2], [4]],
          [[10], [12]],
        ],
        [
          [[18], [20]],
          [[26], [28]],
        ],
        [
          [[5], [7]],
          [[13], [15]],
        ],
        [
          [[21], [23]],
          [[29], [31]],
        ],
        [
          [[6], [8]],
          [[14], [16]],
        ],
        [
          [[22], [24]],
          [[30], [32]],
        ],
      ],
    ));
}

describe('SpaceToBatchTest (tf.space_to_batch: SpaceToBatchND)', () => spaceToBatchTests(PYTHON));
describe('SpaceToBatchCppTest (the SpaceToBatch and BatchToSpace ops)', () => spaceToBatchTests(CPP));

describe('SpaceToBatchNDTest', () => {
  async function testPad(
    inputs: tf.NDArray | number[] | number[][] | number[][][],
    block: number[],
    paddings: number[][],
    outputs: tf.NDArray | number[] | number[][] | number[][][],
  ) {
    const pads = tf.NDArray.zeros([block.length, 2], 'int64');
    pads.data.set(paddings.flat());
    const blockArr = np(block, 'int64');
    const y = await evaluate(() => tf.space_to_batch_nd(tf.to_float(inputs), blockArr, pads));
    assertAllEqual(y, outputs);
    const x = await evaluate(() => tf.batch_to_space_nd(tf.to_float(outputs), blockArr, pads));
    assertAllEqual(x, inputs);
  }
  const testDirect = (shape: number[], block: number[], paddings: number[][]) => {
    const inputs = tf.NDArray.zeros(shape, 'float32');
    for (let i = 0; i < inputs.size; i++) inputs.data[i] = i;
    return testPad(inputs, block, paddings, spaceToBatchDirect(inputs, block, paddings as [number, number][]));
  };

  it('testZeroBlockDimsZeroRemainingDims', () => testPad([1, 2], [], [], [1, 2]));
  it('testZeroBlockDimsOneRemainingDim', async () => {
    const x = [
      [1, 2],
      [3, 4],
    ];
    await testPad(x, [], [], x);
    await testPad(x, [1], [[0, 0]], x);
  });
  it('testZeroBlockDimsTwoRemainingDims', async () => {
    const x = [
      [
        [1, 2],
        [3, 4],
      ],
      [
        [5, 6],
        [7, 8],
      ],
    ];
    await testPad(x, [], [], x);
    await testPad(x, [1], [[0, 0]], x);
    await testPad(x, [1, 1], ZEROS, x);
  });
  it('testOneBlockDimZeroRemainingDims', () =>
    testPad(
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      [2],
      [[1, 0]],
      [
        [0, 2],
        [0, 5],
        [1, 3],
        [4, 6],
      ],
    ));
  it('testOneBlockDimOneRemainingDim', () =>
    testPad(
      [
        [
          [1, 11],
          [2, 21],
          [3, 31],
        ],
        [
          [4, 41],
          [5, 51],
          [6, 61],
        ],
      ],
      [2],
      [[1, 0]],
      [
        [
          [0, 0],
          [2, 21],
        ],
        [
          [0, 0],
          [5, 51],
        ],
        [
          [1, 11],
          [3, 31],
        ],
        [
          [4, 41],
          [6, 61],
        ],
      ],
    ));
  it('testDirect', async () => {
    await testDirect([3, 1, 2, 0], [3], [[0, 2]]);
    await testDirect([3, 0, 2, 5], [3], [[0, 0]]);
    await testDirect([3, 0, 2, 5], [3], [[1, 2]]);
    await testDirect(
      [3, 3, 4, 5, 2],
      [3, 4, 2],
      [
        [1, 2],
        [0, 0],
        [3, 0],
      ],
    );
    await testDirect(
      [3, 3, 4, 5, 2],
      [3, 4, 2, 2],
      [
        [1, 2],
        [0, 0],
        [3, 0],
        [0, 0],
      ],
    );
    await testDirect(
      [3, 2, 2, 3, 4, 5, 2, 5],
      [1, 1, 3, 4, 2, 2],
      [
        [0, 0],
        [0, 0],
        [1, 2],
        [0, 0],
        [3, 0],
        [0, 0],
      ],
    );
    await testDirect(
      [3, 2, 2, 3, 4, 5, 2, 5],
      [1, 1, 3, 4, 2, 2, 1],
      [
        [0, 0],
        [0, 0],
        [1, 2],
        [0, 0],
        [3, 0],
        [0, 0],
        [0, 0],
      ],
    );
  });
});

function errorHandlingTests(impl: Impl, cpp: boolean): void {
  const x4 = [
    [
      [[1], [2]],
      [[3], [4]],
    ],
  ];
  const inNewGraph = (fn: () => unknown) => thrown(() => inGraph(fn));
  it('testInputWrongDimMissingBatch', () => {
    expect(
      inNewGraph(() =>
        impl.space_to_batch(
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
  // Python: block 0 is the shape function's ValueError; C++: the attribute's minimum.
  it('testBlockSize0', () => {
    const e = inNewGraph(() => impl.space_to_batch(x4, ZEROS, 0));
    expect(e).toBeInstanceOf(tf.errors.ValueError);
    expect(e.message).toMatch(cpp ? /Attr 'block_size' of 'SpaceToBatch' Op passed 0 less than minimum 2/ : /block_shape must be positive/);
  });
  // Python builds SpaceToBatchND with block [1, 1], which is valid: TF1's ValueError there is eval() without a default
  // session. C++: the attribute's minimum.
  it('testBlockSizeOne', async () => {
    if (cpp) {
      expect(inNewGraph(() => impl.space_to_batch(x4, ZEROS, 1))).toBeInstanceOf(tf.errors.ValueError);
      return;
    }
    const out = inGraph(() => impl.space_to_batch(x4, ZEROS, 1));
    expect(await rejected(out.eval())).toBeInstanceOf(tf.errors.ValueError);
  });
  it('testBlockSizeLarger', () => {
    expect(inNewGraph(() => impl.space_to_batch(x4, ZEROS, 10))).toBeInstanceOf(tf.errors.ValueError);
  });
  it('testBlockSizeNotDivisibleWidth', () => {
    expect(
      inNewGraph(() =>
        impl.space_to_batch(
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
  it('testBlockSizeNotDivisibleHeight', () => {
    expect(
      inNewGraph(() =>
        impl.space_to_batch(
          [
            [
              [[1], [2]],
              [[3], [4]],
              [[5], [6]],
            ],
          ],
          ZEROS,
          3,
        ),
      ),
    ).toBeInstanceOf(tf.errors.ValueError);
  });
  it('testBlockSizeNotDivisibleBoth', () => {
    const e = inNewGraph(() => impl.space_to_batch(x4, ZEROS, 3));
    expect(e).toBeInstanceOf(tf.errors.ValueError);
    expect(e.message).toMatch(/Dimension size must be evenly divisible by 3 but is 2/);
  });
  it('testUnknownShape', () => {
    const t = inGraph(() => impl.space_to_batch(tf.placeholder(tf.float32), tf.placeholder(tf.int32), 4));
    expect(t.shape.ndims).toBe(4);
  });
}

describe('SpaceToBatchErrorHandlingTest', () => errorHandlingTests(PYTHON, false));
describe('SpaceToBatchErrorHandlingCppTest', () => errorHandlingTests(CPP, true));

describe('SpaceToBatchNDErrorHandlingTest', () => {
  const { testStaticShape, testDynamicShape } = ndShapeChecks((x, b, p) => tf.space_to_batch_nd(x, b, p));
  it('testBlockSize0', async () => {
    expect(testStaticShape([1, 2, 2], [0, 2], ZEROS).message).toMatch(/block_shape must be positive/);
    expect((await testDynamicShape([1, 2, 2], [0, 2], ZEROS)).message).toMatch(/Product of block sizes must be positive, got 0/);
  });
  it('testBlockSizeNegative', async () => {
    testStaticShape([1, 2, 2], [-1, 2], ZEROS);
    await testDynamicShape([1, 2, 2], [-1, 2], ZEROS);
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
    ).toMatch(/paddings cannot be negative/);
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
    ).toMatch(/Paddings must be non-negative/);
  });
  it('testBlockSizeNotDivisible', async () => {
    testStaticShape([1, 2, 3, 1], [3, 3], ZEROS);
    expect((await testDynamicShape([1, 2, 3, 1], [3, 3], ZEROS)).message).toBe('padded_shape[0]=2 is not divisible by block_shape[0]=3');
  });
  it('testBlockDimsMismatch', () => {
    expect(testStaticShape([1, 3, 3, 1], [3, 3], [[0, 0]]).message).toMatch(/Dimension 0 in both shapes must be equal, but are 1 and 2/);
  });
  it('testUnknown', () =>
    inGraph(() => {
      tf.space_to_batch_nd(tf.placeholder(tf.float32), tf.placeholder(tf.int32, [2]), tf.placeholder(tf.int32));
      let t = tf.space_to_batch_nd(tf.placeholder(tf.float32, [null, null, null, null]), tf.placeholder(tf.int32, [2]), tf.placeholder(tf.int32));
      expect(t.shape.ndims).toBe(4);
      t = tf.space_to_batch_nd(tf.placeholder(tf.float32, [null, null, null, 2]), tf.placeholder(tf.int32, [2]), tf.placeholder(tf.int32));
      expect(staticShape(t)).toEqual([null, null, null, 2]);
      t = tf.space_to_batch_nd(tf.placeholder(tf.float32, [3, null, null, 2]), [2, 3], tf.placeholder(tf.int32));
      expect(staticShape(t)).toEqual([3 * 2 * 3, null, null, 2]);
      t = tf.space_to_batch_nd(
        tf.placeholder(tf.float32, [3, null, 2, 2]),
        [2, 3],
        [
          [1, 1],
          [0, 1],
        ],
      );
      expect(staticShape(t)).toEqual([3 * 2 * 3, null, 1, 2]);
      t = tf.space_to_batch_nd(
        tf.placeholder(tf.float32, [3, 2, 3, 2]),
        [2, 3],
        [
          [1, 1],
          [0, 0],
        ],
      );
      expect(staticShape(t)).toEqual([3 * 2 * 3, 2, 1, 2]);
    }));
});

function gradientTests(impl: Impl): void {
  async function compare(b: number, h: number, w: number, d: number, blockSize: number, padBeg: number, padEnd: number) {
    const x = randn([b, h * blockSize, w * blockSize, d], 'float32');
    const pads = [
      [padBeg, padEnd],
      [padBeg, padEnd],
    ];
    const yShape = [b * blockSize * blockSize, (h * blockSize + padBeg + padEnd) / blockSize, (w * blockSize + padBeg + padEnd) / blockSize, d];
    const [t, n] = await computeGradient(
      () => {
        const xt = tf.convert_to_tensor(x);
        return { x: xt, y: impl.space_to_batch(xt, np(pads, 'int32'), blockSize) };
      },
      x,
      yShape,
      1e-5,
    );
    assertAllClose(t, n, { rtol: 1e-2, atol: 1e-5 });
  }
  it('testSmall', () => compare(1, 2, 3, 5, 2, 0, 0));
  it('testSmall2', () => compare(2, 4, 3, 2, 2, 0, 0));
  it('testSmallPad1x1', () => compare(1, 2, 3, 5, 2, 1, 1));
}

describe('SpaceToBatchGradientTest', () => gradientTests(PYTHON));
describe('SpaceToBatchGradientCppTest', () => gradientTests(CPP));

describe('SpaceToBatchNDGradientTest', () => {
  async function compare(shape: number[], block: number[], paddings: number[][]) {
    const x = randn(shape, 'float32');
    const yShape = [
      shape[0]! * block.reduce((a, b) => a * b, 1),
      ...block.map((b, i) => (shape[i + 1]! + paddings[i]![0]! + paddings[i]![1]!) / b),
      ...shape.slice(block.length + 1),
    ];
    const [t, n] = await computeGradient(
      () => {
        const xt = tf.convert_to_tensor(x);
        return { x: xt, y: tf.space_to_batch_nd(xt, block, paddings) };
      },
      x,
      yShape,
      1e-5,
    );
    assertAllClose(t, n, { rtol: 1e-2, atol: 1e-5 });
  }
  it('testSmall', () => compare([1, 4, 6, 5], [2, 2], ZEROS));
  it('testSmall2', () => compare([2, 8, 6, 2], [2, 2], ZEROS));
  it('testSmallPad1', () =>
    compare(
      [2, 4, 6, 2],
      [2, 2],
      [
        [1, 1],
        [1, 1],
      ],
    ));
  it('testSmallPadThreeBlockDims', () =>
    compare(
      [2, 2, 4, 3, 2],
      [2, 2, 2],
      [
        [1, 1],
        [1, 1],
        [1, 0],
      ],
    ));
});

describe('RequiredSpaceToBatchPaddingsTest', () => {
  function checkProperties(input: number[], block: number[], base: number[][] | null, paddings: tf.NDArray, crops: tf.NDArray): void {
    const m = block.length;
    expect(input.length).toBe(m);
    const b = base ?? block.map(() => [0, 0]);
    expect(paddings.shape).toEqual([m, 2]);
    expect(crops.shape).toEqual([m, 2]);
    for (let i = 0; i < m; i++) {
      const [p0, p1, c0, c1] = [paddings.data[2 * i]!, paddings.data[2 * i + 1]!, crops.data[2 * i]!, crops.data[2 * i + 1]!];
      expect(p0).toBe(b[i]![0]);
      expect(p1 - b[i]![1]!).toBeGreaterThanOrEqual(0);
      expect(p1 - b[i]![1]!).toBeLessThan(block[i]!);
      expect((input[i]! + p0 + p1) % block[i]!).toBe(0);
      expect(c0).toBe(0);
      expect(c1).toBe(p1 - b[i]![1]!);
    }
  }
  async function test(input: number[], block: number[], base: number[][] | null): Promise<void> {
    const m = block.length;
    const asMatrix = (v: number[][]) => {
      const a = tf.NDArray.zeros([m, 2], 'int32');
      a.data.set(v.flat());
      return a;
    };
    const [pc, cc] = inGraph(() => {
      const [p, c] = tf.required_space_to_batch_paddings(np(input, 'int32'), np(block, 'int32'), base === null ? null : asMatrix(base));
      return [constantValue(p), constantValue(c)];
    });
    expect(pc).not.toBeNull();
    expect(cc).not.toBeNull();
    checkProperties(input, block, base, pc!, cc!);
    await inSession(async (g, sess) => {
      const [feeds, p, c] = g.as_default(() => {
        const feeds = new Map<tf.Tensor, tf.NDArray>();
        const ip = tf.placeholder(tf.int32);
        feeds.set(ip, np(input, 'int32'));
        const bp = tf.placeholder(tf.int32, [m]);
        feeds.set(bp, np(block, 'int32'));
        let basep: tf.Tensor | null = null;
        if (base !== null) {
          basep = tf.placeholder(tf.int32, [m, 2]);
          feeds.set(basep, asMatrix(base));
        }
        const [p, c] = tf.required_space_to_batch_paddings(ip, bp, basep);
        return [feeds, p, c] as const;
      });
      const [pr, cr] = (await sess.run([p, c], feeds)) as tf.NDArray[];
      assertAllEqual(pr!, pc!);
      assertAllEqual(cr!, cc!);
    });
  }
  it('testSimple', async () => {
    await test([], [], null);
    await test([], [], []);
    await test([1], [2], null);
    await test([1], [2], [[1, 0]]);
    await test([3], [1], [[1, 2]]);
    await test([1], [2], [[2, 3]]);
    await test([4, 5], [3, 2], null);
    await test(
      [4, 5],
      [3, 2],
      [
        [0, 0],
        [0, 1],
      ],
    );
  });
});
