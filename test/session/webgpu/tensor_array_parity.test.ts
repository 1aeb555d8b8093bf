// TensorArrays outside while loops on the WebGPU backend, against the CPU backend: cases of TF1 r1.12's
// tensor_array_ops_test.py (as ported in test/tf1/tensor_array_ops_test*.test.ts) with TF1's inputs and expected
// values, run on both backends: write/read, stack, concat, unstack, split, gather, scatter and their gradients
// (a gradient array's repeated writes to one index add up on the GPU), and TF1's kernel errors.
import { describe, expect, it } from 'vitest';
import * as tf from '../../../src/index.js';
import { assertAllClose, assertAllEqual } from '../../tf1/helpers.js';
import { expectClose, filePair } from './harness.js';

type T = tf.Tensor;

const p = filePair();

/** Builds `fn`'s fetches in the shared graph and runs them on both backends: the WebGPU values, checked equal to the CPU's. */
async function both(fn: () => T[]): Promise<tf.NDArray[]> {
  const fetches = p.graph.as_default(fn);
  const cpu = (await p.cpu.run(fetches)) as tf.NDArray[];
  const gpu = (await p.gpu.run(fetches)) as tf.NDArray[];
  gpu.forEach((g, k) => expectClose(g, cpu[k]!, null, fetches[k]!.name));
  return gpu;
}

/** The error both backends raise running `fn`'s fetch: the same class and message. */
async function bothFail(fn: () => T): Promise<Error> {
  const fetch = p.graph.as_default(fn);
  const fail = (s: tf.Session) =>
    s.run(fetch).then(
      () => expect.fail(`${fetch.name} ran`),
      (e: unknown) => e as Error,
    );
  const [c, g] = [await fail(p.cpu), await fail(p.gpu)];
  expect(g.constructor).toBe(c.constructor);
  expect(g.message).toBe(c.message);
  return g;
}

const f32 = (v: unknown): T => tf.constant(v as never, tf.float32);
const ta = (size: number, opts: Record<string, unknown> = {}) => new tf.TensorArray({ dtype: tf.float32, tensor_array_name: 'foo', size, ...opts });
const grads = (ys: T[], xs: T[], dys: unknown[]): T[] =>
  tf.gradients(
    ys,
    xs,
    dys.map((d) => f32(d)),
  ) as T[];

