// TF1's tensorflow/python/ops/gradients_test.py, IndexedSlicesToTensorTest (r1.12's, read from the copy of the file the
// index holds at TF 1.13's era): an IndexedSlices given to an op is converted densely (an UnsortedSegmentSum of its
// values by index into dense_shape[0] rows), with TF1's errors and warnings. `math_ops._as_indexed_slices` is
// tf1-ts's asIndexedSlices. testWarnings, skipped on Python 3.5+ in TF1, is ported: tf1-ts prints TF1's warnings.
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as tf from '../../src/index.js';
import { asIndexedSlices } from '../../src/ops/indexed_slices_ops.js';
import { assertAllClose, assertAllEqual, inSession, rand, thrown } from './helpers.js';

describe('IndexedSlicesToTensorTest', () => {
  afterEach(() => vi.restoreAllMocks());

  it('testIndexedSlicesToTensor', async () => {
    await inSession(async (g, sess) => {
      const npVal = rand([4, 4, 4, 4]);
      const [cSparse, cDense] = g.as_default(() => {
        const s = asIndexedSlices(tf.constant(npVal));
        return [s, tf.multiply(s, tf.constant(1.0, tf.float32))] as const;
      });
      assertAllEqual(await sess.run(cSparse.dense_shape!), [4, 4, 4, 4]);
      assertAllClose(await sess.run(cDense), npVal);
      // op_def_library converts the input `x` inside the op's scope: the UnsortedSegmentSum is named after it.
      expect(cDense.op.inputs[0]!.name).toBe('Mul/x:0');
      expect(cDense.op.inputs[0]!.op.type).toBe('UnsortedSegmentSum');
    });
  });

  it('testIndexedSlicesToTensorList', async () => {
    await inSession(async (g, sess) => {
      const [packedDense, packedSparse] = g.as_default(() => {
        const dense: tf.Tensor[] = [];
        const sparse: tf.IndexedSlices[] = [];
        for (let i = 0; i < 3; i++) {
          const c = tf.constant(rand([4, 4, 4, 4]));
          dense.push(c);
          sparse.push(asIndexedSlices(c));
        }
        return [tf.stack(dense), tf.stack(sparse)];
      });
      const [d, s] = await sess.run([packedDense!, packedSparse!]);
      assertAllClose(d!, s!);
    });
  });

  it('testInt64Indices', async () => {
    await inSession(async (g, sess) => {
      const npVal = rand([4, 4, 4, 4]);
      const [cSparse, cDense] = g.as_default(() => {
        const s0 = asIndexedSlices(tf.constant(npVal));
        const s = new tf.IndexedSlices(s0.values, tf.cast(s0.indices, tf.int64), s0.dense_shape);
        return [s, tf.multiply(s, tf.constant(1.0, tf.float32))] as const;
      });
      assertAllEqual(await sess.run(cSparse.dense_shape!), [4, 4, 4, 4]);
      assertAllClose(await sess.run(cDense), npVal);
    });
  });

  it('testWarnings', () => {
    new tf.Graph().as_default(() => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      const sparse = (shape: tf.Tensor) => new tf.IndexedSlices(tf.placeholder(tf.float32), tf.placeholder(tf.int32), shape);
      // Smaller than the threshold: no warning.
      tf.multiply(sparse(tf.constant([4, 4, 4, 4])), tf.constant(1.0, tf.float32));
      expect(warn).toHaveBeenCalledTimes(0);
      // Greater than or equal to the threshold: a warning.
      tf.multiply(sparse(tf.constant([100, 100, 100, 100])), tf.constant(1.0, tf.float32));
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]![0])).toContain('with 100000000 elements. This may consume a large amount of memory.');
      // Unknown dense shape: a warning.
      tf.multiply(sparse(tf.placeholder(tf.int32)), tf.constant(1.0, tf.float32));
      expect(warn).toHaveBeenCalledTimes(2);
      expect(String(warn.mock.calls[1]![0])).toContain('of unknown shape. This may consume a large amount of memory.');
    });
  });
});

describe('convert_to_tensor of an IndexedSlices (gradients_impl._IndexedSlicesToTensor)', () => {
  it('without dense_shape is a ValueError; a dtype it does not have is a ValueError', () => {
    new tf.Graph().as_default(() => {
      const s = new tf.IndexedSlices(tf.constant([1], tf.float32, undefined, 'v'), tf.constant([0], undefined, undefined, 'i'));
      const e = thrown(() => tf.convert_to_tensor(s));
      expect(e).toBeInstanceOf(tf.errors.ValueError);
      expect(e.message).toBe(
        'Tensor conversion requested for IndexedSlices without dense_shape: IndexedSlices(indices=Tensor("i:0", shape=(1,), dtype=int32), values=Tensor("v:0", shape=(1,), dtype=float32))',
      );
      const d = new tf.IndexedSlices(s.values, s.indices, tf.constant([3]));
      const e2 = thrown(() => tf.convert_to_tensor(d, tf.int32));
      expect(e2).toBeInstanceOf(tf.errors.ValueError);
      expect(e2.message).toBe('Tensor conversion requested dtype int32 for IndexedSlices with dtype float32');
    });
  });

  it('sums the values of repeated indices into dense_shape[0] rows, named as TF1 names it', async () => {
    await inSession(async (g, sess) => {
      const [dense, negated, s] = g.as_default(() => {
        const s = new tf.IndexedSlices(
          tf.constant(
            [
              [1, 2],
              [3, 4],
              [5, 6],
            ],
            tf.float32,
          ),
          tf.constant([2, 0, 2]),
          tf.constant([4, 2]),
        );
        return [tf.convert_to_tensor(s), s.neg(), s] as const;
      });
      expect(dense.op.type).toBe('UnsortedSegmentSum');
      expect(dense.name).toBe('UnsortedSegmentSum:0');
      expect(dense.op.inputs[2]!.name).toBe('strided_slice:0');
      assertAllEqual(await sess.run(dense), [
        [3, 4],
        [0, 0],
        [6, 8],
        [0, 0],
      ]);
      expect(negated.values.op.type).toBe('Neg');
      expect(negated.indices).toBe(s.indices);
      assertAllEqual(await sess.run(g.as_default(() => tf.convert_to_tensor(negated))), [
        [-3, -4],
        [0, 0],
        [-6, -8],
        [0, 0],
      ]);
    });
  });

  it('convert_to_tensor_or_indexed_slices keeps an IndexedSlices, checks its dtype, and converts anything else', () => {
    new tf.Graph().as_default(() => {
      const s = new tf.IndexedSlices(tf.constant([1], tf.float32, undefined, 'v'), tf.constant([0]));
      expect(tf.convert_to_tensor_or_indexed_slices(s)).toBe(s);
      const e = thrown(() => tf.convert_to_tensor_or_indexed_slices(s, tf.int32));
      expect(e).toBeInstanceOf(tf.errors.ValueError);
      expect(e.message).toBe(`Tensor conversion requested dtype int32 for Tensor with dtype float32: '${s}'`);
      const c = tf.convert_to_tensor_or_indexed_slices([1, 2], { name: 'c' });
      expect(c).toBeInstanceOf(tf.Tensor);
      expect((c as tf.Tensor).name).toBe('c:0');
    });
  });
});
