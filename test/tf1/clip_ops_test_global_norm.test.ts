// Port of TF1 r1.12's tensorflow/python/kernel_tests/clip_ops_test.py, the clip_by_global_norm and
// clip_by_average_norm cases, IndexedSlices ones included (testClipByGlobalNormPreservesDenseShape's Python tuple
// dense_shape is a Tensor here: tf1-ts's IndexedSlices takes Tensors).
// TF1's `use_gpu=True` sessions run on the CPU here, as the rest of these ports.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { TypeError as TFTypeError } from '../../src/framework/errors.js';
import { assertAllClose, inGraph, inSession, rejected, thrown } from './helpers.js';

const f32 = (v: number[], shape?: number[]): tf.Tensor => tf.constant(v, { shape: shape ?? [v.length], dtype: tf.float32 });

/** x0 = [[-2, 0, 0], [4, 0, 0]] and x1 = [1, -2]: a global norm of sqrt(1 + 4^2 + 2^2 + 2^2) = 5. */
const x01 = (): [tf.Tensor, tf.Tensor] => [f32([-2.0, 0.0, 0.0, 4.0, 0.0, 0.0], [2, 3]), f32([1.0, -2.0])];

/** Runs clip_by_global_norm(x0, x1, ...) in a fresh session: [clipped x0, clipped x1, norm]. */
async function globalNorm(list: (xs: [tf.Tensor, tf.Tensor]) => (tf.Tensor | null)[], clipNorm: () => number | tf.Tensor, at: [number, number]) {
  return inSession(async (g, sess) => {
    const [ans, norm] = g.as_default(() => tf.clip_by_global_norm(list(x01()), clipNorm()));
    const [a0, a1, n] = await sess.run([ans[at[0]] as tf.Tensor, ans[at[1]] as tf.Tensor, norm]);
    return { ans, a0: a0!, a1: a1!, n: n! };
  });
}

