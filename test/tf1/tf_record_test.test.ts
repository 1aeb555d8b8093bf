// TF1's tensorflow/python/lib/io/tf_record_test.py (r1.12): TFRecordWriter and tf_record_iterator, uncompressed,
// ZLIB and GZIP, one `it` per test method. Python's zlib and gzip modules are node:zlib here.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { deflateSync, gunzipSync, gzipSync, inflateSync, constants as Z, createDeflate } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';

const { TFRecordWriter, TFRecordOptions, TFRecordCompressionType, tf_record_iterator } = tf.python_io;
type Options = InstanceType<typeof TFRecordOptions>;

// Edgar Allan Poe's 'Eldorado', as tf_record_test's _TEXT.
const TEXT = `Gaily bedight,
    A gallant knight,
    In sunshine and in shadow,
    Had journeyed long,
    Singing a song,
    In search of Eldorado.

    But he grew old
    This knight so bold
    And o'er his heart a shadow
    Fell as he found
    No spot of ground
    That looked like Eldorado.

   And, as his strength
   Failed him at length,
   He met a pilgrim shadow
   'Shadow,' said he,
   'Where can it be
   This land of Eldorado?'

   'Over the Mountains
    Of the Moon'
    Down the Valley of the Shadow,
    Ride, boldly ride,'
    The shade replied,
    'If you seek for Eldorado!'
    `;

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'tf1ts-tfrecord-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

// TFCompressionTestCase's helpers.
const NUM_FILES = 2;
const NUM_RECORDS = 7;
const record = (f: number, r: number): string => `Record ${r} of file ${f}`;
function writeRecordsToFile(records: readonly string[], name = 'tfrecord', options: Options | null = null): string {
  const fn = path.join(dir, name);
  const writer = new TFRecordWriter(fn, options);
  for (const r of records) writer.write(enc(r));
  writer.close();
  return fn;
}
function createFiles(options: Options | null, prefix: string): string[] {
  return Array.from({ length: NUM_FILES }, (_, i) =>
    writeRecordsToFile(
      Array.from({ length: NUM_RECORDS }, (_, j) => record(i, j)),
      `${prefix}tfrecord.${i}.txt`,
      options,
    ),
  );
}
function transformFile(infile: string, name: string, f: (b: Buffer) => Buffer): string {
  const out = path.join(dir, name);
  writeFileSync(out, f(readFileSync(infile)));
  return out;
}
const read = (fn: string, options?: Options): string[] => [...tf_record_iterator(fn, options ?? null)].map(dec);
const bytesOf = (fn: string): string => readFileSync(fn).toString('hex');

describe('TFRecordWriterTest', () => {
  it('testWriteReadZLibFiles', () => {
    const files = createFiles(new TFRecordOptions(TFRecordCompressionType.NONE), 'uncompressed');
    const zlibFiles = files.map((fn, i) => transformFile(fn, `tfrecord_${i}.z`, (b) => deflateSync(b)));
    files.forEach((fn, i) => expect(bytesOf(fn)).not.toBe(bytesOf(zlibFiles[i]!)));
    // Written compressed: the same records once inflated (TF's test compares the compressed bytes with Python's zlib).
    const compressed = createFiles(new TFRecordOptions(TFRecordCompressionType.ZLIB), 'compressed');
    const uncompressed = compressed.map((fn, i) => transformFile(fn, `tfrecord_${i}.z`, (b) => inflateSync(b)));
    uncompressed.forEach((fn, i) => expect(bytesOf(fn)).toBe(bytesOf(files[i]!)));
  });

  it('testWriteReadGzipFiles', () => {
    const files = createFiles(new TFRecordOptions(TFRecordCompressionType.NONE), 'uncompressed');
    const gzipFiles = files.map((fn, i) => transformFile(fn, `tfrecord_${i}.gz`, (b) => gzipSync(b)));
    files.forEach((fn, i) => expect(bytesOf(fn)).not.toBe(bytesOf(gzipFiles[i]!)));
    const compressed = createFiles(new TFRecordOptions(TFRecordCompressionType.GZIP), 'compressed');
    const uncompressed = compressed.map((fn, i) => transformFile(fn, `tfrecord_${i}.gz`, (b) => gunzipSync(b)));
    uncompressed.forEach((fn, i) => expect(bytesOf(fn)).toBe(bytesOf(files[i]!)));
  });
});

