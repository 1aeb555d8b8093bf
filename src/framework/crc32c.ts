// CRC-32C (Castagnoli), the checksum of TF1's files: tensor_bundle's .index table and data entries, the
// TFRecord framing of event files. The sums come from SheetJS's crc-32 (pure JS, so it runs in browsers);
// the masking is TF's crc32c::Mask.
import CRC32C from 'crc-32/crc32c.js';

/** CRC-32C of `bytes`, unsigned; `seed` continues a sum over earlier bytes (crc32c::Extend). */
export function crc32c(bytes: Uint8Array, seed = 0): number {
  return CRC32C.buf(bytes, seed) >>> 0;
}

const MASK_DELTA = 0xa282ead8;

/** TF's masked CRC (crc32c::Mask): checksums of data that itself holds checksums stay distinct. */
export function maskCrc(crc: number): number {
  return ((((crc >>> 15) | (crc << 17)) >>> 0) + MASK_DELTA) >>> 0;
}

/** The inverse of maskCrc (crc32c::Unmask). */
export function unmaskCrc(masked: number): number {
  const rot = (masked - MASK_DELTA) >>> 0;
  return ((rot >>> 17) | (rot << 15)) >>> 0;
}
