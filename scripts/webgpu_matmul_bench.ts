// The article's two MatMul shapes on the WebGPU backend, by register tiles and by split-K, timed per run
// (each run uploads nothing: the inputs are large feeds kept on the GPU; it reads one sum back).
//
//   npx tsx scripts/webgpu_matmul_bench.ts [--runs 5]
import { parseArgs } from 'node:util';
import * as tf from '../src/index.js';
import { NDArray } from '../src/framework/ndarray.js';
import { WebGpuBackend } from '../src/session/webgpu/backend.js';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const shapes: [M: number, N: number, K: number, transposeA: boolean][] = [
  [5500, 10, 784, false],
  [784, 10, 5500, true],
];

async function main(): Promise<void> {
  const g = new tf.Graph();
  const sess = new tf.Session({ graph: g, backend: 'webgpu' });
  const backend = await sess.getBackend();
  if (!(backend instanceof WebGpuBackend)) throw new Error('no WebGPU adapter');
  console.log(backend.description);
  for (const [M, N, K, ta] of shapes) {
    const { a, b, y } = g.as_default(() => {
      const a = tf.placeholder(tf.float32, ta ? [K, M] : [M, K]);
      const b = tf.placeholder(tf.float32, [K, N]);
      return { a, b, y: tf.reduce_sum(tf.matmul(a, b, { transpose_a: ta })) };
    });
    const A = new NDArray(
      Float32Array.from({ length: M * K }, (_, i) => (i % 13) / 13),
      ta ? [K, M] : [M, K],
      'float32',
    );
    const B = new NDArray(
      Float32Array.from({ length: K * N }, (_, i) => (i % 7) / 7),
      [K, N],
      'float32',
    );
    const feeds = new Map([
      [a, A],
      [b, B],
    ]);
    for (const splitK of [false, true]) {
      backend.tuning.splitK = splitK;
      for (let i = 0; i < 2; i++) await sess.run(y, feeds);
      const n = Number(args.runs);
      const t0 = performance.now();
      for (let i = 0; i < n; i++) await sess.run(y, feeds);
      const label = `${M}×${K}${ta ? ' (transposed)' : ''} · ${K}×${N}`;
      console.log(`${label}, ${splitK ? 'split-K' : 'register tiles'}: ${((performance.now() - t0) / n).toFixed(1)} ms per run`);
    }
  }
  sess.close();
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
