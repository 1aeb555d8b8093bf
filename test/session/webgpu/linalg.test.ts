// tf.svd and tf.norm on the WebGPU backend (Svd runs its host kernel there, as Where does), against the CPU
// backend: the decomposition, every kind of norm, and their gradients.
import { describe, expect, it } from 'vitest';
import * as tf from '../../../src/index.js';
import { filePair } from './harness.js';

type T = tf.Tensor;

const p = filePair();

const flat = (a: tf.NDArray): number[] => Array.from(a.data as ArrayLike<number>);

describe('tf.svd and tf.norm on the WebGPU backend', () => {
  it('svd (thin and full), vector and matrix norms and their gradients equal the CPU backend’s', async () => {
    const { x, fetches } = p.graph.as_default(() => {
      const x = tf.placeholder(tf.float32, [2, 4, 3], { name: 'x' });
      const [s, u, v] = tf.svd(x) as T[];
      const [sf, uf, vf] = tf.svd(x, { full_matrices: true }) as T[];
      const norms = [
        tf.norm(x),
        tf.norm(x, { ord: 1, axis: -1 }),
        tf.norm(x, { ord: Infinity, axis: [-2, -1] }),
        tf.norm(x, { ord: 1, axis: [1, 2], keepdims: true }),
        tf.norm(x, { ord: 2, axis: [-1, -2] }),
        tf.norm(x, { ord: 3, axis: 0 }),
      ];
      const loss = tf.add_n([...norms.map((n) => tf.reduce_sum(n)), tf.reduce_sum(s!), tf.reduce_sum(u!.mul(u!).mul(tf.range(1, 4, 1, tf.float32)))]);
      const [dx] = tf.gradients(loss, [x]) as T[];
      return { x, fetches: [s!, u!, v!, sf!, uf!, vf!, ...norms, dx!] };
    });
    const value = new tf.NDArray(
      Float32Array.from({ length: 24 }, (_, i) => Math.sin(1 + i * 1.7) * 0.8),
      [2, 4, 3],
      'float32',
    );
    const feeds = new Map([[x, value]]);
    const onGpu = (await p.gpu.run(fetches, feeds)) as tf.NDArray[];
    const onCpu = (await p.cpu.run(fetches, feeds)) as tf.NDArray[];
    onGpu.forEach((a, i) => {
      expect(a.shape).toEqual(onCpu[i]!.shape);
      flat(a).forEach((v, k) => expect(v).toBeCloseTo(flat(onCpu[i]!)[k]!, 4));
    });
    expect(onGpu.map((a) => a.shape)).toEqual([[2, 3], [2, 4, 3], [2, 3, 3], [2, 3], [2, 4, 4], [2, 3, 3], [], [2, 4], [2], [2, 1, 1], [2], [4, 3], [2, 4, 3]]);
  });
});
