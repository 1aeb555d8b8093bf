// TF1's tensorflow/python/kernel_tests/constant_op_test.py, ported. Source read: r1.15
// (microsoft/tensorflow-directml), with r1.12's forms where they differ (constant pads a short value
// list and raises "Too many elements provided" for a long one; no constant_v1). use_gpu runs are the
// CPU backend here, as TF1 runs them on a machine without a GPU. Cases tf1-ts cannot express are
// listed in NOT_PORTED.md. JavaScript has no float literal, so TF1's `5.0` is `tf.constant(5.0, tf.float32)`
// where the dtype matters.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { arange, assertAllClose, assertAllEqual, evaluate, gradientError, inGraph, inSession, randn, rejected, staticShape, thrown } from './helpers.js';

/** TF1's _testCpu/_testGpu: convert_to_tensor(x) evaluates to x (close for floats, equal otherwise). */
async function testAll(x: tf.NDArray): Promise<void> {
  await inSession(async (g, sess) => {
    const t = g.as_default(() => tf.convert_to_tensor(x));
    const v = await sess.run(t);
    expect(v.dtype).toBe(x.dtype);
    if (x.dtype === 'float32' || x.dtype === 'float64') assertAllClose(v, x);
    else assertAllEqual(v, x);
  });
}

/** NumPy's astype to an integer dtype: truncation toward zero. */
function truncated(a: tf.NDArray, dtype: tf.DType): tf.NDArray {
  const out = tf.NDArray.zeros(a.shape, dtype);
  for (let i = 0; i < a.size; i++) out.data[i] = Math.trunc(a.data[i]!);
  return out;
}

function scaled(a: tf.NDArray, k: number): tf.NDArray {
  const out = tf.NDArray.zeros(a.shape, 'float64');
  for (let i = 0; i < a.size; i++) out.data[i] = k * a.data[i]!;
  return out;
}

describe('ConstantTest', () => {
  it('testInvalidDType', () => {
    // TF1: constant(dtypes.string, "[,]"); a dtype is no value and "[,]" no dtype.
    expect(thrown(() => tf.constant(tf.int32 as never, '[,]' as never))).toBeInstanceOf(tf.errors.TypeError);
  });

  for (const dtype of ['float32', 'float64'] as const) {
    it(dtype === 'float32' ? 'testFloat' : 'testDouble', async () => {
      await testAll(arange(-15, 15, [2, 3, 5], dtype));
      await testAll(randn([2, 3, 5], dtype));
      await testAll(tf.NDArray.zeros([2, 0, 5], dtype));
    });
  }

  for (const dtype of ['int32', 'int64'] as const) {
    it(dtype === 'int32' ? 'testInt32' : 'testInt64', async () => {
      await testAll(arange(-15, 15, [2, 3, 5], dtype));
      await testAll(truncated(scaled(randn([2, 3, 5], 'float64'), 100), dtype));
      await testAll(tf.NDArray.zeros([2, 0, 5], dtype));
    });
  }

  it('testExplicitShapeNumPy', () => {
    const c = inGraph(() => tf.constant(arange(-15, 15, [2, 3, 5]), { shape: [2, 3, 5] }));
    expect(staticShape(c)).toEqual([2, 3, 5]);
  });

  it('testImplicitShapeNumPy', () => {
    const c = inGraph(() => tf.constant(arange(-15, 15, [2, 3, 5])));
    expect(staticShape(c)).toEqual([2, 3, 5]);
  });

  it('testExplicitShapeList', () => {
    const c = inGraph(() => tf.constant([1, 2, 3, 4, 5, 6, 7], { shape: [7] }));
    expect(staticShape(c)).toEqual([7]);
  });

  it('testImplicitShapeList', () => {
    const c = inGraph(() => tf.constant([1, 2, 3, 4, 5, 6, 7]));
    expect(staticShape(c)).toEqual([7]);
  });

  it('testExplicitShapeNumber', () => {
    const c = inGraph(() => tf.constant(1, { shape: [1] }));
    expect(staticShape(c)).toEqual([1]);
  });

  it('testImplicitShapeNumber', () => {
    const c = inGraph(() => tf.constant(1));
    expect(staticShape(c)).toEqual([]);
  });

  it('testShapeInconsistent', async () => {
    // r1.12: fewer values than the shape are padded with the last one.
    await inSession(async (g, sess) => {
      const c = g.as_default(() => tf.constant([1, 2, 3, 4, 5, 6, 7], { shape: [10] }));
      expect(staticShape(c)).toEqual([10]);
      assertAllEqual(await sess.run(c), [1, 2, 3, 4, 5, 6, 7, 7, 7, 7]);
    });
  });

  it('testPromotionShapes', () => {
    expect(staticShape(inGraph(() => tf.constant([7], { shape: [10] })))).toEqual([10]);
    expect(staticShape(inGraph(() => tf.constant(3, { shape: [10] })))).toEqual([10]);
  });

  it('testShapeWrong', () => {
    const e = thrown(() => inGraph(() => tf.constant([1, 2, 3, 4, 5, 6, 7], { shape: [5] })));
    expect(e).toBeInstanceOf(tf.errors.ValueError);
    expect(e.message).toBe('Too many elements provided. Needed at most 5, but received 7');
  });

  it('testSparseValuesRaiseErrors', () => {
    const withDtype = thrown(() => inGraph(() => tf.constant([[1, 2], [3]] as never, tf.int32)));
    expect(withDtype).toBeInstanceOf(tf.errors.ValueError);
    expect(withDtype.message).toMatch(/setting an array element with a sequence/);
    for (const v of [
      [[1, 2], [3]],
      [[1, 2], [3], [4, 5]],
    ]) {
      const e = thrown(() => inGraph(() => tf.constant(v as never)));
      expect(e).toBeInstanceOf(tf.errors.ValueError);
      expect(e.message).toMatch(/must be a dense/);
    }
  });
});