describe('TFRecordWriterZlibTest', () => {
  it('testZLibFlushRecord', async () => {
    const original = ['small record'];
    const fn = writeRecordsToFile(original, 'small_record');
    const buff = readFileSync(fn);
    // More blocks and trailing blocks must not break reads: a full flush after every byte, as the test's compressobj.
    const compressor = createDeflate({ level: 9 });
    const chunks: Buffer[] = [];
    compressor.on('data', (c: Buffer) => chunks.push(c));
    const flush = (): Promise<void> => new Promise((resolve) => compressor.flush(Z.Z_FULL_FLUSH, () => resolve()));
    for (const c of buff) {
      compressor.write(Buffer.from([c]));
      await flush();
    }
    await flush();
    await flush();
    const ended = new Promise((resolve) => compressor.on('end', resolve));
    compressor.end(); // Z_FINISH
    await ended;
    writeFileSync(fn, Buffer.concat(chunks));
    expect(read(fn, new TFRecordOptions(TFRecordCompressionType.ZLIB))).toEqual(original);
  });

  it('testZlibReadWrite', () => {
    const original = ['foo', 'bar'];
    const fn = writeRecordsToFile(original, 'zlib_read_write.tfrecord');
    const zfn = transformFile(fn, 'zlib_read_write.tfrecord.z', (b) => deflateSync(b));
    expect(read(zfn, new TFRecordOptions(TFRecordCompressionType.ZLIB))).toEqual(original);
  });

  it('testZlibReadWriteLarge', () => {
    const original = [TEXT.repeat(10240)];
    const fn = writeRecordsToFile(original, 'zlib_read_write_large.tfrecord');
    const zfn = transformFile(fn, 'zlib_read_write_large.tfrecord.z', (b) => deflateSync(b));
    expect(read(zfn, new TFRecordOptions(TFRecordCompressionType.ZLIB))).toEqual(original);
  });

  it('testGzipReadWrite', () => {
    const original = ['foo', 'bar'];
    const fn = writeRecordsToFile(original, 'gzip_read_write.tfrecord');
    const gzfn = transformFile(fn, 'tfrecord.gz', (b) => gzipSync(b));
    expect(read(gzfn, new TFRecordOptions(TFRecordCompressionType.GZIP))).toEqual(original);
  });
});

describe('TFRecordIteratorTest', () => {
  it('testIterator', () => {
    const records = Array.from({ length: NUM_RECORDS }, (_, i) => record(0, i));
    const options = new TFRecordOptions(TFRecordCompressionType.ZLIB);
    const fn = writeRecordsToFile(records, 'compressed_records', options);
    const reader = tf_record_iterator(fn, options);
    for (const expected of records) expect(dec(reader.next().value as Uint8Array)).toBe(expected);
    expect(reader.next().done).toBe(true); // Python's StopIteration
  });

  it('testWriteZlibRead', () => {
    const original = ['foo', 'bar'];
    const fn = writeRecordsToFile(original, 'write_zlib_read.tfrecord.z', new TFRecordOptions(TFRecordCompressionType.ZLIB));
    const zfn = transformFile(fn, 'write_zlib_read.tfrecord', (b) => inflateSync(b));
    expect(read(zfn)).toEqual(original);
  });

  it('testWriteZlibReadLarge', () => {
    const original = [TEXT.repeat(10240)];
    const fn = writeRecordsToFile(original, 'write_zlib_read_large.tfrecord.z', new TFRecordOptions(TFRecordCompressionType.ZLIB));
    const zfn = transformFile(fn, 'write_zlib_read_large.tfrecord', (b) => inflateSync(b));
    expect(read(zfn)).toEqual(original);
  });

  it('testWriteGzipRead', () => {
    const original = ['foo', 'bar'];
    const fn = writeRecordsToFile(original, 'write_gzip_read.tfrecord.gz', new TFRecordOptions(TFRecordCompressionType.GZIP));
    const gzfn = transformFile(fn, 'write_gzip_read.tfrecord', (b) => gunzipSync(b));
    expect(read(gzfn)).toEqual(original);
  });

  it('testBadFile', () => {
    const fn = path.join(dir, 'bad_file');
    const writer = new TFRecordWriter(fn);
    writer.write(enc('123'));
    writer.close();
    const truncated = path.join(dir, 'bad_file_truncated');
    // DataLossError needs the header written, so at least 12 bytes.
    writeFileSync(truncated, readFileSync(fn).subarray(0, 14));
    expect(() => [...tf_record_iterator(truncated)]).toThrow(tf.errors.DataLossError);
    expect(() => [...tf_record_iterator(truncated)]).toThrow('truncated record at 12');
  });
});

for (const [suite, type] of [
  ['TFRecordWriterCloseAndFlushTests', TFRecordCompressionType.NONE],
  ['TFRecordWriterCloseAndFlushGzipTests', TFRecordCompressionType.GZIP],
  ['TFRecordWriterCloseAndFlushZlibTests', TFRecordCompressionType.ZLIB],
] as const) {
  describe(suite, () => {
    let fn: string;
    let options: Options;
    let writer: InstanceType<typeof TFRecordWriter>;
    const NUM = 20;
    const rec = (r: number): string => `Record ${r}`;
    beforeEach(() => {
      fn = path.join(dir, 'tf_record_writer_test.txt');
      options = new TFRecordOptions(type);
      writer = new TFRecordWriter(fn, options);
    });

    it('testWriteAndLeaveOpen', () => {
      for (let i = 0; i < NUM; i++) writer.write(enc(rec(i)));
      // No crash when the writer is never closed.
    });

    it('testWriteAndRead', () => {
      const records = Array.from({ length: NUM }, (_, i) => rec(i));
      for (const r of records) writer.write(enc(r));
      writer.close();
      expect(read(fn, options)).toEqual(records);
    });

    it('testDoubleClose', () => {
      writer.write(enc(rec(0)));
      writer.close();
      writer.close();
      expect(read(fn, options)).toEqual([rec(0)]);
    });

    it('testFlushAfterCloseIsError', () => {
      writer.write(enc(rec(0)));
      writer.close();
      expect(() => writer.flush()).toThrow(tf.errors.FailedPreconditionError);
    });

    it('testWriteAfterClose', () => {
      writer.write(enc(rec(0)));
      writer.close();
      writer.write(enc(rec(1))); // ignored, as TF 1.12's writer does
      expect(read(fn, options)).toEqual([rec(0)]);
    });
  });
}
