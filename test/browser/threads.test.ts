import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CROSS_ORIGIN_ISOLATION } from '../../web/plugins/isolation.js';
import { CHROMIUM, CHROMIUM_FLAGS } from '../e2e/browser.js';
import { runThreadsGraph, type ThreadsResult } from './threads_graph.js';
import type { ThreadsPageResult } from './threads_page.js';

// The CPU backend in a page: cross-origin isolated (COOP/COEP, as web/vite.config.ts serves the tutorial page), its
// kernels' memory is shared and its products and convolutions run on Web Workers; without the headers it runs on
// the page's thread alone. Either way the results are Node's. The page reports 4 cores (DevTools' override), so
// the pool's size is the page's own figure and not this machine's.
const CORES = 4;

/** Float32 results summed in another order: a few units in the last place. */
function expectClose(got: number[][], want: number[][]): void {
  expect(got.map((o) => o.length)).toEqual(want.map((o) => o.length));
  got.forEach((o, i) => o.forEach((v, j) => expect(Math.abs(v - want[i]![j]!)).toBeLessThanOrEqual(1e-5 * (Math.abs(want[i]![j]!) + 1))));
}

describe('the CPU backend in Chromium', () => {
  let server: Server;
  let browser: Browser;
  let url: string;
  let node: ThreadsResult;

  beforeAll(async () => {
    const bundle = await build({ entryPoints: [join(import.meta.dirname, 'threads_page.ts')], bundle: true, format: 'esm', platform: 'browser', write: false });
    const js = bundle.outputFiles[0]!.text;
    server = createServer((req, res) => {
      // /isolated/ gets the two headers, /plain/ none
      const headers = req.url?.startsWith('/isolated/') ? CROSS_ORIGIN_ISOLATION : {};
      if (req.url?.endsWith('/page.js')) res.writeHead(200, { 'content-type': 'text/javascript', ...headers }).end(js);
      else
        res
          .writeHead(200, { 'content-type': 'text/html', ...headers })
          .end('<!doctype html><title>tf1-ts threads</title><script type="module" src="page.js"></script>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS.filter((f) => f !== '--headless') });
    node = await runThreadsGraph();
  });

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  async function open(path: string): Promise<{ page: Page; result: ThreadsPageResult }> {
    const page = await browser.newPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setHardwareConcurrencyOverride', { hardwareConcurrency: CORES });
    await page.goto(url + path);
    await page.waitForFunction(() => (window as { __threads?: unknown }).__threads !== undefined, null, { timeout: 60_000 });
    const result = (await page.evaluate(() => (window as { __threads?: unknown }).__threads)) as ThreadsPageResult | { error: string };
    if ('error' in result) throw new Error(`the page failed: ${result.error}`);
    return { page, result };
  }

  it('runs on worker threads over a shared memory in a cross-origin isolated page, with the results of Node', async () => {
    const { page, result } = await open('isolated/');
    expect(result.crossOriginIsolated).toBe(true);
    expect(result.sharedMemory).toBe(true);
    expect(result.threads).toBe(CORES);
    expect(result.description).toContain(`on ${CORES} threads`);
    // the filter gradient's partial sums are split by thread count (4 here, the machine's count in Node)
    expectClose(result.outputs, node.outputs);
    await page.close();
  });

  it('runs on the page thread alone without cross-origin isolation, with the same results', async () => {
    const { page, result } = await open('plain/');
    expect(result.crossOriginIsolated).toBe(false);
    // Chromium makes a shared WebAssembly memory even here (the in-place kernels run), but posting it to a worker
    // needs isolation: one thread
    expect(result.sharedMemory).toBe(true);
    expect(result.threads).toBe(1);
    expect(result.description).toContain('on 1 thread');
    expectClose(result.outputs, node.outputs);
    await page.close();
  });
});
