// TF1's tensorflow/python/kernel_tests/stack_op_test.py (StackOpTest), ported. Source read: r1.15
// (microsoft/tensorflow-directml), whose cases are r1.12's. use_gpu runs are the CPU backend here. parallel_stack
// and AutomaticStackingTest (convert_to_tensor's packing of lists) are listed in NOT_PORTED.md.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose, assertAllEqual, inGraph, inSession, randn, staticShape, thrown } from './helpers.js';
import { npSplitSqueeze, randnAs, randomPermutedShape } from './stack_helpers.js';

const SHAPES = [[2], [3], [2, 3], [3, 2], [4, 3, 2]];

describe('StackOpTest', () => {
  it('testSimple', async () => {
    for (const shape of SHAPES) {
      for (const dtype of ['bool', 'float32', 'int32', 'int64'] as const) {
        const data = randnAs(shape, dtype);
        await inSession(async (g, sess) => {
          // Convert [data[0], data[1], ...] separately, then stack back into a single tensor.
          const c = g.as_default(() => tf.stack(npSplitSqueeze(data, 0).map((x) => tf.constant(x))));
          expect(c.op.type).toBe('Pack');
          assertAllEqual(await sess.run(c), data);
        });
      }
    }
  });

  it('testConst', async () => {
    for (const shape of SHAPES) {
      for (const dtype of ['bool', 'float32', 'int16', 'int32', 'int64'] as const) {
        const data = randnAs(shape, dtype);
        await inSession(async (g, sess) => {
          // Stack back into a single tensor directly from the array: this is implemented via a Const.
          const c = g.as_default(() => tf.stack(data));
          expect(c.op.type).toBe('Const');
          assertAllEqual(await sess.run(c), data);
          // Python lists also work for the 1-D case (a JS list of numbers makes int32 where NumPy's int16 scalars make
          // int16; the values are compared).
          if (shape.length === 1) {
            const cl = g.as_default(() => tf.stack(Array.from(data.data, (v) => (dtype === 'bool' ? v !== 0 : v))));
            expect(cl.op.type).toBe('Const');
            assertAllEqual(await sess.run(cl), data);
          }
        });
      }
      // Verify that shape induction works with shapes produced via const stack.
      inGraph(() => {
        const a = tf.constant([1, 2, 3, 4, 5, 6]);
        expect(staticShape(tf.reshape(a, tf.stack([2, 3])))).toEqual([2, 3]);
      });
    }
  });

  it('testGradientsAxis0', async () => {
    for (const shape of SHAPES) {
      const data = randn(shape, 'float64');
      await inSession(async (g, sess) => {
        const [xs, c] = g.as_default(() => {
          const xs = npSplitSqueeze(data, 0).map((x) => tf.constant(x));
          return [xs, tf.stack(xs)] as const;
        });
        const shapes = xs.map(() => shape.slice(1));
        expect(await sess.as_default(() => tf.test.compute_gradient_error(xs, shapes, c, shape))).toBeLessThan(1e-6);
      });
    }
  });

  it('testGradientsAxis1', async () => {
    for (const shape of [
      [2, 3],
      [3, 2],
      [4, 3, 2],
    ]) {
      const data = randn(shape, 'float64');
      const outShape = shape.slice(1);
      outShape.splice(1, 0, shape[0]!);
      await inSession(async (g, sess) => {
        const [xs, c] = g.as_default(() => {
          const xs = npSplitSqueeze(data, 0).map((x) => tf.constant(x));
          return [xs, tf.stack(xs, { axis: 1 })] as const;
        });
        const shapes = xs.map(() => shape.slice(1));
        expect(await sess.as_default(() => tf.test.compute_gradient_error(xs, shapes, c, outShape))).toBeLessThan(1e-6);
      });
    }
  });

  it('testZeroSizeCPU', async () => {
    for (const shape of [[0], [3, 0], [0, 3]]) {
      const x = tf.NDArray.zeros([2, ...shape], 'int32');
      await inSession(async (g, sess) => {
        const p = await sess.run(g.as_default(() => tf.stack(npSplitSqueeze(x, 0))));
        assertAllEqual(p, x);
      });
    }
  });

  it('testAxis0DefaultCPU', async () => {
    await inSession(async (g, sess) => {
      const stacked = await sess.run(g.as_default(() => tf.stack([tf.constant([1, 2, 3]), tf.constant([4, 5, 6])])));
      assertAllEqual(stacked, [
        [1, 2, 3],
        [4, 5, 6],
      ]);
    });
  });

  it('testAgainstNumpy', async () => {
    for (let i = 1; i < 6; i++) {
      const expected = randomPermutedShape(i);
      for (let j = -i; j < i; j++) {
        const testArrays = npSplitSqueeze(expected, j);
        await inSession(async (g, sess) => {
          const actualPack = g.as_default(() => tf.stack(testArrays, { axis: j }));
          expect(staticShape(actualPack)).toEqual([...expected.shape]);
          assertAllClose(await sess.run(actualPack), expected, { atol: 1e-6 });
        });
      }
    }
  });

  it('testDimOutOfRange', () => {
    inGraph(() => {
      const t = [tf.constant([1, 2, 3]), tf.constant([4, 5, 6])];
      const e = thrown(() => tf.stack(t, { axis: 2 }));
      expect(e).toBeInstanceOf(tf.errors.ValueError);
      expect(e.message).toMatch(/axis = 2 not in \[-2, 2\)/);
    });
  });

  it('testDimOutOfNegativeRange', () => {
    inGraph(() => {
      const t = [tf.constant([1, 2, 3]), tf.constant([4, 5, 6])];
      const e = thrown(() => tf.stack(t, { axis: -3 }));
      expect(e).toBeInstanceOf(tf.errors.ValueError);
      expect(e.message).toMatch(/axis = -3 not in \[-2, 2\)/);
    });
  });
});