describe('AsTensorTest', () => {
  it('testAsTensorForTensorInput', () => {
    inGraph(() => {
      const t = tf.constant(10.0);
      expect(tf.convert_to_tensor(t)).toBe(t);
    });
  });

  it('testAsTensorForNonTensorInput', () => {
    expect(inGraph(() => tf.convert_to_tensor(10.0))).toBeInstanceOf(tf.Tensor);
  });

  it('testAsTensorForShapeInput', async () => {
    await inSession(async (g, sess) => {
      const check = async (s: tf.TensorShape, dtype: tf.DType | undefined, want: tf.DType, values: number[]): Promise<void> => {
        const x = g.as_default(() => (dtype ? tf.convert_to_tensor(s, dtype) : tf.convert_to_tensor(s)));
        expect(x.dtype).toBe(want);
        assertAllEqual(await sess.run(x), values);
      };
      await check(new tf.TensorShape([]), undefined, 'int32', []);
      await check(new tf.TensorShape([1, 2, 3]), undefined, 'int32', [1, 2, 3]);
      await check(new tf.TensorShape([2 ** 31 - 1, 2, 3]), undefined, 'int32', [2 ** 31 - 1, 2, 3]);
      await check(new tf.TensorShape([2 ** 31 - 1, 2, 3]), 'int32', 'int32', [2 ** 31 - 1, 2, 3]);
      await check(new tf.TensorShape([2 ** 31, 2, 3]), undefined, 'int64', [2 ** 31, 2, 3]);
      await check(new tf.TensorShape([2 ** 31, 2, 3]), 'int64', 'int64', [2 ** 31, 2, 3]);
      const tooLarge = thrown(() => g.as_default(() => tf.convert_to_tensor(new tf.TensorShape([2 ** 31, 2, 3]), tf.int32)));
      expect(tooLarge).toBeInstanceOf(tf.errors.ValueError);
      expect(tooLarge.message).toMatch(/a dimension is too large .2147483648./);
      await check(new tf.TensorShape([1, 2, 3]), 'int64', 'int64', [1, 2, 3]);
      const x = g.as_default(() => tf.reshape(tf.zeros([6]), new tf.TensorShape([2, 3])));
      assertAllEqual(await sess.run(x), [
        [0, 0, 0],
        [0, 0, 0],
      ]);
    });
    for (const s of [new tf.TensorShape(null), new tf.TensorShape([1, null, 64])]) {
      const e = thrown(() => inGraph(() => tf.convert_to_tensor(s)));
      expect(e).toBeInstanceOf(tf.errors.ValueError);
      expect(e.message).toMatch(/partially known/);
    }
    expect(thrown(() => inGraph(() => tf.convert_to_tensor(new tf.TensorShape([1, 2, 3]), tf.float32)))).toBeInstanceOf(tf.errors.TypeError);
  });

  it('testAsTensorForDimensionInput', async () => {
    // tf1-ts's TensorShape holds its dimensions as numbers, so `TensorShape([1, 2, 3])[1]` is the number 2.
    await inSession(async (g, sess) => {
      const dim = new tf.TensorShape([1, 2, 3]).dims![1]!;
      const x = g.as_default(() => tf.convert_to_tensor(dim));
      expect(x.dtype).toBe('int32');
      assertAllEqual(await sess.run(x), 2);
      const y = g.as_default(() => tf.convert_to_tensor(dim, tf.int64));
      expect(y.dtype).toBe('int64');
      assertAllEqual(await sess.run(y), 2);
    });
  });
});

