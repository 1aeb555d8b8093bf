// Port of TF1 r1.12's tensorflow/python/kernel_tests/tensor_array_ops_test.py: writes, reads, stack, concat,
// unstack, split, sizes and TF1's kernel errors (graph mode; TF1's complex dtypes have no counterpart here). The
// gradient, shape and loop cases are in tensor_array_ops_test_grad.test.ts.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { InvalidArgumentError, UnimplementedError } from '../../src/framework/errors.js';
import { assertAllEqual, evaluate, inSession, rejected } from './helpers.js';

const DTYPES = ['float32', 'float64', 'int32', 'int64', 'string'] as const;
type D = (typeof DTYPES)[number];

/** TF1's _make_converter: values of `dtype` (strings as their decimal text, as numpy's astype("|S")). */
const convert = (dtype: D, v: unknown): tf.Tensor => {
  const str = (x: unknown): unknown => (Array.isArray(x) ? x.map(str) : String(x === Math.trunc(x as number) ? (x as number).toFixed(1) : x));
  const int = (x: unknown): unknown => (Array.isArray(x) ? x.map(int) : Math.trunc(x as number));
  if (dtype === 'string') return tf.constant(str(v) as never, tf.string);
  return tf.constant((dtype === 'int32' || dtype === 'int64' ? int(v) : v) as never, dtype);
};
const expected = (dtype: D, v: unknown): tf.NDArray => {
  const g = new tf.Graph();
  const t = g.as_default(() => convert(dtype, v));
  return (t.op.attrs as { value: tf.NDArray }).value;
};
/** An empty array of `dtype` (TF1's `convert([[], [], []])`). */
const empty = (dtype: D, shape: number[]): tf.Tensor => tf.reshape(tf.constant([], dtype), shape);
const makeTa = (size: number, name: string, dtype: tf.DType = 'float32', infer_shape = false): tf.TensorArray =>
  new tf.TensorArray({ dtype, tensor_array_name: name, size, infer_shape });

