// Snappy-compressed table blocks (compression type 1, which TF 1.1 could write into a checkpoint's .index): streams
// built by hand from the format's description, a table whose blocks a small compressor packed, and any damage a
// DataLossError, never an overrun.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as tf from '../../../src/index.js';
import { snappyUncompress } from '../../../src/framework/io/snappy.js';
import { buildTable, readTable } from '../../../src/framework/io/table.js';

const text = (b: Uint8Array): string => new TextDecoder().decode(b);
const bytes = (...xs: (number | string)[]): Uint8Array => Uint8Array.from(xs.flatMap((x) => (typeof x === 'string' ? [...new TextEncoder().encode(x)] : [x])));

/** A small greedy snappy compressor (literals, and 2-byte-offset copies of up to 64 bytes), for the tests. */
function snappyCompress(src: Uint8Array): Uint8Array {
  const out: number[] = [];
  let n = src.length;
  do {
    out.push((n & 0x7f) | (n >= 0x80 ? 0x80 : 0));
    n >>>= 7;
  } while (n > 0);
  let literal: number[] = [];
  const flush = (): void => {
    for (let i = 0; i < literal.length; i += 60) {
      const part = literal.slice(i, i + 60);
      out.push((part.length - 1) << 2, ...part);
    }
    literal = [];
  };
  for (let i = 0; i < src.length; ) {
    let best = 0;
    let bestOff = 0;
    for (let off = 1; off <= Math.min(i, 65535); off++) {
      let l = 0;
      while (l < 64 && i + l < src.length && src[i + l] === src[i + l - off]) l++;
      if (l > best) [best, bestOff] = [l, off];
    }
    if (best >= 4) {
      flush();
      out.push(((best - 1) << 2) | 2, bestOff & 0xff, bestOff >> 8);
      i += best;
    } else literal.push(src[i++]!);
  }
  flush();
  return Uint8Array.from(out);
}

describe('snappy streams', () => {
  it('decodes literals and each kind of copy, overlapping ones included', () => {
    expect(text(snappyUncompress(bytes(10, 0x00, 'a', 0x15, 0x01)))).toBe('aaaaaaaaaa'); // 1-byte offset, len 9
    expect(text(snappyUncompress(bytes(12, 0x0c, 'abcd', 0x1e, 0x04, 0x00)))).toBe('abcdabcdabcd'); // 2-byte offset
    expect(text(snappyUncompress(bytes(7, 0x08, 'xyz', 0x0f, 0x03, 0, 0, 0)))).toBe('xyzxyzx'); // 4-byte offset
    const long = 'L'.repeat(100);
    expect(text(snappyUncompress(bytes(100, 0xf0, 99, long)))).toBe(long); // a literal with its length in one more byte
    expect(snappyUncompress(bytes(0))).toEqual(new Uint8Array(0));
  });

  it('refuses a zero or too-far offset, a copy or literal past the stated length, a short stream, a huge claimed length', () => {
    const bad = [
      bytes(8, 0x00, 'a', 0x11, 0x00), // offset 0
      bytes(8, 0x00, 'a', 0x11, 0x02), // offset beyond what was written
      bytes(4, 0x00, 'a', 0x15, 0x01), // a copy past the stated length
      bytes(2, 0x08, 'abc'), // a literal past the stated length
      bytes(5, 0x10, 'ab'), // a literal cut short
      bytes(9, 0x00, 'a'), // fewer bytes than stated
      bytes(0xff, 0xff, 0xff, 0xff, 0x0f, 0x00, 'a'), // 4 GiB claimed from 7 bytes
      bytes(0x80), // a length cut short
    ];
    for (const b of bad) expect(() => snappyUncompress(b), String(b)).toThrow(new tf.errors.DataLossError('corrupted compressed block contents'));
  });

  it('random bytes decode or raise DataLossError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        try {
          snappyUncompress(b);
        } catch (e) {
          expect(e).toBeInstanceOf(tf.errors.DataLossError);
        }
      }),
      { numRuns: 2000, seed: 7 },
    );
  });
});

describe('a table with snappy-compressed blocks', () => {
  it('reads back the same entries as the uncompressed table, in fewer bytes', () => {
    const entries = Array.from(
      { length: 300 },
      (_, i) => [bytes(`layer_${String(i).padStart(3, '0')}/weights`), bytes(`value of ${i % 7} `.repeat(4))] as const,
    );
    const options = { block_size: 4096, block_restart_interval: 16 };
    const plain = buildTable(entries, options);
    const packed = buildTable(entries, { ...options, snappy: snappyCompress });
    expect(packed.length).toBeLessThan(plain.length / 2);
    expect(readTable(packed)).toEqual(readTable(plain));
    expect(readTable(plain).map(([k]) => text(k))).toEqual(entries.map(([k]) => text(k)));
  });
});
