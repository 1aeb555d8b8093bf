// TF1's tensorflow/python/kernel_tests/dynamic_stitch_op_test.py, the DynamicStitchTest cases, ported
// (source read: a late-2018 snapshot, fraudies/tensorflow, with r1.12's test_session). Cases tf1-ts
// cannot express (quantized dtypes, parallel_dynamic_stitch) are listed in NOT_PORTED.md.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllEqual, inGraph, inSession, staticShape, thrown } from './helpers.js';

/** Builds dynamic_stitch(indices, data) in a fresh graph and returns its value and static shape. */
async function stitch(build: () => [tf.TensorLike[], tf.TensorLike[]]): Promise<[tf.NDArray, (number | null)[] | null]> {
  return inSession(async (g, sess) => {
    const t = g.as_default(() => {
      const [indices, data] = build();
      return tf.dynamic_stitch(indices, data);
    });
    return [await sess.run(t), staticShape(t)];
  });
}

describe('DynamicStitchTest', () => {
  it('testScalar', async () => {
    for (const step of [-1, 1]) {
      const [v, shape] = await stitch(() => {
        const indices = [tf.constant(0), tf.constant(1)];
        return [step === 1 ? indices : indices.reverse(), [tf.constant(40), tf.constant(60)]];
      });
      assertAllEqual(v, step === 1 ? [40, 60] : [60, 40]);
      // Dimension 0 is max(flatten(indices))+1.
      expect(shape).toEqual([2]);
    }
  });

  it('testShapeInferenceForScalarWithNonConstantIndices', () => {
    for (const step of [-1, 1]) {
      inGraph(() => {
        const indices = [tf.placeholder(tf.int32), tf.constant(1)];
        const t = tf.dynamic_stitch(step === 1 ? indices : indices.reverse(), [tf.constant(40), tf.constant(60)]);
        // The first indices input is not constant, so only a vector of unknown length is known.
        expect(staticShape(t)).toEqual([null]);
      });
    }
  });

  it('testSimpleOneDimensional', async () => {
    const [v, shape] = await stitch(() => [
      [tf.constant([0, 4, 7]), tf.constant([1, 6, 2, 3, 5])],
      [tf.cast(tf.constant([0, 40, 70]), tf.float32), tf.cast(tf.constant([10, 60, 20, 30, 50]), tf.float32)],
    ]);
    assertAllEqual(v, [0, 10, 20, 30, 40, 50, 60, 70]);
    expect(v.dtype).toBe('float32');
    expect(shape).toEqual([8]);
  });

  it('testOneListOneDimensional', async () => {
    const [v, shape] = await stitch(() => [[tf.constant([1, 6, 2, 3, 5, 0, 4, 7])], [tf.constant([10, 60, 20, 30, 50, 0, 40, 70])]]);
    assertAllEqual(v, [0, 10, 20, 30, 40, 50, 60, 70]);
    expect(shape).toEqual([8]);
  });

  it('testSimpleTwoDimensional', async () => {
    const [v, shape] = await stitch(() => [
      [tf.constant([0, 4, 7]), tf.constant([1, 6]), tf.constant([2, 3, 5])],
      [
        tf.constant([
          [0, 1],
          [40, 41],
          [70, 71],
        ]),
        tf.constant([
          [10, 11],
          [60, 61],
        ]),
        tf.constant([
          [20, 21],
          [30, 31],
          [50, 51],
        ]),
      ],
    ]);
    assertAllEqual(v, [
      [0, 1],
      [10, 11],
      [20, 21],
      [30, 31],
      [40, 41],
      [50, 51],
      [60, 61],
      [70, 71],
    ]);
    expect(shape).toEqual([8, 2]);
  });

  it('testZeroSizeTensor', async () => {
    const [v, shape] = await stitch(() => [
      [tf.constant([0, 4, 7]), tf.constant([1, 6]), tf.constant([2, 3, 5]), tf.zeros([0], tf.int32)],
      [
        tf.constant([
          [0, 1],
          [40, 41],
          [70, 71],
        ]),
        tf.constant([
          [10, 11],
          [60, 61],
        ]),
        tf.constant([
          [20, 21],
          [30, 31],
          [50, 51],
        ]),
        tf.zeros([0, 2], tf.int32),
      ],
    ]);
    assertAllEqual(v, [
      [0, 1],
      [10, 11],
      [20, 21],
      [30, 31],
      [40, 41],
      [50, 51],
      [60, 61],
      [70, 71],
    ]);
    expect(shape).toEqual([8, 2]);
  });

  it('testHigherRank', async () => {
    await inSession(async (g, sess) => {
      const { indices, data, stitchedT } = g.as_default(() => {
        const indices = [
          tf.constant(6),
          tf.constant([4, 1]),
          tf.constant([
            [5, 2],
            [0, 3],
          ]),
        ];
        const data = [
          tf.constant([61, 62], tf.float32),
          tf.constant(
            [
              [41, 42],
              [11, 12],
            ],
            tf.float32,
          ),
          tf.constant(
            [
              [
                [51, 52],
                [21, 22],
              ],
              [
                [1, 2],
                [31, 32],
              ],
            ],
            tf.float32,
          ),
        ];
        return { indices, data, stitchedT: tf.dynamic_stitch(indices, data) };
      });
      const stitchedVal = await sess.run(stitchedT);
      const correct = Array.from({ length: 7 }, (_, i) => [10 * i + 1, 10 * i + 2]);
      assertAllEqual(stitchedVal, correct);
      expect(staticShape(stitchedT)).toEqual([7, 2]);
      // Test gradients
      const grads = g.as_default(() => {
        const stitchedGrad = tf.constant(
          stitchedVal.data.map((v) => 7 * v),
          tf.float32,
          [7, 2],
        );
        return tf.gradients(stitchedT, [...indices, ...data], stitchedGrad);
      });
      expect(grads.slice(0, 3)).toEqual([null, null, null]); // Indices have no gradients
      const values = await sess.run(grads.slice(3) as tf.Tensor[]);
      for (let i = 0; i < data.length; i++) {
        const datum = await sess.run(data[i]!);
        assertAllEqual(
          values[i]!,
          new tf.NDArray(
            datum.data.map((v) => 7 * v),
            datum.shape,
            'float32',
          ),
        );
      }
    });
  });

  it('testErrorIndicesMultiDimensional', () => {
    inGraph(() => {
      const indices = [tf.constant([0, 4, 7]), tf.constant([[1, 6, 2, 3, 5]])];
      const data = [tf.constant([[0, 40, 70]]), tf.constant([10, 60, 20, 30, 50])];
      expect(thrown(() => tf.dynamic_stitch(indices, data))).toBeInstanceOf(tf.errors.ValueError);
    });
  });

  it('testErrorDataNumDimsMismatch', () => {
    inGraph(() => {
      const indices = [tf.constant([0, 4, 7]), tf.constant([1, 6, 2, 3, 5])];
      const data = [tf.constant([0, 40, 70]), tf.constant([[10, 60, 20, 30, 50]])];
      expect(thrown(() => tf.dynamic_stitch(indices, data))).toBeInstanceOf(tf.errors.ValueError);
    });
  });

  it('testErrorDataDimSizeMismatch', () => {
    inGraph(() => {
      const indices = [tf.constant([0, 4, 5]), tf.constant([1, 6, 2, 3])];
      const data = [
        tf.constant([[0], [40], [70]]),
        tf.constant([
          [10, 11],
          [60, 61],
          [20, 21],
          [30, 31],
        ]),
      ];
      expect(thrown(() => tf.dynamic_stitch(indices, data))).toBeInstanceOf(tf.errors.ValueError);
    });
  });

  it('testErrorDataAndIndicesSizeMismatch', () => {
    inGraph(() => {
      const indices = [tf.constant([0, 4, 7]), tf.constant([1, 6, 2, 3, 5])];
      const data = [tf.constant([0, 40, 70]), tf.constant([10, 60, 20, 30])];
      expect(thrown(() => tf.dynamic_stitch(indices, data))).toBeInstanceOf(tf.errors.ValueError);
    });
  });
});
