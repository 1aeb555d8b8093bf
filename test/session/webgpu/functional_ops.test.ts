// tf.map_fn, tf.scan and tf.foldr on the WebGPU backend, against the CPU backend: their while loops and TensorArrays,
// forward and through tf.gradients.
import { describe, expect, it } from 'vitest';
import * as tf from '../../../src/index.js';
import { filePair } from './harness.js';

type T = tf.Tensor;

const p = filePair();

const flat = (a: tf.NDArray): number[] => Array.from(a.data as ArrayLike<number>);
const values = (shape: number[], seed: number): tf.NDArray =>
  new tf.NDArray(
    Float32Array.from({ length: shape.reduce((p, d) => p * d, 1) }, (_, i) => Math.sin(seed + i * 1.7) * 0.8),
    shape,
    'float32',
  );

/** Runs `fetches` on both sessions; the WebGPU results, checked close to the CPU's. */
async function both(fetches: T[], feeds: Map<T, tf.NDArray>): Promise<tf.NDArray[]> {
  const onGpu = (await p.gpu.run(fetches, feeds)) as tf.NDArray[];
  const onCpu = (await p.cpu.run(fetches, feeds)) as tf.NDArray[];
  onGpu.forEach((a, i) => {
    expect(a.shape).toEqual(onCpu[i]!.shape);
    flat(a).forEach((v, k) => expect(v).toBeCloseTo(flat(onCpu[i]!)[k]!, 4));
  });
  return onGpu;
}

describe('tf.map_fn, tf.scan and tf.foldr on the WebGPU backend', () => {
  it('map_fn, scan (forward and reversed) and foldr: values and gradients equal the CPU backend’s', async () => {
    const { x, w, fetches } = p.graph.as_default(() => {
      const x = tf.placeholder(tf.float32, [5, 3], { name: 'x' });
      const w = tf.placeholder(tf.float32, [3], { name: 'w' });
      const m = tf.map_fn((r: T) => tf.tanh(r.mul(w)).add(r), x) as T;
      const s = tf.scan((a: T, r: T) => a.mul(tf.cos(r)).add(r), x, { initializer: w }) as T;
      const sr = tf.scan((a: T, r: T) => tf.sin(a).add(r), x, { reverse: true }) as T;
      const f = tf.foldr((a: T, r: T) => a.mul(r).add(1), x, { initializer: w }) as T;
      const loss = tf.add_n([tf.reduce_sum(m), tf.reduce_sum(s), tf.reduce_sum(sr), tf.reduce_sum(f)]);
      const [dx, dw] = tf.gradients(loss, [x, w]) as T[];
      return { x, w, fetches: [m, s, sr, f, dx!, dw!] };
    });
    const [m, s, sr, f, dx, dw] = await both(
      fetches,
      new Map([
        [x, values([5, 3], 1)],
        [w, values([3], 2)],
      ]),
    );
    expect([m!.shape, s!.shape, sr!.shape, f!.shape, dx!.shape, dw!.shape]).toEqual([[5, 3], [5, 3], [5, 3], [3], [5, 3], [3]]);
  });
});