describe('IdentityOpTest', () => {
  it('testIdTensor', () => {
    const idOp = inGraph(() => tf.identity(tf.constant(2.0, { dtype: tf.float32, shape: [6], name: 'input' }), 'id'));
    expect(idOp.op.inputs[0]).toBeInstanceOf(tf.Tensor);
    const node = idOp.graph.as_graph_def().node.find((n) => n.name === 'id')!;
    expect([node.name, node.op, node.input]).toEqual(['id', 'Identity', ['input']]);
    expect(idOp.dtype).toBe('float32');
  });
});

/** TF1's ZerosTest/OnesTest `_Zeros(shape)`: zeros(shape) has that static shape; its value. */
async function filledOf(fn: typeof tf.zeros, shape: number[]): Promise<tf.NDArray> {
  return inSession(async (g, sess) => {
    const ret = g.as_default(() => fn(shape));
    expect(staticShape(ret)).toEqual(shape);
    return sess.run(ret);
  });
}

const TYPES: tf.DType[] = ['float32', 'float64', 'int32', 'int64', 'bool', 'uint8', 'int8', 'int16', 'uint16'];

for (const [name, fn, value] of [
  ['ZerosTest', tf.zeros, 0],
  ['OnesTest', tf.ones, 1],
] as const) {
  describe(name, () => {
    it('testConst', async () => {
      assertAllEqual(await filledOf(fn, [2, 3]), [
        [value, value, value],
        [value, value, value],
      ]);
    });

    it('testScalar', async () => {
      assertAllEqual(await filledOf(fn, []), value);
      await inSession(async (g, sess) => {
        const scalar = g.as_default(() => fn(tf.constant([], tf.int32)));
        assertAllEqual(await sess.run(scalar), value);
      });
    });

    it('testDynamicSizes', async () => {
      await inSession(async (g, sess) => {
        const d = g.as_default(() => tf.fill([2, 3], 12.0, 'fill'));
        const z = g.as_default(() => fn(tf.shape(d)));
        assertAllEqual(await sess.run(z), [
          [value, value, value],
          [value, value, value],
        ]);
        expect(staticShape(d)).toEqual([2, 3]);
        expect(staticShape(z)).toEqual([2, 3]);
      });
    });

    it('testDtype', async () => {
      await inSession(async (g, sess) => {
        const d = g.as_default(() => tf.fill([2, 3], 12.0, 'fill'));
        expect(staticShape(d)).toEqual([2, 3]);
        const expected = [
          [value, value, value],
          [value, value, value],
        ];
        for (const z of g.as_default(() => [fn([2, 3]), fn(tf.shape(d))])) {
          expect(z.dtype).toBe('float32');
          expect(staticShape(z)).toEqual([2, 3]);
          assertAllEqual(await sess.run(z), expected);
        }
        for (const dtype of TYPES) {
          for (const z of g.as_default(() => [fn([2, 3], dtype), fn(tf.shape(d), dtype)])) {
            expect(z.dtype).toBe(dtype);
            expect(staticShape(z)).toEqual([2, 3]);
            assertAllEqual(await sess.run(z), expected);
          }
        }
      });
    });
  });
}

