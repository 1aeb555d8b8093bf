// TF's tensor bundle (core/util/tensor_bundle/tensor_bundle.cc), the V2 checkpoint format: `<prefix>.index`, a
// sorted table (table.ts) whose empty key holds a BundleHeaderProto and whose every other key is a tensor's name
// holding its BundleEntryProto (dtype, shape, shard, offset, size, masked CRC-32C of the bytes), and the data
// shards `<prefix>.data-00000-of-00001`, the tensors' raw little-endian bytes one after another in name order.
// Pure functions over bytes (no file system), so SaveV2/RestoreV2 kernels and browsers can call them.
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { DataLossError, InvalidArgumentError, NotFoundError, OutOfRangeError, UnimplementedError } from '../errors.js';
import { allocHost, type DType } from '../dtypes.js';
import { NDArray, sizeOf } from '../ndarray.js';
import { readStringTensor, stringTensorBytes } from './bundle_strings.js';
import { crc32c, maskCrc, unmaskCrc } from '../crc32c.js';
import { DataType } from '../proto/tensorflow/core/framework/types_pb.js';
import {
  type BundleEntryProto,
  type BundleHeaderProto,
  BundleEntryProtoSchema,
  BundleHeaderProto_Endianness,
  BundleHeaderProtoSchema,
} from '../proto/tensorflow/core/protobuf/tensor_bundle_pb.js';
import { buildTable, compareBytes, readTable } from './table.js';

/** kTensorBundleVersion / kTensorBundleMinProducer / the consumer version TF r1.12 checks against. */
const BUNDLE_VERSION = 1;
const BUNDLE_MIN_PRODUCER = 0;
const TF_VERSION_STRING = '1.12.0';

/** DataFilename: `<prefix>.data-00000-of-00001`, shard and count in five digits. */
export function bundleDataFilename(prefix: string, shard_id = 0, num_shards = 1): string {
  const d5 = (n: number): string => String(n).padStart(5, '0');
  return `${prefix}.data-${d5(shard_id)}-of-${d5(num_shards)}`;
}
/** MetaFilename: `<prefix>.index`. */
export const bundleIndexFilename = (prefix: string): string => `${prefix}.index`;

/** The DataType of each dtype, and its bytes per element. */
const DT: Record<DType, [DataType, number]> = {
  float32: [DataType.DT_FLOAT, 4],
  float64: [DataType.DT_DOUBLE, 8],
  int32: [DataType.DT_INT32, 4],
  int64: [DataType.DT_INT64, 8],
  bool: [DataType.DT_BOOL, 1],
  uint8: [DataType.DT_UINT8, 1],
  int8: [DataType.DT_INT8, 1],
  int16: [DataType.DT_INT16, 2],
  uint16: [DataType.DT_UINT16, 2],
  // Elements of varying length: stored as bundle_strings.ts lays them out.
  string: [DataType.DT_STRING, 0],
  // a stack's or TensorArray's handle: never in a checkpoint (not read back either)
  resource: [DataType.DT_RESOURCE, 8],
};
const DTYPE_OF = new Map<DataType, DType>(
  Object.entries(DT)
    .filter(([d]) => d !== 'resource')
    .map(([d, [t]]) => [t, d as DType]),
);

/** The dtype tf1-ts gives a stored DataType, or null for one it lacks (string, half, complex, ...). */
export const bundleDtype = (t: DataType): DType | null => DTYPE_OF.get(t) ?? null;

/** TF1's Python name of a DataType (`tf.as_dtype(t).name`): a tf1-ts dtype, or TF's own name for the others. */
export function dataTypeName(t: DataType): string {
  return (
    bundleDtype(t) ??
    (DataType[t] ?? `DataType(${t})`)
      .replace(/^DT_/, '')
      .toLowerCase()
      .replace(/^half$/, 'float16')
  );
}

function assertLittleEndian(): void {
  if (new Uint8Array(Uint16Array.of(1).buffer)[0] !== 1) throw new UnimplementedError('Reading a bundle with different endianness from the reader');
}

/** A tensor's bytes as TF stores them: little-endian, int64 as 64-bit two's complement, bool one byte each. */
function tensorBytes(a: NDArray): Uint8Array {
  if (a.dtype === 'string') return stringTensorBytes(a.strings);
  if (a.dtype === 'int64') {
    const out = new BigInt64Array(a.size);
    for (let i = 0; i < a.size; i++) out[i] = BigInt(Math.trunc(a.data[i]!));
    return new Uint8Array(out.buffer);
  }
  return new Uint8Array(a.data.buffer, a.data.byteOffset, a.data.byteLength);
}

const utf8 = new TextEncoder();

/**
 * BundleWriter + Finish for one shard: the `.index` and `.data-00000-of-00001` bytes of `tensors`, byte for byte as
 * TF r1.12's SaveV2 writes them (keys in bytewise order, data in that order with no padding, no compression).
 */
