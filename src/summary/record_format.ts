// TF's TFRecord framing (core/lib/io/record_writer.cc, record_reader.cc), as pure functions over bytes. A record is
//   uint64 length (little-endian) | uint32 masked CRC-32C of those 8 bytes | data | uint32 masked CRC-32C of data
// Event files (TensorBoard) and tf.python_io's record files are sequences of such records.
import { crc32c, maskCrc, unmaskCrc } from '../framework/crc32c.js';
import { DataLossError } from '../framework/errors.js';

/** Bytes before a record's data (length and its CRC), and after it (the data's CRC). */
export const HEADER_SIZE = 12;
export const FOOTER_SIZE = 4;

/** One record framed as TF's RecordWriter::WriteRecord writes it. */
export function encodeRecord(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(HEADER_SIZE + data.length + FOOTER_SIZE);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length >>> 0, true);
  view.setUint32(4, Math.floor(data.length / 2 ** 32), true);
  view.setUint32(8, maskCrc(crc32c(out.subarray(0, 8))), true);
  out.set(data, HEADER_SIZE);
  view.setUint32(HEADER_SIZE + data.length, maskCrc(crc32c(data)), true);
  return out;
}

/**
 * The checked `n` bytes at `at` followed by their masked CRC (TF's ReadChecksummed), or null at the end of the
 * bytes (TF's OutOfRange "eof"); `offset` is what the error names.
 */
export function readChecksummed(bytes: Uint8Array, at: number, n: number, offset: number): Uint8Array | null {
  const avail = bytes.length - at;
  if (avail <= 0) return null;
  if (avail < n + FOOTER_SIZE) throw new DataLossError(`truncated record at ${offset}`);
  const data = bytes.subarray(at, at + n);
  const stored = new DataView(bytes.buffer, bytes.byteOffset + at + n, 4).getUint32(0, true);
  if (unmaskCrc(stored) !== crc32c(data)) throw new DataLossError(`corrupted record at ${offset}`);
  return data;
}

/**
 * The data length a checked header holds; TF's "record size too large" for the largest uint64s. Lengths past 2^53
 * cannot be in any file: they read as truncated further on, as TF's short read does.
 */
export function recordLength(header: Uint8Array): number {
  const view = new DataView(header.buffer, header.byteOffset, 8);
  const lo = view.getUint32(0, true);
  const hi = view.getUint32(4, true);
  if (hi === 0xffffffff && lo >= 0xfffffffc) throw new DataLossError('record size too large');
  return hi * 2 ** 32 + lo;
}

/**
 * The record at `offset` of `bytes` and the offset of the next one, or null at the end: TF's
 * RecordReader::ReadRecord, with its DataLossError wording for a truncated or corrupted record. Never reads
 * outside `bytes`, whatever the length field says.
 */
export function readRecord(bytes: Uint8Array, offset: number): { record: Uint8Array; next: number } | null {
  const header = readChecksummed(bytes, offset, 8, offset);
  if (header === null) return null;
  const length = recordLength(header);
  const dataAt = offset + HEADER_SIZE;
  const data = readChecksummed(bytes, dataAt, Math.min(length, Number.MAX_SAFE_INTEGER - dataAt), dataAt);
  if (data === null) throw new DataLossError(`truncated record at ${offset}`);
  return { record: data, next: dataAt + length + FOOTER_SIZE };
}

/** Every record of `bytes` in order (a generator, so a corrupt record stops the iteration where it lies). */
export function* readRecords(bytes: Uint8Array): Generator<Uint8Array, void, undefined> {
  let offset = 0;
  for (;;) {
    const r = readRecord(bytes, offset);
    if (r === null) return;
    yield r.record;
    offset = r.next;
  }
}
