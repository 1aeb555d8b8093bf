// TF1's tensorflow/python/kernel_tests/split_op_test.py, ported (source read: a TF 1.x copy whose cases are
// r1.12's). use_gpu runs are the CPU backend here; _TEST_DTYPES's complex dtypes are listed in NOT_PORTED.md.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { denseGradients } from '../helpers/dense_gradients.js';
import { assertAllEqual, assertShapeEqual, inGraph, inSession, rand, staticShape, thrown } from './helpers.js';

const DTYPES = ['float32', 'float64'] as const;
const randInt = (lo: number, hi: number): number => lo + Math.floor(Math.random() * (hi - lo));

/** NumPy's `x[..., off:off + len, ...]` along `axis`. */
function part(x: tf.NDArray, axis: number, off: number, len: number): tf.NDArray {
  const shape = x.shape.map((d, i) => (i === axis ? len : d));
  const out = tf.NDArray.zeros(shape, x.dtype);
  const outer = x.shape.slice(0, axis).reduce((a, b) => a * b, 1);
  const inner = x.shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  for (let o = 0; o < outer; o++) {
    out.data.set(x.data.subarray((o * x.shape[axis]! + off) * inner, (o * x.shape[axis]! + off + len) * inner), o * len * inner);
  }
  return out;
}

/** Runs split(...) in a fresh session: the parts' values. */
async function run(build: () => tf.Tensor[], feeds?: (ts: tf.Tensor[]) => Map<tf.Tensor, tf.NDArray>): Promise<tf.NDArray[]> {
  return inSession(async (g, sess) => {
    const parts = g.as_default(build);
    return (await sess.run(parts, feeds?.(parts))) as tf.NDArray[];
  });
}

