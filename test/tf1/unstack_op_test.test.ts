// TF1's tensorflow/python/kernel_tests/unstack_op_test.py, ported (source read: TF 1.x's copy, whose cases are
// r1.12's). use_gpu runs are the CPU backend here; testSimpleGpu is testSimple's GPU twin (parity:
// test/session/webgpu/cases_array_structure.ts). float16 is not a tf1-ts dtype.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllEqual, inGraph, inSession, randn, thrown } from './helpers.js';
import { npSplitSqueeze, randnAs, randomPermutedShape } from './stack_helpers.js';

const SHAPES = [[2], [3], [2, 3], [3, 2], [4, 3, 2]];

describe('UnstackOpTest', () => {
  it('testSimple', async () => {
    for (const shape of SHAPES) {
      for (const dtype of ['bool', 'float32', 'float64', 'int32', 'int64'] as const) {
        const data = randnAs(shape, dtype);
        await inSession(async (g, sess) => {
          const cs = g.as_default(() => tf.unstack(tf.constant(data), { num: shape[0]! }));
          expect(Array.isArray(cs)).toBe(true);
          expect(cs.length).toBe(shape[0]);
          const got = (await sess.run(cs)) as tf.NDArray[];
          got.forEach((c, i) => assertAllEqual(c, npSplitSqueeze(data, 0)[i]!));
        });
      }
    }
  });

  it('testGradientsAxis0', async () => {
    for (const shape of SHAPES) {
      const data = randn(shape, 'float64');
      for (let i = 0; i < shape[0]!; i++) {
        await inSession(async (g, sess) => {
          const [x, cs] = g.as_default(() => {
            const x = tf.constant(data);
            return [x, tf.unstack(x, { num: shape[0]! })] as const;
          });
          expect(await sess.as_default(() => tf.test.compute_gradient_error(x, shape, cs[i]!, shape.slice(1)))).toBeLessThan(1e-6);
        });
      }
    }
  });

  it('testGradientsAxis1', async () => {
    for (const shape of [
      [2, 3],
      [3, 2],
      [4, 3, 2],
    ]) {
      const data = randn(shape, 'float64');
      const outShape = shape.filter((_, k) => k !== 1);
      for (let i = 0; i < shape[1]!; i++) {
        await inSession(async (g, sess) => {
          const [x, cs] = g.as_default(() => {
            const x = tf.constant(data);
            return [x, tf.unstack(x, { num: shape[1]!, axis: 1 })] as const;
          });
          expect(await sess.as_default(() => tf.test.compute_gradient_error(x, shape, cs[i]!, outShape))).toBeLessThan(1e-6);
        });
      }
    }
  });

  it('testInferNum', () => {
    for (const shape of SHAPES) {
      inGraph(() => {
        const cs = tf.unstack(tf.placeholder(tf.float32, shape));
        expect(Array.isArray(cs)).toBe(true);
        expect(cs.length).toBe(shape[0]);
      });
    }
  });

  it('testCannotInferNumFromUnknownShape', () => {
    inGraph(() => {
      const e = thrown(() => tf.unstack(tf.placeholder(tf.float32)));
      expect(e).toBeInstanceOf(tf.errors.ValueError);
      expect(e.message).toMatch(/Cannot infer num from shape <unknown>/);
    });
  });

  it('testUnknownShapeOkWithNum', () => {
    inGraph(() => expect(tf.unstack(tf.placeholder(tf.float32), { num: 2 }).length).toBe(2));
  });

  it('testCannotInferNumFromNoneShape', () => {
    inGraph(() => {
      const e = thrown(() => tf.unstack(tf.placeholder(tf.float32, [null])));
      expect(e).toBeInstanceOf(tf.errors.ValueError);
      expect(e.message).toMatch(/Cannot infer num from shape \(\?,\)/);
    });
  });

  it('testAgainstNumpy', async () => {
    for (let i = 1; i < 6; i++) {
      const a = randomPermutedShape(i);
      for (let j = -i; j < i; j++) {
        const expected = npSplitSqueeze(a, j);
        await inSession(async (g, sess) => {
          const actual = (await sess.run(g.as_default(() => tf.unstack(a, { axis: j })))) as tf.NDArray[];
          expect(actual.length).toBe(expected.length);
          actual.forEach((x, k) => assertAllEqual(x, expected[k]!));
        });
      }
    }
  });

  it('testAxis0Default', async () => {
    await inSession(async (g, sess) => {
      const unstacked = (await sess.run(
        g.as_default(() =>
          tf.unstack(
            tf.constant(
              [
                [1, 2, 3],
                [4, 5, 6],
              ],
              { name: 'a' },
            ),
          ),
        ),
      )) as tf.NDArray[];
      expect(unstacked.length).toBe(2);
      assertAllEqual(unstacked[0]!, [1, 2, 3]);
      assertAllEqual(unstacked[1]!, [4, 5, 6]);
    });
  });

  it('testAxisOutOfRange', () => {
    inGraph(() => {
      const a = tf.constant(
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        { name: 'a' },
      );
      expect(thrown(() => tf.unstack(a, { axis: 2 })).message).toMatch(/axis = 2 not in \[-2, 2\)/);
    });
  });

  it('testAxisOutOfNegativeRange', () => {
    inGraph(() => {
      const a = tf.constant(
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        { name: 'a' },
      );
      expect(thrown(() => tf.unstack(a, { axis: -3 })).message).toMatch(/axis = -3 not in \[-2, 2\)/);
    });
  });

  it('testZeroLengthDim', async () => {
    await inSession(async (g, sess) => {
      const y = await sess.run(g.as_default(() => tf.unstack(tf.zeros([0, 1, 2]), { axis: 1 })[0]!));
      expect([...y.shape]).toEqual([0, 2]);
    });
  });
});