export function encodeBundle(tensors: ReadonlyMap<string, NDArray>): { index: Uint8Array; data: Uint8Array } {
  assertLittleEndian();
  const keyed = [...tensors].map(([name, a]) => [utf8.encode(name), name, a] as const).sort(([x], [y]) => compareBytes(x, y));
  const entries: [Uint8Array, Uint8Array][] = [];
  const blobs: Uint8Array[] = [];
  let offset = 0;
  for (let i = 0; i < keyed.length; i++) {
    const [key, name, a] = keyed[i]!;
    if (i > 0 && compareBytes(keyed[i - 1]![0], key) === 0) throw new InvalidArgumentError(`Adding duplicate key: ${name}`);
    if (name === '') throw new InvalidArgumentError('The empty key names the bundle header; a tensor cannot be saved under it.');
    const bytes = tensorBytes(a);
    const entry = create(BundleEntryProtoSchema, {
      dtype: DT[a.dtype][0],
      shape: { dim: a.shape.map((size) => ({ size: BigInt(size) })) },
      shardId: 0,
      offset: BigInt(offset),
      size: BigInt(bytes.length),
      crc32c: maskCrc(crc32c(bytes)),
    });
    entries.push([key, toBinary(BundleEntryProtoSchema, entry)]);
    blobs.push(bytes);
    offset += bytes.length;
  }
  const header = create(BundleHeaderProtoSchema, {
    numShards: 1,
    endianness: BundleHeaderProto_Endianness.LITTLE,
    version: { producer: BUNDLE_VERSION, minConsumer: 0 },
  });
  const index = buildTable([[new Uint8Array(0), toBinary(BundleHeaderProtoSchema, header)], ...entries]);
  const data = new Uint8Array(offset);
  let at = 0;
  for (const b of blobs) {
    data.set(b, at);
    at += b.length;
  }
  return { index, data };
}

/** One stored tensor as the index describes it. */
export interface BundleEntry {
  name: string;
  /** The stored DataType (see bundleDtype for tf1-ts's dtype). */
  dataType: DataType;
  shape: number[];
  shard_id: number;
  offset: number;
  size: number;
  /** The masked CRC-32C, as stored. */
  crc32c: number;
  /** True for a partitioned variable's full-tensor entry (its values are in slice entries). */
  sliced: boolean;
}

/** A parsed `.index`: the number of data shards and every tensor's entry, in key order. */
export interface BundleIndex {
  num_shards: number;
  entries: Map<string, BundleEntry>;
}

const notParseable = (key: string): DataLossError => new DataLossError(`Entry for key ${key} not parseable.`);
const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/**
 * BundleReader's constructor over the `.index` bytes: the table (DataLossError for any corruption), the header
 * (version checks as TF's CheckVersions), and every entry (DataLossError for one that does not parse or has an
 * invalid shape). `indexName` names the file in messages.
 */
export function readBundleIndex(indexBytes: Uint8Array, indexName: string): BundleIndex {
  const table = readTable(indexBytes);
  if (table.length === 0 || table[0]![0].length !== 0) {
    throw new DataLossError(
      `Unable to read file (${indexName}). Perhaps the file is corrupt or was produced by a newer version of TensorFlow with format changes (failed to seek to header entry)`,
    );
  }
  let header: BundleHeaderProto;
  try {
    header = fromBinary(BundleHeaderProtoSchema, table[0]![1]);
  } catch {
    throw notParseable('');
  }
  if (header.endianness !== BundleHeaderProto_Endianness.LITTLE) throw new UnimplementedError('Reading a bundle with different endianness from the reader');
  const v = { producer: header.version?.producer ?? 0, minConsumer: header.version?.minConsumer ?? 0, badConsumers: header.version?.badConsumers ?? [] };
  if (v.producer < BUNDLE_MIN_PRODUCER) {
    throw new InvalidArgumentError(
      `Checkpoint producer version ${v.producer} below min producer ${BUNDLE_MIN_PRODUCER} supported by TensorFlow ${TF_VERSION_STRING}.  Please regenerate your checkpoint.`,
    );
  }
  if (v.minConsumer > BUNDLE_VERSION) {
    throw new InvalidArgumentError(
      `Checkpoint min consumer version ${v.minConsumer} above current version ${BUNDLE_VERSION} for TensorFlow ${TF_VERSION_STRING}.  Please upgrade TensorFlow.`,
    );
  }
  if (v.badConsumers.includes(BUNDLE_VERSION)) {
    throw new InvalidArgumentError(`Checkpoint disallows consumer version ${BUNDLE_VERSION}.  Please upgrade TensorFlow: this version is likely buggy.`);
  }
  const entries = new Map<string, BundleEntry>();
  for (const [keyBytes, value] of table.slice(1)) {
    let name: string;
    try {
      name = utf8Strict.decode(keyBytes);
    } catch {
      name = new TextDecoder().decode(keyBytes);
    }
    let e: BundleEntryProto;
    try {
      e = fromBinary(BundleEntryProtoSchema, value);
    } catch {
      throw notParseable(name);
    }
    const dims = e.shape?.dim ?? [];
    const shape = dims.map((d) => Number(d.size));
    const valid = !e.shape?.unknownRank && dims.every((d) => d.size >= 0n && d.size <= BigInt(Number.MAX_SAFE_INTEGER)) && Number.isSafeInteger(sizeOf(shape));
    if (!valid) throw new DataLossError(`Invalid tensor shape: ${name} ${shortShape(e)}`);
    if (e.offset < 0n || e.size < 0n || e.offset > BigInt(Number.MAX_SAFE_INTEGER) || e.size > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw new DataLossError(`Entry for key ${name} has an invalid offset ${e.offset} or size ${e.size}.`);
    }
    entries.set(name, {
      name,
      dataType: e.dtype,
      shape,
      shard_id: e.shardId,
      offset: Number(e.offset),
      size: Number(e.size),
      crc32c: e.crc32c,
      sliced: e.slices.length > 0,
    });
  }
  return { num_shards: header.numShards, entries };
}

