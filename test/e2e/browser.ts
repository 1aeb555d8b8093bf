// Debian's Chromium driven by playwright-core, as the page's end-to-end tests and screenshots need it: headless,
// WebGPU on (SwiftShader where there is no GPU), no background network traffic, a fresh profile each launch.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';

/** Debian's package puts Chromium here; the tests never download a browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Chromium's flags: the three, and the ones that keep Chromium off this machine's closed network
 * (docs: .library machines/node.md). No --disable-gpu: WebGPU needs the GPU process, which runs SwiftShader here.
 */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--enable-unsafe-webgpu',
  '--enable-unsafe-swiftshader',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A running browser with one page, the console errors it has logged, and a way to close both. */
export interface Browser {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors and uncaught exceptions, in order. */
  readonly errors: string[];
  /** Requests the page made to any origin but `allowedOrigin`. */
  readonly foreignRequests: string[];
  close(): Promise<void>;
}

/** Launches Chromium with a fresh profile and a viewport; only `allowedOrigin` is expected to be contacted. */
export async function launch(allowedOrigin: string, viewport = { width: 1100, height: 900 }): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'tf1-ts-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  const foreignRequests: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(allowedOrigin) && !url.startsWith('data:') && !url.startsWith('blob:')) foreignRequests.push(url);
  });
  return {
    context,
    page,
    errors,
    foreignRequests,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
