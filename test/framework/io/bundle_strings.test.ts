// String tensors in a V2 checkpoint: tensor_bundle.cc's layout (varint lengths, their masked CRC-32C, the bytes),
// round trips through the bundle, and damage to the lengths' checksum or the lengths themselves is TF's DataLossError.
import { describe, expect, it } from 'vitest';
import * as tf from '../../../src/index.js';
import { NDArray } from '../../../src/framework/ndarray.js';
import { crc32c, maskCrc } from '../../../src/framework/crc32c.js';
import { readStringTensor, stringTensorBytes } from '../../../src/framework/io/bundle_strings.js';
import { encodeBundle, readBundleIndex, readBundleTensor } from '../../../src/framework/io/tensor_bundle.js';

const enc = (s: string) => new TextEncoder().encode(s);

describe('string tensors in a bundle', () => {
  it("lays out lengths, their masked checksum, then the bytes, as TF's WriteStringTensor", () => {
    const long = 'x'.repeat(200);
    const bytes = stringTensorBytes([enc('ab'), enc(''), enc(long)]);
    // 2, 0 and 200 as varints (200 = 0xc8 0x01), then 4 checksum bytes, then the strings.
    expect([...bytes.subarray(0, 4)]).toEqual([2, 0, 0xc8, 0x01]);
    const sum = new DataView(bytes.buffer).getUint32(4, true);
    expect(sum).toBe(maskCrc(crc32c(Uint8Array.of(2, 0, 0xc8, 0x01))));
    expect(bytes.length).toBe(4 + 4 + 2 + 200);
    expect(readStringTensor(bytes, 3, 't').map((b) => new TextDecoder().decode(b))).toEqual(['ab', '', long]);
  });

  it('round-trips through encodeBundle with DT_STRING entries', () => {
    const a = NDArray.fromStrings(['hello', 'wörld', '\u0000'], [3]);
    const { index, data } = encodeBundle(new Map([['s', a]]));
    const ix = readBundleIndex(index, 't.index');
    const e = ix.entries.get('s')!;
    expect(e.dataType).toBe(7);
    const back = readBundleTensor(e, ix, () => data, 't');
    expect(back.dtype).toBe('string');
    expect(back.decode()).toEqual(['hello', 'wörld', '\u0000']);
  });

  it('a damaged length checksum, or lengths that overrun the bytes, are DataLossError', () => {
    const bytes = stringTensorBytes([enc('ab'), enc('cd')]);
    const flipped = bytes.slice();
    flipped[3] = flipped[3]! ^ 1;
    expect(() => readStringTensor(flipped, 2, 't')).toThrow(/^The length checksum does not match: expected \d+ but actual \d+$/);
    expect(() => readStringTensor(bytes.subarray(0, 7), 2, 't')).toThrow(tf.errors.DataLossError);
    expect(() => readStringTensor(bytes.subarray(0, 1), 2, 't')).toThrow(tf.errors.DataLossError);
    expect(() => readStringTensor(bytes, 3, 't')).toThrow(tf.errors.DataLossError);
  });
});