/** TF1's ZerosLikeTest._compareZeros. */
async function compareZeros(dtype: tf.DType, fullyDefinedShape: boolean): Promise<void> {
  await inSession(async (g, sess) => {
    const ones = tf.NDArray.zeros([2, 3], dtype);
    ones.data.fill(1);
    const d = g.as_default(() => (fullyDefinedShape ? tf.constant(ones, dtype) : tf.placeholder(dtype)));
    const z = g.as_default(() => tf.zeros_like(d));
    expect(z.dtype).toBe(dtype);
    if (fullyDefinedShape) expect(staticShape(z)).toEqual([2, 3]);
    const v = await sess.run(z, fullyDefinedShape ? undefined : new Map([[d, ones]]));
    expect(v.data.some((x) => x !== 0)).toBe(false);
    expect([...v.shape]).toEqual([2, 3]);
  });
}

describe('ZerosLikeTest', () => {
  for (const name of ['testZerosLikeCPU', 'testZerosLikeGPU']) {
    it(name, async () => {
      for (const dtype of TYPES) {
        await compareZeros(dtype, false);
        await compareZeros(dtype, true);
      }
    });
  }

  it('testZerosLikePartialShape', () => {
    inGraph(() => {
      const d = tf.placeholder(tf.float32, [null, 4, null]);
      expect(staticShape(tf.zeros_like(d))).toEqual(staticShape(d));
    });
  });

  it('testZerosLikeDtype', async () => {
    await inSession(async (g, sess) => {
      const x = arange(0, 15, [3, 5], 'float32');
      const y = await sess.run(g.as_default(() => tf.zeros_like(x, tf.float32)));
      expect(y.dtype).toBe('float32');
      assertAllEqual(y, tf.NDArray.zeros([3, 5]));
    });
  });
});

describe('OnesLikeTest', () => {
  it('testOnesLike', async () => {
    for (const dtype of TYPES) {
      await inSession(async (g, sess) => {
        const ones = tf.NDArray.zeros([2, 3], dtype);
        ones.data.fill(1);
        const z = g.as_default(() => tf.ones_like(tf.constant(ones, dtype)));
        expect(z.dtype).toBe(dtype);
        assertAllEqual(await sess.run(z), [
          [1, 1, 1],
          [1, 1, 1],
        ]);
        expect(staticShape(z)).toEqual([2, 3]);
      });
    }
  });

  it('testOnesLikePartialShape', () => {
    inGraph(() => {
      const d = tf.placeholder(tf.float32, [null, 4, null]);
      expect(staticShape(tf.ones_like(d))).toEqual(staticShape(d));
    });
  });
});

/** TF1's FillTest._compareAll: fill(dims, val) equals np_ans. */
async function compareFill(dims: number[], val: tf.NDArray, expected: tf.NDArray): Promise<void> {
  await inSession(async (g, sess) => {
    const t = g.as_default(() => tf.fill(dims, val, 'fill'));
    const out = await sess.run(t);
    expect(out.dtype).toBe(expected.dtype);
    assertAllClose(out, expected);
  });
}

const full = (shape: number[], v: number, dtype: tf.DType): tf.NDArray => {
  const a = tf.NDArray.zeros(shape, dtype);
  a.data.fill(v);
  return a;
};