describe('SplitOpTest', () => {
  it('testExplicitNum', async () => {
    const value = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    await inSession(async (g, sess) => {
      const sizeSplits = g.as_default(() => tf.placeholder(tf.int32, [null]));
      const e = thrown(() => g.as_default(() => tf.split(value, sizeSplits)));
      expect(e).toBeInstanceOf(tf.errors.ValueError);
      expect(e.message).toMatch(/Cannot infer num from shape/);
      const parts = g.as_default(() => tf.split(value, sizeSplits, { num: 3 }));
      const result = (await sess.run(parts, new Map([[sizeSplits, iv([2, 2, 6])]]))) as tf.NDArray[];
      assertAllEqual(result[0]!, value.slice(0, 2));
      assertAllEqual(result[1]!, value.slice(2, 4));
      assertAllEqual(result[2]!, value.slice(4));
    });
  });

  it('testListOfScalarTensors', async () => {
    const value = rand([11, 11], 'float64');
    const result = await run(() => tf.split(value, [tf.constant(5), tf.constant(6)]));
    assertAllEqual(result[0]!, part(value, 0, 0, 5));
    assertAllEqual(result[1]!, part(value, 0, 5, 6));
  });

  /** TF1's _RunAndVerifyVariable: split by random sizes along a random axis of a random rank-5 array. */
  async function runAndVerifyVariable(dtype: tf.DType, large: boolean): Promise<void> {
    const shape = Array.from({ length: 5 }, () => randInt(1, 5));
    const axis = randInt(0, 5);
    const num = large ? randInt(16, 25) : randInt(2, 8);
    const sizes = Array.from({ length: num }, () => randInt(2, 8));
    shape[axis] = sizes.reduce((a, b) => a + b, 0);
    const inp = rand(shape, dtype);
    const result = await run(() => tf.split(inp, sizes, axis));
    let off = 0;
    sizes.forEach((k, i) => {
      assertAllEqual(result[i]!, part(inp, axis, off, k));
      off += k;
    });
  }

  it('testSpecialCasesVariable', async () => {
    const inp = rand([4, 4]);
    let result = await run(() => tf.split(inp, [4], 0));
    assertAllEqual(result[0]!, inp);
    result = await run(() => tf.split(inp, [-1, 3], 0));
    assertAllEqual(result[0]!, part(inp, 0, 0, 1));
    assertAllEqual(result[1]!, part(inp, 0, 1, 3));
    // _testHugeNumberOfTensorsVariable
    for (const dtype of DTYPES) {
      const sizes = Array.from({ length: 10000 }, () => randInt(1, 3));
      const inp2 = rand([3, sizes.reduce((a, b) => a + b, 0)], dtype);
      const parts = await run(() => tf.split(inp2, sizes, 1));
      let off = 0;
      sizes.forEach((k, i) => {
        assertAllEqual(parts[i]!, part(inp2, 1, off, k));
        off += k;
      });
    }
  });

  it('testOutputShape', () => {
    inGraph(() => {
      const tensor = tf.placeholder(tf.float32, [null, 12]);
      const sizeSplits = [3, 7, 2];
      tf.split(tensor, sizeSplits, 1).forEach((o, i) => expect(staticShape(o)).toEqual([null, sizeSplits[i]]));
    });
  });

  /** TF1's _compare: split into `num` equal parts along `dim`, as np.split. */
  async function compare(x: tf.NDArray, dim: number, num: number): Promise<void> {
    await inSession(async (g, sess) => {
      const tfAns = g.as_default(() => tf.split({ value: x, num_or_size_splits: num, axis: dim }));
      const out = (await sess.run(tfAns)) as tf.NDArray[];
      expect(out.length).toBe(num);
      const len = x.shape[dim]! / num;
      for (let i = 0; i < num; i++) {
        const npAns = part(x, dim, i * len, len);
        assertAllEqual(out[i]!, npAns);
        assertShapeEqual(npAns, tfAns[i]!);
      }
    });
  }

  it('testSplitRows', async () => {
    for (const dtype of DTYPES) await compare(rand([4, 4], dtype), 0, 4);
  });

  it('testSplitCols', async () => {
    for (const dtype of DTYPES) await compare(rand([4, 4], dtype), 1, 4);
  });

  it('testEmpty', async () => {
    for (const dtype of DTYPES) {
      const inp = rand([8, 0, 21], dtype);
      for (const [dim, num, expected] of [
        [0, 2, [4, 0, 21]],
        [0, 4, [2, 0, 21]],
        [1, 4, [8, 0, 21]],
        [2, 3, [8, 0, 7]],
        [2, 7, [8, 0, 3]],
      ] as const) {
        await inSession(async (g, sess) => {
          const tfAns = g.as_default(() => tf.split({ value: inp, num_or_size_splits: num, axis: dim }));
          const out = (await sess.run(tfAns)) as tf.NDArray[];
          expect(inp.size).toBe(0);
          expect(out.length).toBe(num);
          out.forEach((o, i) => {
            expect([...o.shape]).toEqual(expected);
            expect(staticShape(tfAns[i]!)).toEqual(expected);
          });
        });
      }
    }
  });

  it('testIdentity', async () => {
    for (const dtype of DTYPES) {
      const inp = rand([2, 2, 2], dtype);
      for (const dim of [0, 1, 2]) await compare(inp, dim, 1);
    }
  });

  it('testSplitDim0', async () => {
    for (const dtype of DTYPES) {
      await compare(rand([6, 10, 18], dtype), 0, 3);
      await compare(rand([6, 7, 18], dtype), 0, 3);
      await compare(rand([6, 7, 9], dtype), 0, 3);
    }
  });

  /** TF1's _RunAndVerify: split into equal parts along a random axis of a random rank-5 array (dims may be 0). */
  async function runAndVerify(dtype: tf.DType, large: boolean): Promise<void> {
    const shape = Array.from({ length: 5 }, () => randInt(0, 5));
    const axis = randInt(0, 5);
    const num = large ? randInt(9, 15) : randInt(2, 8);
    shape[axis] = randInt(2, 5) * num;
    const inp = rand(shape, dtype);
    const result = await run(() => tf.split({ value: inp, num_or_size_splits: num, axis }));
    const len = shape[axis]! / num;
    for (let i = 0; i < num; i++) assertAllEqual(result[i]!, part(inp, axis, i * len, len));
  }

  it('testRandom', async () => {
    for (const dtype of DTYPES) {
      for (let k = 0; k < 5; k++) {
        await runAndVerify(dtype, false);
        await runAndVerify(dtype, true);
        await runAndVerifyVariable(dtype, false);
        await runAndVerifyVariable(dtype, true);
      }
    }
  });

  it('testGradientsAll', async () => {
    for (const dtype of DTYPES) {
      // _testGradientsSimple
      const inp = rand([4, 4], dtype);
      const grads = Array.from({ length: 4 }, () => rand([4, 1], dtype));
      await inSession(async (g, sess) => {
        const grad = g.as_default(() => {
          const t = tf.convert_to_tensor(inp);
          const s = tf.split({ value: t, num_or_size_splits: 4, axis: 1 });
          return denseGradients(
            s,
            [t],
            grads.map((x) => tf.constant(x)),
          )[0]!;
        });
        const result = await sess.run(grad);
        grads.forEach((x, i) => assertAllEqual(part(result, 1, i, 1), x));
      });
      // _testGradientsSimpleVariable
      const vgrads = [rand([4, 1], dtype), rand([4, 3], dtype)];
      await inSession(async (g, sess) => {
        const grad = g.as_default(() => {
          const t = tf.convert_to_tensor(inp);
          const s = tf.split(t, [1, 3], 1);
          return denseGradients(
            s,
            [t],
            vgrads.map((x) => tf.constant(x)),
          )[0]!;
        });
        const result = await sess.run(grad);
        assertAllEqual(part(result, 1, 0, 1), vgrads[0]!);
        assertAllEqual(part(result, 1, 1, 3), vgrads[1]!);
      });
    }
  });

  it('testShapeFunctionEdgeCases', () => {
    inGraph(() => {
      // split_dim greater than rank of input.
      expect(
        thrown(() =>
          tf.split({
            value: [
              [0, 1],
              [2, 3],
            ],
            num_or_size_splits: 4,
            axis: 2,
          }),
        ),
      ).toBeInstanceOf(tf.errors.ValueError);
      // num_split does not evenly divide the size in split_dim.
      const e = thrown(() => tf.split({ value: [0, 1, 2, 3], num_or_size_splits: 3, axis: 0 }));
      expect(e).toBeInstanceOf(tf.errors.ValueError);
      expect(e.message).toMatch(/should evenly divide/);
      // Unknown split_dim.
      for (const s of tf.split({ value: [[0, 1, 2, 3]], num_or_size_splits: 4, axis: tf.placeholder(tf.int32) })) expect(staticShape(s)).toEqual([null, null]);
      // Unknown split_dim and input shape.
      for (const s of tf.split({ value: tf.placeholder(tf.float32), num_or_size_splits: 4, axis: tf.placeholder(tf.int32) })) expect(s.shape.ndims).toBe(null);
    });
  });
});

function iv(v: number[]): tf.NDArray {
  return new tf.NDArray(Int32Array.from(v), [v.length], 'int32');
}
