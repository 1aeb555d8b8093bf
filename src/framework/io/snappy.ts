/// <reference path="./snappyjs.d.ts" />
// Snappy blocks, the compression (type 1) that TF 1.1 could write into a checkpoint's `.index` table (TF writes
// uncompressed tables since 1.2), decompressed by snappyjs. A malformed stream is DataLossError with TF's wording;
// the block's checksum has been verified before this runs.
import { uncompress } from 'snappyjs';
import { DataLossError } from '../errors.js';

/** The uncompressed bytes of a snappy stream. */
export function snappyUncompress(src: Uint8Array): Uint8Array {
  try {
    // A stream expands at most 64-fold per input byte pair (a 2-byte copy of 64 bytes): a larger claim is corrupt.
    return uncompress(src, src.length * 32 + 64);
  } catch {
    throw new DataLossError('corrupted compressed block contents');
  }
}
