// The tutorial page's servers send COOP/COEP (web/plugins/isolation.ts): Vite's dev server (npm run web) and its
// preview server (what the e2e tests and `vite preview` serve the built site with). The built site's `_headers`
// file and the page's crossOriginIsolated in Chromium are checked by test/e2e/page.test.ts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, preview } from 'vite';
import { describe, expect, it } from 'vitest';
import { CROSS_ORIGIN_ISOLATION, HEADERS_FILE } from '../../web/plugins/isolation.js';
import { WEB_CONFIG } from './site.js';

async function expectIsolated(url: string): Promise<void> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  for (const [name, value] of Object.entries(CROSS_ORIGIN_ISOLATION)) expect(res.headers.get(name)).toBe(value);
}

describe('cross-origin isolation of the tutorial page', () => {
  it('the dev server sends COOP same-origin and COEP require-corp', async () => {
    const server = await createServer({
      configFile: WEB_CONFIG,
      logLevel: 'warn',
      server: { port: 0, strictPort: false },
      optimizeDeps: { noDiscovery: true },
    });
    try {
      await server.listen();
      await expectIsolated(server.resolvedUrls!.local[0]!);
    } finally {
      await server.close();
    }
  });

  it('the preview server sends them for the built site', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'tf1-ts-isolation-'));
    writeFileSync(join(outDir, 'index.html'), '<!doctype html><title>built</title>');
    const server = await preview({ configFile: WEB_CONFIG, logLevel: 'warn', build: { outDir }, preview: { port: 0, strictPort: false, open: false } });
    try {
      await expectIsolated(server.resolvedUrls!.local[0]!);
    } finally {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    }
  });

  it("the _headers file gives every path of the site both headers, in Netlify's and Cloudflare Pages' format", () => {
    expect(HEADERS_FILE).toBe('/*\n  Cross-Origin-Opener-Policy: same-origin\n  Cross-Origin-Embedder-Policy: require-corp\n');
  });
});
