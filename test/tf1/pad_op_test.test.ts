// TF1's tensorflow/python/kernel_tests/pad_op_test.py, ported. Source read: TF 1.x's copy, whose cases are
// r1.12's. use_gpu runs are the CPU backend here. Strings, complex and int8 dtypes, and tf.pad's shape restoring
// from partly known paddings (testPartialShapeInformation) are listed in NOT_PORTED.md.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose, assertAllEqual, assertShapeEqual, graphSession, inGraph, inSession, np, rand, staticShape, thrown } from './helpers.js';

/** NumPy's `np.pad(inp, paddings, mode, constant_values=c)` for the modes constant, reflect and symmetric. */
function npPad(inp: tf.NDArray, paddings: number[][], c = 0, mode = 'constant'): tf.NDArray {
  const m = mode.toLowerCase();
  const shape = inp.shape.map((d, i) => d + paddings[i]![0]! + paddings[i]![1]!);
  const out = tf.NDArray.zeros(shape, inp.dtype);
  const r = shape.length;
  const strides = inp.shape.map((_, i) => inp.shape.slice(i + 1).reduce((a, b) => a * b, 1));
  for (let k = 0; k < out.size; k++) {
    let rem = k;
    let src = 0;
    let inside = true;
    for (let d = r - 1; d >= 0; d--) {
      let j = (rem % shape[d]!) - paddings[d]![0]!;
      rem = Math.floor(rem / shape[d]!);
      const n = inp.shape[d]!;
      if (j < 0) {
        if (m === 'constant') inside = false;
        j = m === 'reflect' ? -j : -j - 1;
      } else if (j >= n) {
        if (m === 'constant') inside = false;
        j = m === 'reflect' ? 2 * n - 2 - j : 2 * n - 1 - j;
      }
      src += j * strides[d]!;
    }
    out.data[k] = inside ? inp.data[src]! : c;
  }
  return out;
}

/** `np.random.randint(-100, 100, shape).astype(dtype)`. */
function randint(shape: number[], dtype: tf.DType): tf.NDArray {
  const a = tf.NDArray.zeros(shape, dtype);
  for (let i = 0; i < a.size; i++) a.data[i] = Math.floor(Math.random() * 200) - 100;
  return a;
}

const MODES = ['CONSTANT', 'REFLECT', 'SYMMETRIC', 'reflect', 'symmetric', 'constant'];

