// TF1's tensorflow/python/kernel_tests/array_ops_test.py, its SequenceMaskTest, ported (source read: a late-2018
// snapshot, fraudies/tensorflow).
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllEqual, inGraph, inSession, staticShape, thrown } from './helpers.js';

async function evalMask(build: () => tf.Tensor): Promise<{ v: tf.NDArray; shape: (number | null)[] | null }> {
  return inSession(async (g, sess) => {
    const t = g.as_default(build);
    return { v: await sess.run(t), shape: staticShape(t) };
  });
}

const T = true;
const F = false;

describe('SequenceMaskTest', () => {
  it('testExceptions', () => {
    const e = inGraph(() => thrown(() => tf.sequence_mask([10, 20], [10, 20])));
    expect(e).toBeInstanceOf(tf.errors.ValueError);
    expect(e.message).toContain('maxlen must be scalar');
  });

  it('testOneDimensionalWithMaxlen', async () => {
    const { v, shape } = await evalMask(() => tf.sequence_mask(tf.constant([1, 3, 2]), 5));
    expect(shape).toEqual([3, 5]);
    assertAllEqual(v, [
      [T, F, F, F, F],
      [T, T, T, F, F],
      [T, T, F, F, F],
    ]);
    expect(v.dtype).toBe('bool');
  });

  it('testOneDimensionalDtypeWithoutMaxlen', async () => {
    // test dtype and default maxlen
    const { v, shape } = await evalMask(() => tf.sequence_mask(tf.constant([0, 1, 4]), { dtype: tf.float32 }));
    // TF1's C shape inference evaluates the constant max(lengths) while building; tf1-ts's static maxlen is unknown.
    expect(shape).toEqual([3, null]);
    expect(v.shape).toEqual([3, 4]);
    assertAllEqual(v, [
      [0, 0, 0, 0],
      [1, 0, 0, 0],
      [1, 1, 1, 1],
    ]);
    expect(v.dtype).toBe('float32');
  });

  it('testOneDimensionalWithoutMaxlen', async () => {
    const { v } = await evalMask(() => tf.sequence_mask(tf.constant([0, 1, 4])));
    assertAllEqual(v, [
      [F, F, F, F],
      [T, F, F, F],
      [T, T, T, T],
    ]);
  });

  it('testTwoDimensional', async () => {
    const a = await evalMask(() => tf.sequence_mask(tf.constant([[1, 3, 2]]), 5));
    expect(a.shape).toEqual([1, 3, 5]);
    assertAllEqual(a.v, [
      [
        [T, F, F, F, F],
        [T, T, T, F, F],
        [T, T, F, F, F],
      ],
    ]);
    // test dtype and default maxlen
    const b = await evalMask(() =>
      tf.sequence_mask(
        tf.constant([
          [0, 1, 4],
          [1, 2, 3],
        ]),
        { dtype: tf.float32 },
      ),
    );
    assertAllEqual(b.v, [
      [
        [0, 0, 0, 0],
        [1, 0, 0, 0],
        [1, 1, 1, 1],
      ],
      [
        [1, 0, 0, 0],
        [1, 1, 0, 0],
        [1, 1, 1, 0],
      ],
    ]);
  });

  it('testUnknownShape', () => {
    inGraph(() => {
      expect(staticShape(tf.sequence_mask(tf.placeholder(tf.int32)))).toBeNull();
    });
  });

  it('testDtypes', async () => {
    for (const [ld, md] of [
      ['int32', 'int32'],
      ['int32', 'int64'],
      ['int64', 'int32'],
      ['int64', 'int64'],
    ] as const) {
      const { v, shape } = await evalMask(() => tf.sequence_mask(tf.constant([1, 3, 2], ld), tf.constant(5, md)));
      expect(shape).toEqual([3, 5]);
      assertAllEqual(v, [
        [T, F, F, F, F],
        [T, T, T, F, F],
        [T, T, F, F, F],
      ]);
    }
  });

  it("builds TF1's nodes under SequenceMask: Max, Maximum, Range, ExpandDims, Cast, Less", () => {
    inGraph((g) => {
      const m = tf.sequence_mask(tf.constant([1, 3, 2], tf.int32, undefined, 'lengths'));
      expect(m.op.name).toBe('SequenceMask/Less');
      const types = g
        .get_operations()
        .filter((o) => o.name.startsWith('SequenceMask/'))
        .map((o) => o.type);
      expect(types).toEqual(expect.arrayContaining(['Max', 'Maximum', 'Range', 'ExpandDims', 'Cast', 'Less']));
    });
  });
});
