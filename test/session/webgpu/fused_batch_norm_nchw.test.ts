/**
 * FusedBatchNorm in NCHW on WebGPU (TF1's GPU kernels take it; its CPU kernels, and so the CPU backend, refuse it
 * with TF1's InternalError): the output and the gradients equal the NHWC ones transposed, training and inference.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/index.js';
import { denseGradients } from '../../helpers/dense_gradients.js';
import { arrayOf, closePair, expectClose, floatValue, pair, type Pair } from './harness.js';

const geometry = fc.record({
  N: fc.integer({ min: 1, max: 2 }),
  H: fc.integer({ min: 1, max: 4 }),
  W: fc.integer({ min: 1, max: 4 }),
  C: fc.integer({ min: 1, max: 3 }),
  is_training: fc.boolean(),
});

describe('WebGPU FusedBatchNorm in NCHW', () => {
  let p: Pair;
  beforeAll(async () => {
    p = pair();
    expect(await p.gpu.backendName()).toBe('webgpu');
  });
  afterAll(() => closePair(p));

  it('y, batch mean and variance, the gradients by x, scale and offset, and a second gradient: NCHW equals NHWC transposed', async () => {
    await fc.assert(
      fc.asyncProperty(
        geometry.chain((g) =>
          fc.tuple(
            fc.constant(g),
            arrayOf([g.N, g.H, g.W, g.C], 'float32', floatValue),
            arrayOf([g.C], 'float32', floatValue),
            arrayOf([g.C], 'float32', floatValue),
          ),
        ),
        async ([g, x, scale, offset]) => {
          const [fetches, feeds] = p.graph.as_default(() => {
            const [px, ps, po] = [tf.placeholder('float32', x.shape), tf.placeholder('float32', [g.C]), tf.placeholder('float32', [g.C])];
            const stats = g.is_training ? {} : { mean: tf.fill([g.C], 0.25), variance: tf.fill([g.C], 0.5) };
            const a = tf.nn.fused_batch_norm(px, ps, po, { ...stats, is_training: g.is_training });
            const b = tf.nn.fused_batch_norm(tf.transpose(px, [0, 3, 1, 2]), ps, po, { ...stats, is_training: g.is_training, data_format: 'NCHW' });
            const yb = tf.transpose(b[0], [0, 2, 3, 1]);
            const w = tf.reshape(tf.cast(tf.range(tf.size(a[0])), 'float32'), tf.shape(a[0]));
            const da = denseGradients(tf.reduce_sum(a[0].mul(w)), [px, ps, po]);
            const db = denseGradients(tf.reduce_sum(yb.mul(w)), [px, ps, po]);
            // Second derivatives through FusedBatchNormGrad (TF1's _FusedBatchNormGradGrad, NCHW while training).
            const [ha] = denseGradients(tf.reduce_sum(tf.square(da[0]!)), px);
            const [hb] = denseGradients(tf.reduce_sum(tf.square(db[0]!)), px);
            const out = [a[0], yb, a[1], b[1], a[2], b[2], ...da.map((t) => t!), ...db.map((t) => t!), ha!, hb!];
            return [
              out,
              new Map([
                [px, x],
                [ps, scale],
                [po, offset],
              ]),
            ] as const;
          });
          const r = await p.gpu.run([...fetches], feeds);
          for (let i = 0; i < 3; i++) expectClose(r[2 * i + 1]!, r[2 * i]!, null, `output ${i} NCHW`);
          for (let i = 0; i < 3; i++) expectClose(r[9 + i]!, r[6 + i]!, null, `gradient ${i} NCHW`);
          expectClose(r[13]!, r[12]!, null, 'second gradient NCHW');
        },
      ),
      { numRuns: 10 },
    );
  });

  it("the CPU backend refuses NCHW with TF1 CPU kernel's InternalError", async () => {
    const y = p.graph.as_default(() => tf.nn.fused_batch_norm(tf.zeros([1, 2, 1, 1]), tf.ones([2]), tf.zeros([2]), { data_format: 'NCHW' })[0]);
    await expect(p.cpu.run(y)).rejects.toThrow(/The CPU implementation of FusedBatchNorm only supports NHWC tensor format for now\./);
    await expect(p.cpu.run(y)).rejects.toBeInstanceOf(tf.errors.InternalError);
  });
});
