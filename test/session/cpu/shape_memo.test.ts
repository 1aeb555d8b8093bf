// A compiled plan's kernels keep their shape work across runs (KernelArgs.memo): the out shape of a binary op, a
// reduction's out shape and coalesced layout. A plan is keyed by its feeds' shapes, but values inside it may still
// change shape from run to run (a Reshape to a fed shape, axes fed as values): each run must then redo that work.
import { describe, expect, it } from 'vitest';
import * as tf from '../../../src/index.js';

describe('kernels redo their kept shape work when a re-run plan changes shapes', () => {
  it('a binary op broadcast against a Reshape to a fed shape', async () => {
    const g = new tf.Graph();
    const { a, s, sum } = g.as_default(() => {
      const a = tf.placeholder(tf.float32, [6]);
      const s = tf.placeholder(tf.int32, [2]);
      const b = tf.constant([10, 20], { dtype: tf.float32, shape: [2, 1] });
      return { a, s, sum: tf.reshape(a, s).add(b) };
    });
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    const x = [1, 2, 3, 4, 5, 6];
    const run = async (shape: number[]) =>
      (await sess.run(
        sum,
        new Map<tf.Tensor, unknown>([
          [a, x],
          [s, shape],
        ]) as never,
      )) as tf.NDArray;
    const r1 = await run([2, 3]);
    expect(r1.shape).toEqual([2, 3]);
    expect([...r1.data]).toEqual([11, 12, 13, 24, 25, 26]);
    // [3, 2] + [2, 1] does not broadcast: TF1's error, not the kept [2, 3]
    await expect(run([3, 2])).rejects.toThrow(/Incompatible shapes: \[3,2\] vs. \[2,1\]/);
    const r3 = await run([1, 6]);
    expect(r3.shape).toEqual([2, 6]);
    expect([...r3.data]).toEqual([11, 12, 13, 14, 15, 16, 21, 22, 23, 24, 25, 26]);
    expect([...(await run([2, 3])).data]).toEqual([11, 12, 13, 24, 25, 26]);
    sess.close();
  });

  it('a reduction over fed axes, and of a Reshape to a fed shape', async () => {
    const g = new tf.Graph();
    const { a, s, axis, sum, mean } = g.as_default(() => {
      const a = tf.placeholder(tf.float32, [6]);
      const s = tf.placeholder(tf.int32, [2]);
      const axis = tf.placeholder(tf.int32, []);
      const r = tf.reshape(a, s);
      return { a, s, axis, sum: tf.reduce_sum(r, axis), mean: tf.reduce_mean(r, axis, { keepdims: true }) };
    });
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    const x = [1, 2, 3, 4, 5, 6];
    const run = async (shape: number[], ax: number) =>
      (await sess.run(
        [sum, mean],
        new Map<tf.Tensor, unknown>([
          [a, x],
          [s, shape],
          [axis, ax],
        ]) as never,
      )) as tf.NDArray[];
    const [s0, m0] = await run([2, 3], 0);
    expect([s0!.shape, [...s0!.data]]).toEqual([[3], [5, 7, 9]]);
    expect([m0!.shape, [...m0!.data]]).toEqual([
      [1, 3],
      [2.5, 3.5, 4.5],
    ]);
    const [s1, m1] = await run([2, 3], 1);
    expect([s1!.shape, [...s1!.data]]).toEqual([[2], [6, 15]]);
    expect([m1!.shape, [...m1!.data]]).toEqual([
      [2, 1],
      [2, 5],
    ]);
    const [s2, m2] = await run([3, 2], 1);
    expect([s2!.shape, [...s2!.data]]).toEqual([[3], [3, 7, 11]]);
    expect([m2!.shape, [...m2!.data]]).toEqual([
      [3, 1],
      [1.5, 3.5, 5.5],
    ]);
    await expect(run([3, 2], 2)).rejects.toThrow(/Invalid reduction dimension \(2 for input with 2 dimension\(s\)/);
    const [s3] = await run([3, 2], -2);
    expect([s3!.shape, [...s3!.data]]).toEqual([[2], [9, 12]]);
    sess.close();
  });

  it('a MatMul of Reshapes to fed shapes', async () => {
    const g = new tf.Graph();
    const { a, sa, sb, prod } = g.as_default(() => {
      const a = tf.placeholder(tf.float32, [6]);
      const sa = tf.placeholder(tf.int32, [2]);
      const sb = tf.placeholder(tf.int32, [2]);
      const r = tf.reshape(a, sa);
      return { a, sa, sb, prod: tf.matmul(r, tf.reshape(a, sb)) };
    });
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    const x = [1, 2, 3, 4, 5, 6];
    const run = async (s1: number[], s2: number[]) =>
      (await sess.run(
        prod,
        new Map<tf.Tensor, unknown>([
          [a, x],
          [sa, s1],
          [sb, s2],
        ]) as never,
      )) as tf.NDArray;
    const p1 = await run([2, 3], [3, 2]);
    expect([p1.shape, [...p1.data]]).toEqual([
      [2, 2],
      [22, 28, 49, 64],
    ]);
    const p2 = await run([3, 2], [2, 3]);
    expect([p2.shape, [...p2.data]]).toEqual([
      [3, 3],
      [9, 12, 15, 19, 26, 33, 29, 40, 51],
    ]);
    await expect(run([3, 2], [3, 2])).rejects.toThrow(/Matrix size-incompatible: In\[0\]: \[3,2\], In\[1\]: \[3,2\]/);
    const p4 = await run([6, 1], [1, 6]);
    expect(p4.shape).toEqual([6, 6]);
    expect(p4.data[35]).toBe(36);
    sess.close();
  });
});