function shortShape(e: BundleEntryProto): string {
  if (e.shape?.unknownRank) return 'unknown_rank: true';
  return (e.shape?.dim ?? []).map((d) => `dim { size: ${d.size} }`).join(' ');
}

/**
 * BundleReader::Lookup of one entry's value from its data shard's bytes (`shard(id)` returns them, or null when the
 * file is missing). The size is checked against the dtype and shape and the bytes against their CRC-32C
 * (DataLossError with TF's wording); a data file that ends first is OutOfRangeError, as TF's read. `prefix` names
 * the bundle in messages.
 */
export function readBundleTensor(entry: BundleEntry, index: BundleIndex, shard: (shard_id: number) => Uint8Array | null, prefix: string): NDArray {
  assertLittleEndian();
  const dtype = bundleDtype(entry.dataType);
  if (dtype === null) throw new UnimplementedError(`tf1-ts cannot restore tensor ${entry.name} of type ${dataTypeName(entry.dataType)} from a checkpoint.`);
  if (entry.sliced) throw new UnimplementedError(`Tensor ${entry.name} is saved in slices (a partitioned variable); tf1-ts reads whole tensors only.`);
  const n = sizeOf(entry.shape);
  const expected = n * DT[dtype][1];
  if (dtype !== 'string' && entry.size !== expected) {
    throw new DataLossError(`Invalid size in bundle entry: key ${entry.name}; stored size ${entry.size}; expected size ${expected}`);
  }
  if (entry.shard_id < 0 || entry.shard_id >= Math.max(index.num_shards, 1)) {
    throw new DataLossError(`Entry for key ${entry.name} names shard ${entry.shard_id}, but the bundle has ${index.num_shards}.`);
  }
  const file = shard(entry.shard_id);
  const fileName = bundleDataFilename(prefix, entry.shard_id, index.num_shards);
  if (file === null) throw new NotFoundError(`${fileName}; No such file or directory`);
  if (entry.offset + entry.size > file.length) {
    // TF's read of the data file reaches its end: OutOfRange, as tensor_bundle_test's TruncatedTensorContents expects.
    throw new OutOfRangeError(
      `Read less bytes than requested: tensor ${entry.name} needs bytes [${entry.offset}, ${entry.offset + entry.size}) of ${fileName}, which holds ${file.length}`,
    );
  }
  const raw = file.slice(entry.offset, entry.offset + entry.size);
  const actual = crc32c(raw);
  const stored = unmaskCrc(entry.crc32c);
  if (stored !== actual) {
    throw new DataLossError(`Checksum does not match: stored ${String(stored).padStart(8, '0')} vs. calculated on the restored bytes ${actual}`);
  }
  if (dtype === 'string') return NDArray.fromStrings(readStringTensor(raw, n, entry.name), entry.shape);
  if (dtype === 'int64') {
    const ints = new BigInt64Array(raw.buffer);
    const out = allocHost('int64', n);
    for (let i = 0; i < n; i++) out[i] = Number(ints[i]!);
    return new NDArray(out, entry.shape, dtype);
  }
  const data = allocHost(dtype, n);
  new Uint8Array(data.buffer).set(raw);
  return new NDArray(data, entry.shape, dtype);
}

/** BundleReader::DebugString: `name (DT_FLOAT) [2,3]` per line, in key order, sliced entries left out. */
export function bundleDebugString(index: BundleIndex): string {
  let s = '';
  for (const e of index.entries.values()) {
    if (e.sliced) continue;
    s += `${e.name} (${DataType[e.dataType] ?? e.dataType}) [${e.shape.join(',')}]\n`;
  }
  return s;
}
