// tf.Print and tf.print on the WebGPU backend: Print, StringFormat and PrintV2 run their host kernels (TF1 registers
// only CPU kernels), so they write what the CPU backend writes; Print counts first_n per session and passes its input
// through, in a while loop too; tf.print formats what a GPU step made and runs before what depends on it.
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

describe('tf.print on the WebGPU backend', () => {
  it('writes the lines the CPU backend writes, to stderr and stdout, before the ops that depend on it', async () => {
    const p = pair();
    const { x, out } = p.graph.as_default(() => {
      const x = tf.placeholder(tf.float32, [2, 4]);
      const sq = tf.square(x);
      const printed = [tf.print('sq:', sq, { max: tf.reduce_max(sq) }, { summarize: 1 }), tf.print(tf.constant('done'), { output_stream: 'stdout' })];
      const out = p.graph.control_dependencies(printed, () => tf.identity(sq));
      return { x, out };
    });
    expect(await p.gpu.getBackend()).toBeInstanceOf(WebGpuBackend);
    const feed = new Map([[x, new tf.NDArray(Float32Array.of(1, -2, 0.5, 3, 0, 1.5, -1, 2), [2, 4], 'float32')]]);
    for (const s of [p.gpu, p.cpu]) {
      const lines: string[] = [];
      const push = (...args: unknown[]): void => void lines.push(args.join(' '));
      vi.spyOn(console, 'error').mockImplementation(push);
      vi.spyOn(console, 'log').mockImplementation(push);
      expect(Array.from((await s.run(out, feed)).data)).toEqual([1, 4, 0.25, 9, 0, 2.25, 1, 4]);
      // two rows, one from each end: no "..." between them
      expect(lines.sort()).toEqual(["sq: [[1 ... 9]\n [0 ... 4]] {'max': 9}", 'done'].sort());
      vi.restoreAllMocks();
    }
    closePair(p);
  });
});