describe('TensorArrayTest', () => {
  it('testTensorArrayWriteRead', async () => {
    const [d0, d1, d2] = await evaluate(() => {
      const ta = new tf.TensorArray({ dtype: tf.float32, tensor_array_name: 'foo', size: 3, infer_shape: false });
      const w2 = ta
        .write(0, [[4.0, 5.0]])
        .write(1, [[1.0]])
        .write(2, -3.0);
      return [w2.read(0), w2.read(1), w2.read(2)];
    });
    assertAllEqual([[4.0, 5.0]], d0!);
    assertAllEqual([[1.0]], d1!);
    assertAllEqual(-3.0, d2!);
  });

  it('testTensorArrayWritePack', async () => {
    for (const dtype of DTYPES) {
      const c0 = await evaluate(() => {
        const ta = new tf.TensorArray({ dtype, tensor_array_name: 'foo', size: 3 });
        const w2 = ta
          .write(0, convert(dtype, [[4.0, 5.0]]))
          .write(1, convert(dtype, [[6.0, 7.0]]))
          .write(2, convert(dtype, [[8.0, 9.0]]));
        return w2.stack();
      });
      assertAllEqual(c0, expected(dtype, [[[4.0, 5.0]], [[6.0, 7.0]], [[8.0, 9.0]]]), dtype);
    }
  });

  it('testEmptyTensorArrayPack', async () => {
    const c0 = await evaluate(() => {
      const ta = new tf.TensorArray({ dtype: tf.float32, tensor_array_name: 'foo', size: 3 });
      const empty = tf.zeros([0, 1]);
      return ta.write(0, empty).write(1, empty).write(2, empty).stack();
    });
    expect(c0.shape).toEqual([3, 0, 1]);
  });

  it('testTensorArrayWriteConcat', async () => {
    for (const dtype of DTYPES) {
      const c0 = await evaluate(() => {
        const ta = new tf.TensorArray({ dtype, tensor_array_name: 'foo', size: 3, infer_shape: false });
        const w0 = ta.write(
          0,
          convert(dtype, [
            [4.0, 5.0],
            [104.0, 105.0],
            [204.0, 205.0],
          ]),
        );
        const w1 = w0.write(
          1,
          convert(dtype, [
            [6.0, 7.0],
            [106.0, 107.0],
          ]),
        );
        return w1.write(2, convert(dtype, [[8.0, 9.0]])).concat();
      });
      const want = [
        [4.0, 5.0],
        [104.0, 105.0],
        [204.0, 205.0],
        [6.0, 7.0],
        [106.0, 107.0],
        [8.0, 9.0],
      ];
      assertAllEqual(c0, expected(dtype, want), dtype);
    }
  });

  it('testTensorArrayReadOrPackNotAllValuesAvailableFillsZeros', async () => {
    const ta = () => new tf.TensorArray({ dtype: tf.float32, tensor_array_name: 'foo', size: 3, element_shape: new tf.TensorShape([1, 2]) });
    assertAllEqual([[0.0, 0.0]], await evaluate(() => ta().read(0)));
    assertAllEqual(
      [[[0.0, 0.0]], [[4.0, 5.0]], [[0.0, 0.0]]],
      await evaluate(() =>
        ta()
          .write(1, [[4.0, 5.0]])
          .stack(),
      ),
    );
    const c = await evaluate(() =>
      ta()
        .write(1, [[4.0, 5.0]])
        .concat(),
    );
    assertAllEqual(
      [
        [0.0, 0.0],
        [4.0, 5.0],
        [0.0, 0.0],
      ],
      c,
    );
  });

  it('testTensorArrayReadOrPackNotAllValuesAvailableInferShapeFillsZeros', async () => {
    const ta = () => new tf.TensorArray({ dtype: tf.float32, tensor_array_name: 'foo', size: 3 });
    assertAllEqual(
      [[0.0, 0.0]],
      await evaluate(() =>
        ta()
          .write(1, [[4.0, 5.0]])
          .read(0),
      ),
    );
    assertAllEqual(
      [[[0.0, 0.0]], [[4.0, 5.0]], [[0.0, 0.0]]],
      await evaluate(() =>
        ta()
          .write(1, [[4.0, 5.0]])
          .stack(),
      ),
    );
  });

  it('an element never written, with no known element shape, fails as TF1 (infer_shape=False)', async () => {
    const e = await rejected(
      evaluate(() =>
        makeTa(3, 'foo')
          .write(0, [[4.0, 5.0]])
          .stack(),
      ),
    );
    expect(e).toBeInstanceOf(InvalidArgumentError);
    expect(e.message).toMatch(/^TensorArray foo_\d+: Could not read from TensorArray index 1 because it has not yet been written to\.$/);
  });

  it('testTensorArrayUnpackRead', async () => {
    for (const dtype of DTYPES) {
      const cases: [unknown, unknown[]][] = [
        [
          [1.0, 2.0, 3.0],
          [1.0, 2.0, 3.0],
        ],
        [
          [
            [1.0, 1.1],
            [2.0, 2.1],
            [3.0, 3.1],
          ],
          [
            [1.0, 1.1],
            [2.0, 2.1],
            [3.0, 3.1],
          ],
        ],
      ];
      for (const [value, want] of cases) {
        const ds = await evaluate(() => {
          const w = makeTa(3, 'foo', dtype).unstack(convert(dtype, value));
          return [w.read(0), w.read(1), w.read(2)];
        });
        ds.forEach((d, i) => assertAllEqual(d, expected(dtype, want[i]), dtype));
      }
      // unpacking an empty matrix is no error
      const ds = await evaluate(() => {
        const w = makeTa(3, 'foo', dtype).unstack(empty(dtype, [3, 0]));
        return [w.read(0), w.read(1), w.read(2)];
      });
      for (const d of ds) expect(d.shape).toEqual([0]);
    }
  });

  it('testTensorArraySplitRead', async () => {
    for (const dtype of DTYPES) {
      const read3 = (value: tf.Tensor, lengths: number[]) => {
        const w = makeTa(3, 'foo', dtype).split(value, tf.constant(lengths));
        return [w.read(0), w.read(1), w.read(2)];
      };
      const e = await evaluate(() => read3(empty(dtype, [0]), [0, 0, 0]));
      for (const d of e) expect(d.shape).toEqual([0]);
      const [a0, a1, a2] = await evaluate(() => read3(convert(dtype, [1.0, 2.0, 3.0]), [2, 0, 1]));
      assertAllEqual(a0!, expected(dtype, [1.0, 2.0]));
      expect(a1!.shape).toEqual([0]);
      assertAllEqual(a2!, expected(dtype, [3.0]));
      const m = [
        [1.0, 101.0],
        [2.0, 201.0],
        [3.0, 301.0],
      ];
      const [b0, b1, b2] = await evaluate(() => read3(convert(dtype, m), [2, 0, 1]));
      assertAllEqual(b0!, expected(dtype, m.slice(0, 2)));
      expect(b1!.shape).toEqual([0, 2]);
      assertAllEqual(b2!, expected(dtype, [m[2]]));
    }
  });

  it('testTensorArrayWriteWrongIndexOrDataTypeFails', async () => {
    const run = (f: (ta: tf.TensorArray) => tf.Tensor) => rejected(evaluate(() => f(makeTa(3, 'foo'))));
    expect((await run((ta) => ta.write(0, 'wrong_type_scalar').flow)).message).toBe('TensorArray dtype is float but Op is trying to write dtype string.');
    expect((await run((ta) => ta.write(-1, 3.0).flow)).message).toMatch(/Tried to write to index -1 but array is not resizeable and size is: 3/);
    const e = await run((ta) => ta.write(3, 3.0).flow);
    expect(e).toBeInstanceOf(InvalidArgumentError);
    expect(e.message).toMatch(/^TensorArray foo_\d+: Tried to write to index 3 but array is not resizeable and size is: 3$/);
  });

  it('testTensorArrayReadWrongIndexOrDataTypeFails', async () => {
    await inSession(async (g, sess) => {
      const [bad, neg, big] = g.as_default(() => {
        const ta = makeTa(3, 'foo');
        const w0 = ta.write(0, [[4.0, 5.0]]);
        const r0Bad = tf.Graph.prototype.create_op.call(g, 'TensorArrayReadV3', [w0.handle, tf.constant(0), w0.flow], { dtype: 'float64' }).outputs[0]!;
        return [r0Bad, ta.read(-1), ta.read(3)];
      });
      expect((await rejected(sess.run(bad))).message).toBe('TensorArray dtype is float but Op requested dtype double.');
      expect((await rejected(sess.run(neg))).message).toBe('Tried to read from index -1 but array size is: 3');
      expect((await rejected(sess.run(big))).message).toBe('Tried to read from index 3 but array size is: 3');
    });
  });

  it('testTensorArrayWriteMultipleFails', async () => {
    const e = await rejected(evaluate(() => new tf.TensorArray({ dtype: tf.float32, tensor_array_name: 'foo', size: 3 }).write(2, 3.0).write(2, 3.0).flow));
    expect(e.message).toMatch(/Could not write to TensorArray index 2 because it has already been written to\.$/);
  });

  it('testTensorArrayConcatIncompatibleShapesFails', async () => {
    const e1 = await rejected(evaluate(() => makeTa(3, 'foo').write(0, 3.0).write(1, 4.0).write(2, [3.0]).concat()));
    expect(e1.message).toMatch(/^Concat saw a scalar shape at index 0 but requires at least vectors/);
    const e2 = await rejected(
      evaluate(() =>
        makeTa(3, 'foo')
          .write(0, [3.0])
          .write(1, [4.0])
          .write(2, [[3.0]])
          .concat(),
      ),
    );
    expect(e2.message).toBe(
      'TensorArray has inconsistent shapes.  Index 0 has (excepting dimension 0) shape: [] but index 2 has (excepting dimension 0) shape: [1]',
    );
  });

  it('testTensorArraySplitIncompatibleShapesFails', async () => {
    await inSession(async (g, sess) => {
      const lengths = g.as_default(() => tf.placeholder(tf.int64));
      const flow = g.as_default(() => makeTa(3, 'foo').split([1.0, 2.0, 3.0], lengths).flow);
      const e = await rejected(sess.run(flow, new Map([[lengths, new tf.NDArray(Float64Array.of(1), [], 'int64')]])));
      expect(e.message).toBe('Expected lengths to be a vector, received shape: []');
    });
    const e2 = await rejected(evaluate(() => makeTa(3, 'foo').split([1.0, 2.0, 3.0], [1]).flow));
    expect(e2.message).toBe("Expected sum of lengths to be equal to values.shape[0], but sum of lengths is 1 and value's shape is: [3]");
    const e3 = await rejected(evaluate(() => makeTa(1, 'baz').split(1.0, [1]).flow));
    expect(e3.message).toBe('Expected value to be at least a vector, but received shape: []');
    const e4 = await rejected(evaluate(() => makeTa(2, 'buz').split([1.0], [1]).flow));
    expect(e4.message).toBe("TensorArray's size is not equal to the size of lengths (2 vs. 1), and the TensorArray is not marked as dynamically resizeable");
  });

  it('testMultiTensorArray', async () => {
    const val = await evaluate(() => {
      const r1 = new tf.TensorArray({ size: 1, dtype: tf.float32, tensor_array_name: 'foo' }).write(0, 4.0).read(0);
      const r2 = new tf.TensorArray({ size: 1, dtype: tf.float32, tensor_array_name: 'bar' }).write(0, 5.0).read(0);
      return r1.add(r2);
    });
    assertAllEqual(9.0, val);
  });

  it('testTensorArrayReadTwice', async () => {
    const value = () =>
      tf.constant(
        [
          [1.0, -1.0],
          [10.0, -10.0],
        ],
        tf.float32,
      );
    const e = await rejected(
      evaluate(() => {
        const w = new tf.TensorArray({ dtype: tf.float32, tensor_array_name: 'foo', size: 2 }).unstack(value());
        const r0 = w.read(0);
        return tf.control_dependencies([r0], () => w.read(0));
      }),
    );
    expect(e.message).toMatch(
      /Could not read index 0 twice because it was cleared after a previous read \(perhaps try setting clear_after_read = false\?\)\.$/,
    );
    const r1 = await evaluate(() => {
      const w = new tf.TensorArray({ dtype: tf.float32, tensor_array_name: 'foo', size: 2, clear_after_read: false }).unstack(value());
      const r0 = w.read(0);
      return tf.control_dependencies([r0], () => w.read(0));
    });
    assertAllEqual([1.0, -1.0], r1);
  });

  it('testCloseTensorArray', async () => {
    await inSession(async (g, sess) => {
      const close = g.as_default(() => new tf.TensorArray({ dtype: tf.float32, tensor_array_name: 'foo', size: 3 }).close());
      expect(await sess.run(close)).toBeNull();
    });
  });

  it('testSizeTensorArray', async () => {
    assertAllEqual(3, await evaluate(() => new tf.TensorArray({ dtype: tf.float32, tensor_array_name: 'foo', size: 3 }).size()));
  });

  it('testWriteCloseTensorArray', async () => {
    await inSession(async (g, sess) => {
      const close = g.as_default(() =>
        makeTa(3, 'foo')
          .write(0, [[4.0, 5.0]])
          .write(1, [3.0])
          .close(),
      );
      expect(await sess.run(close)).toBeNull();
    });
  });

  it('testTensorArrayEvalEmpty', async () => {
    const e = await rejected(evaluate(() => new tf.TensorArray({ dtype: tf.float32, size: 0, dynamic_size: false, infer_shape: false }).stack()));
    expect(e).toBeInstanceOf(UnimplementedError);
    expect(e.message).toBe(
      'TensorArray has size zero, but element shape <unknown> is not fully defined. Currently only static shapes are supported when packing zero-size TensorArrays.',
    );
  });

  it('testTensorArrayEvalEmptyWithDefault', async () => {
    const [size, packed, concatenated] = await evaluate(() => {
      const ta = new tf.TensorArray({ dtype: tf.float32, size: 0, dynamic_size: false, infer_shape: true });
      // Don't actually perform the unstack: it only stores the static shape.
      ta.unstack(tf.zeros([0, 3, 5]));
      return [ta.size(), ta.stack(), ta.concat()];
    });
    assertAllEqual(0, size!);
    expect(packed!.shape).toEqual([0, 3, 5]);
    expect(concatenated!.shape).toEqual([0, 5]);
  });

  it('testTensorArrayIdentity', async () => {
    await inSession(async (g, sess) => {
      const built = g.as_default(() => {
        let ta0 = new tf.TensorArray({ dtype: tf.float32, size: 2, infer_shape: false }).write(0, 0.0);
        let ta1 = new tf.TensorArray({ dtype: tf.int32, size: 4, infer_shape: true }).write(0, 1);
        const v0 = tf.get_variable('v0', { shape: [], initializer: tf.zeros_initializer() });
        const v1 = tf.get_variable('v1', { shape: [], initializer: tf.zeros_initializer() });
        ta0 = tf.control_dependencies([v0.assign_add(1)], () => ta0.identity());
        ta1 = tf.control_dependencies([v1.assign_add(1)], () => ta1.identity());
        return { ta0, ta1, v0, v1, init: tf.global_variables_initializer() };
      });
      const { ta0, ta1 } = built;
      expect(ta0.dtype).toBe('float32');
      expect(ta1.dtype).toBe('int32');
      const [read0, read1, size0, size1] = g.as_default(() => [ta0.read(0), ta1.read(0), ta0.size(), ta1.size()]);
      expect(read0!.shape.dims).toBeNull();
      expect(read1!.shape.dims).toEqual([]);
      await sess.run(built.init);
      const vals = (await sess.run([read0!, read1!, size0!, size1!])) as tf.NDArray[];
      assertAllEqual(1, (await sess.run(built.v0.value())) as tf.NDArray);
      assertAllEqual(1, (await sess.run(built.v1.value())) as tf.NDArray);
      assertAllEqual(0, vals[0]!);
      assertAllEqual(1, vals[1]!);
      assertAllEqual(2, vals[2]!);
      assertAllEqual(4, vals[3]!);
    });
  });
});
