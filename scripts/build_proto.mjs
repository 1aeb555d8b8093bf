// Generates src/framework/proto/ from proto/ (TF r1.12's message schemas) with protoc and protoc-gen-es:
// one `<name>_pb.ts` per .proto, importing only @bufbuild/protobuf. The output is git-ignored and rebuilt by
// `npm run build:proto`, which `prepare` (so `npm ci`) and `build` run. protoc is Debian's protobuf-compiler
// (.ci/setup.sh installs it).
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const protoDir = join(root, 'proto');
const out = join(root, 'src/framework/proto');
const plugin = join(root, 'node_modules/.bin/protoc-gen-es');

/** The .proto files under dir, relative to proto/; google/ holds only what TF's files import (not generated). */
function protos(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return path === join(protoDir, 'google') ? [] : protos(path);
    return e.name.endsWith('.proto') ? [relative(protoDir, path)] : [];
  });
}

const files = protos(protoDir).sort();
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const args = [`--plugin=protoc-gen-es=${plugin}`, `--es_out=${out}`, '--es_opt=target=ts,import_extension=js', `-I${protoDir}`, ...files];
const run = spawnSync('protoc', args, { stdio: 'inherit' });
if (run.error) {
  const missing = /** @type {NodeJS.ErrnoException} */ (run.error).code === 'ENOENT';
  console.error(missing ? 'build:proto: protoc not found; install it (Debian: apt-get install protobuf-compiler)' : String(run.error));
  process.exit(1);
}
if (run.status !== 0) process.exit(run.status ?? 1);
console.log(`build:proto: ${files.length} schemas -> ${relative(root, out)}/`);
