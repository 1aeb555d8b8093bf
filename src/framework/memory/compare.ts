// Byte equality of two host arrays, split across worker threads when both lie in the shared linear memory.
// A session that keeps a large fed array on its device (the WebGPU backend's feed cache) must know, each run,
// whether the array's bytes changed since the last upload: one memcmp of the article's 17 MB of images took
// 1.5 ms a step on the GPU machine's host, three times the GPU's whole step. A memcmp is bound by one core's
// memory bandwidth, so where both arrays are in the shared memory (a pinned array, such as the MNIST loader's,
// and a kept copy made there) workers each compare a part. Elsewhere (an ordinary array, a browser page, a small
// array) the calling thread compares alone.
import { addressOf } from './host.js';
import { assign, finishJob, listeningSlots, nextGeneration, SLOT_HEADER, startJob, workerLoop } from './job_slots.js';
import { linear } from './linear.js';

/** Arrays smaller than this are compared on the calling thread: waking workers would cost more. */
export const PARALLEL_COMPARE_BYTES = 1 << 20;
/** Threads at most, the calling thread included: a memcmp saturates the memory's bandwidth well before this. */
const MAX_THREADS = 8;
/** Words per worker in the control block: the slot's header (job_slots.ts), first address, second address, length. */
const SLOT = SLOT_HEADER + 3;
/** Worker w's slot in the control block. */
const slotAt = (w: number): number => 4 + SLOT * w;

// The control block, a SharedArrayBuffer of its own, in job_slots.ts's layout: ctl[2] is set by a worker whose part
// differs (or whose comparison threw); worker w's slot at 4 + SLOT·w.
const WORKER = `
const { memory, control, index } = require('node:worker_threads').workerData;
const ctl = new Int32Array(control);
${workerLoop(
  `4 + ${SLOT} * index`,
  `const a = ctl[base + ${SLOT_HEADER}] >>> 0, b = ctl[base + ${SLOT_HEADER + 1}] >>> 0, n = ctl[base + ${SLOT_HEADER + 2}] >>> 0;
    if (memory.buffer.byteLength < Math.max(a, b) + n) memory.grow(0);
    const buf = memory.buffer;
    if (Buffer.compare(new Uint8Array(buf, a, n), new Uint8Array(buf, b, n)) !== 0) Atomics.store(ctl, 2, 1);`,
)}
`;

type NodeBuffer = { compare(a: Uint8Array, b: Uint8Array): number };
type WorkerThreads = typeof import('node:worker_threads');
type NodeProcess = { versions?: { node?: string }; getBuiltinModule?: (id: string) => unknown };

let ctl: Int32Array | null = null;
let workers = 0;
/** The Worker objects, kept reachable so that no garbage collector ends them. */
const held: unknown[] = [];
let tried = false;

/** Starts the workers once, in Node where the memory is shared (Node 20.16 on, for process.getBuiltinModule). */
function start(): void {
  tried = true;
  const proc = (globalThis as { process?: NodeProcess }).process;
  const threads = proc?.getBuiltinModule?.('node:worker_threads') as WorkerThreads | undefined;
  const os = proc?.getBuiltinModule?.('node:os') as typeof import('node:os') | undefined;
  if (!linear?.shared || !threads || !os) return;
  const n = Math.min(os.availableParallelism(), MAX_THREADS) - 1;
  const control = new SharedArrayBuffer(4 * (4 + SLOT * Math.max(n, 0)));
  ctl = new Int32Array(control);
  for (let index = 0; index < n; index++) {
    const worker = new threads.Worker(WORKER, { eval: true, workerData: { memory: linear.memory, control, index } });
    worker.unref();
    held.push(worker);
  }
  workers = n;
}

/** The compare workers listening now (0 until the first large comparison in the shared memory starts them). */
export function compareWorkers(): number {
  return ctl ? listening(ctl) : 0;
}

/** The workers listening now. */
function listening(c: Int32Array): number {
  return listeningSlots(c, workers, slotAt);
}

/** Whether `a` and `b` hold the same bytes: a memcmp, in parts on worker threads where both are in the shared memory and large. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  if (a.byteLength >= PARALLEL_COMPARE_BYTES) {
    const pa = addressOf(a);
    const pb = pa === null ? null : addressOf(b);
    if (pa !== null && pb !== null) {
      if (!tried) start();
      if (ctl && listening(ctl) > 0) return sameInParts(a, b, pa, pb, ctl);
    }
  }
  return sameHere(a, b);
}

/** The calling thread's comparison: Node's native memcmp where there is one, else a word loop. */
function sameHere(a: Uint8Array, b: Uint8Array): boolean {
  const B = (globalThis as { Buffer?: NodeBuffer }).Buffer;
  if (B) return B.compare(a, b) === 0;
  if (a.byteLength % 4 === 0 && a.byteOffset % 4 === 0 && b.byteOffset % 4 === 0) {
    const x = new Uint32Array(a.buffer, a.byteOffset, a.byteLength / 4);
    const y = new Uint32Array(b.buffer, b.byteOffset, b.byteLength / 4);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    return true;
  }
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Splits the comparison between the calling thread (the first part) and the listening workers (one part each). */
function sameInParts(a: Uint8Array, b: Uint8Array, pa: number, pb: number, c: Int32Array): boolean {
  const parts = 1 + listening(c);
  const n = a.byteLength;
  const size = Math.ceil(n / parts / 64) * 64;
  const generation = nextGeneration(c);
  let posted = 0;
  for (let t = 1; t < parts && t * size < n; t++) {
    const base = slotAt(t - 1);
    c[base + SLOT_HEADER] = pa + t * size;
    c[base + SLOT_HEADER + 1] = pb + t * size;
    c[base + SLOT_HEADER + 2] = Math.min(size, n - t * size);
    assign(c, base, generation);
    posted++;
  }
  startJob(c, generation, posted);
  const mine = sameHere(a.subarray(0, size), b.subarray(0, size));
  return finishJob(c) && mine;
}