describe('TensorArrays outside loops on the WebGPU backend (tensor_array_ops_test.py cases)', () => {
  it('testTensorArrayWriteRead', async () => {
    const [d0, d1, d2] = await both(() => {
      const w2 = ta(3, { infer_shape: false })
        .write(0, [[4.0, 5.0]])
        .write(1, [[1.0]])
        .write(2, -3.0);
      return [w2.read(0), w2.read(1), w2.read(2)];
    });
    assertAllEqual([[4.0, 5.0]], d0!);
    assertAllEqual([[1.0]], d1!);
    assertAllEqual(-3.0, d2!);
  });

  it('testTensorArrayWritePack and testTensorArrayWriteConcat (float32, int32)', async () => {
    for (const dtype of ['float32', 'int32'] as const) {
      const c = (v: unknown): T => tf.constant(v as never, dtype);
      const [packed, concat] = await both(() => {
        const w = new tf.TensorArray({ dtype, tensor_array_name: 'foo', size: 3 })
          .write(0, c([[4, 5]]))
          .write(1, c([[6, 7]]))
          .write(2, c([[8, 9]]));
        const v = new tf.TensorArray({ dtype, tensor_array_name: 'foo', size: 3, infer_shape: false })
          .write(
            0,
            c([
              [4, 5],
              [104, 105],
              [204, 205],
            ]),
          )
          .write(
            1,
            c([
              [6, 7],
              [106, 107],
            ]),
          )
          .write(2, c([[8, 9]]));
        return [w.stack(), v.concat()];
      });
      assertAllEqual(packed!, [[[4, 5]], [[6, 7]], [[8, 9]]]);
      assertAllEqual(concat!, [
        [4, 5],
        [104, 105],
        [204, 205],
        [6, 7],
        [106, 107],
        [8, 9],
      ]);
    }
  });

  it('testTensorArrayUnpackRead and testTensorArraySplitRead', async () => {
    const m = [
      [1.0, 101.0],
      [2.0, 201.0],
      [3.0, 301.0],
    ];
    const [u0, u1, u2, s0, s1, s2] = await both(() => {
      const u = ta(3, { infer_shape: false }).unstack(f32(m));
      const s = ta(3, { infer_shape: false }).split(f32(m), tf.constant([2, 0, 1]));
      return [u.read(0), u.read(1), u.read(2), s.read(0), s.read(1), s.read(2)];
    });
    [u0, u1, u2].forEach((u, i) => assertAllEqual(u!, m[i]!));
    assertAllEqual(s0!, m.slice(0, 2));
    expect(s1!.shape).toEqual([0, 2]);
    assertAllEqual(s2!, [m[2]!]);
  });

  it('testTensorArrayWriteGradientAddMultipleAdds (float32, int32): a gradient array’s writes to one index add up', async () => {
    for (const dtype of ['float32', 'int32'] as const) {
      const c = (v: unknown): T => tf.constant(v as never, dtype);
      const [sum] = await both(() => {
        const g = new tf.TensorArray({ dtype, tensor_array_name: 'foo', size: 3, infer_shape: false }).grad('grad');
        return [g.write(2, c(3)).write(2, c(4)).write(2, c(5)).read(2)];
      });
      assertAllEqual(sum!, 12);
      const twice = await bothFail(
        () => new tf.TensorArray({ dtype, tensor_array_name: 'foo', size: 3, infer_shape: false }).write(2, c(3)).write(2, c(4)).flow,
      );
      expect(twice.message).toMatch(/^TensorArray foo_.*: Could not write to TensorArray index 2 because it has already been written to\.$/);
      const shapes = await bothFail(() => {
        const g = new tf.TensorArray({ dtype, tensor_array_name: 'foo', size: 3, infer_shape: false }).grad('grad');
        return g.write(1, c(1)).write(1, c([1])).flow;
      });
      expect(shapes.message).toMatch(/Could not aggregate to TensorArray index 1 because the existing shape is \[\] but the new input shape is \[1\]/);
    }
  });

  it('testTensorArrayGradientWriteRead (float32)', async () => {
    const [g0, g02, g1, b0, b1] = await both(() => {
      const value0 = f32([[4, 5]]);
      const value1 = f32(3);
      const w1 = ta(3, { infer_shape: false }).write(0, value0).write(1, value1);
      const [r0, r1, r02] = [w1.read(0), w1.read(1), w1.read(0)];
      return [
        ...grads([r0], [value0], [[[2, 3]]]),
        ...grads([r0, r02], [value0], [[[2, 3]], [[1, -1]]]),
        ...grads([r1], [value1], [-2]),
        ...grads([r0, r02, r1], [value0, value1], [[[2, 3]], [[1, -1]], -2]),
      ];
    });
    assertAllEqual([[2, 3]], g0!);
    assertAllEqual([[3, 2]], g02!);
    assertAllEqual(-2, g1!);
    assertAllEqual([[3, 2]], b0!);
    assertAllEqual(-2, b1!);
  });

  it('testTensorArrayGradientWritePackConcatAndRead', async () => {
    const [g0, g1] = await both(() => {
      const value0 = f32([-1.0, 1.0]);
      const value1 = f32([-10.0, 10.0]);
      const w1 = ta(2, { clear_after_read: false }).write(0, value0).write(1, value1);
      const [p0, r0, s0] = [w1.stack(), w1.read(0), w1.concat()];
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
    assertAllClose([2.0 - 0.5 + 20.0, 3.0 + 1.5 + 30.0], g0!);
    assertAllEqual([4.0 + 40.0, 5.0 + 50.0], g1!);
  });

  it('testTensorArrayGradientUnpackRead and testTensorArrayGradientSplitConcat', async () => {
    const [gu, gs] = await both(() => {
      const value = f32([
        [1.0, -1.0],
        [10.0, -10.0],
      ]);
      const w = ta(2, { clear_after_read: false }).unstack(value);
      const gu = grads(
        [w.read(0), w.read(0), w.read(1)],
        [value],
        [
          [2.0, 3.0],
          [-1.5, 1.5],
          [4.0, 5.0],
        ],
      )[0]!;
      const v3 = f32([
        [1.0, -1.0],
        [10.0, -10.0],
        [100.0, -100.0],
      ]);
      const r = ta(2, { infer_shape: false }).split(v3, [2, 1]).concat();
      const dy = [
        [2.0, -2.0],
        [20.0, -20.0],
        [200.0, -200.0],
      ];
      return [gu, grads([r], [v3], [dy])[0]!];
    });
    assertAllEqual(gu!, [
      [2.0 - 1.5, 3.0 + 1.5],
      [4.0, 5.0],
    ]);
    assertAllEqual(gs!, [
      [2.0, -2.0],
      [20.0, -20.0],
      [200.0, -200.0],
    ]);
  });

  it('testTensorArrayScatterReadAndGradients and testTensorArrayWriteGatherAndGradients', async () => {
    const [r0, r1, gsc, gv, ggv] = await both(() => {
      const value = f32([
        [1.0, -1.0],
        [10.0, -10.0],
      ]);
      const w = ta(0, { dynamic_size: true }).scatter(tf.constant([1, 8]), value);
      const [r0, r1] = [w.read(1), w.read(8)];
      const values = f32(Array.from({ length: 10 }, (_, x) => [1.0 * x, -1.0 * x]));
      const gathered = ta(0, { dynamic_size: true })
        .unstack(values)
        .gather(tf.constant([1, 8]));
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
        gathered,
        grads(
          [gathered],
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
    assertAllEqual([1.0, -1.0], r0!);
    assertAllEqual([10.0, -10.0], r1!);
    assertAllEqual(gsc!, [
      [2.0, 3.0],
      [4.0, 5.0],
    ]);
    assertAllEqual(gv!, [
      [1.0, -1.0],
      [8.0, -8.0],
    ]);
    const want = Array.from({ length: 10 }, () => [0, 0]);
    want[1] = [2.0, 3.0];
    want[8] = [4.0, 5.0];
    assertAllEqual(ggv!, want);
  });

  it('testSumOfTwoReadVariablesWithoutRepeatGrad', async () => {
    const g0 = Array.from({ length: 15 }, (_, i) => -(i + 1));
    const [ga, gb] = await both(() => {
      const a = tf.identity(tf.reshape(f32(Array.from({ length: 15 }, (_, i) => i + 1)), [3, 5]));
      const b = tf.identity(tf.reshape(f32(Array.from({ length: 15 }, (_, i) => i + 16)), [3, 5]));
      const w = new tf.TensorArray({ dtype: tf.float32, size: 2 }).write(0, a, { name: 'write_a' }).write(1, b, { name: 'write_b' });
      const c = w.read(0, { name: 'read_a_0' }).add(w.read(1, { name: 'read_b_0' }));
      const dy = tf.reshape(f32(g0), [3, 5]);
      return [tf.gradients([c], [a], [dy])[0]!, tf.gradients([c], [b], [dy])[0]!];
    });
    const want = tf.NDArray.zeros([3, 5]);
    want.data.set(g0);
    assertAllEqual(want, ga!);
    assertAllEqual(want, gb!);
  });

  it('testTensorArrayWriteWrongIndexOrDataTypeFails and testTensorArrayReadWrongIndexOrDataTypeFails: TF1’s messages on both', async () => {
    const e1 = await bothFail(() => ta(3, { infer_shape: false }).write(-1, 3.0).flow);
    expect(e1.message).toMatch(/Tried to write to index -1 but array is not resizeable and size is: 3/);
    const e2 = await bothFail(() => ta(3, { infer_shape: false }).write(0, 3.0).read(3));
    expect(e2.message).toBe('Tried to read from index 3 but array size is: 3');
  });
});
