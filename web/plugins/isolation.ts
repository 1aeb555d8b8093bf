// Cross-origin isolation: with these two headers on the page, the browser gives it SharedArrayBuffer, so the CPU
// backend's WebAssembly memory is shared and its kernels run on Web Workers as they run on Node's worker threads
// (src/session/cpu/wasm/pool.ts). Vite's dev and preview servers send them (web/vite.config.ts); the built site
// carries them in a `_headers` file, the format of the static hosts that read one (Netlify, Cloudflare Pages).
// Any other host must be told to send them: see docs/web.md.
import type { Plugin } from 'vite';

/** COOP same-origin + COEP require-corp: the page is crossOriginIsolated and loads nothing from other origins. */
export const CROSS_ORIGIN_ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const;

/** The `_headers` file: every path of the site gets the two headers. */
export const HEADERS_FILE = `/*\n${Object.entries(CROSS_ORIGIN_ISOLATION)
  .map(([k, v]) => `  ${k}: ${v}\n`)
  .join('')}`;

/** Emits `_headers` into the built site. */
export function isolationHeaders(): Plugin {
  return {
    name: 'tf1-ts-isolation-headers',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: '_headers', source: HEADERS_FILE });
    },
  };
}
