// Where a step of the article's training loop spends its time on one backend: the step as the article runs it (x and
// y_ fed every step: the session reads the 17 MB of images each run to know whether they changed), the same with the
// arrays copied into ordinary memory, the same step with the images and labels as constants of the graph (nothing
// fed, nothing compared), and a bare memcmp of the images' bytes on this host (Buffer.compare), then the same comparison
// in parts on worker threads as the session makes it for pinned feeds. scripts/gpu-check.sh runs it on the GPU machine.
//
//   npx tsx scripts/gpu_step_split.ts --backend webgpu [--steps 500]
//   node .gpu/gpu_step_split.mjs --backend webgpu
import { parseArgs } from 'node:util';
import * as tf from '../src/index.js';
import { read_data_sets } from '../src/examples/tutorials/mnist/input_data.js';
import type { NDArray } from '../src/framework/ndarray.js';
import { compareWorkers, sameBytes } from '../src/framework/memory/compare.js';
import { pinnedFloat32 } from '../src/framework/memory/host.js';

const { values: args } = parseArgs({ options: { backend: { type: 'string', default: 'webgpu' }, steps: { type: 'string', default: '500' } } });
const backend = args.backend === 'cpu' ? 'cpu' : 'webgpu';
const steps = Number(args.steps);
const mnist = read_data_sets(undefined, { one_hot: true, log: null });
const [xs, ys] = mnist.train.slice(0, 5500);

/** The article's model (softmax regression, cross-entropy, GradientDescentOptimizer(0.1)) on `x` and `y_`. */
function model(x: tf.Tensor, y_: tf.Tensor): tf.Operation {
  const W = tf.Variable(tf.zeros([784, 10]));
  const b = tf.Variable(tf.zeros([10]));
  const y = tf.nn.softmax(tf.add(tf.matmul(x, W), b));
  const loss = tf.reduce_mean(tf.negative(tf.reduce_sum(tf.multiply(y_, tf.log(y)), [1])));
  return new tf.train.GradientDescentOptimizer(0.1).minimize(loss);
}

/** Microseconds a step over `steps` steps (after 50 to warm up), and the session's device. */
async function time(build: () => { train: tf.Operation; feeds: Map<tf.Tensor, NDArray> }): Promise<[number, string]> {
  const g = new tf.Graph();
  const { train, feeds, init } = g.as_default(() => ({ ...build(), init: tf.global_variables_initializer() }));
  const sess = new tf.Session({ graph: g, backend });
  await sess.run(init);
  for (let i = 0; i < 50; i++) await sess.run(train, feeds);
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) await sess.run(train, feeds);
  await sess.run(g.get_tensor_by_name('Variable:0')); // a fetch: the GPU has finished the steps
  const us = ((performance.now() - t0) / steps) * 1000;
  const device = (await sess.getBackend()).description;
  sess.close();
  return [us, device];
}

/** The article's step with x and y_ fed `images` and `labels` every run. */
const fedStep = (images: NDArray, labels: NDArray) => () => {
  const x = tf.placeholder(tf.float32, [null, 784]);
  const y_ = tf.placeholder(tf.float32, [null, 10]);
  return {
    train: model(x, y_),
    feeds: new Map([
      [x, images],
      [y_, labels],
    ]),
  };
};
const [fed, device] = await time(fedStep(xs, ys));
// the same arrays copied into ordinary memory, as a user's own loader makes them: other threads cannot read those, so
// their comparison is one memcmp where the loader's pinned arrays are compared in parts (framework/memory/compare.ts)
const plain = (a: NDArray) => new tf.NDArray(new Float32Array(a.data as Float32Array), a.shape, 'float32');
const [ordinary] = await time(fedStep(plain(xs), plain(ys)));
const [constant] = await time(() => ({ train: model(tf.constant(xs), tf.constant(ys)), feeds: new Map() }));
const a = new Uint8Array(xs.data.buffer, xs.data.byteOffset, xs.data.byteLength);
const b = a.slice();
const t0 = performance.now();
for (let i = 0; i < 200; i++) Buffer.compare(a, b);
const memcmp = ((performance.now() - t0) / 200) * 1000;
// the same comparison as the session makes it for a pinned feed: in parts on the compare workers (started by the first)
const px = xs.data as Float32Array;
const copy = pinnedFloat32(px.length);
copy.set(px);
const pa = new Uint8Array(px.buffer, px.byteOffset, px.byteLength);
const pb = new Uint8Array(copy.buffer, copy.byteOffset, copy.byteLength);
sameBytes(pa, pb);
for (let waited = 0; compareWorkers() === 0 && waited < 5000; waited += 10) await new Promise((r) => setTimeout(r, 10));
await new Promise((r) => setTimeout(r, 200)); // the rest of the workers
const t1 = performance.now();
for (let i = 0; i < 200; i++) if (!sameBytes(pa, pb)) throw new Error('a pinned copy compared unequal');
const parts = ((performance.now() - t1) / 200) * 1000;
console.log(`${backend} on ${device}, ${steps} steps each:`);
console.log(`  the article's step, x [5500, 784] and y_ fed: ${fed.toFixed(0)} µs (the MNIST loader's pinned arrays)`);
console.log(`  the same, fed as ordinary Float32Arrays:      ${ordinary.toFixed(0)} µs`);
console.log(`  the same step, x and y_ constants:           ${constant.toFixed(0)} µs`);
console.log(`  memcmp of x's ${(a.byteLength / 2 ** 20).toFixed(1)} MiB (Buffer.compare):     ${memcmp.toFixed(0)} µs`);
console.log(`  the same in ${1 + compareWorkers()} parts (compare.ts, pinned):      ${parts.toFixed(0)} µs`);
process.exit(0);
