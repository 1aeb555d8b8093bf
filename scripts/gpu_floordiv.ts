// FloorDiv and FloorMod on the WebGPU backend beside the CPU's, on quotients near an integer: TF1 floors the
// float32 quotient x / y (FloorDiv(1, 0.1) = 10), and the WGSL kernel's correction with fma must agree on a GPU
// whose fma is fused (SwiftShader's is not, so the tests cannot show it). Prints each pair; exits 1 on a difference.
//
//   node .gpu/gpu_floordiv.mjs            (scripts/gpu-check.sh)
import * as tf from '../src/index.js';

const x = [1, -1, 7, 1, 5.3, 0.3, 3, -3, 1e-3, 2.5];
const y = [0.1, 0.1, 0.7, 1 / 3, 0.1, 0.1, 0.3, 0.3, 1e-4, 0.5];
const graph = new tf.Graph();
const fetches = graph.as_default(() => {
  const a = tf.constant(x, tf.float32);
  const b = tf.constant(y, tf.float32);
  return [tf.floordiv(a, b), tf.floormod(a, b), tf.realdiv(a, b)];
});
const results: Record<string, number[][]> = {};
for (const backend of ['cpu', 'webgpu'] as const) {
  const sess = new tf.Session({ graph, backend });
  console.log(`${backend}: ${(await sess.getBackend()).description}`);
  results[backend] = (await sess.run(fetches)).map((a) => Array.from(a.data as Float32Array));
  sess.close();
}
let differ = 0;
x.forEach((xi, i) => {
  const c = results.cpu!.map((col) => col[i]!);
  const g = results.webgpu!.map((col) => col[i]!);
  const same = c.every((v, k) => Object.is(v, g[k]));
  if (!same) differ++;
  console.log(`  ${same ? ' ' : '≠'} x ${Math.fround(xi)}, y ${Math.fround(y[i]!)}: FloorDiv, FloorMod, RealDiv  cpu ${c.join(', ')}  webgpu ${g.join(', ')}`);
});
console.log(differ ? `${differ} of ${x.length} pairs differ` : 'all pairs agree');
process.exit(differ ? 1 : 0);
