import { CONTROL_BYTES } from '../../../framework/memory/host.js';
import { assign, finishJob, listeningSlots, nextGeneration, SLOT_HEADER, startJob, workerLoop } from '../../../framework/memory/job_slots.js';
import { KERNEL_NAMES, wasm } from '../../../session/cpu/wasm/instance.js';

// Worker threads share the kernels' memory and run the same module, so a kernel's output rows
// can be split between them without copying anything: Node's worker_threads, or a browser's Web
// Workers where the page is cross-origin isolated (its memory is then a SharedArrayBuffer that can
// be posted to them); elsewhere the calling thread does all the work. The control block at the start of
// memory follows framework/memory/job_slots.ts (ctl[0] the generation, ctl[1] the workers busy, ctl[2] a
// failure), and:
//   ctl[3]  the memory's size in pages when the job was posted: a worker whose own view of the shared
//           memory is smaller (V8 tells other threads of a grow() lazily) calls grow(0) to catch up
//           before it touches the job's addresses
//   ctl[16 * (w + 1) ...]  worker w's slot: the job's generation, the worker's state (job_slots.ts: 0 until it
//           listens), the kernel's index, then the kernel's arguments
const SLOT = 16;
const MAX_ARGS = SLOT - SLOT_HEADER - 1;
/** Worker w's slot in the control block. */
const slotAt = (w: number): number => SLOT * (w + 1);

// Plain JavaScript, so the worker needs no file of its own (src/ and dist/ alike): Node runs it with
// `eval`, a browser from a blob: URL (which inherits the page's cross-origin isolation).
const WORKER_LOOP = `
function work({ module, memory, index, names }) {
  const ex = new WebAssembly.Instance(module, { env: { memory } }).exports;
  const kernels = names.map((n) => ex[n]);
  const ctl = new Int32Array(memory.buffer, 0, ${CONTROL_BYTES / 4});
  ${workerLoop(
    `${SLOT} * (index + 1)`,
    `if (memory.buffer.byteLength < Atomics.load(ctl, 3) * 65536) memory.grow(0);
      const args = [];
      for (let i = ${SLOT_HEADER + 1}; i < ${SLOT}; i++) args.push(ctl[base + i]);
      kernels[ctl[base + ${SLOT_HEADER}]](...args);`,
  )}
}
`;
const NODE_WORKER = `${WORKER_LOOP}\nwork(require('node:worker_threads').workerData);\n`;
const BROWSER_WORKER = `${WORKER_LOOP}\nself.onmessage = (e) => work(e.data);\n`;

/** Threads at most, the calling thread included: one control slot each after the first 16 words. */
const MAX_THREADS = CONTROL_BYTES / 4 / SLOT - 1;

type WorkerThreads = typeof import('node:worker_threads');
type NodeProcess = { versions?: { node?: string }; getBuiltinModule?: (id: string) => unknown };
/** What a browser (a page or a worker) offers for threads. */
type BrowserScope = {
  crossOriginIsolated?: boolean;
  navigator?: { hardwareConcurrency?: number };
  Worker?: new (url: string) => { postMessage(data: unknown): void };
};

let workers = 0;
/** The Worker objects, kept reachable so that no garbage collector ends them. */
const held: unknown[] = [];
let starting: Promise<void> | null = null;
let wanted = Infinity;
/** Whether the calling thread may sleep in Atomics.wait (Node, a Web Worker); a page's main thread may not, and spins. */
let canWait = true;

/** Limits the threads kernels use (main thread included), as TF1's intra_op_parallelism_threads; 0 means one per core. */
export function setNumThreads(n: number): void {
  wanted = n > 0 ? n : Infinity;
}

function jobFor(index: number): { module: WebAssembly.Module; memory: WebAssembly.Memory; index: number; names: readonly string[] } {
  return { module: wasm!.module, memory: wasm!.memory, index, names: KERNEL_NAMES };
}

function spawnNode({ Worker }: WorkerThreads, cores: number): void {
  workers = Math.min(cores, MAX_THREADS) - 1;
  for (let index = 0; index < workers; index++) {
    const worker = new Worker(NODE_WORKER, { eval: true, workerData: jobFor(index) });
    worker.unref();
    held.push(worker);
  }
}

/** Web Workers from one blob: URL, each sent the module and the shared memory; false where that fails. */
function spawnBrowser(scope: BrowserScope): boolean {
  try {
    const url = URL.createObjectURL(new Blob([BROWSER_WORKER], { type: 'text/javascript' }));
    const n = Math.min(scope.navigator?.hardwareConcurrency ?? 1, MAX_THREADS) - 1;
    for (let index = 0; index < n; index++) {
      const worker = new scope.Worker!(url);
      worker.postMessage(jobFor(index));
      held.push(worker);
    }
    workers = n;
    canWait = waitAllowed();
    return true;
  } catch {
    return false; // no workers here: the calling thread does the work
  }
}

