// The nn activations' WGSL at values the random parity cases do not reach: softplus's log1p far below 0 (relative
// error within WGSL's exp bound, 3 + 2|x| ulp, where its log near 1 alone is good only to 2^-21 absolutely), no
// overflow far above, NaN through.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/index.js';
import { closePair, nd, pair, type Pair } from './harness.js';

// Far enough above float32's denormals (SwiftShader flushes them) for a relative comparison.
const X = [-80, -30, -15, -10, -5, -0.5, -1e-3, 0, 1e-3, 0.5, 5, 20, 100, 1e30, -1e30, NaN];

describe('relu6, softplus, softsign and their gradients over the float32 range', () => {
  let p: Pair;
  let x: tf.Tensor;
  let ys: tf.Tensor[];
  beforeAll(async () => {
    p = pair();
    expect(await p.gpu.backendName()).toBe('webgpu');
    [x, ...ys] = p.graph.as_default(() => {
      const x = tf.placeholder(tf.float32, [null]);
      const one = tf.ones_like(x);
      const helper = (type: 'Relu6Grad' | 'SoftplusGrad' | 'SoftsignGrad'): tf.Tensor => p.graph.create_op(type, [one, x], {}, type).outputs[0]!;
      return [x, tf.nn.relu6(x), tf.nn.softplus(x), tf.nn.softsign(x), helper('Relu6Grad'), helper('SoftplusGrad'), helper('SoftsignGrad')];
    });
  });
  afterAll(() => closePair(p));

  it("WebGPU equals the host kernels within WGSL's exp bound, relatively (NaN as NaN)", async () => {
    const feeds = new Map([[x, nd(X, [X.length], 'float32')]]);
    const cpu = (await p.cpu.run(ys, feeds)) as tf.NDArray[];
    const gpu = (await p.gpu.run(ys, feeds)) as tf.NDArray[];
    ys.forEach((y, k) => {
      X.forEach((v, i) => {
        const c = cpu[k]!.data[i]!;
        const g = gpu[k]!.data[i]!;
        if (g === c) return;
        if (Number.isNaN(c)) expect(g, `${y.op.type}(${v})`).toBeNaN();
        else expect(Math.abs(g - c), `${y.op.type}(${v}): webgpu ${g} vs cpu ${c}`).toBeLessThanOrEqual(2 ** -23 * (8 + 2 * Math.abs(v)) * Math.abs(c));
      });
    });
  });
});
