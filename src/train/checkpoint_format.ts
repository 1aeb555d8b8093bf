// The bytes of a tf1-ts checkpoint: one self-contained file per checkpoint (TF1's V1 layout,
// where the prefix itself is the file), so a single rename publishes it atomically.
// Layout and checks are documented in docs/saving.md. Pure code: no file system here, so the
// format also encodes and decodes in a browser.
import { DataLossError, UnimplementedError } from '../framework/errors.js';
import { allocHost, BYTES_PER_ELEMENT, isDType, type DType, type HostArray } from '../framework/dtypes.js';
import { NDArray, sizeOf } from '../framework/ndarray.js';
import { crc32c, maskCrc } from '../framework/crc32c.js';

/** The 8 bytes a checkpoint starts with. */
export const CHECKPOINT_MAGIC = 'TF1TSCKP';
/** The 8 bytes a complete checkpoint ends with: a file cut short lacks them. */
export const CHECKPOINT_FOOTER = 'TF1TSEND';
/** The format version this code writes and reads. */
export const CHECKPOINT_VERSION = 1;

/** One tensor's entry in the header: where its bytes lie in the data section and their checksum. */
export interface CheckpointEntry {
  name: string;
  dtype: DType;
  shape: number[];
  /** Byte offset from the start of the data section (a multiple of 8). */
  offset: number;
  /** Byte length. */
  length: number;
  /** Masked CRC-32C of the bytes, as TF1's table format stores checksums. */
  crc32c: number;
}

const align8 = (n: number): number => Math.ceil(n / 8) * 8;
/** The typed array each dtype's stored bytes are read as (int64 is converted from 64-bit integers). */
const VIEWS: Record<Exclude<DType, 'int64' | 'string'>, new (b: ArrayBuffer) => HostArray> = {
  float32: Float32Array,
  float64: Float64Array,
  int32: Int32Array,
  bool: Uint8Array,
  uint8: Uint8Array,
  int8: Int8Array,
  int16: Int16Array,
  uint16: Uint16Array,
  resource: Float64Array,
};

function assertLittleEndian(): void {
  if (new Uint8Array(Uint16Array.of(1).buffer)[0] !== 1) throw new UnimplementedError('Checkpoints are little-endian; this host is big-endian.');
}

/** A tensor's bytes as stored: little-endian, int64 as two's-complement 64-bit, bool one byte each. */
function tensorBytes(a: NDArray): Uint8Array {
  if (a.dtype === 'string') throw new UnimplementedError('tf1-ts checkpoints do not hold string tensors yet.');
  if (a.dtype === 'int64') {
    const out = new BigInt64Array(a.size);
    for (let i = 0; i < a.size; i++) out[i] = BigInt(Math.trunc(a.data[i]!));
    return new Uint8Array(out.buffer);
  }
  return new Uint8Array(a.data.buffer, a.data.byteOffset, a.data.byteLength);
}

/** Encodes named arrays into the bytes of one checkpoint file. */
export function encodeCheckpoint(tensors: ReadonlyMap<string, NDArray>): Uint8Array {
  assertLittleEndian();
  const entries: CheckpointEntry[] = [];
  const blobs: Uint8Array[] = [];
  let dataLength = 0;
  for (const [name, a] of [...tensors].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    const bytes = tensorBytes(a);
    entries.push({ name, dtype: a.dtype, shape: [...a.shape], offset: dataLength, length: bytes.length, crc32c: maskCrc(crc32c(bytes)) });
    blobs.push(bytes);
    dataLength = align8(dataLength + bytes.length);
  }
  const header = new TextEncoder().encode(JSON.stringify({ tensors: entries, data_length: dataLength }));
  const dataStart = align8(20 + header.length);
  const out = new Uint8Array(dataStart + dataLength + 8);
  const view = new DataView(out.buffer);
  const enc = new TextEncoder();
  out.set(enc.encode(CHECKPOINT_MAGIC), 0);
  view.setUint32(8, CHECKPOINT_VERSION, true);
  view.setUint32(12, header.length, true);
  out.set(header, 16);
  view.setUint32(16 + header.length, maskCrc(crc32c(header)), true);
  entries.forEach((e, i) => out.set(blobs[i]!, dataStart + e.offset));
  out.set(enc.encode(CHECKPOINT_FOOTER), out.length - 8);
  return out;
}

function isEntry(e: unknown): e is CheckpointEntry {
  if (typeof e !== 'object' || e === null) return false;
  const r = e as Record<string, unknown>;
  const nat = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
  return typeof r.name === 'string' && isDType(r.dtype) && Array.isArray(r.shape) && r.shape.every(nat) && nat(r.offset) && nat(r.length) && nat(r.crc32c);
}

