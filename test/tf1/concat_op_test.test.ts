// TF1's tensorflow/python/kernel_tests/concat_op_test.py, ported. Source read: r1.15 (microsoft/tensorflow-directml),
// whose cases are r1.12's. use_gpu runs are the CPU backend here. gen_array_ops.concat_v2 is tf.concat of two or
// more values. The IndexedSlices cases (gather), complex and bfloat16 dtypes are listed in NOT_PORTED.md.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllEqual, inGraph, inSession, rand, randn, rejected, staticShape, thrown } from './helpers.js';

/** NumPy's `result[ind]` along one axis: the part of `x` at [off, off + len) of `axis`. */
function part(x: tf.NDArray, axis: number, off: number, len: number): tf.NDArray {
  const shape = [...x.shape];
  shape[axis] = len;
  const out = tf.NDArray.zeros(shape, x.dtype);
  const outer = x.shape.slice(0, axis).reduce((a, b) => a * b, 1);
  const inner = x.shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  for (let o = 0; o < outer; o++) {
    out.data.set(x.data.subarray((o * x.shape[axis]! + off) * inner, (o * x.shape[axis]! + off + len) * inner), o * len * inner);
  }
  return out;
}

const randInt = (lo: number, hi: number): number => lo + Math.floor(Math.random() * (hi - lo));

/** The gradient of concat(inputs, axis) for a random upstream gradient, concatenated again, is that gradient. */
async function gradientsForAxis(
  shapes: number[][],
  axis: number,
  outputShape: number[],
  feedsOf?: (xs: tf.Tensor[]) => Map<tf.Tensor, tf.NDArray>,
): Promise<void> {
  await inSession(async (g, sess) => {
    const gradInp = rand(outputShape);
    const [xs, result] = g.as_default(() => {
      const xs = shapes.map((s) => (feedsOf ? tf.placeholder(tf.float32) : tf.constant(rand(s))));
      const c = tf.concat(xs, axis);
      const grad = tf.gradients([c], xs, [tf.constant(gradInp)]);
      return [xs, tf.concat(grad as tf.Tensor[], axis)] as const;
    });
    assertAllEqual(await sess.run(result, feedsOf?.(xs)), gradInp);
  });
}

