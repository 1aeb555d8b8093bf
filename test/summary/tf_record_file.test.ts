// tf_record_iterator streams an uncompressed file record by record: whatever the bytes (cut anywhere, any bit
// flipped), it yields and raises exactly what the framing's pure reader does on the whole bytes.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { encodeRecord, readRecords } from '../../src/summary/record_format.js';

const dir = mkdtempSync(path.join(tmpdir(), 'tf1ts-records-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function outcome(run: () => Iterable<Uint8Array>): { records: string[]; error: string | null } {
  const records: string[] = [];
  try {
    for (const r of run()) records.push(Buffer.from(r).toString('hex'));
    return { records, error: null };
  } catch (e) {
    return { records, error: `${(e as Error).name}: ${(e as Error).message}` };
  }
}

describe('tf_record_iterator on files', () => {
  const whole = new Uint8Array([...encodeRecord(new Uint8Array([1, 2, 3])), ...encodeRecord(new Uint8Array(0)), ...encodeRecord(new Uint8Array(40).fill(9))]);
  const file = path.join(dir, 'r');
  const same = (bytes: Uint8Array, what: string): void => {
    writeFileSync(file, bytes);
    expect(
      outcome(() => tf.python_io.tf_record_iterator(file)),
      what,
    ).toEqual(outcome(() => readRecords(bytes)));
  };

  it('agrees with the framing on every cut of the file', () => {
    for (let cut = 0; cut <= whole.length; cut++) same(whole.slice(0, cut), `cut at ${cut}`);
  });

  it('agrees with the framing on every flipped bit of a byte', () => {
    for (let i = 0; i < whole.length; i++) {
      const bad = whole.slice();
      bad[i]! ^= 0x80;
      same(bad, `byte ${i}`);
    }
  });

  it('opens the file at the first next(), as a Python generator, and closes it when left early', () => {
    writeFileSync(file, whole);
    const it = tf.python_io.tf_record_iterator(file);
    rmSync(file);
    expect(() => it.next()).toThrow(tf.errors.NotFoundError);
    writeFileSync(file, whole);
    const fds = (): number => (existsSync('/proc/self/fd') ? readdirSync('/proc/self/fd').length : 0);
    const before = fds();
    for (const r of tf.python_io.tf_record_iterator(file)) {
      expect([...r]).toEqual([1, 2, 3]);
      expect(fds()).toBe(before === 0 ? 0 : before + 1);
      break; // return() runs the generator's finally: the file is closed
    }
    expect(fds()).toBe(before);
  });
});

describe('TFRecordOptions', () => {
  it("apply zlib's compression_level (0 stores the records) and read back whatever the settings", () => {
    const { TFRecordWriter, TFRecordOptions, TFRecordCompressionType, tf_record_iterator } = tf.python_io;
    const records = Array.from({ length: 50 }, (_, i) => `record ${i} `.repeat(20));
    const sizes: number[] = [];
    for (const [i, options] of [
      new TFRecordOptions(TFRecordCompressionType.ZLIB, { compression_level: 0 }),
      new TFRecordOptions(TFRecordCompressionType.ZLIB),
      new TFRecordOptions(TFRecordCompressionType.GZIP, { compression_level: 9, mem_level: 8, window_bits: 31, compression_strategy: 1 }),
    ].entries()) {
      const fn = path.join(dir, `opts${i}`);
      const w = new TFRecordWriter(fn, options);
      for (const r of records) w.write(r);
      w.close();
      sizes.push(readFileSync(fn).length);
      expect([...tf_record_iterator(fn, options)].map((r) => new TextDecoder().decode(r))).toEqual(records);
    }
    expect(sizes[0]).toBeGreaterThan(records.join('').length);
    expect(sizes[1]).toBeLessThan(sizes[0]! / 10);
    expect(TFRecordOptions.get_compression_type_string(new TFRecordOptions(TFRecordCompressionType.GZIP))).toBe('GZIP');
    expect(TFRecordOptions.get_compression_type_string(null)).toBe('');
    expect(() => new TFRecordOptions(7 as never)).toThrow(tf.errors.TypeError);
    const w = new TFRecordWriter(path.join(dir, 'bad_level'), new TFRecordOptions(TFRecordCompressionType.ZLIB, { compression_level: 12 }));
    w.write('x');
    expect(() => w.flush()).toThrow(tf.errors.InvalidArgumentError);
  });
});