/** The header of a checkpoint, checked: magic, version, length, header checksum. Throws DataLossError naming `path`. */
export function readHeader(bytes: Uint8Array, path: string): { entries: CheckpointEntry[]; dataStart: number } {
  const lost = (why: string): never => {
    throw new DataLossError(`Unable to open table file ${path}: Data loss: ${why}`);
  };
  const dec = new TextDecoder();
  if (bytes.length < 28 || dec.decode(bytes.subarray(0, 8)) !== CHECKPOINT_MAGIC) {
    lost('not a tf1-ts checkpoint (bad magic number): perhaps your file is in a different file format and you need to use a different restore operator?');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  if (version !== CHECKPOINT_VERSION) lost(`checkpoint format version ${version} is not supported (this build reads version ${CHECKPOINT_VERSION})`);
  const hlen = view.getUint32(12, true);
  if (20 + hlen > bytes.length) lost(`truncated checkpoint: header of ${hlen} bytes runs past the end of the file (${bytes.length} bytes)`);
  const header = bytes.subarray(16, 16 + hlen);
  const stored = view.getUint32(16 + hlen, true);
  const actual = maskCrc(crc32c(header));
  if (stored !== actual) lost(`header checksum does not match: stored ${stored} vs. calculated ${actual}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(dec.decode(header));
  } catch {
    return lost('unreadable checkpoint header');
  }
  const p = parsed as { tensors?: unknown; data_length?: unknown };
  if (!Array.isArray(p.tensors) || !p.tensors.every(isEntry) || typeof p.data_length !== 'number') lost('malformed checkpoint header');
  const entries = p.tensors as CheckpointEntry[];
  const dataStart = align8(20 + hlen);
  const expected = dataStart + (p.data_length as number) + 8;
  if (bytes.length !== expected) lost(`truncated checkpoint: expected ${expected} bytes, found ${bytes.length}`);
  if (dec.decode(bytes.subarray(bytes.length - 8)) !== CHECKPOINT_FOOTER) lost('checkpoint footer missing: the file was not completely written');
  for (const e of entries) {
    if (e.dtype === 'string') lost(`entry for '${e.name}' is a string tensor, which this format does not hold`);
    if (e.length !== sizeOf(e.shape) * BYTES_PER_ELEMENT[e.dtype] || e.offset + e.length > (p.data_length as number))
      lost(`entry for '${e.name}' does not fit its shape or the data section`);
  }
  return { entries, dataStart };
}

/** Decodes one tensor, verifying its checksum (DataLossError as TF1's "Checksum does not match"). */
export function readTensor(bytes: Uint8Array, dataStart: number, e: CheckpointEntry): NDArray {
  assertLittleEndian();
  const raw = bytes.slice(dataStart + e.offset, dataStart + e.offset + e.length);
  const crc = maskCrc(crc32c(raw));
  if (crc !== e.crc32c) {
    throw new DataLossError(`Checksum does not match: stored ${e.crc32c} vs. calculated on the restored bytes ${crc} (tensor '${e.name}')`);
  }
  const n = sizeOf(e.shape);
  let data = allocHost(e.dtype, n);
  if (e.dtype === 'int64') {
    const ints = new BigInt64Array(raw.buffer);
    for (let i = 0; i < n; i++) data[i] = Number(ints[i]!);
  } else if (e.dtype !== 'string') {
    data = new VIEWS[e.dtype](raw.buffer);
  }
  return new NDArray(data, e.shape, e.dtype);
}

/** Decodes every tensor of a checkpoint, verifying all checksums before returning any. */
export function decodeCheckpoint(bytes: Uint8Array, path: string): Map<string, NDArray> {
  const { entries, dataStart } = readHeader(bytes, path);
  return new Map(entries.map((e) => [e.name, readTensor(bytes, dataStart, e)]));
}

/**
 * Decodes the tensors under `keys` for a restore: the header is checked, then `check` judges each key's entry
 * (null when absent) and may return the error to throw, then the checksums; nothing is returned unless all pass.
 */
export function decodeCheckpointFor(
  bytes: Uint8Array,
  path: string,
  keys: readonly string[],
  check: (key: string, entry: CheckpointEntry | null) => Error | null,
): Map<string, NDArray> {
  const { entries, dataStart } = readHeader(bytes, path);
  const byName = new Map(entries.map((e) => [e.name, e]));
  for (const k of keys) {
    const err = check(k, byName.get(k) ?? null);
    if (err) throw err;
  }
  return new Map(keys.map((k) => [k, readTensor(bytes, dataStart, byName.get(k)!)]));
}
