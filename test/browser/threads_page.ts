/**
 * The browser side of the threads test: waits for the CPU backend's worker threads (Web Workers where the page
 * is cross-origin isolated), runs test/browser/threads_graph.ts and publishes what it saw on `window.__threads`.
 */
import { startThreads, threadCount } from '../../src/session/cpu/wasm/pool.js';
import { runThreadsGraph, type ThreadsResult } from './threads_graph.js';

/** What the page publishes. */
export interface ThreadsPageResult extends ThreadsResult {
  crossOriginIsolated: boolean;
  /** Whether the kernels' memory is a SharedArrayBuffer. */
  sharedMemory: boolean;
  threads: number;
}

async function main(): Promise<ThreadsPageResult> {
  const { wasm } = await import('../../src/session/cpu/wasm/instance.js');
  await startThreads();
  const threads = threadCount();
  return { crossOriginIsolated, sharedMemory: wasm?.shared ?? false, threads, ...(await runThreadsGraph()) };
}

const w = window as unknown as { __threads?: ThreadsPageResult | { error: string } };
main().then(
  (r) => (w.__threads = r),
  (e: unknown) => (w.__threads = { error: String((e as Error).stack ?? e) }),
);
