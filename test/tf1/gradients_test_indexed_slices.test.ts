// TF1's tensorflow/python/ops/gradients_test.py, IndexedSlicesToTensorTest (r1.12's, read from the copy of the file the
// index holds at TF 1.13's era): an IndexedSlices given to an op is converted densely (an UnsortedSegmentSum of its
// values by index into dense_shape[0] rows), with TF1's errors and warnings. `math_ops._as_indexed_slices` is
// tf1-ts's asIndexedSlices. testWarnings, skipped on Python 3.5+ in TF1, is ported: tf1-ts prints TF1's warnings.
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as tf from '../../src/index.js';
import { asIndexedSlices } from '../../src/ops/indexed_slices_ops.js';
import { aggregateIndexedSlicesGradients } from '../../src/ops/gradient_aggregation.js';
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

// gradients_test.py's AggregateIndexedSlicesGradientsTest: `_AggregateIndexedSlicesGradients` is tf1-ts's
// aggregateIndexedSlicesGradients; each result is compared densely, as `_assert_indexed_slices_equal` does.
describe('AggregateIndexedSlicesGradientsTest', () => {
  const m = (rows: number[][]) => tf.constant(rows, tf.float32);
  async function assertSlicesEqual(build: () => [tf.Tensor | tf.IndexedSlices, tf.Tensor | tf.IndexedSlices]): Promise<void> {
    await inSession(async (g, sess) => {
      const [left, right] = g.as_default(() => build().map((x) => tf.convert_to_tensor(x)));
      const [l, r] = await sess.run([left!, right!]);
      assertAllEqual(l!, r!);
    });
  }

  it('testNoGradients', () => {
    expect(aggregateIndexedSlicesGradients([])).toBeNull();
  });

  it('testOneGradient', async () => {
    await assertSlicesEqual(() => {
      const t = asIndexedSlices(
        m([
          [1, 2],
          [0, 0],
          [3, 4],
        ]),
      );
      return [t, aggregateIndexedSlicesGradients([t])!];
    });
  });

  it('testMultipleGradients', async () => {
    await assertSlicesEqual(() => {
      const t0 = asIndexedSlices(
        m([
          [1, 2],
          [0, 0],
          [3, 4],
        ]),
      );
      const t1 = asIndexedSlices(
        m([
          [0, 0],
          [5, 6],
          [7, 8],
        ]),
      );
      return [
        m([
          [1, 2],
          [5, 6],
          [10, 12],
        ]),
        aggregateIndexedSlicesGradients([t0, t1])!,
      ];
    });
  });

  it('testMultipleGradientsWithNones', async () => {
    await assertSlicesEqual(() => {
      const t0 = asIndexedSlices(
        m([
          [1, 2],
          [0, 0],
          [3, 4],
        ]),
      );
      const t1 = asIndexedSlices(
        m([
          [0, 0],
          [5, 6],
          [7, 8],
        ]),
      );
      const t3 = asIndexedSlices(
        m([
          [0, 0],
          [0, 0],
          [9, 10],
        ]),
      );
      return [
        m([
          [1, 2],
          [5, 6],
          [19, 22],
        ]),
        aggregateIndexedSlicesGradients([t0, t1, null, t3])!,
      ];
    });
  });

  it('testMixedTensorAndIndexedSlices', async () => {
    await assertSlicesEqual(() => {
      const t0 = asIndexedSlices(
        m([
          [1, 2],
          [0, 0],
          [3, 4],
        ]),
      );
      const t1 = m([
        [0, 0],
        [5, 6],
        [7, 8],
      ]);
      return [
        m([
          [1, 2],
          [5, 6],
          [10, 12],
        ]),
        aggregateIndexedSlicesGradients([t0, t1])!,
      ];
    });
  });
});

