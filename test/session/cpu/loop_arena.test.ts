// A loop plan's float32 outputs live in the kernels' memory and are freed once nothing reads them (loop_arena.ts):
// a long loop leaves no block per iteration behind, and values the gradient loop pops from its stacks are intact.
import { describe, expect, it } from 'vitest';
import * as tf from '../../../src/index.js';
import { heapStats } from '../../../src/framework/memory/host.js';
import { NDArray } from '../../../src/framework/ndarray.js';

const N = 128;
const ITERATIONS = 40;
/** A seeded [N, N] float32 array of small values. */
function values(seed: number): Float32Array {
  const a = new Float32Array(N * N);
  let s = seed;
  for (let i = 0; i < a.length; i++) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    a[i] = (s / 2 ** 31 - 0.5) * 0.2;
  }
  return a;
}

describe('loop plan outputs in the kernels memory', () => {
  it('frees each iteration values: the heap does not grow with the iterations, and the result is the step-by-step one', async () => {
    const w = new NDArray(values(1), [N, N], 'float32');
    const v0 = new NDArray(values(2), [N, N], 'float32');
    const g = new tf.Graph();
    const { out, grad, x, W } = g.as_default(() => {
      const x = tf.placeholder(tf.float32, [N, N]);
      const W = tf.placeholder(tf.float32, [N, N]);
      const [, v] = tf.while_loop(
        (i: tf.Tensor) => tf.less(i, ITERATIONS),
        (i: tf.Tensor, v: tf.Tensor) => [tf.add(i, 1), tf.tanh(tf.matmul(v, W))],
        [tf.constant(0), x],
      ) as tf.Tensor[];
      const [grad] = tf.gradients(tf.reduce_sum(v!), W);
      return { out: v!, grad: grad!, x, W };
    });
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    const feeds = new Map([
      [x, v0],
      [W, w],
    ]);
    await sess.run([out, grad], feeds);
    const live = heapStats().live;
    const [v, dw] = (await sess.run([out, grad], feeds)) as NDArray[];
    // kept to the collector instead, the forward loop alone would leave 2 blocks of N·N floats per iteration
    expect(heapStats().live - live).toBeLessThan(8 * N * N * 4);

    // the same products one run at a time, in a plan without a loop
    const g2 = new tf.Graph();
    const { y, a, b } = g2.as_default(() => {
      const a = tf.placeholder(tf.float32, [N, N]);
      const b = tf.placeholder(tf.float32, [N, N]);
      return { y: tf.tanh(tf.matmul(a, b)), a, b };
    });
    const sess2 = new tf.Session({ graph: g2, backend: 'cpu' });
    let step = v0;
    const forward: NDArray[] = [];
    for (let k = 0; k < ITERATIONS; k++) {
      forward.push(step);
      step = (await sess2.run(
        y,
        new Map([
          [a, step],
          [b, w],
        ]),
      )) as NDArray;
    }
    expect(Array.from(v!.data)).toEqual(Array.from(step.data));
    // the gradient reads each iteration's v and tanh from the stacks: d sum / dW = sum_k v_kᵀ · (g_k · (1 - t_k²))
    let gy = new Float64Array(N * N).fill(1);
    const want = new Float64Array(N * N);
    const wd = w.data;
    for (let k = ITERATIONS - 1; k >= 0; k--) {
      const vk = forward[k]!.data;
      const tk = (k + 1 < ITERATIONS ? forward[k + 1]! : step).data;
      const gz = gy.map((gv, i) => gv * (1 - tk[i]! * tk[i]!));
      const next = new Float64Array(N * N);
      for (let r = 0; r < N; r++) {
        for (let c = 0; c < N; c++) {
          let dW = 0;
          let dv = 0;
          for (let m = 0; m < N; m++) {
            dW += vk[m * N + r]! * gz[m * N + c]!;
            dv += gz[r * N + m]! * wd[c * N + m]!;
          }
          want[r * N + c] = want[r * N + c]! + dW;
          next[r * N + c] = dv;
        }
      }
      gy = next;
    }
    const got = dw!.data;
    const scale = Math.max(...want.map(Math.abs));
    for (let i = 0; i < want.length; i++) expect(Math.abs(got[i]! - want[i]!)).toBeLessThan(1e-4 * scale);
    sess.close();
    sess2.close();
  });
});
