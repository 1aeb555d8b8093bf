// TF1's tensorflow/python/kernel_tests/gather_op_test.py, the GatherTest cases, ported (source read: a late-2018
// snapshot, fraudies/tensorflow). tf1-ts has no complex, string or unsigned dtypes (the int64 and float32 cases of
// _TEST_TYPES run); testBatchDims is TF 1.14's batch_dims, of which only the batch_dims=0 cases (plain gathers) apply.
// The axis-0 gradient is an IndexedSlices that the test converts to a tensor, as TF1's does.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose, assertAllEqual, inGraph, inSession, np, randn, rejected, staticShape, thrown } from './helpers.js';
import { Rng } from './np.js';

const TEST_TYPES: tf.DType[] = ['int64', 'float32'];

/** NumPy's np.take(params, indices, axis). */
function take(params: tf.NDArray, indices: tf.NDArray, axis: number): tf.NDArray {
  const s = params.shape;
  const outer = s.slice(0, axis).reduce((a, b) => a * b, 1);
  const inner = s.slice(axis + 1).reduce((a, b) => a * b, 1);
  const g = s[axis]!;
  const out = tf.NDArray.zeros([...s.slice(0, axis), ...indices.shape, ...s.slice(axis + 1)], params.dtype);
  let k = 0;
  for (let o = 0; o < outer; o++) for (const i of indices.data) for (let p = 0; p < inner; p++) out.data[k++] = params.data[(o * g + i) * inner + p]!;
  return out;
}

const DATA_1D = [0, 1, 2, 3, 7, 5];
const DATA_2D = [
  [0, 1, 2],
  [3, 4, 5],
  [6, 7, 8],
  [9, 10, 11],
  [12, 13, 14],
];

