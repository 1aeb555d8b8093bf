// The interactive tutorial page: `npm run web` serves it, `npm run build:web` writes the static site to dist-web/.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { CROSS_ORIGIN_ISOLATION, isolationHeaders } from './plugins/isolation.js';
import { mnistData } from './plugins/mnist_data.js';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('.'),
  // Relative asset URLs, so the built site works from any folder it is copied to.
  base: './',
  publicDir: false,
  resolve: {
    // src/tutorial/idx.ts reads files with Node's fs and zlib next to the byte parsers the page shares; the page
    // only calls the parsers, so these stand-ins keep Node's modules out of the bundle (and its warnings out of the build).
    alias: {
      'node:fs': here('src/node_stub.ts'),
      'node:zlib': here('src/node_stub.ts'),
    },
  },
  // Cross-origin isolated (web/plugins/isolation.ts), so the CPU backend runs on worker threads in the page too.
  server: { host: '127.0.0.1', port: 5173, headers: CROSS_ORIGIN_ISOLATION },
  preview: { host: '127.0.0.1', headers: CROSS_ORIGIN_ISOLATION },
  build: {
    outDir: here('../dist-web'),
    emptyOutDir: true,
    target: 'es2022',
    // vega is most of the bundle; one chunk over Vite's 500 kB warning is expected, not a mistake.
    chunkSizeWarningLimit: 2000,
    // Gzipping MNIST (web/plugins/mnist_data.ts) takes seconds by design; Rolldown's slow-plugin report says only that.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  plugins: [mnistData(), isolationHeaders()],
});