describe('GradientsTest with IndexedSlices', () => {
  it('testSingletonIndexedSlices', async () => {
    await inSession(async (g, sess) => {
      const b = g.as_default(() => {
        const x = tf.placeholder(tf.float32);
        const y = tf.identity(x);
        const dy = new tf.IndexedSlices(tf.placeholder(tf.float32), tf.placeholder(tf.int32));
        const [dx] = tf.gradients(y, x, { grad_ys: dy });
        return { x, dy, dx: dx! };
      });
      // The IndexedSlices gradient of tf.identity is the identity map.
      expect(b.dx).toBeInstanceOf(tf.IndexedSlices);
      expect(String(b.dx)).toBe(
        'IndexedSlices(indices=Tensor("gradients/grad_ys_0_indices:0", shape=<unknown>, dtype=int32), values=Tensor("gradients/grad_ys_0_values:0", shape=<unknown>, dtype=float32))',
      );
      const feeds = new Map<tf.Tensor, number[]>([
        [b.x, [1.0]],
        [b.dy.indices, [0]],
        [b.dy.values, [2.0]],
      ]);
      const [vdx, vdy] = await sess.run([b.dx as tf.IndexedSlices, b.dy], feeds);
      assertAllEqual(vdx!.values, vdy!.values);
      assertAllEqual(vdx!.indices, vdy!.indices);
      expect(vdx!.dense_shape).toBeNull();
    });
  });

  it('sums an IndexedSlices and a Tensor gradient of one tensor by concatenation; a rule that needs a Tensor gets one', async () => {
    await inSession(async (g, sess) => {
      const b = g.as_default(() => {
        const x = tf.constant(
          [
            [1, 2],
            [3, 4],
            [5, 6],
          ],
          tf.float32,
        );
        const y = tf.identity(x);
        const slices = new tf.IndexedSlices(tf.constant([[10, 20]], tf.float32), tf.constant([2]), tf.constant([3, 2]));
        // y feeds two consumers: one sends the IndexedSlices, the other (y * 2) a Tensor.
        const z = tf.identity(y, { name: 'z' });
        const w = y.mul(tf.constant(2, tf.float32));
        const [dy] = tf.gradients([z, w], y, { grad_ys: [slices, tf.ones_like(w)] });
        // Through Square, whose rule builds on the gradient: it gets the IndexedSlices densely.
        const sq = tf.square(y);
        const [dx] = tf.gradients([tf.identity(sq)], x, { grad_ys: [slices] });
        return { dy: dy!, dx: dx! };
      });
      expect(b.dy).toBeInstanceOf(tf.IndexedSlices);
      const dy = b.dy as tf.IndexedSlices;
      expect(dy.values.op.type).toBe('ConcatV2');
      expect(b.dx).toBeInstanceOf(tf.Tensor);
      const [dense, dx] = await sess.run([g.as_default(() => tf.convert_to_tensor(dy)), b.dx as tf.Tensor]);
      assertAllEqual(dense!, [
        [2, 2],
        [2, 2],
        [12, 22],
      ]);
      assertAllEqual(dx!, [
        [0, 0],
        [0, 0],
        [100, 240],
      ]);
    });
  });
});

describe("GatherV2's gradient (array_grad.py's _GatherV2Grad)", () => {
  it('along axis 0 is an IndexedSlices named as TF1 names it; along another axis, a Tensor', async () => {
    await inSession(async (g, sess) => {
      const b = g.as_default(() => {
        const params = tf.constant(
          [
            [1, 2],
            [3, 4],
            [5, 6],
          ],
          tf.float32,
        );
        const idx = tf.constant([
          [2, 0],
          [2, 2],
        ]);
        const [g0] = tf.gradients(tf.gather(params, idx), params);
        const [g1] = tf.gradients(tf.gather(params, [1, 1], { axis: 1 }), params);
        const v = tf.Variable(tf.zeros([4, 2]));
        const [gv] = tf.gradients(tf.reduce_sum(tf.nn.embedding_lookup(v, [3, 1, 3])), v);
        return { g0: g0 as tf.IndexedSlices, g1, gv };
      });
      expect(b.g0).toBeInstanceOf(tf.IndexedSlices);
      expect(b.g0.values.name).toBe('gradients/GatherV2_grad/Reshape:0');
      expect(b.g0.indices.name).toBe('gradients/GatherV2_grad/Reshape_1:0');
      expect(b.g0.dense_shape!.name).toBe('gradients/GatherV2_grad/ToInt32:0');
      expect(b.g0.dense_shape!.op.inputs[0]!.dtype).toBe('int64');
      expect(b.g1).toBeInstanceOf(tf.Tensor);
      expect(b.gv).toBeInstanceOf(tf.IndexedSlices);
      const v = await sess.run(b.g0);
      assertAllEqual(v.indices, [2, 0, 2, 2]);
      assertAllEqual(v.values, [
        [1, 1],
        [1, 1],
        [1, 1],
        [1, 1],
      ]);
      assertAllEqual(v.dense_shape!, [3, 2]);
      assertAllEqual(await sess.run(b.g1 as tf.Tensor), [
        [0, 2],
        [0, 2],
        [0, 2],
      ]);
    });
  });
});
