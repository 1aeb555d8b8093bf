// TF1's tensorflow/python/kernel_tests/shape_ops_test.py, ported. Source read: r1.15
// (microsoft/tensorflow-directml), whose cases are r1.12's. use_gpu runs are the CPU backend here.
// Cases tf1-ts cannot express (SparseTensor) are listed in NOT_PORTED.md; TileTest's gather cases are in
// shape_ops_test_tile_gather.test.ts.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { denseGradients } from '../helpers/dense_gradients.js';
import { assertAllClose, assertAllEqual, gradientError, inGraph, inSession, rand, randn, staticShape, thrown } from './helpers.js';

/** `np.random.choice((False, True), size=shape)`. */
function choice(shape: readonly number[]): tf.NDArray {
  const a = tf.NDArray.zeros(shape, 'bool');
  for (let i = 0; i < a.size; i++) a.data[i] = Math.random() < 0.5 ? 1 : 0;
  return a;
}

/** TF1's _compareShape, _compareShapeN, _compareRank and _compareSize (the dense ones; sparse tensors are not in tf1-ts). */
async function testAll(x: tf.NDArray): Promise<void> {
  await inSession(async (g, sess) => {
    const [shape, shape64, rank, size, size64] = g.as_default(() => [
      tf.shape(x),
      tf.shape(x, { out_type: 'int64' }),
      tf.rank(x),
      tf.size(x),
      tf.size(x, { out_type: 'int64' }),
    ]);
    assertAllEqual(await sess.run(shape), [...x.shape]);
    assertAllEqual(await sess.run(shape64), [...x.shape]);
    expect((await sess.run(shape64)).dtype).toBe('int64');
    expect(staticShape(shape)).toEqual([x.shape.length]);
    assertAllEqual(await sess.run(rank), x.shape.length);
    expect(staticShape(rank)).toEqual([]);
    assertAllEqual(await sess.run(size), x.size);
    assertAllEqual(await sess.run(size64), x.size);
    expect(staticShape(size)).toEqual([]);
    const [shapeN, shapeN64] = g.as_default(() => [tf.shape_n([x, x, x]), tf.shape_n([x, x, x], { out_type: 'int64' })]);
    const [result, result64] = [(await sess.run(shapeN)) as tf.NDArray[], (await sess.run(shapeN64)) as tf.NDArray[]];
    for (let i = 0; i < 3; i++) {
      assertAllEqual(result[i]!, [...x.shape]);
      assertAllEqual(result64[i]!, [...x.shape]);
      expect(staticShape(shapeN[i]!)).toEqual([x.shape.length]);
    }
  });
}

const SHAPES = [[2], [2, 3], [2, 3, 5], [2, 3, 5, 7], [2, 3, 5, 7, 11], [2, 3, 5, 7, 11, 13]];

/** TF1's _compareExpandDims: expand_dims(x, dim) equals np.expand_dims, in shape and value. */
async function compareExpandDims(x: tf.NDArray, dim: number): Promise<void> {
  const at = dim < 0 ? dim + x.shape.length + 1 : dim;
  const want = [...x.shape.slice(0, at), 1, ...x.shape.slice(at)];
  await inSession(async (g, sess) => {
    const tensor = g.as_default(() => tf.expand_dims(x, dim));
    const out = await sess.run(tensor);
    expect(staticShape(tensor)).toEqual(want);
    expect([...out.shape]).toEqual(want);
    expect(Array.from(out.data)).toEqual(Array.from(x.data));
  });
}

const EXPAND_CASES: [number[], number[]][] = [
  [[2], [0, 1, -1]],
  [
    [2, 3],
    [0, 1, 2, -1, -2],
  ],
  [
    [2, 3, 5],
    [0, 1, 2, 3, -1, -2, -3, -4],
  ],
];

