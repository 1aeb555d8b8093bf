// tf.Print on the WebGPU backend: the Print op runs its host kernel (TF1 registers only a CPU kernel), so it writes
// what the CPU backend writes, counts first_n per session, and passes its input through, in a while loop too.
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as tf from '../../../src/index.js';
import { WebGpuBackend } from '../../../src/session/webgpu/backend.js';
import { closePair, pair } from './harness.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('tf.Print on the WebGPU backend', () => {
  it('writes the lines the CPU backend writes, first_n per session, and returns its input', async () => {
    const p = pair();
    const { x, out, loop } = p.graph.as_default(() => {
      const x = tf.placeholder(tf.float32, [3]);
      const out = tf.Print(tf.square(x), [x, tf.reduce_sum(x)], { message: 'x, sum: ', first_n: 2 });
      const loop = tf.while_loop(
        (i: tf.Tensor) => tf.less(i, 4),
        (i: tf.Tensor) => tf.add(tf.Print(i, [i], { message: 'i=' }), 1),
        [tf.constant(0)],
      ) as tf.Tensor;
      return { x, out, loop };
    });
    expect(await p.gpu.getBackend()).toBeInstanceOf(WebGpuBackend);
    const feed = new Map([[x, new tf.NDArray(Float32Array.of(1, -2, 0.5), [3], 'float32')]]);
    for (const s of [p.gpu, p.cpu]) {
      const lines: string[] = [];
      vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
      for (let k = 0; k < 3; k++) expect(Array.from((await s.run(out, feed)).data)).toEqual([1, 4, 0.25]);
      expect(Array.from((await s.run(loop)).data)).toEqual([4]);
      expect(lines).toEqual(['x, sum: [1 -2 0.5][-0.5]', 'x, sum: [1 -2 0.5][-0.5]', 'i=[0]', 'i=[1]', 'i=[2]', 'i=[3]']);
      vi.restoreAllMocks();
    }
    closePair(p);
  });
});
