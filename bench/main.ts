// npm run bench [-- --quick] [--page] [--backend webgpu] [--engines ...] [--workloads ...] [--numpy PYTHON] [--torch PYTHON] [--json FILE]
// Runs each workload on each engine in a child process of its own (bench/child.ts), then prints the
// table, the ratios to this project, and this project's per-op profile of a step (article, adam, deep, rnn).
// --page also runs this project in headless Chromium on a cross-origin isolated page (bench/page.ts).
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { Command } from 'commander';
import { runNumpy } from './numpy.js';
import { PAGE_WORKLOADS, runPage } from './page.js';
import { runTorch } from './torch.js';
import type { BackendName } from '../src/session/backend.js';
import { WORKLOAD_NAMES, workload, type RunResult, type WorkloadName } from './workloads.js';

const ENGINES = ['this', 'tfjs-cpu', 'tfjs-wasm'] as const;

const opts = new Command('bench')
  .description("this project's CPU backend against TensorFlow.js (cpu, wasm), NumPy (the article's workloads) and PyTorch (deep, rnn)")
  .option('--quick', 'fewer steps, for a fast look')
  .option('--backend <name>', "this project's Session backend: cpu or webgpu", 'cpu')
  .option('--engines <list>', `comma-separated, of ${ENGINES.join(', ')}`, ENGINES.join(','))
  .option('--workloads <list>', `comma-separated, of ${WORKLOAD_NAMES.join(', ')}`, WORKLOAD_NAMES.join(','))
  .option('--numpy <python>', 'Python with NumPy for bench/numpy_article.py ("none" to skip)', 'python3')
  .option('--torch <python>', 'Python with PyTorch for bench/torch_deep.py and torch_rnn.py, the deep and rnn workloads ("none" to skip)', '/usr/bin/python3')
  .option('--json <file>', 'also write every result as JSON')
  .option('--page', `also run this project in headless Chromium, as 'this-page' (workloads ${PAGE_WORKLOADS.join(', ')})`)
  .parse()
  .opts<{ quick?: boolean; page?: boolean; backend: string; engines: string; workloads: string; numpy: string; torch: string; json?: string }>();

const workloads = opts.workloads.split(',') as WorkloadName[];
const engines = opts.engines.split(',');
for (const w of workloads) if (!WORKLOAD_NAMES.includes(w)) throw new Error(`unknown workload ${w}`);
for (const e of engines)
  if (!(ENGINES as readonly string[]).includes(e)) throw new Error(`unknown engine ${e}: engines are ${ENGINES.join(', ')} (NumPy runs with --numpy PYTHON)`);

function machine(): string {
  const c = cpus();
  let os = process.platform as string;
  try {
    os = execFileSync('uname', ['-srm'], { encoding: 'utf8' }).trim();
  } catch {
    // uname is not everywhere
  }
  return `${c[0]?.model ?? 'unknown CPU'}, ${c.length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; ${os}; Node ${process.version}`;
}

/** Runs one engine on one workload in a child process; null (with the reason printed) if it failed. */
function runChild(engine: string, name: WorkloadName): RunResult | null {
  const args = ['--import', 'tsx', 'bench/child.ts', '--engine', engine, '--workload', name, '--backend', opts.backend];
  if (opts.quick) args.push('--quick');
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as RunResult;
  } catch {
    console.error(`${engine} on ${name} failed (exit ${r.status}):\n${r.stderr.slice(-2000)}`);
    return null;
  }
}

const pad = (s: string, n: number): string => s.padEnd(n);
/** ' 1.23 CPU s a step,' where the engine measured its steps' CPU time. */
const cpuPerStep = (r: RunResult): string => (r.train_cpu_s === undefined ? '' : ` ${(r.train_cpu_s / r.steps).toFixed(2)} CPU s a step,`);
const num = (v: number, d: number): string => (Number.isNaN(v) ? '—' : v.toFixed(d)).padStart(9);

