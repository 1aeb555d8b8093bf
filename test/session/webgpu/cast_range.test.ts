// Cast of the float values TF1 turns into the integer minimum (and of NaN to bool), on both backends: the
// WGSL cast reads the float's bits where WGSL's i32() clamps and its compares may not see NaN, and a
// float cast to int64 whose value int32 cannot hold (the GPU keeps int64 in 32 bits) is an error there
// rather than a wrong number.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/index.js';
import { closePair, nd, pair, type Pair } from './harness.js';

const SPECIAL = [NaN, Infinity, -Infinity, 3e9, -3e9, 2 ** 31, -(2 ** 31), 1e30, -1e30, 2.9, -2.9, -0.5];
const INT_MIN = -(2 ** 31);

describe('Cast of NaN, infinities and out-of-range floats', () => {
  let p: Pair;
  let x: tf.Tensor;
  let toInt32: tf.Tensor;
  let toInt64: tf.Tensor;
  let toBool: tf.Tensor;
  beforeAll(async () => {
    p = pair();
    expect(await p.gpu.backendName()).toBe('webgpu');
    [x, toInt32, toInt64, toBool] = p.graph.as_default(() => {
      const x = tf.placeholder(tf.float32, [null]);
      return [x, tf.cast(x, tf.int32), tf.cast(x, tf.int64), tf.cast(x, tf.bool)];
    });
  });
  afterAll(() => closePair(p));

  it('to int32 gives INT_MIN on both backends, as TF1 on x86', async () => {
    const feeds = new Map([[x, nd(SPECIAL, [SPECIAL.length], 'float32')]]);
    const want = [INT_MIN, INT_MIN, INT_MIN, INT_MIN, INT_MIN, INT_MIN, INT_MIN, INT_MIN, INT_MIN, 2, -2, 0];
    expect(Array.from((await p.cpu.run(toInt32, feeds)).data)).toEqual(want);
    expect(Array.from((await p.gpu.run(toInt32, feeds)).data)).toEqual(want);
  });

  it('to bool is true for everything but ±0, NaN included (NaN != 0), on both backends', async () => {
    const feeds = new Map([[x, nd([NaN, 0, -0, 1e-30, -Infinity], [5], 'float32')]]);
    expect(Array.from((await p.cpu.run(toBool, feeds)).data)).toEqual([1, 0, 0, 1, 1]);
    expect(Array.from((await p.gpu.run(toBool, feeds)).data)).toEqual([1, 0, 0, 1, 1]);
  });

  it('to int64 is exact within int32 on the GPU, and an InvalidArgumentError beyond it (the CPU gives the values)', async () => {
    const inRange = new Map([[x, nd([2.9, -2.9, -(2 ** 31), 2 ** 31 - 128], [4], 'float32')]]);
    expect(Array.from((await p.gpu.run(toInt64, inRange)).data)).toEqual([2, -2, -(2 ** 31), 2 ** 31 - 128]);
    for (const v of [NaN, Infinity, 3e9, 2 ** 31, -3e9]) {
      const feeds = new Map([[x, nd([1, v], [2], 'float32')]]);
      const cpu = await p.cpu.run(toInt64, feeds);
      expect(Array.from(cpu.data)).toEqual([1, Number.isFinite(v) ? v : -(2 ** 63)]);
      const err = await p.gpu.run(toInt64, feeds).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(tf.errors.InvalidArgumentError);
      expect((err as Error).message).toMatch(/^Cast to int64 of a value outside the int32 range \(or NaN\): the WebGPU backend stores int64 as int32/);
      expect((err as tf.errors.OpError).op?.type).toBe('Cast');
    }
  });
});
