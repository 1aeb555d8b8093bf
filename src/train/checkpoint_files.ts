// A checkpoint's files by prefix: V2 (TF's tensor bundle, `<prefix>.index` + `<prefix>.data-00000-of-00001`),
// written atomically, and read; or the single file tf1-ts wrote before V2 (`<prefix>` itself, checkpoint_format.ts),
// still read. Which one a prefix is comes from the files that exist, as TF1's checkpoint_exists decides.
import type { DType } from '../framework/dtypes.js';
import { NotFoundError } from '../framework/errors.js';
import type { NDArray } from '../framework/ndarray.js';
import {
  type BundleIndex,
  bundleDataFilename,
  bundleDebugString,
  bundleDtype,
  bundleIndexFilename,
  dataTypeName,
  encodeBundle,
  readBundleIndex,
  readBundleTensor,
} from '../framework/io/tensor_bundle.js';
import { openBundleSync, readIfFileSync } from '../framework/io/bundle_files.js';
import { encodeCheckpoint, readHeader, readTensor } from './checkpoint_format.js';
import { nodeFsSync, readIfFile, removeFile, writeAtomic } from './checkpoint_io.js';

/** One stored tensor's dtype (null for one tf1-ts lacks; `dtypeName` is TF1's name either way) and shape. */
export interface StoredTensor {
  dtype: DType | null;
  dtypeName: string;
  shape: number[];
}

/** A checkpoint opened for reading: every tensor's dtype and shape, in key order, and checked reads of their values. */
export interface OpenedCheckpoint {
  /** 'V2' for TF's tensor bundle, 'V1' for tf1-ts's earlier single file. */
  format: 'V1' | 'V2';
  entries: ReadonlyMap<string, StoredTensor>;
  /** The value under `name`, its checksum verified; NotFoundError (TF's "Key ... not found in checkpoint") when absent. */
  read(name: string): NDArray;
  /** TF's CheckpointReader::DebugString: `name (DT_FLOAT) [2,3]` per line. */
  debugString(): string;
}

const notFound = (name: string): NotFoundError => new NotFoundError(`Key ${name} not found in checkpoint`);

/** A V2 checkpoint from its parsed index; `shard(id)` gives a data file's bytes (or null when it is missing). */
function openV2(prefix: string, ix: BundleIndex, shard: (id: number) => Uint8Array | null): OpenedCheckpoint {
  const entries = new Map<string, StoredTensor>();
  for (const e of ix.entries.values()) {
    if (!e.sliced) entries.set(e.name, { dtype: bundleDtype(e.dataType), dtypeName: dataTypeName(e.dataType), shape: e.shape });
  }
  return {
    format: 'V2',
    entries,
    read: (name) => {
      const e = ix.entries.get(name);
      if (!e) throw notFound(name);
      return readBundleTensor(e, ix, shard, prefix);
    },
    debugString: () => bundleDebugString(ix),
  };
}

/** tf1-ts's earlier single-file checkpoint. */
function openV1(prefix: string, bytes: Uint8Array): OpenedCheckpoint {
  const { entries, dataStart } = readHeader(bytes, prefix);
  const byName = new Map([...entries].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0)).map((e) => [e.name, e]));
  const DT: Record<DType, string> = {
    float32: 'DT_FLOAT',
    float64: 'DT_DOUBLE',
    int32: 'DT_INT32',
    int64: 'DT_INT64',
    bool: 'DT_BOOL',
    uint8: 'DT_UINT8',
    int8: 'DT_INT8',
    int16: 'DT_INT16',
    uint16: 'DT_UINT16',
    string: 'DT_STRING',
    resource: 'DT_RESOURCE',
  };
  return {
    format: 'V1',
    entries: new Map([...byName].map(([n, e]) => [n, { dtype: e.dtype, dtypeName: e.dtype, shape: e.shape }])),
    read: (name) => {
      const e = byName.get(name);
      if (!e) throw notFound(name);
      return readTensor(bytes, dataStart, e);
    },
    debugString: () => [...byName.values()].map((e) => `${e.name} (${DT[e.dtype]}) [${e.shape.join(',')}]\n`).join(''),
  };
}

/**
 * Opens the checkpoint at `prefix` (reading its files now): V2 when `<prefix>.index` is a file, else tf1-ts's single
 * file `<prefix>`; null when there is neither. DataLossError and TF1's other errors for a corrupt file.
 */
export async function openCheckpoint(prefix: string): Promise<OpenedCheckpoint | null> {
  const index = await readIfFile(bundleIndexFilename(prefix));
  if (index !== null) {
    const ix = readBundleIndex(index, bundleIndexFilename(prefix));
    const n = Math.max(ix.num_shards, 1);
    const shards = await Promise.all(Array.from({ length: n }, (_, i) => readIfFile(bundleDataFilename(prefix, i, ix.num_shards))));
    return openV2(prefix, ix, (id) => shards[id] ?? null);
  }
  const single = await readIfFile(prefix);
  return single === null ? null : openV1(prefix, single);
}

/** openCheckpoint, synchronously (TF1's CheckpointReader returns at once); data shards are read when first needed. */
export function openCheckpointSync(prefix: string): OpenedCheckpoint | null {
  const { fs } = nodeFsSync();
  const bundle = openBundleSync(prefix, fs);
  if (bundle !== null) return openV2(prefix, bundle.index, bundle.shard);
  const single = readIfFileSync(fs, prefix);
  return single === null ? null : openV1(prefix, single);
}

/** TF1's checkpoint_exists: `<prefix>.index` (V2) or `<prefix>` itself (V1) is a file. Synchronous. */
export function checkpointExistsSync(prefix: string): boolean {
  const { fs } = nodeFsSync();
  const isFile = (p: string): boolean => {
    try {
      return fs.statSync(p).isFile();
    } catch {
      return false;
    }
  };
  return isFile(bundleIndexFilename(prefix)) || isFile(prefix);
}

/** The files a checkpoint at `prefix` may have, besides its `.meta`: V2's index and data shard, and V1's single file. */
export const checkpointFiles = (prefix: string): string[] => [bundleIndexFilename(prefix), bundleDataFilename(prefix), prefix];

/**
 * Writes `tensors` at `prefix`: V2 (the default, SaverDef.V2) as TF's SaveV2 does, the data shard and then the index,
 * each atomically (a temporary name, fsync, rename), so an index that exists always has its data beside it; V1 as
 * tf1-ts's single file, after which V2 files of the same prefix (which a restore would prefer) are removed.
 */
export async function writeCheckpoint(prefix: string, tensors: ReadonlyMap<string, NDArray>, version: 1 | 2): Promise<void> {
  if (version === 2) {
    const { index, data } = encodeBundle(tensors);
    await writeAtomic(bundleDataFilename(prefix), data);
    await writeAtomic(bundleIndexFilename(prefix), index);
  } else {
    await writeAtomic(prefix, encodeCheckpoint(tensors));
    await removeFile(bundleIndexFilename(prefix));
    await removeFile(bundleDataFilename(prefix));
  }
}
