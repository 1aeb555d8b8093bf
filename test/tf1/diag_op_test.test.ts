// TF1 r1.12's tensorflow/python/kernel_tests/diag_op_test.py, ported (use_gpu runs are the CPU backend; the
// WebGPU kernels are compared with it in test/session/webgpu/parity_array_diag.test.ts). TF1 converts a list
// holding a Tensor by packing it (`[v]`); here it is written tf.stack([v]). Complex cases are in NOT_PORTED.md.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { atEval, gradError, npDiag } from './diag_helpers.js';
import { assertAllEqual, computeGradientError, evaluate, inGraph, inSession, np, rand, thrown } from './helpers.js';
import { astype } from './np.js';

describe('MatrixDiagTest', () => {
  it('testVector', async () => {
    const v = [1.0, 2.0, 3.0];
    const out = await evaluate(() => {
      const d = tf.matrix_diag(np(v));
      expect(d.shape.as_list()).toEqual([3, 3]);
      return d;
    });
    assertAllEqual(out, npDiag(v));
  });

  it('testBatchVector', async () => {
    for (const dtype of ['float32', 'float64', 'int32', 'int64', 'bool'] as const) {
      const vBatch = astype(
        np([
          [1.0, 0.0, 3.0],
          [4.0, 5.0, 6.0],
        ]),
        dtype,
      );
      const matBatch = [npDiag([1, 0, 3]), npDiag([4, 5, 6])].map((m) => m.map((r) => r.map((x) => (dtype === 'bool' ? Number(x !== 0) : x))));
      const out = await evaluate(() => {
        const d = tf.matrix_diag(vBatch);
        expect(d.shape.as_list()).toEqual([2, 3, 3]);
        return d;
      });
      expect(out.dtype).toBe(dtype);
      assertAllEqual(out, matBatch);
    }
  });

  it('testInvalidShape', () => {
    inGraph(() => {
      const e = thrown(() => tf.matrix_diag(0));
      expect(e).toBeInstanceOf(tf.errors.ValueError);
      expect(e.message).toMatch(/must be at least rank 1/);
    });
  });

  it('testInvalidShapeAtEval', async () => {
    const e = await atEval((v) => tf.matrix_diag(v));
    // TF1's kernel says "input must be at least 1-dim"; tf1-ts checks fed shapes with the op's shape rule before any kernel runs.
    expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
    expect(e.message).toMatch(/^Shape must be at least rank 1 but is rank 0 for 'MatrixDiag'/);
  });

  it('testGrad', async () => {
    for (const shape of [[3], [7, 4]]) expect(await gradError(shape, (x) => tf.matrix_diag(x))).toBeLessThan(1e-4);
  });
});

