// The page under test: built once with Vite into a temporary folder and served by Vite's preview server on a free
// localhost port, as `npm run build:web` builds it (the same config), so the tests see what a reader gets.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, preview, type PreviewServer } from 'vite';

/** The web page's Vite config. */
export const WEB_CONFIG = join(import.meta.dirname, '../../web/vite.config.ts');

/** A served build of the page. */
export interface Site {
  /** The page's address, ending in '/'. */
  readonly url: string;
  /** The origin every request of the page should go to. */
  readonly origin: string;
  close(): Promise<void>;
}

/** Builds the page and serves it on 127.0.0.1 at a free port. */
export async function serveSite(): Promise<Site> {
  const outDir = mkdtempSync(join(tmpdir(), 'tf1-ts-web-'));
  await build({ configFile: WEB_CONFIG, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const server: PreviewServer = await preview({
    configFile: WEB_CONFIG,
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report its address');
  const origin = new URL(url).origin;
  return {
    url,
    origin,
    async close() {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}