describe('FillTest', () => {
  // biome-ignore lint/suspicious/noApproximativeNumericConstant: TF1's test fills with 3.1415, not pi
  const FILL = 3.1415;
  for (const [name, v, dtype] of [
    ['testFillFloat', FILL, 'float32'],
    ['testFillDouble', FILL, 'float64'],
    ['testFillInt32', 42, 'int32'],
    ['testFillInt64', -42, 'int64'],
  ] as const) {
    it(name, async () => {
      const ans = full([2, 3], v, dtype);
      await compareFill([2, 3], full([], ans.data[0]!, dtype), ans);
    });
  }

  it('testFillNegative', async () => {
    const shapes: (number | number[])[] = [[-1], [2, -1], [-1, 2], -2, -3];
    for (const shape of shapes) {
      expect(thrown(() => inGraph(() => tf.fill(shape as never, 7)))).toBeInstanceOf(tf.errors.ValueError);
    }
    await inSession(async (g, sess) => {
      const dims = g.as_default(() => tf.placeholder(tf.int32));
      const fillT = g.as_default(() => tf.fill(dims, 3.0));
      for (const shape of shapes) {
        const fed =
          typeof shape === 'number' ? new tf.NDArray(Int32Array.of(shape), [], 'int32') : new tf.NDArray(Int32Array.from(shape), [shape.length], 'int32');
        expect(await rejected(sess.run(fillT, new Map([[dims, fed]])))).toBeInstanceOf(tf.errors.InvalidArgumentError);
      }
    });
  });

  it('testShapeFunctionEdgeCases', () => {
    // Non-vector dimensions.
    expect(
      thrown(() =>
        inGraph(() =>
          tf.fill(
            [
              [0, 1],
              [2, 3],
            ] as never,
            1.0,
          ),
        ),
      ),
    ).toBeInstanceOf(tf.errors.ValueError);
    // Non-scalar value.
    expect(thrown(() => inGraph(() => tf.fill([3, 2], [1.0, 2.0])))).toBeInstanceOf(tf.errors.ValueError);
    // Partial dimension information.
    const f = inGraph(() => tf.fill(tf.placeholder(tf.int32, [4]), 3.0));
    expect(staticShape(f)).toEqual([null, null, null, null]);
  });

  it('testGradient', async () => {
    await inSession(async (g, sess) => {
      const [inV, outFilled] = g.as_default(() => {
        const v = tf.constant(5.0, tf.float32);
        return [v, tf.fill([3, 2], v)] as const;
      });
      expect(await gradientError(sess, inV, [], outFilled, [3, 2])).toBeLessThan(1e-3);
    });
  });
});

