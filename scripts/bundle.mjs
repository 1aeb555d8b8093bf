// Bundles the compiled package (tsc's dist/) into one file per entry point, with their shared code in chunks, so
// that `import 'tf1-ts'` loads a handful of files instead of about 400 modules (each a file read, a resolution and a
// compilation: 0.33–0.35 s of module loading where the bundle takes 0.17, docs/performance.md "Loading the
// package"). The entry points are the package's exports and its command; their paths stay as they were, tsc's
// declarations (.d.ts) stay beside them for the types, and the dependencies stay imports of their packages. Run by
// `npm run build` and `prepare` after tsc, before the example programs are compiled (they import the package by its
// name, so they load these entries). Usage: node scripts/bundle.mjs
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
/** The package's entry points in dist/ (package.json "exports" and "bin"). */
const ENTRIES = ['index.js', 'testing/index.js', 'examples/tutorials/mnist/index.js', 'cli/main.js'];

for (const e of ENTRIES) if (!existsSync(join(dist, e))) throw new Error(`dist/${e} is missing: run tsc -p tsconfig.build.json first`);
// bundling a bundle would also drop the example programs compiled after it (npm run build does all three steps)
if (readFileSync(join(dist, 'index.js'), 'utf8').includes('./chunks/')) throw new Error('dist/ is bundled already: run npm run build');
const out = join(root, 'dist.bundle');
rmSync(out, { recursive: true, force: true });
await build({
  entryPoints: ENTRIES.map((e) => join(dist, e)),
  outbase: dist,
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // the dependencies (and the optional ones, imported where they are used) stay packages of their own
  packages: 'external',
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: 'linked',
  logLevel: 'warning',
});

/** Every file under dir, as paths relative to it (a Dirent's folder is its parentPath from Node 20.12 on, its path before). */
function files(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath ?? e.path, e.name)));
}

// tsc's modules and their maps go; the bundle's files take the entries' places
for (const f of files(dist)) if (f.endsWith('.js') || f.endsWith('.js.map')) rmSync(join(dist, f));
for (const f of files(out)) {
  mkdirSync(dirname(join(dist, f)), { recursive: true });
  renameSync(join(out, f), join(dist, f));
}
rmSync(out, { recursive: true, force: true });