function waitAllowed(): boolean {
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits (up to 5 s) for the workers to listen. */
async function listening(): Promise<void> {
  const ctl = new Int32Array(wasm!.memory.buffer, 0, CONTROL_BYTES / 4);
  for (let waited = 0; waited < 5000; waited += 2) {
    if (listeningWorkers(ctl) === workers) return;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/**
 * Starts the worker threads once, where the memory is shared: in Node (at once where Node has
 * process.getBuiltinModule, 20.16 on, so a training loop that never yields to the event loop still
 * gets them), and in a cross-origin isolated browser page or worker (navigator.hardwareConcurrency
 * threads). `threads` (the calling thread included) overrides Node's one per core, up to MAX_THREADS. The promise
 * resolves when they listen (at once where there are none).
 */
export function startThreads(threads?: number): Promise<void> {
  if (starting) return starting;
  const w = wasm;
  const proc = (globalThis as { process?: NodeProcess }).process;
  const scope = globalThis as BrowserScope;
  if (!w?.shared) return (starting = Promise.resolve());
  if (!proc?.versions?.node) {
    const browser = scope.crossOriginIsolated === true && typeof scope.Worker === 'function' && spawnBrowser(scope);
    return (starting = browser ? listening() : Promise.resolve());
  }
  const mod = proc.getBuiltinModule?.('node:worker_threads') as WorkerThreads | undefined;
  const os = proc.getBuiltinModule?.('node:os') as typeof import('node:os') | undefined;
  if (mod && os) spawnNode(mod, threads ?? os.availableParallelism());
  starting = (async () => {
    if (!mod || !os) {
      // A computed specifier, so browser bundlers leave this Node-only import alone.
      const [t, o] = ['node:worker_threads', 'node:os'];
      const late = (await import(/* @vite-ignore */ t)) as WorkerThreads;
      spawnNode(late, threads ?? ((await import(/* @vite-ignore */ o)) as typeof import('node:os')).availableParallelism());
    }
    await listening();
  })();
  return starting;
}

/**
 * Threads a job is split for: the calling thread plus the workers started (listening yet or not), within
 * setNumThreads. It does not depend on when the workers start listening (tens of ms, more on a loaded machine): a
 * product whose parts are summed (mm_tn's partials over K) must split the same way in every run, or its rounding,
 * and so a training run's printed numbers, would change with the timing. Parts whose worker is not listening yet
 * run on the calling thread (parallel). The workers start when this is first asked, that is when a job is first big
 * enough to split: a program whose jobs are all small (a mini-batch loop's products) never starts them, and its
 * first steps do not share the cores with their start.
 */
export function threadCount(): number {
  if (!wasm) return 1;
  if (!starting) void startThreads();
  if (workers === 0) return 1;
  return Math.min(1 + workers, wanted);
}

/**
 * [0, n) in `t` ranges as near equal as whole numbers allow (the last ends at n), empty ones left out: the one way
 * every job here is split across the threads, so that a job splits the same way in every run.
 */
export function evenRanges(n: number, t: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0, lo = 0; i < t; i++) {
    const hi = i === t - 1 ? n : Math.round((n * (i + 1)) / t);
    if (hi > lo) out.push([lo, hi]);
    lo = hi;
  }
  return out;
}

/** The workers listening now. */
function listeningWorkers(ctl: Int32Array): number {
  return listeningSlots(ctl, workers, slotAt);
}

/**
 * Runs kernel `name` once per argument list, in parallel: list 0 on the calling thread, the next ones on the
 * workers that listen now, and any left over (workers not started yet) on the calling thread after list 0. Each list
 * writes its own part of the output, so who runs it does not change the result. `first`, when given, runs on the
 * calling thread before its lists, while the workers run theirs. Returns when all are done.
 */
export function parallel(name: (typeof KERNEL_NAMES)[number], argLists: readonly number[][], first?: () => void): void {
  const w = wasm!;
  const kernel = w.exports[name] as (...args: number[]) => void;
  const ctl = new Int32Array(w.memory.buffer, 0, CONTROL_BYTES / 4);
  const posted = argLists.length === 1 ? 0 : Math.min(argLists.length - 1, listeningWorkers(ctl));
  const onCaller = (): void => {
    first?.();
    kernel(...argLists[0]!);
    for (let t = posted + 1; t < argLists.length; t++) kernel(...argLists[t]!);
  };
  if (posted === 0) {
    onCaller();
    return;
  }
  const index = KERNEL_NAMES.indexOf(name);
  const generation = nextGeneration(ctl);
  for (let t = 1; t <= posted; t++) {
    const args = argLists[t]!;
    if (args.length > MAX_ARGS) throw new RangeError(`${name}: too many arguments for a worker`);
    const base = slotAt(t - 1);
    ctl[base + SLOT_HEADER] = index;
    args.forEach((v, i) => (ctl[base + SLOT_HEADER + 1 + i] = v));
    assign(ctl, base, generation);
  }
  Atomics.store(ctl, 3, w.memory.buffer.byteLength / 65536);
  startJob(ctl, generation, posted);
  let ok = false;
  try {
    onCaller();
  } finally {
    ok = finishJob(ctl, canWait);
  }
  if (!ok) throw new Error(`${name} failed in a worker thread`);
}
