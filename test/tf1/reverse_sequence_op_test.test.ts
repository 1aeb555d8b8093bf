// Port of TF1 r1.12's tensorflow/python/kernel_tests/reverse_sequence_op_test.py (TF1's complex dtypes have no
// counterpart here), plus the deprecated seq_dim/batch_dim names and the kernel's value checks.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { ValueError } from '../../src/framework/errors.js';
import { assertAllClose, assertShapeEqual, evaluate, gradientError, inGraph, inSession, rejected, thrown } from './helpers.js';

/** numpy's x.transpose([2, 1, 0, 3, 4]) of a [3, 2, 4, 1, 1] array given row-major. */
function permute02(v: number[]): number[][][][][] {
  const at = (i: number, j: number, k: number): number => v[(i * 2 + j) * 4 + k]!;
  return Array.from({ length: 4 }, (_, k) => Array.from({ length: 2 }, (_, j) => Array.from({ length: 3 }, (_, i) => [[at(i, j, k)]])));
}
const X = permute02(Array.from({ length: 24 }, (_, i) => i + 1));
const TRUTH = permute02([3, 2, 1, 4, 7, 6, 5, 8, 9, 10, 11, 12, 13, 14, 15, 16, 20, 19, 18, 17, 24, 23, 22, 21]);

async function testReverseSequence(dtype: tf.DType, lenDtype: tf.DType): Promise<void> {
  let ans: tf.Tensor | undefined;
  const tfAns = await evaluate(() => {
    const x = tf.constant(X as never, dtype);
    // reverse dim 0 up to (0:3, none, 0:4) along dim 2
    ans = tf.reverse_sequence(x, tf.constant([3, 0, 4], lenDtype), { batch_axis: 2, seq_axis: 0 });
    return ans;
  });
  assertAllClose(tfAns, TRUTH, { atol: 1e-10 });
  assertShapeEqual(TRUTH, ans!);
}

describe('ReverseSequenceTest', () => {
  it('testFloatBasic', async () => {
    for (const len of ['int32', 'int64'] as const) await testReverseSequence('float32', len);
  });
  it('testDoubleBasic', async () => {
    await testReverseSequence('float64', 'int64');
  });
  it('testInt32Basic', async () => {
    await testReverseSequence('int32', 'int64');
  });
  it('testInt64Basic', async () => {
    await testReverseSequence('int64', 'int64');
  });

  it('testFloatReverseSequenceGrad', async () => {
    await inSession(async (g, sess) => {
      const { x, out, init } = g.as_default(() => {
        const init = tf.NDArray.zeros([4, 2, 3, 1, 1], 'float64');
        init.data.set(X.flat(4) as number[]);
        const x = tf.constant(init);
        const out = tf.reverse_sequence(x, tf.constant([3, 0, 4], tf.int64), { batch_axis: 2, seq_axis: 0 });
        return { x, out, init };
      });
      const err = await gradientError(sess, x, [4, 2, 3, 1, 1], out, [4, 2, 3, 1, 1], init);
      expect(err).toBeLessThan(1e-8);
    });
  });

  it('testShapeFunctionEdgeCases', async () => {
    inGraph(() => {
      const t = tf.reverse_sequence(tf.placeholder(tf.float32, null), tf.placeholder(tf.int64, [32]), { batch_axis: 0, seq_axis: 1 });
      expect(t.get_shape().ndims).toBeNull();
      // batch size mismatched between input and seq_lengths
      expect(thrown(() => tf.reverse_sequence(tf.placeholder(tf.float32, [32, 2, 3]), tf.placeholder(tf.int64, [33]), { seq_axis: 3 }))).toBeInstanceOf(
        ValueError,
      );
      // seq_axis out of bounds
      const e1 = thrown(() => tf.reverse_sequence(tf.placeholder(tf.float32, [32, 2, 3]), tf.placeholder(tf.int64, [32]), { seq_axis: 3 }));
      expect(e1).toBeInstanceOf(ValueError);
      expect(e1.message).toMatch(/seq_dim must be < input rank/);
      // batch_axis out of bounds
      const e2 = thrown(() => tf.reverse_sequence(tf.placeholder(tf.float32, [32, 2, 3]), tf.placeholder(tf.int64, [32]), { seq_axis: 0, batch_axis: 3 }));
      expect(e2).toBeInstanceOf(ValueError);
      expect(e2.message).toMatch(/batch_dim must be < input rank/);
    });
    await inSession(async (g, sess) => {
      const { inputs, lens, output } = g.as_default(() => {
        const inputs = tf.placeholder(tf.float32, [32, 2, 3]);
        const lens = tf.placeholder(tf.int64, [32]);
        return { inputs, lens, output: tf.reverse_sequence(inputs, lens, { seq_axis: 0 }) }; // batch_axis default is 0
      });
      const feeds = new Map([
        [inputs, tf.NDArray.zeros([32, 2, 3])],
        [
          lens,
          new tf.NDArray(
            Float64Array.from({ length: 32 }, (_, i) => i % 3),
            [32],
            'int64',
          ),
        ],
      ]);
      expect((await rejected(sess.run(output, feeds))).message).toMatch(/batch_dim == seq_dim/);
    });
  });

  it('seq_dim and batch_dim (the deprecated names), and lengths the kernel refuses', async () => {
    const r = await evaluate(() =>
      tf.reverse_sequence(
        tf.constant([
          [1, 2, 3],
          [4, 5, 6],
        ]),
        [2, 3],
        { seq_dim: 1, batch_dim: 0 },
      ),
    );
    assertAllClose(r, [
      [2, 1, 3],
      [6, 5, 4],
    ]);
    inGraph(() => {
      expect(thrown(() => tf.reverse_sequence(tf.constant([[1]]), [1], { seq_dim: 1, seq_axis: 1 })).message).toBe(
        "Cannot specify both 'seq_axis' and 'seq_dim'",
      );
    });
    const e = await rejected(evaluate(() => tf.reverse_sequence(tf.constant([[1, 2, 3]]), [4], { seq_axis: 1 })));
    expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
    expect(e.message).toBe('seq_lens(0) > input.dims(1)');
    const e2 = await rejected(evaluate(() => tf.reverse_sequence(tf.constant([[1, 2, 3]]), [-1], { seq_axis: 1 })));
    expect(e2.message).toBe('seq_lens(0) < 0');
  });
});