describe('ShapeOpsTest', () => {
  it('testBasic', async () => {
    for (const s of SHAPES) await testAll(randn(s, 'float64'));
  });

  it('testBool', async () => {
    for (const s of SHAPES) await testAll(choice(s));
  });

  it('testExpandDims', async () => {
    for (const [s, dims] of EXPAND_CASES) for (const d of dims) await compareExpandDims(tf.NDArray.zeros(s, 'float64'), d);
  });

  it('testExpandDimsBool', async () => {
    for (const [s, dims] of EXPAND_CASES) for (const d of dims) await compareExpandDims(choice(s), d);
  });

  it('testExpandDimsErrors', () => {
    for (const [x, dim] of [
      [tf.NDArray.zeros([2, 3, 5], 'float64'), -5],
      [[false, true, true], -5],
      [tf.NDArray.zeros([2, 3, 5], 'float64'), 4],
      [[false, true, true], 4],
    ] as const) {
      expect(thrown(() => inGraph(() => tf.expand_dims(x as never, dim)))).toBeInstanceOf(tf.errors.ValueError);
    }
  });

  it('testExpandDimsGradient', async () => {
    await inSession(async (g, sess) => {
      const [inp, squeezed] = g.as_default(() => {
        const inp = tf.constant(rand([4, 2]), tf.float32);
        return [inp, tf.expand_dims(inp, 1)] as const;
      });
      expect(await gradientError(sess, inp, [4, 2], squeezed, [4, 1, 2])).toBeLessThan(1e-3);
    });
  });

  it('testExpandDimsScalar', async () => {
    await inSession(async (g, sess) => {
      for (const v of [7, true]) {
        const inp = g.as_default(() => tf.constant(v));
        assertAllEqual(await sess.run(g.as_default(() => tf.expand_dims(inp, 0))), [v]);
        assertAllEqual(await sess.run(g.as_default(() => tf.expand_dims(inp, -1))), [v]);
      }
    });
  });

  it('testExpandDimsDimType', async () => {
    for (const dtype of [tf.int32, tf.int64]) {
      await inSession(async (g, sess) => {
        const x = tf.NDArray.zeros([2], 'float64');
        const tensor = g.as_default(() => tf.expand_dims(x, tf.constant(0, dtype)));
        const out = await sess.run(tensor);
        expect(staticShape(tensor)).toEqual([1, 2]);
        assertAllEqual(out, [[0, 0]]);
      });
    }
  });
});

/** `np.tile(x, multiples)`. */
function npTile(x: tf.NDArray, multiples: readonly number[]): tf.NDArray {
  const outShape = x.shape.map((d, i) => d * multiples[i]!);
  const out = tf.NDArray.zeros(outShape, x.dtype);
  const idx = new Array<number>(outShape.length).fill(0);
  for (let k = 0; k < out.size; k++) {
    let src = 0;
    for (let a = 0; a < idx.length; a++) src = src * x.shape[a]! + (idx[a]! % x.shape[a]!);
    out.data[k] = x.data[src]!;
    for (let a = idx.length - 1; a >= 0; a--) {
      if (++idx[a]! < outShape[a]!) break;
      idx[a] = 0;
    }
  }
  return out;
}

/** A random int in [lo, hi), as np.random.randint. */
const randint = (lo: number, hi: number): number => lo + Math.floor(Math.random() * (hi - lo));

/** The gradient of tile(a, multiples) for an upstream gradient `gradInp`, and its static shape. */
async function tileGrad(
  inp: tf.NDArray,
  multiples: number[] | ((g: tf.Graph) => tf.Tensor),
  gradInp: tf.NDArray,
): Promise<[tf.NDArray, (number | null)[] | null]> {
  return inSession(async (g, sess) => {
    const grad = g.as_default(() => {
      const a = tf.constant(inp);
      const tiled = tf.tile(a, typeof multiples === 'function' ? multiples(g) : multiples);
      return denseGradients([tiled], [a], [tf.constant(gradInp)])[0]!;
    });
    return [await sess.run(grad), staticShape(grad)];
  });
}

/** `grad_inp[:, cols]` summed per row, as the strided reduction expects. */
function stridedExpected(gradInp: tf.NDArray): tf.NDArray {
  const e = tf.NDArray.zeros([4, 2], 'float64');
  for (let r = 0; r < 4; r++) {
    e.data[r * 2] = gradInp.data[r * 4]! + gradInp.data[r * 4 + 2]!;
    e.data[r * 2 + 1] = gradInp.data[r * 4 + 1]! + gradInp.data[r * 4 + 3]!;
  }
  return e;
}

/** `np.sum(grad_inp, axis=1).reshape(4, 1)`. */
function rowSums(gradInp: tf.NDArray): tf.NDArray {
  const e = tf.NDArray.zeros([4, 1], 'float64');
  for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) e.data[r] = e.data[r]! + gradInp.data[r * 4 + c]!;
  return e;
}

