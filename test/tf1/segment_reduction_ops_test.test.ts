// TF1's tensorflow/python/kernel_tests/segment_reduction_ops_test.py, the UnsortedSegmentTest cases of
// unsorted_segment_sum, ported (source read: tensorflow/tensorflow's later file, whose unsorted_segment_sum cases are
// r1.12's). tf1-ts has UnsortedSegmentSum only (not the mean, sqrt_n, prod, min, max variants, nor SegmentSum), and no
// float16, bfloat16 or complex dtypes: those parts are listed in NOT_PORTED.md.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose, assertShapeEqual, computeGradient, inSession, np, rejected } from './helpers.js';

const ALL_DTYPES: tf.DType[] = ['float32', 'float64', 'int64', 'int32'];

/** SegmentReductionHelper._input: np.arange(1, n + 1) in `shape`, as a constant and as the array. */
function input(shape: readonly number[], dtype: tf.DType = 'int32'): [tf.Tensor, tf.NDArray] {
  const a = tf.NDArray.zeros(shape, dtype);
  for (let i = 0; i < a.size; i++) a.data[i] = i + 1;
  return [tf.constant(a), a];
}

/** _segmentReduce with np.add: rows of x summed by index into num_segments rows (negative indices dropped). */
function segmentSum(indices: readonly number[], x: tf.NDArray, idsRank: number, num: number): tf.NDArray {
  const tail = x.shape.slice(idsRank);
  const row = tail.reduce((a, b) => a * b, 1);
  const out = tf.NDArray.zeros([num, ...tail], 'float64');
  indices.forEach((j, i) => {
    if (j < 0) return;
    for (let p = 0; p < row; p++) out.data[j * row + p]! += x.data[i * row + p]!;
  });
  return out;
}

const INDICES_FLAT = [0, 4, 0, 8, 3, 8, 4, 7, 7, 3];
const asIndices = (flat: readonly number[], rank: 1 | 2): tf.NDArray =>
  rank === 1 ? np(flat, 'int32') : new tf.NDArray(Int32Array.from(flat), [5, 2], 'int32');

describe('UnsortedSegmentTest (unsorted_segment_sum)', () => {
  it('testValues', async () => {
    const num = 12;
    for (const rank of [1, 2] as const) {
      const indices = asIndices(INDICES_FLAT, rank);
      for (const inner of [1, 2, 3, 32]) {
        for (const dtype of ALL_DTYPES) {
          await inSession(async (g, sess) => {
            const { s, npX } = g.as_default(() => {
              const [tfX, npX] = input([...indices.shape, inner], dtype);
              return { s: tf.unsorted_segment_sum(tfX, { segment_ids: indices, num_segments: num }), npX };
            });
            const expected = segmentSum(INDICES_FLAT, npX, rank, num);
            assertAllClose(await sess.run(s), expected);
            assertShapeEqual(expected, s);
          });
        }
      }
    }
  });

  it('testNumSegmentsTypes', async () => {
    for (const rank of [1, 2] as const) {
      const indices = asIndices(INDICES_FLAT, rank);
      for (const dtype of ['int32', 'int64'] as const) {
        await inSession(async (g, sess) => {
          const { s, npX } = g.as_default(() => {
            const [tfX, npX] = input([...indices.shape, 2]);
            return { s: tf.unsorted_segment_sum({ data: tfX, segment_ids: indices, num_segments: tf.constant(12, dtype) }), npX };
          });
          const expected = segmentSum(INDICES_FLAT, npX, rank, 12);
          assertAllClose(await sess.run(s), expected);
          assertShapeEqual(expected, s);
        });
      }
    }
  });

  it('testGradientsTFGradients', async () => {
    const flat = [0, 4, 0, -1, 3, -1, 4, 7, 7, 3];
    const num = Math.max(...flat) + 3;
    for (const dtype of ['float32', 'float64'] as const) {
      for (const rank of [1, 2] as const) {
        const indices = asIndices(flat, rank);
        const shape = [...indices.shape, 2];
        const npX = input(shape, dtype)[1];
        const [jt, jn] = await computeGradient(
          () => {
            const x = tf.constant(npX);
            return { x, y: tf.unsorted_segment_sum(x, indices, num) };
          },
          npX,
          [num, 2],
          1,
        );
        // assertAllCloseAccordingToType: float32's 1e-6 tolerances, float64's the same.
        assertAllClose(jt, jn, dtype === 'float32' ? { rtol: 1e-6, atol: 1e-6 } : {});
      }
    }
  });

  it('testGradientMatchesSegmentSum (the unsorted side: the Jacobian is the 0/1 routing of rows)', async () => {
    const indices = [0, 0, 1, 1, 1, 2, 3, 4, 5];
    const n = indices.length;
    const num = Math.max(...indices) + 1;
    for (const dtype of ['float32', 'float64'] as const) {
      const npX = input([n, 2], dtype)[1];
      const [jt, jn] = await computeGradient(
        () => {
          const x = tf.constant(npX);
          return { x, y: tf.unsorted_segment_sum({ data: x, segment_ids: indices, num_segments: num }) };
        },
        npX,
        [num, 2],
        1,
      );
      // SegmentSum's Jacobian for sorted ids: 1 where input row i feeds output row ids[i], same column.
      const expected = tf.NDArray.zeros([n * 2, num * 2], 'float64');
      indices.forEach((j, i) => {
        for (let c = 0; c < 2; c++) expected.data[(i * 2 + c) * num * 2 + j * 2 + c] = 1;
      });
      assertAllClose(jt, expected);
      assertAllClose(jn, expected, { atol: 1e-3 });
    }
  });

  it('testBadIndices', async () => {
    for (const bad of [[[2]], [[7]]]) {
      await inSession(async (g, sess) => {
        const t = g.as_default(() => tf.unsorted_segment_sum([[17]], bad, { num_segments: 2 }));
        const e = await rejected(sess.run(t));
        expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
        expect(e.message).toContain(`segment_ids[0,0] = ${bad[0]![0]} is out of range [0, 2)`);
      });
    }
  });

  it('testEmptySecondDimension', async () => {
    for (const dtype of ALL_DTYPES) {
      for (const itype of ['int32', 'int64'] as const) {
        await inSession(async (g, sess) => {
          const t = g.as_default(() => tf.unsorted_segment_sum(tf.NDArray.zeros([2, 0], dtype), np([0, 1], itype), 2));
          const v = await sess.run(t);
          expect(v.shape).toEqual([2, 0]);
          expect(v.dtype).toBe(dtype);
        });
      }
    }
  });

  it('testDropNegatives', async () => {
    const num = 12;
    for (const rank of [1, 2] as const) {
      for (const dtype of ALL_DTYPES) {
        await inSession(async (g, sess) => {
          // Segment 8's ids replaced by -1: its rows are dropped, so the answer's rows from 8 on are 0.
          const dropped = INDICES_FLAT.map((j) => (j === 8 ? -1 : j));
          const indices = asIndices(dropped, rank);
          const { s, npX } = g.as_default(() => {
            const [tfX, npX] = input([...indices.shape, 2], dtype);
            return { s: tf.unsorted_segment_sum({ data: tfX, segment_ids: indices, num_segments: num }), npX };
          });
          const expected = segmentSum(INDICES_FLAT, npX, rank, num);
          expected.data.fill(0, 8 * 2);
          assertAllClose(await sess.run(s), expected);
          assertShapeEqual(expected, s);
        });
      }
    }
  });
});