describe('ClipTest (global norm)', () => {
  // ClipByGlobalNorm tests
  it('testClipByGlobalNormClipped', async () => {
    // Norm clipping when clip_norm < 5; answers are the original tensors scaled by 4.0/5.0
    const r = await globalNorm(
      (xs) => xs,
      () => 4.0,
      [0, 1],
    );
    assertAllClose(r.n, 5.0);
    assertAllClose(
      [
        [-1.6, 0.0, 0.0],
        [3.2, 0.0, 0.0],
      ],
      r.a0,
    );
    assertAllClose([0.8, -1.6], r.a1);
  });

  it('testClipByGlobalNormClippedTensor', async () => {
    const r = await globalNorm(
      (xs) => xs,
      () => f32([4.0], []),
      [0, 1],
    );
    assertAllClose(r.n, 5.0);
    assertAllClose(
      [
        [-1.6, 0.0, 0.0],
        [3.2, 0.0, 0.0],
      ],
      r.a0,
    );
    assertAllClose([0.8, -1.6], r.a1);
  });

  it('testClipByGlobalNormSupportsNone', async () => {
    const r = await globalNorm(
      ([x0, x1]) => [x0, null, x1, null],
      () => 4.0,
      [0, 2],
    );
    expect(r.ans[1]).toBeNull();
    expect(r.ans[3]).toBeNull();
    assertAllClose(r.n, 5.0);
    assertAllClose(
      [
        [-1.6, 0.0, 0.0],
        [3.2, 0.0, 0.0],
      ],
      r.a0,
    );
    assertAllClose([0.8, -1.6], r.a1);
  });

  it('testClipByGlobalNormNotClipped', async () => {
    // No norm clipping when clip_norm >= 5
    const r = await globalNorm(
      (xs) => xs,
      () => 6.0,
      [0, 1],
    );
    assertAllClose(r.n, 5.0);
    assertAllClose(
      [
        [-2.0, 0.0, 0.0],
        [4.0, 0.0, 0.0],
      ],
      r.a0,
    );
    assertAllClose([1.0, -2.0], r.a1);
  });

  it('testClipByGlobalNormWithIndexedSlicesClipped', async () => {
    // Norm clipping when clip_norm < 5
    const { a0, a1, n, sparse } = await inSession(async (g, sess) => {
      const [ans, norm] = g.as_default(() => {
        const [x0] = x01();
        const x1 = new tf.IndexedSlices(f32([1.0, -2.0]), tf.constant([3, 4]));
        // Global norm of x0 and x1 = sqrt(1 + 4^2 + 2^2 + 2^2) = 5
        return tf.clip_by_global_norm([x0, x1], 4.0);
      });
      const [v0, v1, v2] = await sess.run([ans[0] as tf.Tensor, (ans[1] as tf.IndexedSlices).values, norm]);
      return { a0: v0!, a1: v1!, n: v2!, sparse: ans[1] };
    });
    expect(sparse).toBeInstanceOf(tf.IndexedSlices);
    // Answers are the original tensors scaled by 4.0/5.0
    assertAllClose(n, 5.0);
    assertAllClose(
      [
        [-1.6, 0.0, 0.0],
        [3.2, 0.0, 0.0],
      ],
      a0,
    );
    assertAllClose([0.8, -1.6], a1);
  });

  it('testClipByGlobalNormPreservesDenseShape', () => {
    inGraph(() => {
      const denseShape = tf.constant([1]);
      const slices = new tf.IndexedSlices(f32([1.0]), tf.constant([0]), denseShape);
      const [ans] = tf.clip_by_global_norm([slices], 1.0);
      const modified = ans[0] as tf.IndexedSlices;
      expect(slices.dense_shape).toBe(denseShape);
      expect(modified.dense_shape).toBe(denseShape);
      expect(modified.indices).toBe(slices.indices);
    });
  });

  it('global_norm, clip_by_norm and clip_by_average_norm of an IndexedSlices (r1.12: by its values; the last densely)', async () => {
    await inSession(async (g, sess) => {
      const b = g.as_default(() => {
        const slices = new tf.IndexedSlices(f32([3.0, 4.0], [1, 2]), tf.constant([1]), tf.constant([2, 2]));
        return {
          norm: tf.global_norm([slices]),
          byNorm: tf.clip_by_norm(slices, 1.0),
          average: tf.clip_by_average_norm(slices, 1.0),
        };
      });
      expect(b.byNorm).toBeInstanceOf(tf.IndexedSlices);
      expect(b.byNorm.values.name).toBe('clip_by_norm:0');
      expect(b.average.op.inputs[0]!.op.inputs[0]!.op.inputs[0]!.name).toBe('clip_by_average_norm/t:0');
      const [norm, clipped, average] = await sess.run([b.norm, b.byNorm.values, b.average]);
      assertAllClose(norm!, 5.0);
      assertAllClose(clipped!, [[0.6, 0.8]]);
      // the dense [[0, 0], [3, 4]]: 4 elements, l2 norm 5, so t * min(4 / 5, 1)
      assertAllClose(average!, [
        [0, 0],
        [2.4, 3.2],
      ]);
    });
  });

  it('testClipByGlobalNormZero', async () => {
    // No norm clipping when norm = 0
    const { a0, a1, n } = await inSession(async (g, sess) => {
      const [ans, norm] = g.as_default(() => tf.clip_by_global_norm([f32([0, 0, 0, 0, 0, 0], [2, 3]), f32([0, 0])], 6.0));
      const [v0, v1, v2] = await sess.run([ans[0] as tf.Tensor, ans[1] as tf.Tensor, norm]);
      return { a0: v0!, a1: v1!, n: v2! };
    });
    assertAllClose(n, 0.0);
    assertAllClose(
      [
        [0.0, 0.0, 0.0],
        [0.0, 0.0, 0.0],
      ],
      a0,
    );
    assertAllClose([0.0, 0.0], a1);
  });

  it('testClipByGlobalNormInf', async () => {
    await inSession(async (g, sess) => {
      const [ans, norm] = g.as_default(() => {
        const x0 = f32([-2.0, 0.0, Infinity, 4.0, 0.0, 0.0], [2, 3]);
        const x1 = f32([1.0, -2.0]);
        return tf.clip_by_global_norm([x0, x1], 6.0);
      });
      for (const t of [norm, ans[0]!, ans[1]!]) {
        const err = await rejected(sess.run(t));
        expect(err).toBeInstanceOf(tf.errors.InvalidArgumentError);
        expect(err.message).toMatch(/global norm/);
      }
    });
  });

  // ClipByAverageNorm tests: average norm of x = sqrt(3^2 + 4^2) / 6 = 0.83333333
  const averageNorm = (clipNorm: () => number | tf.Tensor, x = [-3.0, 0.0, 0.0, 4.0, 0.0, 0.0]) =>
    inSession(async (g, sess) => sess.run(g.as_default(() => tf.clip_by_average_norm(f32(x, [2, 3]), clipNorm()))));

  it('testClipByAverageNormClipped', async () => {
    const ans = [
      [-2.88, 0.0, 0.0],
      [3.84, 0.0, 0.0],
    ];
    assertAllClose(ans, await averageNorm(() => 0.8));
  });

  it('testClipByAverageNormClippedTensor', async () => {
    const ans = [
      [-2.88, 0.0, 0.0],
      [3.84, 0.0, 0.0],
    ];
    assertAllClose(ans, await averageNorm(() => f32([0.8], [])));
  });

  it('testClipByAverageNormNotClipped', async () => {
    const ans = [
      [-3.0, 0.0, 0.0],
      [4.0, 0.0, 0.0],
    ];
    assertAllClose(ans, await averageNorm(() => 0.9));
  });

  it('testClipByAverageNormZero', async () => {
    const ans = [
      [0.0, 0.0, 0.0],
      [0.0, 0.0, 0.0],
    ];
    assertAllClose(ans, await averageNorm(() => 0.9, [0, 0, 0, 0, 0, 0]));
  });

  it('global_norm alone, and the nodes as TF1 names them', async () => {
    inGraph((g) => {
      const [x0, x1] = x01();
      const [ans, norm] = tf.clip_by_global_norm([x0, null, x1], 4.0);
      expect(ans.map((t) => t?.op.name ?? null)).toEqual(['clip_by_global_norm/clip_by_global_norm/_0', null, 'clip_by_global_norm/clip_by_global_norm/_2']);
      expect(norm.op.name).toBe('VerifyFinite/control_dependency');
      const ops = g.get_operations();
      expect(ops.find((o) => o.type === 'Sqrt')!.name).toBe('global_norm/global_norm');
      expect(ops.find((o) => o.type === 'CheckNumerics')!.get_attr('message')).toBe('Found Inf or NaN global norm.');
      expect(ops.filter((o) => o.type === 'L2Loss').map((o) => o.name)).toEqual(['global_norm/L2Loss', 'global_norm/L2Loss_1']);
      expect(tf.clip_by_average_norm(x0, 0.8).op.name).toBe('clip_by_average_norm');
      expect(tf.global_norm([x0, x1], 'gn').op.name).toBe('gn/global_norm');
      expect(thrown(() => tf.global_norm(x0 as never))).toBeInstanceOf(TFTypeError);
      expect(thrown(() => tf.clip_by_global_norm('ab' as never, 1.0)).message).toBe('t_list should be a sequence');
    });
    const n = await inSession(async (g, sess) => sess.run(g.as_default(() => tf.global_norm([f32([3.0]), null, f32([4.0])]))));
    assertAllClose(n, 5.0);
  });
});
