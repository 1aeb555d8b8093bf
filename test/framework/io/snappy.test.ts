// Snappy-compressed table blocks (compression type 1, which TF 1.1 could write into a checkpoint's .index): streams
// built by hand from the format's description, a table whose blocks snappyjs compressed, and any damage a
// DataLossError, never an overrun.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as tf from '../../../src/index.js';
import { compress } from 'snappyjs';
import { snappyUncompress } from '../../../src/framework/io/snappy.js';
import { buildTable, readTable } from '../../../src/framework/io/table.js';

const text = (b: Uint8Array): string => new TextDecoder().decode(b);
const bytes = (...xs: (number | string)[]): Uint8Array => Uint8Array.from(xs.flatMap((x) => (typeof x === 'string' ? [...new TextEncoder().encode(x)] : [x])));

describe('snappy streams', () => {
  it('decodes literals and each kind of copy, overlapping ones included', () => {
    expect(text(snappyUncompress(bytes(10, 0x00, 'a', 0x15, 0x01)))).toBe('aaaaaaaaaa'); // 1-byte offset, len 9
    expect(text(snappyUncompress(bytes(12, 0x0c, 'abcd', 0x1e, 0x04, 0x00)))).toBe('abcdabcdabcd'); // 2-byte offset
    expect(text(snappyUncompress(bytes(7, 0x08, 'xyz', 0x0f, 0x03, 0, 0, 0)))).toBe('xyzxyzx'); // 4-byte offset
    const long = 'L'.repeat(100);
    expect(text(snappyUncompress(bytes(100, 0xf0, 99, long)))).toBe(long); // a literal with its length in one more byte
    expect(snappyUncompress(bytes(0))).toEqual(new Uint8Array(0));
  });

  // snappyjs, unlike google/snappy, does not check that a stream fills exactly the length it states (a copy or literal
  // past it is cut, a short one leaves zeros): the block's CRC32C, checked before decompression, guards against
  // damage there, and the decoded entries are checked in turn. It refuses the rest:
  it('refuses a zero or too-far offset, a short stream, a huge claimed length', () => {
    const bad = [
      bytes(8, 0x00, 'a', 0x11, 0x00), // offset 0
      bytes(8, 0x00, 'a', 0x11, 0x02), // offset beyond what was written
      bytes(5, 0x10, 'ab'), // a literal cut short
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
    const packed = buildTable(entries, { ...options, snappy: compress });
    expect(packed.length).toBeLessThan(plain.length / 2);
    expect(readTable(packed)).toEqual(readTable(plain));
    expect(readTable(plain).map(([k]) => text(k))).toEqual(entries.map(([k]) => text(k)));
  });
});
