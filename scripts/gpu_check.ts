// The article's full training run (TRAIN_SIZE 5500, TEST_SIZE 10000, LEARNING_RATE 0.1, steps
// 0..2500) on one backend, timed, with the article's checkpoint every 100 steps: test accuracy
// and training loss. Writes the records as JSON and, given a reference run (the CPU backend's),
// compares the two. scripts/gpu-check.sh runs it on a machine with a GPU; see that file.
//
//   npx tsx scripts/gpu_check.ts --backend cpu --out scripts/gpu-check/cpu_reference.json
//   node .gpu/gpu_check.mjs --backend webgpu --data DIR --reference FILE --out FILE
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as tf from '../src/index.js';
import { read_data_sets } from '../src/examples/tutorials/mnist/input_data.js';
import { buildModel } from '../src/tutorial/model.js';
import { acquireDevice } from '../src/session/webgpu/device.js';
import type { WebGpuBackend } from '../src/session/webgpu/backend.js';

/** One checkpoint of the article's loop. */
interface Checkpoint {
  step: number;
  accuracy: number;
  loss: number;
  seconds: number;
}

/** What a run writes. */
interface RunRecord {
  backend: string;
  device: string;
  steps: number;
  trainSize: number;
  testSize: number;
  checkpoints: Checkpoint[];
  finalAccuracy: number;
  /** Wall time of the whole loop, checkpoints included. */
  seconds: number;
  /** Training steps per second over the loop (checkpoints included, as a user would see it). */
  stepsPerSecond: number;
  node: string;
}

const { values: args } = parseArgs({
  options: {
    backend: { type: 'string', default: 'webgpu' },
    steps: { type: 'string', default: '2500' },
    data: { type: 'string' },
    out: { type: 'string' },
    reference: { type: 'string' },
    'allow-fallback': { type: 'boolean', default: false },
    probe: { type: 'boolean', default: false },
    // The WebGPU backend's choices between programs (GpuTuning), as name=on|off,...: `--tuning splitReduce=off`.
    tuning: { type: 'string', default: '' },
  },
});

/** Sets the WebGPU backend's tuning from `--tuning`'s name=on|off list, and prints what it set. */
function setTuning(gpu: WebGpuBackend, list: string): void {
  for (const item of list.split(',').filter(Boolean)) {
    const [name, value] = item.split('=') as [keyof WebGpuBackend['tuning'], string | undefined];
    if (!(name in gpu.tuning) || (value !== 'on' && value !== 'off'))
      throw new Error(`--tuning: expected name=on|off with a name of ${Object.keys(gpu.tuning).join(', ')}, got ${item}`);
    gpu.tuning[name] = value === 'on';
  }
  console.log(`tuning: ${JSON.stringify(gpu.tuning)}`);
}

async function describeAdapter(): Promise<{ description: string; fallback: boolean } | null> {
  const ctx = await acquireDevice();
  if (!ctx) return null;
  const out = { description: ctx.description, fallback: ctx.isFallback };
  ctx.device.destroy();
  return out;
}

async function main(): Promise<number> {
  if (args.probe) {
    // Exit status 0 only for a hardware adapter, so gpu-check.sh can try Vulkan settings in turn.
    const adapter = await describeAdapter();
    console.log(`adapter: ${adapter ? `${adapter.description}` : 'none'}`);
    return adapter && !adapter.fallback ? 0 : 1;
  }
  const backend = args.backend === 'cpu' ? 'cpu' : 'webgpu';
  const lastStep = Number(args.steps);
  if (backend === 'webgpu') {
    const adapter = await describeAdapter();
    console.log(`adapter: ${adapter ? `${adapter.description}` : 'none'}`);
    if (!adapter) return 2;
    if (adapter.fallback && !args['allow-fallback']) {
      console.log('only a CPU (fallback) adapter: the full run is for a hardware GPU; pass --allow-fallback to run anyway');
      return 3;
    }
  }
  const mnist = read_data_sets(args.data, { one_hot: true, log: null });
  const [x_train, y_train] = mnist.train.slice(0, 5500);
  const [x_test, y_test] = mnist.test.slice(0, 10000);

  const graph = new tf.Graph();
  const m = buildModel(graph, 0.1);
  const sess = new tf.Session({ graph, backend });
  const device = (await sess.getBackend()).description;
  console.log(`backend: ${backend} on ${device}`);
  if (backend === 'webgpu') setTuning((await sess.getBackend()) as WebGpuBackend, args.tuning);
  const train = new Map([
    [m.x, x_train],
    [m.y_, y_train],
  ]);
  const test = new Map([
    [m.x, x_test],
    [m.y_, y_test],
  ]);
  await sess.run(m.init);
  const checkpoints: Checkpoint[] = [];
  const t0 = performance.now();
  for (let i = 0; i <= lastStep; i++) {
    await sess.run(m.training, train);
    if (i % 100 === 0) {
      const accuracy = (await sess.run(m.accuracy, test)).item();
      const loss = (await sess.run(m.cross_entropy, train)).item();
      const seconds = (performance.now() - t0) / 1000;
      checkpoints.push({ step: i, accuracy, loss, seconds });
      console.log(`Training Step:${i}  Accuracy =  ${accuracy}  Loss = ${loss}  (${seconds.toFixed(2)} s)`);
    }
  }
  const finalAccuracy = (await sess.run(m.accuracy, test)).item();
  const seconds = (performance.now() - t0) / 1000;
  if (backend === 'webgpu') {
    const gpu = (await sess.getBackend()) as WebGpuBackend;
    console.log(
      `host round trips: ${JSON.stringify(gpu.counters)}, large feeds: ${JSON.stringify(gpu.feedCounters)}, programs: ${gpu.programCount}, GPU buffer bytes: ${gpu.bufferBytes}`,
    );
    await printStepStats(sess, 'one training step', [m.training], train, gpu.timestampsAvailable);
    await printStepStats(sess, 'one evaluation (test accuracy)', [m.accuracy], test, gpu.timestampsAvailable);
  }
  sess.close();
  const record: RunRecord = {
    backend,
    device,
    steps: lastStep + 1,
    trainSize: 5500,
    testSize: 10000,
    checkpoints,
    finalAccuracy,
    seconds,
    stepsPerSecond: (lastStep + 1) / seconds,
    node: process.version,
  };
  console.log(`final accuracy ${finalAccuracy} after ${lastStep + 1} steps in ${seconds.toFixed(1)} s (${record.stepsPerSecond.toFixed(1)} steps/s)`);
  if (args.out) writeFileSync(args.out, `${JSON.stringify(record, null, 2)}\n`);
  if (args.reference) compare(record, JSON.parse(readFileSync(args.reference, 'utf8')) as RunRecord);
  return 0;
}

