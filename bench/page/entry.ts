// The bench's page: runs a softmax workload (full-batch or mini-batches) in the browser with
// bench/engines/this_softmax.ts, on the arrays bench/page.ts serves (the same ones the Node run loads), and publishes
// the result on `window.__bench`.
import { DataSet } from '../../src/examples/tutorials/mnist/dataset.js';
import { NDArray } from '../../src/framework/ndarray.js';
import type { BackendName } from '../../src/session/backend.js';
import { startThreads, threadCount } from '../../src/session/cpu/wasm/pool.js';
import type { EngineRun } from '../engines/engine.js';
import { trainSoftmax } from '../engines/this_softmax.js';
import { workload, type WorkloadName } from '../workloads.js';

/** What bench/page.ts serves at config.json. */
export interface PageConfig {
  workload: WorkloadName;
  quick: boolean;
  backend: BackendName;
  /** Each array's shape, by its name under data/. */
  shapes: Record<'x' | 'y' | 'testX' | 'testY', number[]>;
}

/** What the page publishes. */
export interface PageRun extends EngineRun {
  crossOriginIsolated: boolean;
  threads: number;
  userAgent: string;
}

async function array(name: string, shape: number[]): Promise<NDArray> {
  const bytes = await (await fetch(`data/${name}`)).arrayBuffer();
  return new NDArray(new Float32Array(bytes), shape, 'float32');
}

async function main(): Promise<PageRun> {
  const config = (await (await fetch('config.json')).json()) as PageConfig;
  const w = workload(config.workload, config.quick);
  // the worker threads start before the clock, as Node's start when the module loads
  await startThreads();
  const t0 = performance.now();
  const [x, y, testX, testY] = await Promise.all((['x', 'y', 'testX', 'testY'] as const).map((n) => array(n, config.shapes[n])));
  // the examples as given (already scaled: dtype uint8 keeps them), shuffled with the loader's default seed, as
  // read_data_sets's train set is in Node: the same batches in the same order
  const set = w.batch === null ? null : new DataSet(x!, y!, { dtype: 'uint8' });
  const next_batch = (n: number): [NDArray, NDArray] => {
    if (!set) throw new Error('a full-batch workload draws no batches');
    return set.next_batch(n);
  };
  const run = await trainSoftmax(w, config.backend, { x: x!, y: y!, testX: testX!, testY: testY!, next_batch }, t0);
  return { ...run, crossOriginIsolated, threads: threadCount(), userAgent: navigator.userAgent };
}

const g = window as unknown as { __bench?: PageRun | { error: string } };
main().then(
  (r) => (g.__bench = r),
  (e: unknown) => (g.__bench = { error: String((e as Error).stack ?? e) }),
);
