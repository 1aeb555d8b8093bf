import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageResult } from './page.js';

// Debian's Chromium, never a downloaded browser. Flags: WebGPU is behind --enable-unsafe-webgpu on
// Linux; the rest keep Chromium off the network this machine does not have (the machine notes'
// set, less --disable-gpu, which would turn WebGPU off). Playwright adds --headless.
const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--enable-unsafe-webgpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

describe('the WebGPU backend in Chromium', () => {
  let server: Server;
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    // The page's script is the library itself, bundled for the browser as the web page bundles it.
    const bundle = await build({ entryPoints: [join(import.meta.dirname, 'page.ts')], bundle: true, format: 'esm', platform: 'browser', write: false });
    const js = bundle.outputFiles[0]!.text;
    server = createServer((req, res) => {
      if (req.url === '/page.js') {
        res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
      } else {
        res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>tf1-ts WebGPU</title><script type="module" src="/page.js"></script>');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`; // localhost is a secure context, as WebGPU needs
    // launch() gives the browser a fresh, empty profile of its own.
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  it('runs a graph with WGSL kernels through navigator.gpu and matches the CPU backend', async () => {
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForFunction(() => (window as { __webgpuResult?: unknown }).__webgpuResult !== undefined, null, { timeout: 60_000 });
    const result = (await page.evaluate(() => (window as { __webgpuResult?: unknown }).__webgpuResult)) as PageResult | { error: string };
    if ('error' in result) throw new Error(`the page failed: ${result.error}`);
    expect(result.backend).toBe('webgpu');
    expect(result.description).toMatch(/^WebGPU: /);
    const [softmax, colSums, argmax] = result.outputs;
    expect(softmax!.shape).toEqual([4, 4]);
    softmax!.gpu.forEach((v, i) => expect(Math.abs(v - softmax!.cpu[i]!)).toBeLessThanOrEqual(2 ** -16 * (Math.abs(softmax!.cpu[i]!) + 1)));
    colSums!.gpu.forEach((v, i) => expect(Math.abs(v - colSums!.cpu[i]!)).toBeLessThanOrEqual(2 ** -16 * (Math.abs(colSums!.cpu[i]!) + 4)));
    expect(argmax!.gpu).toEqual(argmax!.cpu);
    await page.close();
  });
});
