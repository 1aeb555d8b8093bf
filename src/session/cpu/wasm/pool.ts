import { CONTROL_BYTES } from '../../../framework/memory/host.js';
import { KERNEL_NAMES, wasm } from '../../../session/cpu/wasm/instance.js';

// Worker threads share the kernels' memory and run the same module, so a kernel's output rows
// can be split between them without copying anything: Node's worker_threads, or a browser's Web
// Workers where the page is cross-origin isolated (its memory is then a SharedArrayBuffer that can
// be posted to them); elsewhere the calling thread does all the work. The control block at the start of memory:
//   ctl[0]  generation: bumped by the main thread to start a job; workers sleep on it
//   ctl[1]  workers still busy with the current job; the last one to finish wakes the main thread
//   ctl[2]  set by a worker whose kernel threw (the main thread then throws)
//   ctl[3]  the memory's size in pages when the job was posted: a worker whose own view of the shared
//           memory is smaller (V8 tells other threads of a grow() lazily) calls grow(0) to catch up
//           before it touches the job's addresses
//   ctl[16 * (w + 1) ...]  worker w's slot: kernel index, the generation its job belongs to, 1 once the
//           worker is listening, then the job's arguments (each worker writes only its own slot's flag,
//           so no worker's start can touch another's job however many there are)
// A worker runs its slot only when the slot's generation is the current one and it has not run that
// generation yet, so a worker left out of a job (or one that wakes late) never runs a stale job, and
// never runs one twice.
const SLOT = 16;
const MAX_ARGS = SLOT - 3;

// Plain JavaScript, so the worker needs no file of its own (src/ and dist/ alike): Node runs it with
// `eval`, a browser from a blob: URL (which inherits the page's cross-origin isolation).
// A worker sleeps on the generation with a timeout and, woken or not, looks at its own slot: a job
// posted for the current generation that it has not run yet is run, so a missed wake-up costs at
// most RECHECK_MS instead of a hung run (both sides of the protocol re-check on a timer).
const RECHECK_MS = 20;
const WORKER_LOOP = `
function work({ module, memory, index, names }) {
  const ex = new WebAssembly.Instance(module, { env: { memory } }).exports;
  const kernels = names.map((n) => ex[n]);
  const ctl = new Int32Array(memory.buffer, 0, ${CONTROL_BYTES / 4});
  const base = ${SLOT} * (index + 1);
  let seen = Atomics.load(ctl, 0);
  let done = Atomics.load(ctl, base + 1);
  Atomics.store(ctl, base + 2, 1);
  for (;;) {
    Atomics.wait(ctl, 0, seen, ${RECHECK_MS});
    seen = Atomics.load(ctl, 0);
    const job = Atomics.load(ctl, base + 1);
    if (job !== seen || job === done) continue;
    done = job;
    try {
      if (memory.buffer.byteLength < Atomics.load(ctl, 3) * 65536) memory.grow(0);
      const args = [];
      for (let i = 3; i < ${SLOT}; i++) args.push(ctl[base + i]);
      kernels[ctl[base]](...args);
    } catch {
      Atomics.store(ctl, 2, 1);
    }
    if (Atomics.sub(ctl, 1, 1) === 1) Atomics.notify(ctl, 1);
  }
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

/** The workers listening now: the first ones in order that say so in their slot (a later one may be up before an earlier). */
function listeningWorkers(ctl: Int32Array): number {
  let ready = 0;
  while (ready < workers && Atomics.load(ctl, SLOT * (ready + 1) + 2) === 1) ready++;
  return ready;
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
  const generation = (Atomics.load(ctl, 0) + 1) | 0;
  for (let t = 1; t <= posted; t++) {
    const args = argLists[t]!;
    if (args.length > MAX_ARGS) throw new RangeError(`${name}: too many arguments for a worker`);
    const base = SLOT * t;
    ctl[base] = index;
    args.forEach((v, i) => (ctl[base + 3 + i] = v));
    Atomics.store(ctl, base + 1, generation);
  }
  Atomics.store(ctl, 2, 0);
  Atomics.store(ctl, 3, w.memory.buffer.byteLength / 65536);
  Atomics.store(ctl, 1, posted);
  Atomics.store(ctl, 0, generation);
  Atomics.notify(ctl, 0);
  try {
    onCaller();
  } finally {
    // a page's main thread cannot sleep: it spins on the count (jobs go to workers only when they are milliseconds long)
    for (let busy = Atomics.load(ctl, 1); busy !== 0; busy = Atomics.load(ctl, 1)) if (canWait) Atomics.wait(ctl, 1, busy, RECHECK_MS);
  }
  if (Atomics.load(ctl, 2) !== 0) throw new Error(`${name} failed in a worker thread`);
}
