// TF1's tensorflow/python/kernel_tests/init_ops_test.py, its LinSpaceTest, ported (source read: a late-2018 snapshot).
// TF1's _gpu_modes run on the CPU where there is no GPU, as here; the WebGPU kernel is compared with it by the parity
// tests. JavaScript's 1 is TF1's 1. here: tf.linspace takes JS numbers as float32.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { inSession, staticShape } from './helpers.js';

/** _LinSpace: linspace(start, stop, num, name='linspace') in a new graph; its static shape is [num]. */
async function linSpace(start: number, stop: number, num: number): Promise<number[]> {
  return inSession(async (g, sess) => {
    const t = g.as_default(() => tf.linspace(start, stop, num, 'linspace'));
    expect(staticShape(t)).toEqual([num]);
    expect(t.op.name).toBe('linspace');
    return Array.from((await sess.run(t)).data);
  });
}

/** assertArrayNear(a, b, err): same length, every |a - b| <= err. */
function assertArrayNear(a: number[], b: number[], err: number): void {
  expect(a.length).toBe(b.length);
  a.forEach((v, i) => expect(Math.abs(v - b[i]!), `[${i}] ${v} vs ${b[i]}`).toBeLessThanOrEqual(err));
}

describe('LinSpaceTest', () => {
  it('testPositive', async () => {
    assertArrayNear(await linSpace(1, 5, 1), [1], 1e-5);
    assertArrayNear(await linSpace(1, 5, 2), [1, 5], 1e-5);
    assertArrayNear(await linSpace(1, 5, 3), [1, 3, 5], 1e-5);
    assertArrayNear(await linSpace(1, 5, 4), [1, 7 / 3, 11 / 3, 5], 1e-5);
  });

  it('testNegative', async () => {
    assertArrayNear(await linSpace(-1, -5, 1), [-1], 1e-5);
    assertArrayNear(await linSpace(-1, -5, 2), [-1, -5], 1e-5);
    assertArrayNear(await linSpace(-1, -5, 3), [-1, -3, -5], 1e-5);
    assertArrayNear(await linSpace(-1, -5, 4), [-1, -7 / 3, -11 / 3, -5], 1e-5);
  });

  it('testNegativeToPositive', async () => {
    assertArrayNear(await linSpace(-1, 5, 1), [-1], 1e-5);
    assertArrayNear(await linSpace(-1, 5, 2), [-1, 5], 1e-5);
    assertArrayNear(await linSpace(-1, 5, 3), [-1, 2, 5], 1e-5);
    assertArrayNear(await linSpace(-1, 5, 4), [-1, 1, 3, 5], 1e-5);
  });

  it('testPoint', async () => {
    for (const n of [1, 2, 3, 4]) assertArrayNear(await linSpace(5, 5, n), Array(n).fill(5), 1e-5);
  });

  it("num <= 0 is the shape function's ValueError (a known num) or the kernel's InvalidArgumentError (a fed one)", async () => {
    const g = new tf.Graph();
    expect(() => g.as_default(() => tf.linspace(1, 5, 0))).toThrow(tf.errors.ValueError);
    await inSession(async (g2, sess) => {
      const { n, t } = g2.as_default(() => {
        const n = tf.placeholder(tf.int32, []);
        return { n, t: tf.lin_space(1, 5, n) };
      });
      expect(t.dtype).toBe('float32');
      await expect(sess.run(t, new Map([[n, new tf.NDArray(Int32Array.of(0), [], 'int32')]]))).rejects.toThrow('Requires num > 0: 0');
    });
  });
});