/** Runs `fetches` traced (RunOptions FULL_TRACE, twice: the second is timed) and prints each op's host and device time. */
async function printStepStats(sess: tf.Session, what: string, fetches: (tf.Tensor | tf.Operation)[], feeds: tf.FeedDict, device: boolean): Promise<void> {
  const options = new tf.RunOptions({ trace_level: tf.RunOptions.FULL_TRACE });
  await sess.run(fetches, feeds, { options, run_metadata: new tf.RunMetadata() });
  const md = new tf.RunMetadata();
  const t0 = performance.now();
  await sess.run(fetches, feeds, { options, run_metadata: md });
  const wall = performance.now() - t0;
  const stats = [...md.step_stats].sort((a, b) => (b.device_ms ?? b.ms) - (a.device_ms ?? a.ms));
  const sum = (f: (s: (typeof stats)[number]) => number): number => stats.reduce((a, s) => a + f(s), 0);
  console.log(`== step stats of ${what}, traced (${wall.toFixed(2)} ms wall, traced runs time each op in a pass of its own)`);
  console.log(device ? '  device ms   host ms  op' : '  host ms  op   (no timestamp-query on this adapter: host recording times only)');
  for (const s of stats) {
    const name = `${s.node_name} (${s.op})`;
    console.log(device ? `  ${s.device_ms!.toFixed(3).padStart(9)} ${s.ms.toFixed(3).padStart(9)}  ${name}` : `  ${s.ms.toFixed(3).padStart(7)}  ${name}`);
  }
  console.log(
    device
      ? `  ${sum((s) => s.device_ms!)
          .toFixed(3)
          .padStart(9)} ${sum((s) => s.ms)
          .toFixed(3)
          .padStart(9)}  total`
      : `  ${sum((s) => s.ms)
          .toFixed(3)
          .padStart(7)}  total`,
  );
}

/** Prints the largest differences from a reference run at the checkpoints both have. */
function compare(run: RunRecord, ref: RunRecord): void {
  let dAcc = 0;
  let dLoss = 0;
  for (const c of run.checkpoints) {
    const r = ref.checkpoints.find((k) => k.step === c.step);
    if (!r) continue;
    dAcc = Math.max(dAcc, Math.abs(c.accuracy - r.accuracy));
    dLoss = Math.max(dLoss, Math.abs(c.loss - r.loss) / r.loss);
  }
  console.log(`vs ${ref.backend} (${ref.device}, ${ref.steps} steps, ${ref.stepsPerSecond.toFixed(1)} steps/s, final accuracy ${ref.finalAccuracy}):`);
  console.log(
    `  max |accuracy difference| ${dAcc}, max relative loss difference ${dLoss.toExponential(2)}, final accuracy ${run.finalAccuracy} vs ${ref.finalAccuracy}`,
  );
  console.log(
    `  speed: ${run.stepsPerSecond.toFixed(1)} vs ${ref.stepsPerSecond.toFixed(1)} steps/s (${(run.stepsPerSecond / ref.stepsPerSecond).toFixed(2)}×)`,
  );
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