describe('PadOpTest', () => {
  it('testNpPad', () => {
    assertAllEqual(
      npPad(
        np([
          [3, 3],
          [4, 4],
          [5, 5],
        ]),
        [
          [1, 2],
          [1, 3],
        ],
      ),
      [
        [0, 0, 0, 0, 0, 0],
        [0, 3, 3, 0, 0, 0],
        [0, 4, 4, 0, 0, 0],
        [0, 5, 5, 0, 0, 0],
        [0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0],
      ],
    );
    assertAllEqual(
      npPad(
        np([
          [3, 3],
          [4, 4],
          [5, 5],
        ]),
        [
          [1, 2],
          [1, 3],
        ],
        1,
      ),
      [
        [1, 1, 1, 1, 1, 1],
        [1, 3, 3, 1, 1, 1],
        [1, 4, 4, 1, 1, 1],
        [1, 5, 5, 1, 1, 1],
        [1, 1, 1, 1, 1, 1],
        [1, 1, 1, 1, 1, 1],
      ],
    );
  });

  /** TF1's _testAll: _testPad in every mode, and _testGradient for float32 inputs. */
  async function testAll(inp: tf.NDArray, paddings: number[][], c: number): Promise<void> {
    for (const mode of MODES) {
      // Zero-sized input is not allowed for REFLECT mode.
      if (inp.size === 0 && mode.toUpperCase() === 'REFLECT') continue;
      const expected = npPad(inp, paddings, c, mode);
      await inSession(async (g, sess) => {
        const t = g.as_default(() => tf.pad(inp, paddings, { mode, constant_values: c }));
        assertAllEqual(await sess.run(t), expected);
        assertShapeEqual(expected, t);
      });
      if (inp.dtype === 'float32') {
        const ys = inp.shape.map((d, i) => d + paddings[i]![0]! + paddings[i]![1]!);
        const { sess, built } = graphSession(() => {
          const x = tf.convert_to_tensor(inp);
          return { x, y: tf.pad(x, tf.convert_to_tensor(paddings), { mode, constant_values: c }) };
        });
        const [jt, jn] = await sess.as_default(() => tf.test.compute_gradient(built.x, [...inp.shape], built.y, ys, { x_init_value: inp }));
        assertAllClose(jt, jn, { rtol: 1e-5, atol: 1e-5 });
        sess.close();
      }
    }
  }

  const reshaped = (v: number[], shape: number[]) => tf.reshape(v, shape);

  it('testInputDims', () => {
    inGraph(() => expect(thrown(() => tf.pad(reshaped([1, 2], [1, 2, 1, 1, 1, 1]), reshaped([1, 2], [1, 2])))).toBeInstanceOf(tf.errors.ValueError));
  });

  it('testPaddingsDim', () => {
    inGraph(() => expect(thrown(() => tf.pad(reshaped([1, 2], [1, 2]), reshaped([1, 2], [2])))).toBeInstanceOf(tf.errors.ValueError));
  });

  it('testPaddingsDim2', () => {
    inGraph(() => expect(thrown(() => tf.pad(reshaped([1, 2], [1, 2]), reshaped([1, 2], [2, 1])))).toBeInstanceOf(tf.errors.ValueError));
  });

  it('testPaddingsDim3', () => {
    inGraph(() => expect(thrown(() => tf.pad(reshaped([1, 2], [1, 2]), reshaped([1, 2], [1, 2])))).toBeInstanceOf(tf.errors.ValueError));
  });

  it('testPaddingsDim4', () => {
    inGraph(() => expect(thrown(() => tf.pad(reshaped([1, 2], [1, 2]), reshaped([1, 2, 3, 4, 5, 6], [3, 2])))).toBeInstanceOf(tf.errors.ValueError));
  });

  for (const name of ['testPaddingsNonNegative', 'testPaddingsNonNegative2']) {
    it(name, () => {
      inGraph(() => {
        const e = thrown(() => tf.pad(tf.constant([1], { shape: [1] }), tf.constant([-1, 0], { shape: [1, 2] })));
        expect(e).toBeInstanceOf(tf.errors.ValueError);
        expect(e.message).toMatch(/must be non-negative/);
      });
    });
  }

  it('testPaddingsMaximum', async () => {
    for (const [pads, mode] of [
      [[2, 0], 'REFLECT'],
      [[0, 3], 'SYMMETRIC'],
    ] as const) {
      await inSession(async (g, sess) => {
        const t = g.as_default(() => tf.pad(tf.constant([1], { shape: [2] }), tf.constant([...pads], { shape: [1, 2] }), { mode }));
        await expect(sess.run(t)).rejects.toBeInstanceOf(Error);
      });
    }
  });

  it('testInvalid', () => {
    inGraph(() => {
      const e = thrown(() =>
        tf.pad(
          [
            [1, 2, 3],
            [4, 5, 6],
          ],
          [
            [1, 0],
            [2, 1],
          ],
          { mode: 'weird' },
        ),
      );
      expect(e).toBeInstanceOf(tf.errors.ValueError);
      expect(e.message).toMatch(/Unknown padding mode/);
    });
  });

  it('testPaddingTypes', async () => {
    const paddings = [
      [1, 0],
      [2, 3],
      [0, 2],
    ];
    const inputs = randint([4, 4, 3], 'float32');
    for (const mode of MODES) {
      for (const dtype of [tf.int32, tf.int64]) {
        await inSession(async (g, sess) => {
          const t = g.as_default(() => tf.pad(inputs, tf.constant(paddings, dtype), { mode, constant_values: 0 }));
          const expected = npPad(inputs, paddings, 0, mode);
          assertAllEqual(await sess.run(t), expected);
          assertShapeEqual(expected, t);
        });
      }
    }
  });

  it('testIntTypes', async () => {
    for (const t of ['int8', 'int32', 'int64'] as const) {
      await testAll(
        randint([4, 4, 3], t),
        [
          [1, 0],
          [2, 3],
          [0, 2],
        ],
        0,
      );
      await testAll(
        randint([4, 2, 1, 3], t),
        [
          [0, 0],
          [0, 0],
          [0, 0],
          [0, 0],
        ],
        -123,
      );
    }
  });

  it('testFloatTypes', async () => {
    for (const t of ['float32', 'float64'] as const) {
      await testAll(
        rand([2, 5], t),
        [
          [1, 0],
          [2, 0],
        ],
        0.0,
      );
      await testAll(
        rand([2, 3, 4], t),
        [
          [0, 0],
          [0, 0],
          [0, 0],
        ],
        -1234.0,
      );
      await testAll(
        rand([0, 3, 4], t),
        [
          [0, 0],
          [2, 1],
          [2, 3],
        ],
        0.0,
      );
    }
  });

  it('testShapeFunctionEdgeCases', () => {
    inGraph(() => {
      // Unknown paddings shape.
      const inp = tf.constant(0.0, { shape: [4, 4, 4, 4], dtype: tf.float32 });
      expect(staticShape(tf.pad(inp, tf.placeholder(tf.int32)))).toEqual([null, null, null, null]);
      // Unknown input shape.
      expect(
        staticShape(
          tf.pad(tf.placeholder(tf.float32), [
            [2, 2],
            [2, 2],
          ]),
        ),
      ).toEqual([null, null]);
      // Unknown input and paddings shape.
      expect(tf.pad(tf.placeholder(tf.float32), tf.placeholder(tf.int32)).shape.ndims).toBe(null);
    });
  });

  it('testScalars', async () => {
    await inSession(async (g, sess) => {
      const t = g.as_default(() => tf.pad(7, tf.NDArray.zeros([0, 2], 'int32')));
      assertAllEqual(await sess.run(t), 7);
      expect(staticShape(t)).toEqual([]);
    });
  });

  it('testPadTypes', async () => {
    for (const dtype of [tf.int32, tf.int64]) {
      await inSession(async (g, sess) => {
        const t = g.as_default(() => tf.pad(7, tf.constant(tf.NDArray.zeros([0, 2], 'float64'), dtype)));
        assertAllEqual(await sess.run(t), 7);
        expect(staticShape(t)).toEqual([]);
      });
    }
  });

  it('testCollapseAdjacentNonPaddedDimensions', async () => {
    const paddingsValues = [
      [
        [0, 0],
        [0, 0],
        [0, 0],
        [0, 1],
      ],
      [
        [0, 0],
        [2, 3],
        [0, 0],
        [0, 0],
      ],
      [
        [0, 0],
        [0, 0],
        [0, 0],
        [0, 0],
      ],
    ];
    const dims = [8, 28, 28, 3];
    for (const pv of paddingsValues) {
      for (const dtype of [tf.float32, tf.int32]) {
        await inSession(async (g, sess) => {
          const [inp, middle, left, right] = g.as_default(() => {
            const inp = tf.constant(1, { shape: dims, dtype });
            const padded = tf.pad(inp, tf.constant(pv, tf.int32));
            const middle = tf.slice(
              padded,
              pv.map((row) => row[0]!),
              dims,
            );
            const left = tf.slice(
              padded,
              [0, 0, 0, 0],
              pv.map((row) => row[0]!),
            );
            const right = tf.slice(
              padded,
              pv.map((row, i) => row[0]! + dims[i]!),
              [-1, -1, -1, -1],
            );
            return [inp, middle, left, right];
          });
          assertAllEqual(await sess.run(middle), await sess.run(inp));
          assertAllEqual(
            await sess.run(left),
            tf.NDArray.zeros(
              pv.map((row) => row[0]!),
              dtype,
            ),
          );
          assertAllEqual(
            await sess.run(right),
            tf.NDArray.zeros(
              pv.map((row) => row[1]!),
              dtype,
            ),
          );
        });
      }
    }
  });
});