describe('MatrixSetDiagTest', () => {
  it('testSquare', async () => {
    const out = await evaluate(() => {
      const o = tf.matrix_set_diag(
        np([
          [0.0, 1.0, 0.0],
          [1.0, 0.0, 1.0],
          [1.0, 1.0, 1.0],
        ]),
        np([1.0, 2.0, 3.0]),
      );
      expect(o.shape.as_list()).toEqual([3, 3]);
      return o;
    });
    assertAllEqual(out, [
      [1.0, 1.0, 0.0],
      [1.0, 2.0, 1.0],
      [1.0, 1.0, 3.0],
    ]);
  });

  it('testRectangular', async () => {
    const wide = await evaluate(() => {
      const o = tf.matrix_set_diag(
        np([
          [0.0, 1.0, 0.0],
          [1.0, 0.0, 1.0],
        ]),
        np([3.0, 4.0]),
      );
      expect(o.shape.as_list()).toEqual([2, 3]);
      return o;
    });
    assertAllEqual(wide, [
      [3.0, 1.0, 0.0],
      [1.0, 4.0, 1.0],
    ]);
    const tall = await evaluate(() => {
      const o = tf.matrix_set_diag(
        np([
          [0.0, 1.0],
          [1.0, 0.0],
          [1.0, 1.0],
        ]),
        np([3.0, 4.0]),
      );
      expect(o.shape.as_list()).toEqual([3, 2]);
      return o;
    });
    assertAllEqual(tall, [
      [3.0, 1.0],
      [1.0, 4.0],
      [1.0, 1.0],
    ]);
  });

  it('testSquareBatch', async () => {
    for (const dtype of ['float32', 'float64', 'int32', 'int64', 'bool'] as const) {
      const b = (v: number[][][] | number[][]) => astype(np(v), dtype);
      const vBatch = [
        [-1.0, 0.0, -3.0],
        [-4.0, -5.0, -6.0],
      ];
      const matBatch = [
        [
          [1.0, 0.0, 3.0],
          [0.0, 2.0, 0.0],
          [1.0, 0.0, 3.0],
        ],
        [
          [4.0, 0.0, 4.0],
          [0.0, 5.0, 0.0],
          [2.0, 0.0, 6.0],
        ],
      ];
      const expected = [
        [
          [-1.0, 0.0, 3.0],
          [0.0, 0.0, 0.0],
          [1.0, 0.0, -3.0],
        ],
        [
          [-4.0, 0.0, 4.0],
          [0.0, -5.0, 0.0],
          [2.0, 0.0, -6.0],
        ],
      ];
      const out = await evaluate(() => {
        const o = tf.matrix_set_diag(b(matBatch), b(vBatch));
        expect(o.shape.as_list()).toEqual([2, 3, 3]);
        return o;
      });
      assertAllEqual(out, b(expected));
    }
  });

  it('testRectangularBatch', async () => {
    const out = await evaluate(() => {
      const o = tf.matrix_set_diag(
        np([
          [
            [1.0, 0.0, 3.0],
            [0.0, 2.0, 0.0],
          ],
          [
            [4.0, 0.0, 4.0],
            [0.0, 5.0, 0.0],
          ],
        ]),
        np([
          [-1.0, -2.0],
          [-4.0, -5.0],
        ]),
      );
      expect(o.shape.as_list()).toEqual([2, 2, 3]);
      return o;
    });
    assertAllEqual(out, [
      [
        [-1.0, 0.0, 3.0],
        [0.0, -2.0, 0.0],
      ],
      [
        [-4.0, 0.0, 4.0],
        [0.0, -5.0, 0.0],
      ],
    ]);
  });

  it('testInvalidShape', () => {
    inGraph(() => {
      const e1 = thrown(() => tf.matrix_set_diag(0, [0]));
      expect(e1).toBeInstanceOf(tf.errors.ValueError);
      expect(e1.message).toMatch(/must be at least rank 2/);
      const e2 = thrown(() => tf.matrix_set_diag([[0]], 0));
      expect(e2).toBeInstanceOf(tf.errors.ValueError);
      expect(e2.message).toMatch(/must be at least rank 1/);
    });
  });

  it('testInvalidShapeAtEval', async () => {
    const e1 = await atEval((v) => tf.matrix_set_diag(v, tf.stack([v])));
    // TF1's kernel says "input must be at least 2-dim" and "... but received input shape: [1,1] and diagonal shape: []";
    // tf1-ts checks fed shapes with the op's shape rule before any kernel runs.
    expect(e1).toBeInstanceOf(tf.errors.InvalidArgumentError);
    expect(e1.message).toMatch(/^Shape must be at least rank 2 but is rank 0 for 'MatrixSetDiag'/);
    const e2 = await atEval((v) => tf.matrix_set_diag(tf.stack([tf.stack([v])]), v));
    expect(e2).toBeInstanceOf(tf.errors.InvalidArgumentError);
    expect(e2.message).toMatch(/^Shape must be at least rank 1 but is rank 0 for 'MatrixSetDiag'.*input shapes: \[1,1\], \[\]/);
  });

  it('testGrad', async () => {
    for (const shape of [
      [3, 4, 4],
      [3, 3, 4],
      [3, 4, 3],
      [7, 4, 8, 8],
    ]) {
      const diagShape = [...shape.slice(0, -2), Math.min(...shape.slice(-2))];
      const [x0, d0] = [rand(shape), rand(diagShape)];
      const errX = await computeGradientError(
        () => {
          const x = tf.constant(x0);
          return { x, y: tf.matrix_set_diag(x, tf.constant(d0)) };
        },
        shape,
        shape,
      );
      expect(errX).toBeLessThan(1e-4);
      const errD = await computeGradientError(
        () => {
          const d = tf.constant(d0);
          return { x: d, y: tf.matrix_set_diag(tf.constant(x0), d) };
        },
        diagShape,
        shape,
      );
      expect(errD).toBeLessThan(1e-4);
    }
  });

  it('testGradWithNoShapeInformation', async () => {
    await inSession(async (g, sess) => {
      const [v, mat, gradInput, grads] = g.as_default(() => {
        const v = tf.placeholder(tf.float32);
        const mat = tf.placeholder(tf.float32);
        const gradInput = tf.placeholder(tf.float32);
        const output = tf.matrix_set_diag(mat, v);
        return [v, mat, gradInput, tf.gradients(output, [mat, v], { grad_ys: gradInput }) as tf.Tensor[]] as const;
      });
      const gi = rand([3, 3]);
      const feeds = new Map<tf.Tensor, tf.NDArray>([
        [v, np([2, 2, 2], 'float32')],
        [
          mat,
          np(
            [
              [1, 1, 1],
              [1, 1, 1],
              [1, 1, 1],
            ],
            'float32',
          ),
        ],
        [gradInput, gi],
      ]);
      const [g0, g1] = await sess.run(grads, feeds as never);
      const m = Array.from(gi.data);
      assertAllEqual(g1!, [m[0]!, m[4]!, m[8]!]);
      assertAllEqual(g0!, [
        [0, m[1]!, m[2]!],
        [m[3]!, 0, m[5]!],
        [m[6]!, m[7]!, 0],
      ]);
    });
  });
});
