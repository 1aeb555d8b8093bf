// Port of TF1 r1.12's tensorflow/python/kernel_tests/tensor_array_ops_test.py, continued: gradient arrays, the
// gradients of reads, writes, stacks, concats, unstacks, splits, gathers and scatters (outside loops: the while
// loop's gradient is another change), the static shapes writes infer, _GetGradSource, and TensorArrays carried
// through a tf.while_loop (the forward values of _testWhileLoopWritePackGradients).
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { denseGradients } from '../helpers/dense_gradients.js';
import { ValueError } from '../../src/framework/errors.js';
import { gradSource } from '../../src/framework/ops/tensor_array.js';
import { assertAllClose, assertAllEqual, evaluate, inGraph, inSession, rejected, staticShape, thrown } from './helpers.js';

const f32 = (v: unknown): tf.Tensor => tf.constant(v as never, tf.float32);
const grads = (ys: tf.Tensor[], xs: tf.Tensor[], grad_ys: unknown[]): tf.Tensor[] =>
  denseGradients(
    ys,
    xs,
    grad_ys.map((g) => f32(g)),
  ) as tf.Tensor[];

describe('TensorArrayTest (gradients, shapes, loops)', () => {
  it('testTensorGradArrayWriteRead', async () => {
    const ds = await evaluate(() => {
      const ta = new tf.TensorArray({ dtype: tf.float32, tensor_array_name: 'foo', size: 3, infer_shape: false });
      const gTa = ta.grad('grad');
      const w2 = ta
        .write(0, [[4.0, 5.0]])
        .write(1, [[1.0]])
        .write(2, -3.0);
      const gW2 = gTa
        .write(0, [[5.0, 6.0]])
        .write(1, [[2.0]])
        .write(2, -2.0);
      return [w2.read(0), w2.read(1), w2.read(2), gW2.read(0), gW2.read(1), gW2.read(2)];
    });
    [[[4.0, 5.0]], [[1.0]], -3.0, [[5.0, 6.0]], [[2.0]], -2.0].forEach((want, i) => assertAllEqual(want, ds[i]!));
  });

  it('testTensorGradArrayDynamicWriteRead', async () => {
    const ds = await evaluate(() => {
      const ta = new tf.TensorArray({ dtype: tf.float32, tensor_array_name: 'foo', size: 0, dynamic_size: true, infer_shape: false });
      const w2 = ta
        .write(0, [[4.0, 5.0]])
        .write(1, [[1.0]])
        .write(2, -3.0);
      const gTa = w2.grad('grad'); // the gradient array here, so its size is known
      const gW2 = gTa
        .write(0, [[5.0, 6.0]])
        .write(1, [[2.0]])
        .write(2, -2.0);
      return [w2.read(0), w2.read(1), w2.read(2), gW2.read(0), gW2.read(1), gW2.read(2), w2.size(), gTa.size()];
    });
    [[[4.0, 5.0]], [[1.0]], -3.0, [[5.0, 6.0]], [[2.0]], -2.0, 3, 3].forEach((want, i) => assertAllEqual(want, ds[i]!));
  });

  it('testTensorGradAccessTwiceReceiveSameObject', async () => {
    await inSession(async (g, sess) => {
      const [h0, h1, r] = g.as_default(() => {
        const ta = new tf.TensorArray({ dtype: tf.float32, tensor_array_name: 'foo', size: 3 });
        const g0 = ta.grad('grad');
        const g1 = ta.grad('grad');
        // write with one gradient handle, read with another copy of it
        const r10 = tf.control_dependencies([g0.write(0, [[4.0, 5.0]]).flow], () => g1.read(0));
        return [g0.handle, g1.handle, r10];
      });
      const [t0, t1, d] = (await sess.run([h0!, h1!, r!])) as tf.NDArray[];
      expect(Array.from(t0!.data)).toEqual(Array.from(t1!.data));
      assertAllEqual([[4.0, 5.0]], d!);
    });
  });

  it('testTensorArrayWriteGradientAddMultipleAdds', async () => {
    for (const dtype of ['int32', 'int64', 'float32', 'float64'] as const) {
      await inSession(async (g, sess) => {
        const c = (v: unknown): tf.Tensor => tf.constant(v as never, dtype);
        const [sum, w1, wb1] = g.as_default(() => {
          const ta = new tf.TensorArray({ dtype, tensor_array_name: 'foo', size: 3, infer_shape: false });
          const taGrad = ta.grad('grad');
          const w1 = ta.write(2, c(3)).write(2, c(4));
          const w2Grad = taGrad.write(2, c(3)).write(2, c(4)).write(2, c(5));
          const wb1Grad = taGrad.write(1, c(1)).write(1, c([1]));
          return [w2Grad.read(2), w1.flow, wb1Grad.flow];
        });
        assertAllEqual(12, (await sess.run(sum!)) as tf.NDArray);
        expect((await rejected(sess.run(w1!))).message).toMatch(
          /^TensorArray foo_.*: Could not write to TensorArray index 2 because it has already been written to\.$/,
        );
        expect((await rejected(sess.run(wb1!))).message).toMatch(
          /Could not aggregate to TensorArray index 1 because the existing shape is \[\] but the new input shape is \[1\]/,
        );
      });
    }
  });

  it('testTensorArrayGradientWriteRead', async () => {
    // TF1 also runs the integer dtypes; tf1-ts's tf.gradients gives integer tensors no gradient
    for (const dtype of ['float32', 'float64'] as const) {
      await inSession(async (g, sess) => {
        const c = (v: unknown): tf.Tensor => tf.constant(v as never, dtype);
        const out = g.as_default(() => {
          const ta = new tf.TensorArray({ dtype, tensor_array_name: 'foo', size: 3, infer_shape: false });
          const value0 = c([[4, 5]]);
          const value1 = c(3);
          const w1 = ta.write(0, value0).write(1, value1);
          const r0 = w1.read(0);
          const r1 = w1.read(1);
          const r02 = w1.read(0);
          return [
            denseGradients([r0], [value0], [c([[2, 3]])]),
            denseGradients([r0, r02], [value0], [c([[2, 3]]), c([[1, -1]])]),
            denseGradients([r1], [value1], [c(-2)]),
            denseGradients([r0, r02, r1], [value0, value1], [c([[2, 3]]), c([[1, -1]]), c(-2)]),
          ] as tf.Tensor[][];
        });
        assertAllEqual([[2, 3]], ((await sess.run(out[0]!)) as tf.NDArray[])[0]!);
        assertAllEqual([[3, 2]], ((await sess.run(out[1]!)) as tf.NDArray[])[0]!);
        assertAllEqual(-2, ((await sess.run(out[2]!)) as tf.NDArray[])[0]!);
        const both = (await sess.run(out[3]!)) as tf.NDArray[];
        expect(both.length).toBe(2);
        assertAllEqual([[3, 2]], both[0]!);
        assertAllEqual(-2, both[1]!);
      });
    }
  });

  it('testTensorArrayGradientWritePackConcatAndRead', async () => {
    const v = await evaluate(() => {
      const ta = new tf.TensorArray({ dtype: tf.float32, tensor_array_name: 'foo', size: 2, clear_after_read: false });
      const value0 = f32([-1.0, 1.0]);
      const value1 = f32([-10.0, 10.0]);
      const w1 = ta.write(0, value0).write(1, value1);
      const p0 = w1.stack();
      const r0 = w1.read(0);
      const s0 = w1.concat();
      return tf.control_dependencies([p0, r0, s0], () =>
        grads(
          [p0, r0, s0],
          [value0, value1],
          [
            [
              [2.0, 3.0],
              [4.0, 5.0],
            ],
            [-0.5, 1.5],
            [20.0, 30.0, 40.0, 50.0],
          ],
        ),
      );
    });
    assertAllClose([2.0 - 0.5 + 20.0, 3.0 + 1.5 + 30.0], v[0]!);
    assertAllEqual([4.0 + 40.0, 5.0 + 50.0], v[1]!);
  });

  it('testTensorArrayGradientUnpackRead', async () => {
    const v = await evaluate(() => {
      const ta = new tf.TensorArray({ dtype: tf.float32, tensor_array_name: 'foo', size: 2, clear_after_read: false });
      const value = f32([
        [1.0, -1.0],
        [10.0, -10.0],
      ]);
      const w = ta.unstack(value);
      return grads(
        [w.read(0), w.read(0), w.read(1)],
        [value],
        [
          [2.0, 3.0],
          [-1.5, 1.5],
          [4.0, 5.0],
        ],
      );
    });
    expect(v.length).toBe(1);
    assertAllEqual(
      [
        [2.0 - 1.5, 3.0 + 1.5],
        [4.0, 5.0],
      ],
      v[0]!,
    );
  });

  it('testTensorArrayGradientSplitConcat', async () => {
    const v = await evaluate(() => {
      const ta = new tf.TensorArray({ dtype: tf.float32, tensor_array_name: 'foo', size: 2, infer_shape: false });
      const value = f32([
        [1.0, -1.0],
        [10.0, -10.0],
        [100.0, -100.0],
      ]);
      const r = ta.split(value, [2, 1]).concat();
      return grads(
        [r],
        [value],
        [
          [
            [2.0, -2.0],
            [20.0, -20.0],
            [200.0, -200.0],
          ],
        ],
      );
    });
    assertAllEqual(
      [
        [2.0, -2.0],
        [20.0, -20.0],
        [200.0, -200.0],
      ],
      v[0]!,
    );
  });

  it('testTensorArrayGradientDynamicUnpackRead', async () => {
    const v = await evaluate(() => {
      const ta = new tf.TensorArray({ dtype: tf.float32, tensor_array_name: 'foo', size: 0, dynamic_size: true });
      const value = f32([
        [1.0, -1.0],
        [10.0, -10.0],
      ]);
      const w = ta.unstack(value);
      return grads(
        [w.read(0), w.read(1)],
        [value],
        [
          [2.0, 3.0],
          [4.0, 5.0],
        ],
      );
    });
    assertAllEqual(
      [
        [2.0, 3.0],
        [4.0, 5.0],
      ],
      v[0]!,
    );
  });

  it('testSumOfTwoReadVariablesWithoutRepeatGrad', async () => {
    await inSession(async (g, sess) => {
      const g0 = Array.from({ length: 15 }, (_, i) => -(i + 1));
      const [ga, gb] = g.as_default(() => {
        const a = tf.identity(tf.reshape(f32(Array.from({ length: 15 }, (_, i) => i + 1)), [3, 5]));
        const b = tf.identity(tf.reshape(f32(Array.from({ length: 15 }, (_, i) => i + 16)), [3, 5]));
        let ta = new tf.TensorArray({ dtype: tf.float32, size: 2 });
        ta = ta.write(0, a, { name: 'write_a' }).write(1, b, { name: 'write_b' });
        const c = ta.read(0, { name: 'read_a_0' }).add(ta.read(1, { name: 'read_b_0' }));
        const dy = tf.reshape(f32(g0), [3, 5]);
        return [denseGradients([c], [a], [dy])[0]!, denseGradients([c], [b], [dy])[0]!];
      });
      const want = tf.NDArray.zeros([3, 5]);
      want.data.set(g0);
      assertAllEqual(want, (await sess.run(ga!)) as tf.NDArray);
      assertAllEqual(want, (await sess.run(gb!)) as tf.NDArray);
      const [ja, jb] = (await sess.run([ga!, gb!])) as tf.NDArray[];
      assertAllEqual(want, ja!);
      assertAllEqual(want, jb!);
    });
  });

  const source = (name: string): string => inGraph(() => gradSource(tf.constant(0, { name })));

  it('testGetGradSource_Invalid', () => {
    for (const n of ['', 'foo', 'foo/bar']) expect(thrown(() => source(n))).toBeInstanceOf(ValueError);
  });

  it('testGetGradSource_NoEnclosingScope', () => {
    expect(source('gradients')).toBe('gradients:0');
    expect(source('gradients_0')).toBe('gradients_0:0');
    expect(source('gradients/foo')).toBe('gradients');
    expect(source('gradients_0/foo')).toBe('gradients_0');
    expect(source('gradients/foo/bar')).toBe('gradients');
    expect(source('gradients_0/foo/bar')).toBe('gradients_0');
  });

  it('testGetGradSource_EnclosingScope', () => {
    expect(source('foo/gradients')).toBe('foo/gradients:0');
    expect(source('foo/gradients_0')).toBe('foo/gradients_0:0');
    expect(source('foo/gradients/bar')).toBe('foo/gradients');
    expect(source('foo/gradients_0/bar')).toBe('foo/gradients_0');
    expect(source('foo/bar/gradients/baz')).toBe('foo/bar/gradients');
    expect(source('foo/bar/gradients_0/baz')).toBe('foo/bar/gradients_0');
  });

  it('testGetGradSource_NestedUsesInnermost', () => {
    expect(source('foo/gradients/bar/gradients_0/baz')).toBe('foo/gradients/bar/gradients_0');
  });

  it('testWriteShape', () => {
    inGraph(() => {
      const ta = new tf.TensorArray({ dtype: tf.float32, tensor_array_name: 'foo', size: 3 });
      const c0 = f32([4.0, 5.0]);
      const w0 = ta.write(0, c0);
      expect(staticShape(w0.read(0))).toEqual([2]);
      const c1 = f32([6.0, 7.0]);
      const w1 = w0.write(1, c1);
      expect(staticShape(w1.read(0))).toEqual([2]);
      expect(staticShape(w1.read(1))).toEqual([2]);
      expect(thrown(() => w0.write(0, f32([4.0, 5.0, 6.0])))).toBeInstanceOf(ValueError);
    });
  });

  it('testPartlyUnknownShape', () => {
    inGraph(() => {
      const ta = new tf.TensorArray({ dtype: tf.float32, tensor_array_name: 'foo', size: 6 });
      const w0 = ta.write(0, tf.placeholder(tf.float32, [null, null, null, 3]));
      expect(staticShape(w0.read(0))).toEqual([null, null, null, 3]);
      const w1 = w0.write(1, tf.placeholder(tf.float32, [null, null, null, 3]));
      expect(staticShape(w1.read(0))).toEqual([null, null, null, 3]);
      // writing a less specific shape (doesn't change type)
      const w2 = w1.write(2, tf.placeholder(tf.float32, [null, null, null, null]));
      expect(staticShape(w2.read(0))).toEqual([null, null, null, 3]);
      // more specific in one dimension and less in another
      const w3 = w2.write(3, tf.placeholder(tf.float32, [null, null, 2, null]));
      expect(staticShape(w3.read(0))).toEqual([null, null, 2, 3]);
      // a partly defined shape through scatter
      const w4 = w3.scatter([4, 5], tf.placeholder(tf.float32, [2, null, 4, 2, 3]));
      expect(staticShape(w4.read(0))).toEqual([null, 4, 2, 3]);
      // a fully defined shape through split
      const w5 = w4.split(tf.placeholder(tf.float32, [10, 4, 2, 3]), tf.constant([5, 5]));
      expect(staticShape(w5.read(0))).toEqual([5, 4, 2, 3]);
    });
  });

  it('testUnpackShape', async () => {
    await inSession(async (g, sess) => {
      const { r0, bad, r1 } = g.as_default(() => {
        const ta = new tf.TensorArray({ dtype: tf.float32, tensor_array_name: 'foo', size: 0, dynamic_size: true, infer_shape: true });
        const w0 = ta.unstack(
          f32([
            [1.0, -1.0],
            [10.0, -10.0],
            [100.0, -100.0],
          ]),
        );
        const r0 = w0.read(0);
        expect(staticShape(r0)).toEqual([2]);
        const c1 = f32([4.0, 5.0]);
        const w1 = w0.write(3, c1);
        const bad = tf.control_dependencies([r0], () => w1.read(0));
        const r1 = w1.read(1);
        expect(staticShape(r1)).toEqual([2]);
        expect(thrown(() => w1.write(4, f32([4.0, 5.0, 6.0])))).toBeInstanceOf(ValueError);
        return { r0, bad, r1 };
      });
      expect(r0).toBeDefined();
      expect((await rejected(sess.run(bad))).message).toMatch(/Could not read index 0 twice because it was cleared after a previous read/);
      expect(r1).toBeDefined();
    });
  });

  it('testSplitShape', () => {
    inGraph(() => {
      const ta = new tf.TensorArray({ dtype: tf.float32, tensor_array_name: 'foo', size: 0, dynamic_size: true, infer_shape: true });
      const value = f32([
        [1.0, -1.0],
        [2.0, -2.0],
        [3.0, -3.0],
      ]);
      expect(staticShape(ta.split(value, [1, 1, 1]).read(0))).toEqual([1, 2]);
      const ta1 = new tf.TensorArray({ dtype: tf.float32, tensor_array_name: 'foo1', size: 0, dynamic_size: true, infer_shape: true });
      expect(staticShape(ta1.split(value, [1, 2]).read(0))).toBeNull();
      expect((ta1.handle.op.attrs as { element_shape: unknown }).element_shape).toBeNull();
    });
  });

  it('testWriteUnknownShape', () => {
    inGraph(() => {
      const ta = new tf.TensorArray({ dtype: tf.float32, tensor_array_name: 'foo', size: 3, infer_shape: true });
      expect(staticShape(ta.write(0, tf.placeholder(tf.float32)).read(0))).toBeNull();
    });
  });

  it('testGradientWhenNotAllComponentsRead', async () => {
    const v = await evaluate(() => {
      const x = f32([2.0, 3.0]);
      const r0 = new tf.TensorArray({ dtype: tf.float32, size: 2 }).unstack(x).read(0);
      return grads([r0], [x], [1.0]);
    });
    assertAllEqual([1.0, 0.0], v[0]!);
  });

  it('testTensorArrayUnpackDynamic', async () => {
    const [r, g] = await evaluate(() => {
      const x = f32([1.0, 2.0, 3.0]);
      const r = new tf.TensorArray({ dtype: tf.float32, size: 3, dynamic_size: true }).unstack(x).write(3, 4.0).stack();
      return [r, denseGradients([r], [x])[0]!];
    });
    assertAllEqual([1.0, 2.0, 3.0, 4.0], r!);
    assertAllEqual([1.0, 1.0, 1.0], g!);
  });

  it('testTensorArraySplitDynamic', async () => {
    const [r, g] = await evaluate(() => {
      const x = f32([1.0, 2.0, 3.0]);
      const r = new tf.TensorArray({ dtype: tf.float32, size: 3, dynamic_size: true }).split(x, [1, 1, 1]).write(3, [4.0]).concat();
      return [r, denseGradients([r], [x])[0]!];
    });
    assertAllEqual([1.0, 2.0, 3.0, 4.0], r!);
    assertAllEqual([1.0, 1.0, 1.0], g!);
  });

  it('testTensorArrayScatterReadAndGradients', async () => {
    const [r0, r1, g] = await evaluate(() => {
      const ta = new tf.TensorArray({ dtype: tf.float32, tensor_array_name: 'foo', size: 0, dynamic_size: true });
      const value = f32([
        [1.0, -1.0],
        [10.0, -10.0],
      ]);
      const w = ta.scatter(tf.constant([1, 8]), value);
      const r0 = w.read(1);
      const r1 = w.read(8);
      return [
        r0,
        r1,
        grads(
          [r0, r1],
          [value],
          [
            [2.0, 3.0],
            [4.0, 5.0],
          ],
        )[0]!,
      ];
    });
    assertAllEqual([1.0, -1.0], r0!);
    assertAllEqual([10.0, -10.0], r1!);
    assertAllEqual(
      [
        [2.0, 3.0],
        [4.0, 5.0],
      ],
      g!,
    );
  });

  it('testTensorArrayWriteGatherAndGradients', async () => {
    const [gv, grad] = await evaluate(() => {
      const ta = new tf.TensorArray({ dtype: tf.float32, tensor_array_name: 'foo', size: 0, dynamic_size: true });
      const values = f32(Array.from({ length: 10 }, (_, x) => [1.0 * x, -1.0 * x]));
      const g = ta.unstack(values).gather(tf.constant([1, 8]));
      return [
        g,
        grads(
          [g],
          [values],
          [
            [
              [2.0, 3.0],
              [4.0, 5.0],
            ],
          ],
        )[0]!,
      ];
    });
    assertAllEqual(
      [
        [1.0, -1.0],
        [8.0, -8.0],
      ],
      gv!,
    );
    const want = Array.from({ length: 10 }, () => [0, 0]);
    want[1] = [2.0, 3.0];
    want[8] = [4.0, 5.0];
    assertAllEqual(want, grad!);
  });

  it('testTensorArrayGradYsInCorrectScope', async () => {
    const [vdx, vdy] = await evaluate(() => {
      const x = f32([[1.42]]);
      const dy = f32([[2.42]]);
      const ta = new tf.TensorArray(tf.float32, { size: 1, element_shape: [1] }).write({ index: 0, value: x.at(0) });
      const y = ta.stack();
      return [denseGradients([y], [x], [dy])[0]!, dy];
    });
    assertAllClose(vdx!, vdy!);
  });

  it('testWhileLoopWritePackGradients (the forward values; the loop gradient is not built yet)', async () => {
    for (const dynamic_size of [false, true]) {
      const [vout, v0, state0, varT] = await evaluate(() => {
        const v0 = tf.identity(tf.reshape(f32(Array.from({ length: 15 }, (_, i) => i)), [3, 5]));
        const state0 = tf.identity(f32([1, 1, 1, 1, 1]));
        const v = tf.constant([100, 101, 102, 103, 104], tf.float32);
        const ta = new tf.TensorArray({ dtype: tf.float32, tensor_array_name: 'foo', size: dynamic_size ? 0 : 3, dynamic_size });
        const time0 = tf.identity(0);
        const body = (time: tf.Tensor, taT: tf.TensorArray, state: tf.Tensor): unknown[] => {
          const sliced = tf.squeeze(tf.slice(v0, tf.stack([time, 0]), [1, -1]));
          const out = sliced.add(v).add(state);
          return [time.add(1), taT.write(time, out), state.add(sliced)];
        };
        const [, hFinal] = tf.while_loop((time: tf.Tensor) => tf.less(time, 3), body, [time0, ta, state0], {
          shape_invariants: [time0.get_shape(), tf.TensorShape.unknown(), tf.TensorShape.unknown()],
          parallel_iterations: 3,
        }) as [tf.Tensor, tf.TensorArray, tf.Tensor];
        return [hFinal.stack(), v0, state0, v];
      });
      // vout[t] = v0[t] + var + state0 + v0[0] + ... + v0[t - 1]
      const row = (t: number): number[] => [0, 1, 2, 3, 4].map((j) => v0!.data[t * 5 + j]!);
      const want: number[][] = [];
      let state = Array.from(state0!.data);
      for (let t = 0; t < 3; t++) {
        want.push(row(t).map((x, j) => x + varT!.data[j]! + state[j]!));
        state = state.map((s, j) => s + row(t)[j]!);
      }
      assertAllClose(want, vout!);
    }
  });
});