describe('PlaceholderTest', () => {
  it('testDtype', async () => {
    await inSession(async (g, sess) => {
      const p = g.as_default(() => tf.placeholder(tf.float32, [10, 10], 'p'));
      const pIdentity = g.as_default(() => tf.identity(p));
      const feed = randn([10, 10]);
      assertAllClose(await sess.run(pIdentity, new Map([[p, feed]])), feed);
      const e = await rejected(sess.run(pIdentity));
      expect(e).toBeInstanceOf(tf.errors.OpError);
      expect(e.message).toMatch(/must feed a value for placeholder tensor 'p' with dtype float/);
    });
  });

  it('testShape', async () => {
    await inSession(async (g, sess) => {
      const p = g.as_default(() => tf.placeholder(tf.float32, [10, 10], 'p'));
      const pIdentity = g.as_default(() => tf.identity(p));
      const feed = randn([10, 10]);
      assertAllClose(await sess.run(pIdentity, new Map([[p, feed]])), feed);
      const e = await rejected(sess.run(pIdentity));
      expect(e).toBeInstanceOf(tf.errors.OpError);
      expect(e.message).toMatch(/must feed a value for placeholder tensor 'p' with dtype float and shape \[10,10\]/);
      const bad = await rejected(sess.run(pIdentity, new Map([[p, randn([5, 5])]])));
      expect(bad).toBeInstanceOf(tf.errors.ValueError);
      expect(bad.message).toMatch(/Cannot feed value of shape/);
    });
  });

  it('testUnknownShape', async () => {
    await inSession(async (g, sess) => {
      const p = g.as_default(() => tf.placeholder(tf.float32, null, 'p'));
      const pIdentity = g.as_default(() => tf.identity(p));
      for (const feed of [randn([10, 3]), randn([4, 2, 5])]) assertAllClose(await sess.run(pIdentity, new Map([[p, feed]])), feed);
    });
  });

  it('testScalarShape', async () => {
    await inSession(async (g, sess) => {
      const p = g.as_default(() => tf.placeholder(tf.float32, [], 'p'));
      const pIdentity = g.as_default(() => tf.identity(p));
      assertAllClose(await sess.run(pIdentity, new Map([[p, 5]])), 5);
    });
  });

  it('testPartialShape', async () => {
    await inSession(async (g, sess) => {
      const p = g.as_default(() => tf.placeholder(tf.float32, [null, 3], 'p'));
      const pIdentity = g.as_default(() => tf.identity(p));
      const feed = randn([10, 3]);
      assertAllClose(await sess.run(pIdentity, new Map([[p, feed]])), feed);
      const bad = await rejected(sess.run(pIdentity, new Map([[p, randn([5, 2])]])));
      expect(bad).toBeInstanceOf(tf.errors.ValueError);
      expect(bad.message).toMatch(/Cannot feed value of shape/);
    });
  });

  it('testPartialShapeWhenNotFed', async () => {
    await inSession(async (g, sess) => {
      const p = g.as_default(() => tf.placeholder(tf.float32, [null, 3], 'p'));
      const pIdentity = g.as_default(() => tf.identity(p));
      const e = await rejected(sess.run(pIdentity));
      expect(e).toBeInstanceOf(tf.errors.OpError);
      expect(e.message).toMatch(/must feed a value for placeholder tensor 'p' with dtype float/);
    });
  });

  it('testControlDependency', async () => {
    await inSession(async (g, sess) => {
      const [p, d] = g.as_default(() => {
        const p = tf.placeholder(tf.int32, [], 'p');
        const c = tf.control_dependencies([p], () => tf.constant(5, tf.int32));
        return [p, tf.multiply(p, c)] as const;
      });
      assertAllEqual(await sess.run(d, new Map([[p, new tf.NDArray(Int32Array.of(2), [], 'int32')]])), 10);
    });
  });

  it('testBadShape', () => {
    expect(thrown(() => inGraph(() => tf.placeholder(tf.float32, [-1, 10])))).toBeInstanceOf(tf.errors.ValueError);
  });

  it('testTensorStr', () => {
    // TF1's repr of a Tensor; tf1-ts prints the str form, `Tensor("a:0", ...)`, with the same shape and dtype.
    inGraph(() => {
      expect(String(tf.placeholder(tf.float32, null, 'a'))).toBe('Tensor("a:0", shape=<unknown>, dtype=float32)');
      expect(String(tf.placeholder(tf.int32, [32, 40], 'b'))).toBe('Tensor("b:0", shape=(32, 40), dtype=int32)');
    });
  });
});

// The string dtype (tf.string): TF1's byte strings, a Uint8Array each.
describe('ConstantTest, string tensors', () => {
  it('testString', async () => {
    const val = Array.from({ length: 30 }, (_, i) => String(i - 15));
    await testAll(tf.NDArray.fromStrings(val, [2, 3, 5]));
    await testAll(tf.NDArray.fromStrings([], [2, 0, 5]));
  });

  it('testStringWithNulls', async () => {
    const bytes = (...b: number[]) => Uint8Array.from(b);
    await inSession(async (g, sess) => {
      let val = await sess.run(g.as_default(() => tf.convert_to_tensor(bytes(0, 0, 0, 0), tf.string)));
      expect(val.strings[0]!.length).toBe(4);
      expect(val.strings[0]).toEqual(bytes(0, 0, 0, 0));
      val = await sess.run(g.as_default(() => tf.convert_to_tensor(bytes(120, 120, 0, 120, 120), tf.string)));
      expect(val.strings[0]!.length).toBe(5);
      expect(val.strings[0]).toEqual(bytes(120, 120, 0, 120, 120));
      const nested = [
        [bytes(0, 0, 0, 0), bytes(120, 120, 0, 120, 120)],
        [bytes(0, 95, 0, 95, 0, 95, 0), bytes(0)],
      ];
      val = await sess.run(g.as_default(() => tf.convert_to_tensor(nested)));
      expect(val.tolist()).toEqual(nested);
    });
  });
});

describe('FillTest, string tensors', () => {
  it('testFillString', async () => {
    const npAns = [
      ['yolo', 'yolo', 'yolo'],
      ['yolo', 'yolo', 'yolo'],
    ];
    assertAllEqual(await evaluate(() => tf.fill([2, 3], npAns[0]![0]!, { name: 'fill' })), npAns);
  });
});