function printTable(results: RunResult[]): void {
  console.log(
    `\n${pad('workload', 10)} ${pad('engine', 10)} ${'steps'.padStart(6)} ${'steps/s'.padStart(9)} ${'GFLOP/s'.padStart(9)} ${'train s'.padStart(9)} ${'total s'.padStart(9)} ${'cpu s'.padStart(9)} ${'peak MiB'.padStart(9)} ${'vs this'.padStart(9)}  accuracy  loss`,
  );
  for (const name of workloads) {
    const rows = results.filter((r) => r.workload === name);
    const ours = rows.find((r) => r.engine === 'this');
    for (const r of rows) {
      // how many times longer the engine's training steps take than this project's
      const ratio = ours ? `${(ours.steps_per_s / r.steps_per_s).toFixed(2)}×`.padStart(9) : '—'.padStart(9);
      console.log(
        `${pad(name, 10)} ${pad(r.engine, 10)} ${String(r.steps).padStart(6)} ${num(r.steps_per_s, 2)} ${num(r.gflops, 2)} ${num(r.train_s, 2)} ${num(r.total_s, 2)} ${num(r.cpu_s, 2)} ${num(r.peak_mib, 0)} ${ratio}  ${r.accuracy.toFixed(4)}    ${r.loss.toFixed(4)}`,
      );
    }
  }
}

function printProfile(r: RunResult): void {
  if (!r.profile) return;
  if (Object.keys(r.profile).length === 0) {
    console.log(`\n(${r.workload}: the Session gave no per-op step_stats for its plan)`);
    return;
  }
  const total = Object.values(r.profile).reduce((a, b) => a + b, 0);
  console.log(`\nWhere a training step's time goes (${r.workload}, ${total.toFixed(2)} ms per step in ops, RunMetadata step_stats):`);
  for (const [op, ms] of Object.entries(r.profile).sort((a, b) => b[1] - a[1])) {
    console.log(`  ${pad(op, 22)} ${ms.toFixed(3).padStart(8)} ms  ${((100 * ms) / total).toFixed(1).padStart(5)}%`);
  }
}

console.log(`machine: ${machine()}`);
const load = (): string =>
  loadavg()
    .map((v) => v.toFixed(2))
    .join(' ');
console.log(`load average at start: ${load()} (other processes share the cores)`);
console.log(`command: npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`);
const results: RunResult[] = [];
for (const name of workloads) {
  const w = workload(name, !!opts.quick);
  console.log(`\n${name}: ${w.title}, ${w.steps} steps`);
  for (const engine of w.thisOnly ? engines.filter((e) => e === 'this') : engines) {
    const r = runChild(engine, name);
    if (!r) continue;
    results.push(r);
    console.log(`  ${pad(engine, 10)} ${r.steps_per_s.toFixed(2).padStart(8)} steps/s,${cpuPerStep(r)} ${r.total_s.toFixed(1)} s in all (${r.detail})`);
  }
  if (opts.page && PAGE_WORKLOADS.includes(name)) {
    try {
      const r = await runPage(name, !!opts.quick, opts.backend as BackendName);
      results.push(r);
      console.log(`  ${pad(r.engine, 10)} ${r.steps_per_s.toFixed(2).padStart(8)} steps/s, ${r.total_s.toFixed(1)} s in all (${r.detail})`);
    } catch (e) {
      console.error(`this-page on ${name} failed: ${(e as Error).message}`);
    }
  }
  // NumPy runs the article's model, PyTorch mnist_deep's and recurrent_network's
  const peer = w.thisOnly
    ? null
    : w.model === 'deep' || w.model === 'rnn'
      ? opts.torch !== 'none' && runTorch(opts.torch, name, !!opts.quick)
      : opts.numpy !== 'none' && runNumpy(opts.numpy, name, !!opts.quick);
  if (peer) {
    results.push(peer);
    console.log(
      `  ${pad(peer.engine, 10)} ${peer.steps_per_s.toFixed(2).padStart(8)} steps/s,${cpuPerStep(peer)} ${peer.total_s.toFixed(1)} s in all (${peer.detail})`,
    );
  }
}
console.log(`\nload average at end: ${load()}`);
printTable(results);
for (const r of results) if (r.engine === 'this' && ['article', 'adam', 'deep', 'rnn', 'rnn-dynamic'].includes(r.workload)) printProfile(r);
if (opts.json) writeFileSync(opts.json, JSON.stringify({ machine: machine(), quick: !!opts.quick, results }, null, 2));