/** TF1's _RunAndVerifyGradientResult: the float64 gradient of tile checked by central differences. */
async function runAndVerifyGradientResult(inputShape: number[], multiples: number[]): Promise<void> {
  const inp = rand(inputShape, 'float64');
  await inSession(async (g, sess) => {
    const [a, tiled] = g.as_default(() => {
      const a = tf.constant(inp, tf.float64);
      return [a, tf.tile(a, multiples)] as const;
    });
    const gradShape = inputShape.map((d, i) => d * multiples[i]!);
    expect(await gradientError(sess, a, inputShape, tiled, gradShape, inp)).toBeLessThan(1e-3);
  });
}

describe('TileTest', () => {
  it('testScalar', async () => {
    await inSession(async (g, sess) => {
      const tiled = g.as_default(() => tf.tile(tf.constant(7, { dtype: tf.float32, shape: [] }), []));
      const result = await sess.run(tiled);
      expect([...result.shape]).toEqual([]);
      expect(staticShape(tiled)).toEqual([]);
      expect(result.item()).toBe(7);
    });
  });

  it('testSimple', async () => {
    for (const dtype of [tf.int32, tf.int64]) {
      await inSession(async (g, sess) => {
        const inp = rand([4, 1]);
        const tiled = g.as_default(() => tf.tile(tf.constant(inp), tf.constant([1, 4], dtype)));
        const result = await sess.run(tiled);
        expect([...result.shape]).toEqual([4, 4]);
        expect(staticShape(tiled)).toEqual([4, 4]);
        assertAllEqual(result, npTile(inp, [1, 4]));
      });
    }
  });

  it('testIdentityTileAndGrad', async () => {
    await inSession(async (g, sess) => {
      const inp = rand([4, 1]);
      const tiled = g.as_default(() => tf.tile(tf.constant(inp), [1, 1]));
      const result = await sess.run(tiled);
      expect([...result.shape]).toEqual([4, 1]);
      expect(staticShape(tiled)).toEqual([4, 1]);
      assertAllEqual(result, npTile(inp, [1, 1]));
    });
  });

  it('testEmpty', async () => {
    await inSession(async (g, sess) => {
      const tiled = g.as_default(() => tf.tile(tf.constant(rand([2, 3])), [5, 0]));
      expect([...(await sess.run(tiled)).shape]).toEqual([10, 0]);
      expect(staticShape(tiled)).toEqual([10, 0]);
    });
  });

  it('testUnknownInputShape', () => {
    // Importing can call the Tile shape rule without the shape of `multiples` known.
    const g = new tf.Graph();
    const tiled = g.as_default(() => tf.tile(tf.placeholder(tf.float32), tf.constant([1, 2, 3, 4], tf.int32)));
    const gdef = g.as_graph_def();
    const nodes = [...gdef.node];
    const i = nodes.findIndex((n) => n.op === 'Tile');
    expect(i).not.toBe(0);
    [nodes[0], nodes[i]] = [nodes[i]!, nodes[0]!];
    const [imported] = g.as_default(() => tf.import_graph_def({ ...gdef, node: nodes }, { return_elements: [tiled.name] })) as tf.Tensor[];
    expect(imported!.shape.ndims).toBe(4);
  });

  it('testTypes', async () => {
    for (const dtype of ['bool', 'float32', 'float64', 'uint8', 'int8', 'int16', 'int32', 'int64'] as const) {
      await inSession(async (g, sess) => {
        const r = rand([4, 1], 'float64');
        const inp = tf.NDArray.zeros([4, 1], dtype);
        // Python's bool(x), float(x) and int(x) of numbers in [0, 1).
        for (let i = 0; i < 4; i++) inp.data[i] = dtype === 'bool' ? (r.data[i]! !== 0 ? 1 : 0) : dtype.startsWith('float') ? r.data[i]! : 0;
        const tiled = g.as_default(() => tf.tile(tf.constant(inp, { dtype, shape: [4, 1] }), [1, 4]));
        const result = await sess.run(tiled);
        expect([...result.shape]).toEqual([4, 4]);
        expect(staticShape(tiled)).toEqual([4, 4]);
        assertAllEqual(result, npTile(inp, [1, 4]));
      });
    }
  });

  it('testInvalidDim', () => {
    inGraph(() => {
      const a = tf.constant(rand([4, 1]), { dtype: tf.float32, shape: [4, 1] });
      // Wrong length of multiples.
      expect(thrown(() => tf.tile(a, [1, 4, 2]))).toBeInstanceOf(tf.errors.ValueError);
      // Wrong rank for multiples.
      expect(
        thrown(() =>
          tf.tile(a, [
            [2, 3],
            [3, 4],
          ]),
        ),
      ).toBeInstanceOf(tf.errors.ValueError);
    });
  });

  it('testRandom', async () => {
    for (const rank of [5, 5, 5, 5, 5, 10, 10, 10, 10, 10]) {
      await inSession(async (g, sess) => {
        const inputShape = Array.from({ length: rank }, () => randint(1, 4));
        const inp = rand(inputShape);
        const multiples = Array.from({ length: rank }, () => randint(1, 4));
        const tiled = g.as_default(() =>
          tf.tile(tf.constant(inp, { dtype: tf.float32, shape: inputShape }), new tf.NDArray(Int32Array.from(multiples), [rank], 'int32')),
        );
        const result = await sess.run(tiled);
        expect([...result.shape]).toEqual(inputShape.map((d, i) => d * multiples[i]!));
        assertAllEqual(result, npTile(inp, multiples));
        expect(staticShape(tiled)).toEqual([...result.shape]);
      });
    }
  });

  it('testGradientSimpleReduction', async () => {
    for (const dtype of [tf.int32, tf.int64]) {
      const gradInp = rand([4, 4]);
      const [result, shape] = await tileGrad(rand([4, 1]), () => tf.constant([1, 4], dtype), gradInp);
      expect(shape).toEqual([4, 1]);
      assertAllClose(result, rowSums(gradInp), { rtol: 1e-3 });
    }
  });

  it('testGradientStridedReduction', async () => {
    const gradInp = rand([4, 4]);
    const [result, shape] = await tileGrad(rand([4, 2]), [1, 2], gradInp);
    expect(shape).toEqual([4, 2]);
    const expected = stridedExpected(gradInp);
    for (let i = 0; i < 8; i++) expect(Math.abs(expected.data[i]! - result.data[i]!)).toBeLessThan(1e-3);
  });

  it('testGradientSimpleReductionOnGPU', async () => {
    const gradInp = rand([4, 4]);
    const [result] = await tileGrad(rand([4, 1]), [1, 4], gradInp);
    assertAllClose(result, rowSums(gradInp), { rtol: 1e-3 });
  });

  it('testGradientStridedReductionOnGPU', async () => {
    const gradInp = rand([4, 4]);
    const [result] = await tileGrad(rand([4, 2]), [1, 2], gradInp);
    assertAllClose(result, stridedExpected(gradInp), { rtol: 1e-3 });
  });

  it('testGradientRandomScalar', async () => {
    await runAndVerifyGradientResult([], []);
  });

  it('testGradientRandom', async () => {
    await runAndVerifyGradientResult([2, 2, 1, 1, 3], [1, 1, 1, 1, 1]);
    await runAndVerifyGradientResult([2, 2, 1, 1, 3], [1, 2, 1, 3, 1]);
    await runAndVerifyGradientResult([2, 3, 1, 1, 3], [3, 1, 1, 2, 2]);
    await runAndVerifyGradientResult([2, 1, 3, 3, 2], [1, 3, 3, 1, 2]);
  });

  it('testGradientStridedReductionGC', async () => {
    await inSession(async (g, sess) => {
      const [a, tiled] = g.as_default(() => {
        const a = tf.constant(rand([4, 2]), { dtype: tf.float32, shape: [4, 2] });
        return [a, tf.tile(a, [1, 2])] as const;
      });
      expect(await gradientError(sess, a, [4, 2], tiled, [4, 4])).toBeLessThan(1e-3);
    });
  });

  it('testShapeFunctionEdgeCases', () => {
    inGraph(() => {
      // Unknown multiples shape.
      const inp = tf.constant(0.0, { dtype: tf.float32, shape: [4, 4, 4, 4] });
      expect(staticShape(tf.tile(inp, tf.placeholder(tf.int32)))).toEqual([null, null, null, null]);
      // Unknown input shape.
      expect(staticShape(tf.tile(tf.placeholder(tf.float32), [2, 2, 2, 2]))).toEqual([null, null, null, null]);
      // Unknown input and multiples shape.
      expect(tf.tile(tf.placeholder(tf.float32), tf.placeholder(tf.int32)).shape.ndims).toBeNull();
      // Mismatched input rank and multiples length.
      const p = tf.placeholder(tf.float32, [null, null]);
      expect(thrown(() => tf.tile(p, tf.placeholder(tf.int32, [3])))).toBeInstanceOf(tf.errors.ValueError);
    });
  });
});

