// Would a fused JavaScript loop beat the CPU backend's separate SIMD kernels on an elementwise chain? Times the
// softmax gradient's chain (g - s)·y, s a [rows, 1] sum, on the mini-batch's and the article's shapes: the two
// steps as the backend runs them (their step stats, over traced runs) against one loop made by `new Function` from
// the chain, as a fusion pass would generate it, rounding each op to float32 so the bits match the separate kernels'.
//   npx tsx scripts/cpu_fusion_probe.ts [--repeats 5]
import * as tf from '../src/index.js';

const at = process.argv.indexOf('--repeats');
const repeats = at >= 0 ? Number(process.argv[at + 1]) : 5;
const COLS = 10;

// The loop a generated fused kernel runs: each node's value rounded to float32, as the separate kernels store it.
const fusedLoop = new Function(
  'g',
  's',
  'y',
  'o',
  'rows',
  'cols',
  `const f = Math.fround;
  for (let r = 0, i = 0; r < rows; r++) {
    const sv = s[r];
    for (let j = 0; j < cols; j++, i++) { const v0 = f(g[i] - sv); o[i] = f(v0 * y[i]); }
  }`,
) as (g: Float32Array, s: Float32Array, y: Float32Array, o: Float32Array, rows: number, cols: number) => void;

const stats = (xs: number[]): string => {
  const v = [...xs].sort((a, b) => a - b);
  return `median ${v[v.length >> 1]!.toFixed(1)} µs (min ${v[0]!.toFixed(1)}, max ${v[v.length - 1]!.toFixed(1)})`;
};

for (const rows of [100, 5500]) {
  const g = new tf.Graph();
  const { gp, sp, yp, out } = g.as_default(() => {
    const gp = tf.placeholder(tf.float32, [rows, COLS]);
    const sp = tf.placeholder(tf.float32, [rows, 1]);
    const yp = tf.placeholder(tf.float32, [rows, COLS]);
    return { gp, sp, yp, out: tf.multiply(tf.subtract(gp, sp), yp) };
  });
  const sess = new tf.Session({ graph: g, backend: 'cpu' });
  const G = new Float32Array(rows * COLS).map((_, i) => Math.sin(i));
  const S = new Float32Array(rows).map((_, i) => i / rows);
  const Y = new Float32Array(rows * COLS).map((_, i) => Math.cos(i));
  const feeds = new Map([
    [gp, new tf.NDArray(G, [rows, COLS], 'float32')],
    [sp, new tf.NDArray(S, [rows, 1], 'float32')],
    [yp, new tf.NDArray(Y, [rows, COLS], 'float32')],
  ]);
  const o = new Float32Array(rows * COLS);
  const want = (await sess.run(out, feeds)).data;
  fusedLoop(G, S, Y, o, rows, COLS);
  const same = want.every((v, i) => Object.is(v, o[i]));
  const runs = rows === 100 ? 2000 : 300;
  const separate: number[] = [];
  const fused: number[] = [];
  for (let rep = 0; rep < repeats; rep++) {
    let ms = 0;
    for (let k = 0; k < runs; k++) {
      const md = new tf.RunMetadata();
      await sess.run(out, feeds, { options: new tf.RunOptions({ trace_level: tf.RunOptions.FULL_TRACE }), run_metadata: md });
      for (const st of md.step_stats) if (st.op === 'Sub' || st.op === 'Mul') ms += st.ms;
    }
    separate.push((ms / runs) * 1000);
    const t = performance.now();
    for (let k = 0; k < runs; k++) fusedLoop(G, S, Y, o, rows, COLS);
    fused.push(((performance.now() - t) / runs) * 1000);
  }
  console.log(`[${rows}, ${COLS}] (g - s)·y: separate SIMD steps ${stats(separate)}; fused JS loop ${stats(fused)}; same bits: ${same}`);
  sess.close();
}
