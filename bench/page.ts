// The bench's page mode (npm run bench -- --page): this project's engine in headless Chromium (Debian's, driven by
// playwright-core), on a page served cross-origin isolated as the tutorial page is (web/plugins/isolation.ts), so
// the CPU backend runs on Web Workers over its shared memory. The page is bench/page/entry.ts bundled with esbuild,
// the library bundled for the browser as Vite bundles it for the tutorial page; it fetches the workload's arrays
// from this server (the ones the Node run loads), so both runs train on the same data; the mini-batch workloads
// draw their batches there with the loader's DataSet, seeded as Node's is, so both draw the same batches. With
// BENCH_PAGE_PROFILE=DIR the page's main thread is profiled (Chrome's sampling profiler, through the DevTools
// protocol) and the profile written to DIR/page-WORKLOAD.cpuprofile, for `npx tsx bench/profile_top.ts DIR`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import type { BackendName } from '../src/session/backend.js';
import { CHROMIUM, CHROMIUM_FLAGS } from '../test/e2e/browser.js';
import { CROSS_ORIGIN_ISOLATION } from '../web/plugins/isolation.js';
import { loadData } from './data.js';
import type { PageConfig, PageRun } from './page/entry.js';
import { runResult, workload, type RunResult, type WorkloadName } from './workloads.js';

/** The workloads the page runs: the softmax model's, full-batch or drawing mini-batches from the served examples. */
export const PAGE_WORKLOADS: readonly WorkloadName[] = ['article', 'full', 'minibatch', 'adam'];

/** Runs workload `name` in a Chromium page; its result as the bench's other engines report theirs ('this-page'). */
export async function runPage(name: WorkloadName, quick: boolean, backend: BackendName): Promise<RunResult> {
  const w = workload(name, quick);
  if (!PAGE_WORKLOADS.includes(name)) throw new Error(`the page mode runs ${PAGE_WORKLOADS.join(', ')}, not ${name}`);
  const bundle = await build({ entryPoints: [join(import.meta.dirname, 'page/entry.ts')], bundle: true, format: 'esm', platform: 'browser', write: false });
  const data = loadData(w);
  const arrays = { x: data.x, y: data.y, testX: data.testX, testY: data.testY };
  const config: PageConfig = {
    workload: name,
    quick,
    backend,
    shapes: { x: [...data.x.shape], y: [...data.y.shape], testX: [...data.testX.shape], testY: [...data.testY.shape] },
  };
  const files = new Map<string, [string, Uint8Array | string]>([
    ['/', ['text/html', '<!doctype html><title>tf1-ts bench</title><script type="module" src="page.js"></script>']],
    ['/page.js', ['text/javascript', bundle.outputFiles[0]!.text]],
    ['/config.json', ['application/json', JSON.stringify(config)]],
    ...Object.entries(arrays).map(([k, a]): [string, [string, Uint8Array]] => [
      `/data/${k}`,
      ['application/octet-stream', new Uint8Array(a.data.buffer, a.data.byteOffset, a.data.byteLength)],
    ]),
  ]);
  const server = createServer((req, res) => {
    const file = files.get(req.url ?? '');
    if (!file) res.writeHead(404).end();
    else res.writeHead(200, { 'content-type': file[0], ...CROSS_ORIGIN_ISOLATION }).end(file[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS.filter((f) => f !== '--headless') });
  try {
    const page = await browser.newPage();
    const profileDir = process.env.BENCH_PAGE_PROFILE;
    const cdp = profileDir ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
    }
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.waitForFunction(() => (window as { __bench?: unknown }).__bench !== undefined, null, { timeout: 0, polling: 500 });
    if (cdp && profileDir) {
      const { profile } = await cdp.send('Profiler.stop');
      mkdirSync(profileDir, { recursive: true });
      writeFileSync(join(profileDir, `page-${name}.cpuprofile`), JSON.stringify(profile));
    }
    const run = (await page.evaluate(() => (window as { __bench?: unknown }).__bench)) as PageRun | { error: string };
    if ('error' in run) throw new Error(`the bench page failed: ${run.error}`);
    const chrome = /Chrome\/([\d.]+)/.exec(run.userAgent)?.[1] ?? 'unknown';
    const isolation = run.crossOriginIsolated ? 'cross-origin isolated' : 'NOT cross-origin isolated';
    return runResult('this-page', w, {
      detail: `Chromium ${chrome}, ${isolation}, ${run.threads} thread${run.threads === 1 ? '' : 's'}: ${run.detail}`,
      evaluations: run.evaluations,
      train_s: run.train_s,
      total_s: run.total_s,
      // the browser's processes are not this one: no CPU time or peak memory
      cpu_s: Number.NaN,
      peak_mib: Number.NaN,
      accuracy: run.accuracy,
      loss: run.loss,
      ...(run.profile ? { profile: run.profile } : {}),
    });
  } finally {
    await browser.close();
    server.close();
  }
}
