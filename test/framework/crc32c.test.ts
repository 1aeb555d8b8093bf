import { describe, expect, it } from 'vitest';
import { crc32c, maskCrc, unmaskCrc } from '../../src/framework/crc32c.js';

describe('crc32c', () => {
  // TF's core/lib/hash/crc32c_test.cc (StandardResults, Values, Extend, Mask).
  it("matches TF's standard results", () => {
    expect(crc32c(new Uint8Array(32))).toBe(0x8a9136aa);
    expect(crc32c(new Uint8Array(32).fill(0xff))).toBe(0x62a8ab43);
    expect(crc32c(Uint8Array.from({ length: 32 }, (_, i) => i))).toBe(0x46dd794e);
    expect(crc32c(Uint8Array.from({ length: 32 }, (_, i) => 31 - i))).toBe(0x113fdb5c);
    expect(crc32c(new TextEncoder().encode('123456789'))).toBe(0xe3069283);
  });

  it('extends a sum over more bytes', () => {
    const enc = new TextEncoder();
    expect(crc32c(enc.encode('hello world'))).toBe(crc32c(enc.encode(' world'), crc32c(enc.encode('hello'))));
  });

  it('masks and unmasks', () => {
    const c = crc32c(new TextEncoder().encode('foo'));
    expect(maskCrc(c)).not.toBe(c);
    expect(maskCrc(maskCrc(c))).not.toBe(c);
    expect(unmaskCrc(maskCrc(c))).toBe(c);
    expect(unmaskCrc(unmaskCrc(maskCrc(maskCrc(c))))).toBe(c);
  });
});