/** TF1's _compareSqueeze: squeeze(x, dims) (all ones when dims is empty) equals np.squeeze, in shape and value. */
async function compareSqueeze(x: tf.NDArray, dims: number[] = []): Promise<void> {
  const r = x.shape.length;
  const wanted = dims.map((d) => (d < 0 ? d + r : d));
  const want = x.shape.filter((d, i) => !(d === 1 && (wanted.length === 0 || wanted.includes(i))));
  await inSession(async (g, sess) => {
    const tensor = g.as_default(() => (dims.length ? tf.squeeze(x, dims) : tf.squeeze(x)));
    const out = await sess.run(tensor);
    expect(staticShape(tensor)).toEqual(want);
    expect([...out.shape]).toEqual(want);
    expect(Array.from(out.data)).toEqual(Array.from(x.data));
  });
}

describe('ShapeOpsTest (squeeze)', () => {
  it('testSqueeze', async () => {
    // Nothing to squeeze; the middle element; both ends.
    for (const s of [[2], [2, 3], [2, 1, 2], [1, 2, 1, 3, 1]]) await compareSqueeze(tf.NDArray.zeros(s, 'float64'));
  });

  it('testSqueezeBool', async () => {
    for (const s of [[2], [2, 3], [2, 1, 2], [1, 2, 1, 3, 1]]) await compareSqueeze(choice(s));
  });

  const SPECIFIC = [[0], [2, 4], [0, 4, 2], [-1], [-3, -5], [-3, -5, -1]];

  it('testSqueezeSpecificDimension', async () => {
    for (const dims of SPECIFIC) await compareSqueeze(tf.NDArray.zeros([1, 2, 1, 3, 1], 'float64'), dims);
  });

  it('testSqueezeSpecificDimensionBool', async () => {
    for (const dims of SPECIFIC) await compareSqueeze(choice([1, 2, 1, 3, 1]), dims);
  });

  it('testSqueezeAllOnes', async () => {
    await inSession(async (g, sess) => {
      const tensor = g.as_default(() => tf.squeeze(tf.NDArray.zeros([1, 1, 1], 'float64'), []));
      expect(staticShape(tensor)).toEqual([]);
      expect([...(await sess.run(tensor)).shape]).toEqual([]);
    });
  });

  it('testSqueezeAllOnesBool', async () => {
    await inSession(async (g, sess) => {
      const tensor = g.as_default(() => tf.squeeze([[[false]]], []));
      expect(staticShape(tensor)).toEqual([]);
      expect([...(await sess.run(tensor)).shape]).toEqual([]);
    });
  });

  it('testSqueezeOnlyOnes', async () => {
    const input = tf.NDArray.zeros([1, 1, 3], 'float64');
    await compareSqueeze(input);
    await compareSqueeze(input, [0]);
    await compareSqueeze(input, [1]);
    inGraph(() => expect(thrown(() => tf.squeeze(input, [2]))).toBeInstanceOf(tf.errors.ValueError));
  });

  it('testSqueezeErrors', () => {
    inGraph(() => {
      const x = tf.NDArray.zeros([1, 2, 1], 'float64');
      for (const dims of [[-4], [0, -4], [3], [2, 3]]) expect(thrown(() => tf.squeeze(x, dims))).toBeInstanceOf(tf.errors.ValueError);
    });
  });

  it('testSqueezeGradient', async () => {
    await inSession(async (g, sess) => {
      const [a, squeezed] = g.as_default(() => {
        const a = tf.reshape(rand([4, 2]), [4, 1, 2]);
        return [a, tf.squeeze(a, [])] as const;
      });
      expect(await gradientError(sess, a, [4, 1, 2], squeezed, [4, 2])).toBeLessThan(1e-3);
    });
  });

  it('testSqueezeGradientWithSqueezeDims', async () => {
    await inSession(async (g, sess) => {
      const [a, squeezed] = g.as_default(() => {
        const a = tf.reshape(rand([4, 2]), [4, 1, 2, 1]);
        return [a, tf.squeeze(a, [1])] as const;
      });
      expect(await gradientError(sess, a, [4, 1, 2, 1], squeezed, [4, 2, 1])).toBeLessThan(1e-3);
    });
  });

  it('testSqueezeWithUnknownShape', () => {
    inGraph(() => {
      const a = tf.placeholder(tf.float32, [2, null]);
      expect(staticShape(tf.squeeze(a, [1]))).toEqual([2]);
      expect(staticShape(tf.squeeze(a))).toBe(null);
      expect(thrown(() => tf.squeeze(a, [0]))).toBeInstanceOf(tf.errors.ValueError);
      expect(thrown(() => tf.squeeze(a, [100]))).toBeInstanceOf(tf.errors.ValueError);
    });
  });
});