describe('ConcatOpTest', () => {
  for (const [name, axis] of [
    ['testHStack', 0],
    ['testVStack', 1],
  ] as const) {
    it(name, async () => {
      await inSession(async (g, sess) => {
        const [p1, p2, c] = g.as_default(() => {
          const p1 = tf.placeholder(tf.float32, [4, 4]);
          const p2 = tf.placeholder(tf.float32, [4, 4]);
          return [p1, p2, tf.concat([p1, p2], axis)] as const;
        });
        const v1 = rand([4, 4]);
        const v2 = rand([4, 4]);
        const result = await sess.run(
          c,
          new Map([
            [p1, v1],
            [p2, v2],
          ]),
        );
        expect([...result.shape]).toEqual(staticShape(c));
        assertAllEqual(part(result, axis, 0, 4), v1);
        assertAllEqual(part(result, axis, 4, 4), v2);
      });
    });
  }

  it('testInt32GPU', async () => {
    const p1 = rand([2, 3], 'int32');
    const p2 = rand([2, 3], 'int32');
    await inSession(async (g, sess) => {
      const result = await sess.run(g.as_default(() => tf.concat([tf.constant(p1), tf.constant(p2)], 0)));
      assertAllEqual(part(result, 0, 0, 2), p1);
      assertAllEqual(part(result, 0, 2, 2), p2);
    });
  });

  it('testRefType', async () => {
    const p1 = rand([4, 4]);
    const p2 = rand([4, 4]);
    await inSession(async (g, sess) => {
      const [c, init] = g.as_default(() => [tf.concat([tf.Variable(p1), tf.Variable(p2)], 0), tf.global_variables_initializer()] as const);
      await sess.run(init);
      const result = await sess.run(c);
      expect([...result.shape]).toEqual(staticShape(c));
      assertAllEqual(part(result, 0, 0, 4), p1);
      assertAllEqual(part(result, 0, 4, 4), p2);
    });
  });

  // _testRandom for the dtypes tf1-ts has (bool, float32, int16, int32, int64).
  it('testRandom', async () => {
    for (const dtype of ['bool', 'float32', 'int16', 'int32', 'int64'] as const) {
      const shape = Array.from({ length: 5 }, () => randInt(1, 5));
      const num = randInt(2, 10);
      const axis = randInt(0, 5);
      await inSession(async (g, sess) => {
        const values = Array.from({ length: num }, () => {
          const s = [...shape];
          s[axis] = randInt(1, 5);
          const v = rand(s, dtype === 'bool' ? 'float32' : 'float64');
          const out = tf.NDArray.zeros(s, dtype);
          for (let i = 0; i < v.size; i++) out.data[i] = dtype === 'float32' ? v.data[i]! : Math.round(v.data[i]! * (dtype === 'bool' ? 1 : 100));
          return out;
        });
        const [p, c] = g.as_default(() => {
          const p = values.map((v) => tf.placeholder(dtype, [...v.shape]));
          return [p, tf.concat(p, axis)] as const;
        });
        const result = await sess.run(c, new Map(p.map((t, i) => [t, values[i]!])));
        expect([...result.shape]).toEqual(staticShape(c));
        let off = 0;
        for (const v of values) {
          assertAllEqual(part(result, axis, off, v.shape[axis]!), v);
          off += v.shape[axis]!;
        }
      });
    }
  });

  it('testInvalidConcatDimTypeAndShape', () => {
    inGraph(() => {
      const a = tf.Variable(tf.constant(1.0, { shape: [1], dtype: tf.float32 }));
      const b = tf.Variable(tf.constant(2.0, { shape: [1], dtype: tf.float32 }));
      expect(thrown(() => tf.concat(b, a))).toBeInstanceOf(tf.errors.ValueError);
      expect(thrown(() => tf.concat(1, 4.2))).toBeInstanceOf(tf.errors.TypeError);
      expect(thrown(() => tf.concat(1, a))).toBeInstanceOf(tf.errors.ValueError);
      expect(thrown(() => tf.concat([a, b], a))).toBeInstanceOf(tf.errors.TypeError);
      expect(thrown(() => tf.concat([a, b], [3]))).toBeInstanceOf(tf.errors.ValueError);
      expect(thrown(() => tf.concat([], 0))).toBeInstanceOf(tf.errors.ValueError);
      // An integer tensor for shape dim should throw no error.
      tf.concat(1, tf.constant(0, { shape: [] }));
      // A non-scalar tensor for shape should throw ValueError.
      expect(thrown(() => tf.concat(1, tf.constant(0, { shape: [1] })))).toBeInstanceOf(tf.errors.ValueError);
    });
  });

  it('testGradientsSimple', async () => {
    for (const axis of [-2, 1])
      await gradientsForAxis(
        [1, 2, 6].map((x) => [10, x, 2]),
        axis,
        [10, 9, 2],
      );
  });

  it('testGradientsFirstDim', async () => {
    await gradientsForAxis(
      [1, 2, 6].map((x) => [x, 10, 2]),
      0,
      [9, 10, 2],
    );
  });

  it('testGradientsLastDim', async () => {
    for (const axis of [-1, 2])
      await gradientsForAxis(
        [1, 2, 6].map((x) => [10, 2, x]),
        axis,
        [10, 2, 9],
      );
  });

  it('testGradientsRandom', async () => {
    for (let k = 0; k < 5; k++) {
      const shape = Array.from({ length: 5 }, () => randInt(1, 5));
      const num = randInt(12, 20);
      const axis = randInt(0, 5);
      const sizes = Array.from({ length: num }, () => randInt(1, 5));
      const out = [...shape];
      out[axis] = sizes.reduce((a, b) => a + b, 0);
      await gradientsForAxis(
        sizes.map((x) => shape.map((d, i) => (i === axis ? x : d))),
        axis,
        out,
      );
    }
  });

  it('testGradientWithUnknownInputDim', async () => {
    const x = rand([10, 2, 3]);
    const y = rand([10, 2, 6]);
    await gradientsForAxis(
      [
        [10, 2, 3],
        [10, 2, 6],
      ],
      2,
      [10, 2, 9],
      ([px, py]) =>
        new Map([
          [px!, x],
          [py!, y],
        ]),
    );
  });

  it('testShapeError', () => {
    inGraph(() => {
      const c = (shape: number[], v: number) => tf.constant(v, { shape, dtype: tf.float32 });
      // Rank doesn't match.
      expect(thrown(() => tf.concat([c([4, 4, 4, 4], 10), c([4, 4, 4], 20)], 1))).toBeInstanceOf(tf.errors.ValueError);
      // Dimensions don't match in a non-concat dim.
      expect(thrown(() => tf.concat([c([1, 2, 1], 10), c([3, 2, 1], 20)], 1))).toBeInstanceOf(tf.errors.ValueError);
      // concat_dim out of range.
      expect(thrown(() => tf.concat([c([4, 4, 4], 10), c([4, 4, 4], 20)], 3))).toBeInstanceOf(tf.errors.ValueError);
      expect(thrown(() => tf.concat([c([4, 4, 4], 10), c([4, 4, 4], 20)], -4))).toBeInstanceOf(tf.errors.ValueError);
    });
  });

  it('testShapeWithUnknownConcatDim', () => {
    inGraph(() => {
      const p1 = tf.placeholder(tf.float32);
      const c1 = tf.constant(10.0, { shape: [4, 4, 4, 4], dtype: tf.float32 });
      const p2 = tf.placeholder(tf.float32);
      const c2 = tf.constant(20.0, { shape: [4, 4, 4, 4], dtype: tf.float32 });
      const dim = tf.placeholder(tf.int32);
      expect(tf.concat([p1, c1, p2, c2], dim).shape.ndims).toBe(4);
      // All dimensions unknown.
      expect(staticShape(tf.concat([p1, p2], dim))).toBe(null);
      // Rank doesn't match.
      const c3 = tf.constant(30.0, { shape: [4, 4, 4], dtype: tf.float32 });
      expect(thrown(() => tf.concat([p1, c1, p2, c3], dim))).toBeInstanceOf(tf.errors.ValueError);
    });
  });

  it('testZeroSize', async () => {
    for (const shape0 of [[], [2]]) {
      const axis = shape0.length;
      for (const shape1 of [[], [3]]) {
        for (const n0 of [0, 1, 2]) {
          for (const n1 of [0, 1, 2]) {
            const x0 = randn([...shape0, n0, ...shape1], 'float64');
            const x1 = randn([...shape0, n1, ...shape1], 'float64');
            await inSession(async (g, sess) => {
              const [xs, c] = g.as_default(() => {
                const xs = [x0, x1].map((x) => tf.constant(x));
                return [xs, tf.concat(xs, axis)] as const;
              });
              const got = await sess.run(c);
              assertAllEqual(part(got, axis, 0, n0), x0);
              assertAllEqual(part(got, axis, n0, n1), x1);
              // Check gradients
              const dc = randn(c.shape.as_list() as number[], 'float64');
              const dxs = (await sess.run(g.as_default(() => tf.gradients(c, xs, tf.constant(dc)) as tf.Tensor[]))) as tf.NDArray[];
              assertAllEqual(dxs[0]!, part(dc, axis, 0, n0));
              assertAllEqual(dxs[1]!, part(dc, axis, n0, n1));
            });
          }
        }
      }
    }
  });

  for (const [name, shapes, axis, outShape] of [
    [
      'testTensorConcatDim0Grad',
      [
        [20, 7, 3],
        [10, 7, 3],
        [14, 7, 3],
      ],
      0,
      [44, 7, 3],
    ],
    [
      'testTensorConcatDim1Grad',
      [
        [20, 7, 3],
        [20, 3, 3],
        [20, 1, 3],
      ],
      1,
      [20, 11, 3],
    ],
  ] as const) {
    it(name, async () => {
      await inSession(async (g, sess) => {
        const [xs, output] = g.as_default(() => {
          const xs = shapes.map((s) => tf.constant(rand([...s], 'float64')));
          return [xs, tf.concat(xs, axis)] as const;
        });
        const err = await sess.as_default(() =>
          tf.test.compute_gradient_error(
            xs,
            shapes.map((s) => [...s]),
            output,
            [...outShape],
          ),
        );
        expect(err).toBeLessThan(1e-11);
      });
    });
  }

  it('testConcatTuple', async () => {
    const c1 = rand([4, 4], 'float64');
    const c2 = rand([4, 4], 'float64');
    await inSession(async (g, sess) => {
      const [a, b] = g.as_default(() => [tf.concat([c1, c2], 0), tf.concat([c1, c2] as const, 0)]);
      assertAllEqual(await sess.run(a!), await sess.run(b!));
    });
  });

  it('testConcatNoScalars', () => {
    inGraph(() => {
      const scalar = tf.constant(7);
      const dim = tf.placeholder(tf.int32);
      expect(thrown(() => tf.concat([scalar, scalar, scalar], dim)).message).toMatch(/Can't concatenate scalars \(use tf\.stack instead\)/);
    });
  });

  it('testConcatLargeNumberOfTensors', async () => {
    for (const axis of [0, 1]) {
      await inSession(async (g, sess) => {
        const values = Array.from({ length: 500 }, () => rand([7, 13]));
        const [p, c] = g.as_default(() => {
          const p = values.map(() => tf.placeholder(tf.float32, [7, 13]));
          return [p, tf.concat(p, axis)] as const;
        });
        const result = await sess.run(c, new Map(p.map((t, i) => [t, values[i]!])));
        expect([...result.shape]).toEqual(staticShape(c));
        values.forEach((v, i) => assertAllEqual(part(result, axis, i * v.shape[axis]!, v.shape[axis]!), v));
      });
    }
  });

  it('testConcatEmpty', async () => {
    await inSession(async (g, sess) => {
      const out = await sess.run(g.as_default(() => tf.concat([[], []], 0)));
      expect(out.size).toBe(0);
    });
  });

  it('testConcatInvalidAxis', () => {
    inGraph(() => expect(thrown(() => tf.concat([[1], [2]], 1))).toBeInstanceOf(tf.errors.ValueError));
  });

  it('testConcatNegativeAxis', async () => {
    const t1 = [
      [1, 2, 3],
      [4, 5, 6],
    ];
    const t2 = [
      [7, 8, 9],
      [10, 11, 12],
    ];
    await inSession(async (g, sess) => {
      let c = g.as_default(() => tf.concat([t1, t2], -2));
      expect(c.shape.as_list()).toEqual([4, 3]);
      assertAllEqual(await sess.run(c), [
        [1, 2, 3],
        [4, 5, 6],
        [7, 8, 9],
        [10, 11, 12],
      ]);
      c = g.as_default(() => tf.concat([t1, t2], -1));
      expect(c.shape.as_list()).toEqual([2, 6]);
      assertAllEqual(await sess.run(c), [
        [1, 2, 3, 7, 8, 9],
        [4, 5, 6, 10, 11, 12],
      ]);
    });
  });

  it('testGradientsNegativeAxis', async () => {
    const x1 = [
      [1.0, 2.0, 3.0],
      [4.0, 5.0, 6.0],
    ];
    const x2 = [
      [7.0, 8.0, 9.0],
      [10.0, 11.0, 12.0],
    ];
    await gradientsForAxis(
      [
        [2, 3],
        [2, 3],
      ],
      -2,
      [4, 3],
    );
    // Test concat gradient with unknown-shape tensors.
    await gradientsForAxis(
      [
        [2, 3],
        [2, 3],
      ],
      -1,
      [2, 6],
      ([p1, p2]) => {
        const a = tf.NDArray.zeros([2, 3], 'float32');
        a.data.set(x1.flat());
        const b = tf.NDArray.zeros([2, 3], 'float32');
        b.data.set(x2.flat());
        return new Map([
          [p1!, a],
          [p2!, b],
        ]);
      },
    );
  });

  it('testConcatAxisType', async () => {
    for (const dtype of [tf.int32, tf.int64]) {
      await inSession(async (g, sess) => {
        const c = g.as_default(() =>
          tf.concat(
            [
              [
                [1, 2, 3],
                [4, 5, 6],
              ],
              [
                [7, 8, 9],
                [10, 11, 12],
              ],
            ],
            tf.constant(1, dtype),
          ),
        );
        expect(c.shape.as_list()).toEqual([2, 6]);
        assertAllEqual(await sess.run(c), [
          [1, 2, 3, 7, 8, 9],
          [4, 5, 6, 10, 11, 12],
        ]);
      });
    }
  });
});

/** gen_array_ops.concat_offset's values. */
async function offsets(cdim: number, shapes: number[][]): Promise<tf.NDArray[]> {
  return inSession(async (g, sess) => {
    const off = g.as_default(() =>
      g.create_op('ConcatOffset', [tf.constant(cdim, tf.int32), ...shapes.map((s) => tf.constant(s, tf.int32))], {}, 'ConcatOffset'),
    );
    return (await sess.run([...off.outputs])) as tf.NDArray[];
  });
}

describe('ConcatOffsetTest', () => {
  it('testBasic', async () => {
    assertAllEqual(
      await offsets(1, [
        [2, 3, 5],
        [2, 7, 5],
        [2, 20, 5],
      ]),
      [
        [0, 0, 0],
        [0, 3, 0],
        [0, 10, 0],
      ],
    );
  });

  it('testNotVector', async () => {
    const e = await rejected(offsets(1, [[[2, 3, 5]], [[2, 7, 5]]] as unknown as number[][]));
    expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
    expect(e.message).toMatch(/should be a vector/);
  });

  it('testConcatDimOutOfRange', async () => {
    const e = await rejected(
      offsets(4, [
        [2, 3, 5],
        [2, 7, 5],
      ]),
    );
    expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
    expect(e.message).toMatch(/Concat dim is out of range: 4 vs. 3/);
  });

  it('testDimMismatch', async () => {
    const e = await rejected(
      offsets(1, [
        [2, 3, 5],
        [2, 7, 5, 10],
      ]),
    );
    expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
    expect(e.message).toMatch(/should contain 3 elem/);
  });

  it('testSizeMismatch', async () => {
    const e = await rejected(
      offsets(1, [
        [2, 3, 5],
        [2, 7, 10],
      ]),
    );
    expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
    expect(e.message).toMatch(/All dimensions except 1 must match. Input 1 has shape \[2 7 10\] and doesn't match input 0 with shape \[2 3 5\]./);
  });

  it('testNegativeDim', async () => {
    assertAllEqual(
      await offsets(-2, [
        [2, 3, 5],
        [2, 7, 5],
        [2, 20, 5],
      ]),
      [
        [0, 0, 0],
        [0, 3, 0],
        [0, 10, 0],
      ],
    );
    assertAllEqual(
      await offsets(-3, [
        [2, 3, 5],
        [1, 3, 5],
        [3, 3, 5],
      ]),
      [
        [0, 0, 0],
        [2, 0, 0],
        [3, 0, 0],
      ],
    );
  });
});
