// Cumsum and Cumprod on both backends: TF1's axis errors (raised before the scan runs), integer wrapping, a fed axis.
import { expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { WebGpuBackend } from '../../src/session/webgpu/backend.js';
import { NO_ADAPTER } from './webgpu/harness.js';

async function session(g: tf.Graph, backend: 'cpu' | 'webgpu'): Promise<tf.Session> {
  const sess = new tf.Session({ graph: g, backend });
  if (backend === 'webgpu' && !((await sess.getBackend()) instanceof WebGpuBackend)) throw new Error(NO_ADAPTER);
  return sess;
}

for (const backend of ['cpu', 'webgpu'] as const) {
  it(`cumsum and cumprod: a fed axis, TF1's axis errors, int32 wrapping (${backend})`, async () => {
    const g = new tf.Graph();
    const m = g.as_default(() => {
      const x = tf.placeholder(tf.float32, [2, 3]);
      const axis = tf.placeholder(tf.int32, null);
      const big = tf.placeholder(tf.int32, [3]);
      return { x, axis, big, sum: tf.cumsum(x, axis, true), prod: tf.cumprod(x, axis, false, true), wrap: tf.cumprod(big) };
    });
    const sess = await session(g, backend);
    const x = [
      [1, 2, 3],
      [4, 5, 6],
    ];
    const run = (t: tf.Tensor, axis: number | number[]) =>
      sess.run(
        t,
        new Map<tf.Tensor, number | number[] | number[][]>([
          [m.x, x],
          [m.axis, axis],
        ]),
      );
    expect((await run(m.sum, 1)).tolist()).toEqual([
      [0, 1, 3],
      [0, 4, 9],
    ]);
    expect((await run(m.sum, -2)).tolist()).toEqual([
      [0, 0, 0],
      [1, 2, 3],
    ]);
    expect((await run(m.prod, 1)).tolist()).toEqual([
      [6, 6, 3],
      [120, 30, 6],
    ]);
    for (const [axis, message] of [
      [2, 'ScanOp: Expected scan axis in the range [-2, 2), but got 2'],
      [-3, 'ScanOp: Expected scan axis in the range [-2, 2), but got -1'],
      [[0], 'ScanOp: axis must be a scalar, not [1]'],
    ] as const) {
      const err = await run(m.sum, axis as number).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(tf.errors.InvalidArgumentError);
      expect((err as Error).message).toBe(message);
      expect((err as tf.errors.OpError).op?.type).toBe('Cumsum');
    }
    // 65536 * 65536 wraps to 0 in int32, as TF1's kernel.
    expect((await sess.run(m.wrap, new Map([[m.big, [65536, 65536, 3]]]))).tolist()).toEqual([65536, 0, 0]);
    sess.close();
  });
}
