// Snappy decompression (the format of google/snappy's format_description.txt), for table blocks of compression
// type 1, which TF 1.1 could write into a checkpoint's `.index` (TF writes uncompressed tables since 1.2). Every
// length and offset is checked; a malformed stream is DataLossError with TF's wording, never an overrun.
import { DataLossError } from '../errors.js';

const corrupted = (): never => {
  throw new DataLossError('corrupted compressed block contents');
};

/** The uncompressed bytes of a snappy stream: a varint length, then literals and back-references. */
export function snappyUncompress(src: Uint8Array): Uint8Array {
  let at = 0;
  let n = 0;
  for (let shift = 0; ; shift += 7) {
    if (at >= src.length || shift > 28) corrupted();
    const b = src[at++]!;
    n += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) break;
  }
  // A stream expands at most 64-fold per input byte pair (a 3-byte copy of 64 bytes); a larger claim is corrupt.
  if (n > 0xffffffff || n > src.length * 32 + 64) corrupted();
  const out = new Uint8Array(n);
  let o = 0;
  const readLE = (bytes: number): number => {
    if (at + bytes > src.length) corrupted();
    let v = 0;
    for (let i = 0; i < bytes; i++) v += src[at + i]! * 2 ** (8 * i);
    at += bytes;
    return v;
  };
  while (at < src.length) {
    const tag = src[at++]!;
    let len: number;
    let offset: number;
    switch (tag & 3) {
      case 0: {
        len = tag >>> 2;
        if (len >= 60) len = readLE(len - 59);
        len += 1;
        if (at + len > src.length || o + len > n) corrupted();
        out.set(src.subarray(at, at + len), o);
        at += len;
        o += len;
        continue;
      }
      case 1:
        len = 4 + ((tag >>> 2) & 7);
        offset = ((tag >>> 5) << 8) | readLE(1);
        break;
      case 2:
        len = (tag >>> 2) + 1;
        offset = readLE(2);
        break;
      default:
        len = (tag >>> 2) + 1;
        offset = readLE(4);
    }
    if (offset === 0 || offset > o || o + len > n) corrupted();
    // Byte by byte: a copy may overlap its own output (offset < len repeats a pattern).
    for (let i = 0; i < len; i++, o++) out[o] = out[o - offset]!;
  }
  if (o !== n) corrupted();
  return out;
}
