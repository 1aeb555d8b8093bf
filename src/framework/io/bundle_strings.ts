// String tensors in a tensor bundle's data file, as TF's tensor_bundle.cc WriteStringTensor / ReadStringTensor lay
// them out: every element's length as a varint64, the masked CRC-32C of those length bytes (4 bytes, little-endian),
// then the elements' bytes one after another.
import { DataLossError } from '../errors.js';
import { crc32c, maskCrc, unmaskCrc } from '../crc32c.js';

/** The data-file bytes of a string tensor's elements. */
export function stringTensorBytes(values: readonly Uint8Array[]): Uint8Array {
  const lengths: number[] = [];
  for (const v of values) {
    let n = v.length;
    while (n >= 0x80) {
      lengths.push((n & 0x7f) | 0x80);
      n = Math.floor(n / 128);
    }
    lengths.push(n);
  }
  const total = lengths.length + 4 + values.reduce((s, v) => s + v.length, 0);
  const out = new Uint8Array(total);
  out.set(lengths, 0);
  new DataView(out.buffer).setUint32(lengths.length, maskCrc(crc32c(Uint8Array.from(lengths))), true);
  let at = lengths.length + 4;
  for (const v of values) {
    out.set(v, at);
    at += v.length;
  }
  return out;
}

/** The `n` elements of a string tensor from its data-file bytes; DataLossError (TF's wording) when they do not add up. */
export function readStringTensor(raw: Uint8Array, n: number, name: string): Uint8Array[] {
  const bad = (why: string): never => {
    throw new DataLossError(`Bad string tensor ${name} in the checkpoint: ${why}`);
  };
  const lengths: number[] = [];
  let at = 0;
  for (let i = 0; i < n; i++) {
    let len = 0;
    for (let shift = 0; ; shift += 7) {
      if (at >= raw.length || shift > 49) bad('its element lengths are cut short');
      const b = raw[at++]!;
      len += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) break;
    }
    lengths.push(len);
  }
  if (at + 4 > raw.length) bad('its length checksum is cut short');
  const stored = unmaskCrc(new DataView(raw.buffer, raw.byteOffset + at, 4).getUint32(0, true));
  const actual = crc32c(raw.subarray(0, at));
  if (stored !== actual) {
    throw new DataLossError(`The length checksum does not match: expected ${String(stored).padStart(8, '0')} but actual ${String(actual).padStart(8, '0')}`);
  }
  at += 4;
  const out: Uint8Array[] = [];
  for (const len of lengths) {
    if (at + len > raw.length) bad('its elements run past the stored bytes');
    out.push(raw.slice(at, at + len));
    at += len;
  }
  if (at !== raw.length) bad(`${raw.length - at} bytes follow its last element`);
  return out;
}
