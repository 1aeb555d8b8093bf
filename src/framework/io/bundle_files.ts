// A V2 checkpoint's files (the `.index` and its data shards), written and read synchronously, for the SaveV2 and
// RestoreV2 kernels (session/kernels/io.ts), which run inside Session.run. Writes are atomic as TF's BundleWriter
// makes them: each file into a temporary name, renamed into place, the data shard before the index, so an index
// that exists always has its data beside it. Node only (process.getBuiltinModule); elsewhere UnimplementedError.
import { UnimplementedError } from '../errors.js';
import { fsError } from '../fs_errors.js';
import type { NDArray } from '../ndarray.js';
import { bundleDataFilename, bundleIndexFilename, encodeBundle, readBundleIndex, type BundleIndex } from './tensor_bundle.js';

export type Fs = typeof import('node:fs');

function fsSync(): Fs {
  const get = typeof process !== 'undefined' ? (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule : undefined;
  if (typeof get !== 'function') throw new UnimplementedError('SaveV2 and RestoreV2 need Node.js 20.16 or later (a file system).');
  return get('node:fs') as Fs;
}

const hex = (): string =>
  Array.from({ length: 4 }, () =>
    Math.floor(Math.random() * 0x10000)
      .toString(16)
      .padStart(4, '0'),
  ).join('');

/** Writes `bytes` to `file` through a temporary name (`<file>.tmp<16 hex>`, fsync, rename). */
function writeAtomicSync(fs: Fs, file: string, bytes: Uint8Array): void {
  const tmp = `${file}.tmp${hex()}`;
  try {
    const fd = fs.openSync(tmp, 'w');
    try {
      let at = 0;
      while (at < bytes.length) at += fs.writeSync(fd, bytes, at, bytes.length - at, at);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw fsError(e, `Failed to write ${file}`);
  }
}

/** SaveV2's BundleWriter: `tensors` as the V2 checkpoint at `prefix`, byte for byte as Saver.save writes it. */
export function writeBundleSync(prefix: string, tensors: ReadonlyMap<string, NDArray>): void {
  const fs = fsSync();
  const { index, data } = encodeBundle(tensors);
  writeAtomicSync(fs, bundleDataFilename(prefix), data);
  writeAtomicSync(fs, bundleIndexFilename(prefix), index);
}

/** A regular file's bytes, or null when there is none. */
export function readIfFileSync(fs: Fs, file: string): Uint8Array | null {
  try {
    if (!fs.statSync(file).isFile()) return null;
    return new Uint8Array(fs.readFileSync(file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw fsError(e, `Failed to read ${file}`);
  }
}

/** RestoreV2's BundleReader: the parsed index at `prefix` and its shards (read when first needed), or null without an index. */
export function openBundleSync(prefix: string, fs: Fs = fsSync()): { index: BundleIndex; shard: (id: number) => Uint8Array | null } | null {
  const bytes = readIfFileSync(fs, bundleIndexFilename(prefix));
  if (bytes === null) return null;
  const index = readBundleIndex(bytes, bundleIndexFilename(prefix));
  const shards = new Map<number, Uint8Array | null>();
  const shard = (id: number): Uint8Array | null => {
    if (!shards.has(id)) shards.set(id, readIfFileSync(fs, bundleDataFilename(prefix, id, index.num_shards)));
    return shards.get(id)!;
  };
  return { index, shard };
}