describe('GatherTest', () => {
  it('testScalar1D', async () => {
    for (const dtype of TEST_TYPES) {
      for (const indices of [4, [1, 2, 2, 4, 5]]) {
        const params = np(DATA_1D, dtype);
        await inSession(async (g, sess) => {
          const t = g.as_default(() => tf.gather(tf.constant(params), tf.constant(indices)));
          const expected = take(params, np(indices, 'int32'), 0);
          assertAllEqual(await sess.run(t), expected);
          expect(staticShape(t)).toEqual(expected.shape);
        });
      }
    }
  });

  it('testScalar2D', async () => {
    for (const dtype of TEST_TYPES) {
      for (const axis of [0, 1]) {
        const params = np(DATA_2D, dtype);
        await inSession(async (g, sess) => {
          const t = g.as_default(() => tf.gather(tf.constant(params), tf.constant(2), { axis }));
          assertAllEqual(await sess.run(t), take(params, np(2, 'int32'), axis));
          expect(staticShape(t)).toEqual(axis === 0 ? [3] : [5]);
        });
      }
    }
  });

  it('testSimpleTwoD32', async () => {
    for (const dtype of TEST_TYPES) {
      for (const axis of [0, 1]) {
        const params = np(DATA_2D, dtype);
        await inSession(async (g, sess) => {
          const t = g.as_default(() => tf.gather(tf.constant(params), tf.constant([0, 1, 0, 2]), { axis }));
          assertAllEqual(await sess.run(t), take(params, np([0, 1, 0, 2], 'int32'), axis));
          expect(staticShape(t)).toEqual(axis === 0 ? [4, 3] : [5, 4]);
        });
      }
    }
  });

  it('testHigherRank', async () => {
    const shape = [2, 1, 3, 2];
    const r = new Rng(7);
    for (const indicesShape of [[], [0], [2, 0], [2, 3]]) {
      for (const dtype of TEST_TYPES) {
        for (let axis = 0; axis < shape.length; axis++) {
          const params = dtype === 'int64' ? np(randn(shape, 'float64'), 'int64') : randn(shape, dtype);
          const indices = tf.NDArray.zeros(indicesShape, 'int32');
          for (let i = 0; i < indices.size; i++) indices.data[i] = Math.floor(r.uniform() * shape[axis]!);
          await inSession(async (g, sess) => {
            const built = g.as_default(() => {
              const tfParams = tf.constant(params);
              const tfIndices = tf.constant(indices);
              const tfAxis = tf.constant(axis);
              const gather = tf.gather(tfParams, tfIndices, { axis: tfAxis });
              const gatherNegative = tf.gather(tfParams, tfIndices, { axis: tf.constant(-shape.length + axis) });
              const gatherGrad = randn(gather.shape.as_list() as number[], dtype);
              const grads = tf.gradients(gather, [tfParams, tfIndices, tfAxis], tf.constant(gatherGrad));
              // For axis 0, TF1 builds an efficient IndexedSlices for the gradient.
              const sparse = grads[0] instanceof tf.IndexedSlices;
              if (sparse) grads[0] = tf.convert_to_tensor(grads[0]!);
              return { gather, gatherNegative, gatherGrad, grads, sparse };
            });
            const [v, vn] = await sess.run([built.gather, built.gatherNegative]);
            const expected = take(params, indices, axis);
            assertAllEqual(v!, expected);
            assertAllEqual(vn!, expected);
            const expectedShape = [...shape.slice(0, axis), ...indicesShape, ...shape.slice(axis + 1)];
            expect(staticShape(built.gather)).toEqual(expectedShape);
            expect(staticShape(built.gatherNegative)).toEqual(expectedShape);
            const [paramsGrad, indicesGrad, axisGrad] = built.grads;
            expect(indicesGrad).toBeNull();
            expect(axisGrad).toBeNull();
            if (dtype === 'int64') {
              expect(paramsGrad).toBeNull();
              return;
            }
            expect(built.sparse).toBe(axis === 0);
            // Each gathered slice's gradient added into the slice of params it came from.
            const correct = tf.NDArray.zeros(shape, 'float64');
            const outer = shape.slice(0, axis).reduce((a, b) => a * b, 1);
            const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
            const n = indices.size;
            for (let o = 0; o < outer; o++) {
              for (let s = 0; s < n; s++) {
                for (let p = 0; p < inner; p++) {
                  correct.data[(o * shape[axis]! + indices.data[s]!) * inner + p]! += built.gatherGrad.data[(o * n + s) * inner + p]!;
                }
              }
            }
            assertAllClose(await sess.run(paramsGrad as tf.Tensor), correct, { atol: 2e-6, rtol: 2e-6 });
          });
        }
      }
    }
  });

  it('testUnknownIndices', () => {
    inGraph(() => {
      const t = tf.gather(tf.constant([[0, 1, 2]]), tf.placeholder(tf.int32));
      expect(staticShape(t)).toBeNull();
    });
  });

  it('testUnknownAxis', () => {
    inGraph(() => {
      const params = tf.constant([[0, 1, 2]]);
      const axis = tf.placeholder(tf.int32);
      // Rank 2 params with rank 2 indices results in a rank 3 shape.
      expect(
        staticShape(
          tf.gather(
            params,
            tf.constant([
              [0, 0],
              [0, 0],
            ]),
            { axis },
          ),
        ),
      ).toEqual([null, null, null]);
      // If indices is also unknown the result rank is unknown.
      expect(staticShape(tf.gather(params, tf.placeholder(tf.int32), { axis }))).toBeNull();
    });
  });

  it('testBadIndicesCPU', async () => {
    const params = [
      [0, 1, 2],
      [3, 4, 5],
    ];
    for (const [axis, n] of [
      [0, 2],
      [1, 3],
    ] as const) {
      await inSession(async (g, sess) => {
        const t = g.as_default(() => tf.gather(params, [[7]], { axis }));
        const e = await rejected(sess.run(t));
        expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
        expect(e.message).toContain(`indices[0,0] = 7 is not in [0, ${n})`);
      });
    }
  });

  it('testBadAxis', async () => {
    const params = [0, 1, 2];
    for (const badAxis of [1, 2, -2]) {
      // Shape inference can validate axis for known params rank.
      const e = inGraph(() => thrown(() => tf.gather(params, 0, { axis: badAxis })));
      expect(e).toBeInstanceOf(tf.errors.ValueError);
      expect(e.message).toMatch(/Shape must be at least rank . but is rank 1/);
      // If params rank is unknown, an op error occurs. tf1-ts's plan runs the shape function again on the fed
      // shapes, so with params fed it is the shape function's words; with the axis fed too, the kernel's (TF1's).
      for (const axisFed of [false, true]) {
        await inSession(async (g, sess) => {
          const { ph, ax, t } = g.as_default(() => {
            const ph = tf.placeholder(tf.int32);
            const ax = tf.placeholder(tf.int32, []);
            return { ph, ax, t: tf.gather(ph, 0, { axis: axisFed ? ax : badAxis }) };
          });
          const feeds = new Map([[ph, np(params, 'int32')]]);
          if (axisFed) feeds.set(ax, np(badAxis, 'int32'));
          const err = await rejected(sess.run(t, feeds));
          expect(err).toBeInstanceOf(tf.errors.InvalidArgumentError);
          expect(err.message).toContain(axisFed ? `Expected axis in the range [-1, 1), but got ${badAxis}` : 'Shape must be at least rank');
        });
      }
    }
  });

  it('testEmptySlices', async () => {
    for (const dtype of TEST_TYPES) {
      for (const itype of ['int32', 'int64'] as const) {
        const indices = np([3, 4], itype);
        for (const [shape, axis, out] of [
          [[7, 0, 0], 0, [2, 0, 0]],
          [[0, 7, 0], 1, [0, 2, 0]],
          [[0, 0, 7], 2, [0, 0, 2]],
        ] as const) {
          await inSession(async (g, sess) => {
            const t = g.as_default(() => tf.gather(tf.NDArray.zeros(shape, dtype), indices, { axis }));
            assertAllEqual(await sess.run(t), tf.NDArray.zeros(out, 'float64'));
          });
        }
      }
    }
  });

  it('testBatchDims (batch_dims=0, a plain gather)', async () => {
    const cases: [number[], unknown[], unknown[]][] = [
      // 2D indices
      [
        [6, 7, 8, 9],
        [
          [2, 1],
          [0, 3],
        ],
        [
          [8, 7],
          [6, 9],
        ],
      ],
      // 3D indices
      [
        [6, 7, 8, 9],
        [
          [
            [3, 1],
            [2, 0],
          ],
          [
            [0, 3],
            [2, 2],
          ],
        ],
        [
          [
            [9, 7],
            [8, 6],
          ],
          [
            [6, 9],
            [8, 8],
          ],
        ],
      ],
      // 4D indices
      [
        [8, 9],
        [
          [
            [
              [0, 1],
              [1, 0],
            ],
            [
              [0, 0],
              [1, 1],
            ],
          ],
          [
            [
              [1, 1],
              [0, 0],
            ],
            [
              [0, 1],
              [1, 0],
            ],
          ],
        ],
        [
          [
            [
              [8, 9],
              [9, 8],
            ],
            [
              [8, 8],
              [9, 9],
            ],
          ],
          [
            [
              [9, 9],
              [8, 8],
            ],
            [
              [8, 9],
              [9, 8],
            ],
          ],
        ],
      ],
    ];
    for (const [params, indices, expected] of cases) {
      await inSession(async (g, sess) => {
        const t = g.as_default(() => tf.gather(params, indices as number[]));
        assertAllEqual(await sess.run(t), expected as number[]);
      });
    }
  });
});

describe('GatherTest, string tensors', () => {
  it('testString', async () => {
    const params = [
      ['asdf', 'zxcv'],
      ['qwer', 'uiop'],
    ];
    await inSession(async (g, sess) => {
      assertAllEqual(['qwer', 'uiop'], await sess.run(g.as_default(() => tf.gather(params, 1, { axis: 0 }))));
      assertAllEqual(['asdf', 'qwer'], await sess.run(g.as_default(() => tf.gather(params, 0, { axis: 1 }))));
    });
  });
});
