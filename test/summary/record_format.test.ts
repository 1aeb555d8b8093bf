import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeRecord, readRecord, readRecords } from '../../src/summary/record_format.js';
import { DataLossError } from '../../src/framework/errors.js';

// An independent CRC-32C (bit by bit, Castagnoli's reflected polynomial) and TF's mask, to check the framing's bytes.
function crc32cBitwise(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}
const mask = (c: number): number => ((((c >>> 15) | (c << 17)) >>> 0) + 0xa282ead8) >>> 0;
const le32 = (v: number): number[] => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24];
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe("TF's TFRecord framing (record_writer.cc, record_reader.cc)", () => {
  it('frames a record as length, masked CRC of the length, data, masked CRC of the data', () => {
    const data = utf8('abc');
    const len = [3, 0, 0, 0, 0, 0, 0, 0];
    const expected = [...len, ...le32(mask(crc32cBitwise(new Uint8Array(len)))), 0x61, 0x62, 0x63, ...le32(mask(crc32cBitwise(data)))];
    expect([...encodeRecord(data)]).toEqual(expected);
    // TF's crc32c_test: the CRC of 32 zero bytes is 0x8a9136aa; masked as TF's Mask does.
    expect(crc32cBitwise(new Uint8Array(32))).toBe(0x8a9136aa);
  });

  it('frames the empty record with the CRC of eight zero bytes', () => {
    const zeros = new Uint8Array(8);
    expect([...encodeRecord(new Uint8Array(0))]).toEqual([...zeros, ...le32(mask(crc32cBitwise(zeros))), ...le32(mask(0))]);
  });

  it('reads back any sequence of records it writes', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 8 }), (records) => {
        const file = new Uint8Array(records.reduce((n, r) => n + r.length + 16, 0));
        let at = 0;
        for (const r of records) {
          file.set(encodeRecord(r), at);
          at += r.length + 16;
        }
        expect([...readRecords(file)].map((r) => [...r])).toEqual(records.map((r) => [...r]));
      }),
    );
  });

  it('reports a truncated record with the offsets TF names, at every cut', () => {
    const file = new Uint8Array([...encodeRecord(utf8('first')), ...encodeRecord(utf8('second record'))]);
    const second = 5 + 16;
    for (let cut = 1; cut < file.length; cut++) {
      if (cut === second) continue; // a whole first record: iteration ends cleanly
      const bytes = file.slice(0, cut);
      const start = cut < second ? 0 : second;
      const within = cut - start;
      // A partial header names the record; data cut after its first byte names the data's offset (start + 12).
      const where = within < 12 ? start : within === 12 ? start : start + 12;
      expect(() => [...readRecords(bytes)], `cut at ${cut}`).toThrow(new DataLossError(`truncated record at ${where}`));
    }
    expect([...readRecords(file.slice(0, second))].map((r) => new TextDecoder().decode(r))).toEqual(['first']);
  });

  it('reports a flipped bit anywhere as a corrupted or truncated record, never reading outside the bytes', () => {
    const file = new Uint8Array([...encodeRecord(utf8('first')), ...encodeRecord(utf8('second record'))]);
    for (let i = 0; i < file.length; i++) {
      for (const bit of [0, 7]) {
        const bad = file.slice();
        bad[i]! ^= 1 << bit;
        let err: unknown = null;
        try {
          for (const _ of readRecords(bad)) void _;
        } catch (e) {
          err = e;
        }
        expect(err, `byte ${i} bit ${bit}`).toBeInstanceOf(DataLossError);
        expect(String((err as Error).message)).toMatch(/^(corrupted|truncated) record at \d+$/);
      }
    }
  });

  it('names the header and the data of a corrupted record as TF does', () => {
    const rec = encodeRecord(utf8('xyz'));
    const badLenCrc = rec.slice();
    badLenCrc[8]! ^= 1;
    expect(() => readRecord(badLenCrc, 0)).toThrow(new DataLossError('corrupted record at 0'));
    const badData = rec.slice();
    badData[13]! ^= 1;
    expect(() => readRecord(badData, 0)).toThrow(new DataLossError('corrupted record at 12'));
  });

  it('takes a length field past the end (up to 2^64 - 5) as a truncated record, and TF’s largest as too large', () => {
    for (const [lo, hi] of [
      [0xffffffff, 0x7fffffff],
      [0xfffffffb, 0xffffffff],
      [1 << 30, 0],
    ] as const) {
      const head = new Uint8Array([...le32(lo), ...le32(hi)]);
      const file = new Uint8Array([...head, ...le32(mask(crc32cBitwise(head))), 1, 2, 3, 4, 5, 6]);
      expect(() => readRecord(file, 0)).toThrow(new DataLossError('truncated record at 12'));
    }
    const head = new Uint8Array([...le32(0xfffffffc), ...le32(0xffffffff)]);
    expect(() => readRecord(new Uint8Array([...head, ...le32(mask(crc32cBitwise(head)))]), 0)).toThrow(new DataLossError('record size too large'));
  });
});
