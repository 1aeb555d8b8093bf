// Where a WebGPU training step's time goes: the article's model (softmax regression, 784 → 10,
// gradient descent) trained through the public API on the WebGPU backend, timing each run's
// JavaScript (recording and encoding, up to the queue submission) apart from waiting on the device.
// Run under `node --cpu-prof` for the functions behind the JavaScript figure:
//
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx scripts/webgpu_profile.ts --examples 1000 --steps 50
import { parseArgs } from 'node:util';
import * as tf from '../src/index.js';
import { read_data_sets } from '../src/examples/tutorials/mnist/input_data.js';
import { buildModel } from '../src/tutorial/model.js';
import { WebGpuBackend } from '../src/session/webgpu/backend.js';

const { values: args } = parseArgs({
  options: {
    examples: { type: 'string', default: '1000' },
    steps: { type: 'string', default: '50' },
    stats: { type: 'boolean', default: false },
  },
});

async function main(): Promise<void> {
  const n = Number(args.examples);
  const steps = Number(args.steps);
  const mnist = read_data_sets(undefined, { one_hot: true, log: null });
  const [x, y] = mnist.train.slice(0, n);
  const graph = new tf.Graph();
  const m = buildModel(graph, 0.1);
  const sess = new tf.Session({ graph, backend: 'webgpu' });
  const backend = await sess.getBackend();
  if (!(backend instanceof WebGpuBackend)) throw new Error('no WebGPU adapter');
  console.log(`${backend.description}; ${n} examples, ${steps} steps`);
  const feeds = new Map([
    [m.x, x],
    [m.y_, y],
  ]);
  await sess.run(m.init);
  // Warm up: programs compiled, buffers pooled, feeds cached.
  for (let i = 0; i < 3; i++) await sess.run(m.training, feeds);
  await backend.synchronize();
  const device = backend.context.device;
  const queue = device.queue;
  // The JavaScript part of a run ends when its command buffer is submitted.
  const submit = queue.submit.bind(queue);
  let submitAt = 0;
  queue.submit = (buffers: Iterable<GPUCommandBuffer>) => {
    submitAt = performance.now();
    submit(buffers);
  };
  let js = 0;
  let total = 0;
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) {
    const s = performance.now();
    await sess.run(m.training, feeds);
    const e = performance.now();
    js += submitAt - s;
    total += e - s;
  }
  const t1 = performance.now();
  await backend.synchronize();
  const t2 = performance.now();
  const per = (v: number): string => `${(v / steps).toFixed(3)} ms`;
  console.log(`per step: ${per(t2 - t0)} in all (loop ${per(t1 - t0)} + final wait ${(t2 - t1).toFixed(1)} ms)`);
  console.log(`  JavaScript up to the submission: ${per(js)}; from the submission to run()'s return (throttle: waiting on the device): ${per(total - js)}`);
  if (args.stats) {
    const md = new tf.RunMetadata();
    await sess.run(m.training, feeds, { options: new tf.RunOptions({ trace_level: tf.RunOptions.FULL_TRACE }), run_metadata: md });
    console.log(JSON.stringify(md.step_stats, null, 1).slice(0, 3000));
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
