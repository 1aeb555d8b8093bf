/**
 * The WebGPU pooling kernels in NCHW (TF1's GPU kernels take it; its CPU kernels, and so the CPU backend, do not):
 * pooling the transposed value, and its gradients, give the NHWC results transposed; depthwise max pooling is
 * refused off the CPU as TF1 refuses it.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/index.js';
import { denseGradients } from '../../helpers/dense_gradients.js';
import { arrayOf, closePair, expectClose, floatValue, pair, type Pair } from './harness.js';

const geometry = fc
  .record({
    N: fc.integer({ min: 1, max: 2 }),
    H: fc.integer({ min: 1, max: 5 }),
    W: fc.integer({ min: 1, max: 5 }),
    C: fc.integer({ min: 1, max: 3 }),
    k: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
    s: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
    padding: fc.constantFrom('SAME', 'VALID'),
  })
  .filter((g) => g.padding === 'SAME' || (g.H >= g.k[0] && g.W >= g.k[1]));

/** Few distinct values: ties, where the first maximum must win in either layout. */
const tied = fc.integer({ min: -2, max: 2 });

describe('WebGPU pooling in NCHW', () => {
  let p: Pair;
  beforeAll(async () => {
    p = pair();
    expect(await p.gpu.backendName()).toBe('webgpu');
  });
  afterAll(() => closePair(p));

  for (const fn of ['max_pool', 'avg_pool'] as const) {
    it(`${fn}, its gradient and second gradient: NCHW equals NHWC transposed`, async () => {
      await fc.assert(
        fc.asyncProperty(
          geometry.chain((g) => fc.tuple(fc.constant(g), arrayOf([g.N, g.H, g.W, g.C], 'float32', fn === 'max_pool' ? tied : floatValue))),
          async ([g, x]) => {
            const [fetches, feeds] = p.graph.as_default(() => {
              const px = tf.placeholder('float32', x.shape);
              const nhwc = tf.nn[fn](px, [1, g.k[0], g.k[1], 1], [1, g.s[0], g.s[1], 1], g.padding);
              const nchw = tf.transpose(
                tf.nn[fn](tf.transpose(px, [0, 3, 1, 2]), [1, 1, g.k[0], g.k[1]], [1, 1, g.s[0], g.s[1]], g.padding, 'NCHW'),
                [0, 2, 3, 1],
              );
              // Distinct weights, so a gradient routed to the wrong element shows.
              const w = tf.reshape(tf.cast(tf.range(tf.size(nhwc)), 'float32'), tf.shape(nhwc));
              const [d1] = denseGradients(tf.reduce_sum(tf.square(nhwc).mul(w)), px);
              const [d2] = denseGradients(tf.reduce_sum(tf.square(nchw).mul(w)), px);
              const [h1] = denseGradients(tf.reduce_sum(d1!.mul(d1!)), px);
              const [h2] = denseGradients(tf.reduce_sum(d2!.mul(d2!)), px);
              return [[nhwc, nchw, d1!, d2!, h1!, h2!], new Map([[px, x]])] as const;
            });
            const [a, b, da, db, ha, hb] = await p.gpu.run([...fetches], feeds);
            expectClose(b!, a!, null, `${fn} NCHW`);
            expectClose(db!, da!, null, `${fn} gradient NCHW`);
            expectClose(hb!, ha!, null, `${fn} second gradient NCHW`);
          },
        ),
        { numRuns: 10 },
      );
    });
  }

  it('depthwise max pooling: UnimplementedError on the GPU (TF1 implements it for CPU devices only)', async () => {
    const [px, y] = p.graph.as_default(() => {
      const px = tf.placeholder('float32', [1, 2, 2, 4]);
      return [px, tf.nn.max_pool(px, [1, 1, 1, 2], [1, 1, 1, 2], 'SAME')] as const;
    });
    const feeds = new Map([
      [
        px,
        new tf.NDArray(
          Float32Array.from({ length: 16 }, (_, i) => i),
          [1, 2, 2, 4],
          'float32',
        ),
      ],
    ]);
    const e = await p.gpu.run(y, feeds).then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(tf.errors.UnimplementedError);
    expect((e as Error).message).toMatch('Depthwise max pooling is currently only implemented for CPU devices.');
    expect(Array.from((await p.cpu.run(y, feeds)).data)).toEqual([1, 3, 5, 7, 9, 11, 13, 15]);
  });
});
