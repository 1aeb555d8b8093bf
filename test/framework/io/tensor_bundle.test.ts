// The V2 checkpoint format against TF's own files: half_plus_two's variables (written by TF r1.12) read, and written
// again byte for byte; the entries decoded by Debian's protoc; every corruption of the files is a TF1 error.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as tf from '../../../src/index.js';
import { NDArray } from '../../../src/framework/ndarray.js';
import { crc32c, maskCrc } from '../../../src/framework/crc32c.js';
import { buildTable, readTable } from '../../../src/framework/io/table.js';
import { bundleDebugString, encodeBundle, readBundleIndex, readBundleTensor } from '../../../src/framework/io/tensor_bundle.js';
import { HAS_PROTOC, NO_PROTOC, TF1_FILES, protocDecode } from '../../helpers/protoc.js';

const VARS = join(TF1_FILES, 'half_plus_two/half_plus_two/00000123/variables');
const tfIndex = new Uint8Array(readFileSync(join(VARS, 'variables.index')));
const tfData = new Uint8Array(readFileSync(join(VARS, 'variables.data-00000-of-00001')));
const scalar = (v: number): NDArray => new NDArray(Float32Array.of(v), [], 'float32');
const utf8 = new TextEncoder();

/** Every tensor of a bundle as plain values (checksums verified). */
function readAll(index: Uint8Array, data: Uint8Array): Record<string, unknown> {
  const ix = readBundleIndex(index, 'test.index');
  return Object.fromEntries([...ix.entries.values()].map((e) => [e.name, readBundleTensor(e, ix, () => data, 'test').tolist()]));
}

describe("half_plus_two's variables, written by TF r1.12", () => {
  it("read as a = 0.5, b = 2, c = 3 (float32 scalars), with TF's header", () => {
    const ix = readBundleIndex(tfIndex, 'variables.index');
    expect(ix.num_shards).toBe(1);
    expect([...ix.entries.values()].map((e) => [e.name, e.shape, e.offset, e.size, e.shard_id])).toEqual([
      ['a', [], 0, 4, 0],
      ['b', [], 4, 4, 0],
      ['c', [], 8, 4, 0],
    ]);
    expect(readAll(tfIndex, tfData)).toEqual({ a: 0.5, b: 2, c: 3 });
    expect(bundleDebugString(ix)).toBe('a (DT_FLOAT) []\nb (DT_FLOAT) []\nc (DT_FLOAT) []\n');
  });

  it("written again from a = 0.5, b = 2, c = 3 are TF's bytes exactly, the index and the data shard", () => {
    const { index, data } = encodeBundle(
      new Map([
        ['c', scalar(3)],
        ['a', scalar(0.5)],
        ['b', scalar(2)],
      ]),
    );
    expect(index).toEqual(tfIndex);
    expect(data).toEqual(tfData);
  });

  it.skipIf(!HAS_PROTOC)(`decode with Debian's protoc, header and entries, in TF's table written by tf1-ts ${HAS_PROTOC ? '' : NO_PROTOC}`, () => {
    const shape = new NDArray(Float64Array.of(1, 2, 3, 4, 5, 6), [2, 3], 'float64');
    const table = readTable(
      encodeBundle(
        new Map([
          ['w', shape],
          ['a', scalar(0.5)],
        ]),
      ).index,
    );
    expect(table.map(([k]) => new TextDecoder().decode(k))).toEqual(['', 'a', 'w']);
    expect(protocDecode('tensorflow.BundleHeaderProto', table[0]![1])).toBe('num_shards: 1\nversion {\n  producer: 1\n}\n');
    expect(protocDecode('tensorflow.BundleEntryProto', table[1]![1])).toBe('dtype: DT_FLOAT\nshape {\n}\nsize: 4\ncrc32c: 522663942\n');
    expect(protocDecode('tensorflow.BundleEntryProto', table[2]![1])).toBe(
      `dtype: DT_DOUBLE\nshape {\n  dim {\n    size: 2\n  }\n  dim {\n    size: 3\n  }\n}\noffset: 4\nsize: 48\ncrc32c: ${maskCrc(crc32c(new Uint8Array(shape.data.buffer)))}\n`,
    );
  });
});

describe('every dtype, and tables of many blocks', () => {
  it('round-trips each tf1-ts dtype, int64 beyond 2^32 and negative, bools, empty shapes', () => {
    const t = new Map<string, NDArray>([
      ['f32', new NDArray(Float32Array.of(1.5, -0, Number.NaN, Infinity), [2, 2], 'float32')],
      ['f64', new NDArray(Float64Array.of(Math.PI), [1], 'float64')],
      ['i32', new NDArray(Int32Array.of(-2147483648, 7), [2], 'int32')],
      ['i64', new NDArray(Float64Array.of(2 ** 40 + 1, -3), [2], 'int64')],
      ['bool', new NDArray(Uint8Array.of(1, 0, 1), [3], 'bool')],
      ['u8', new NDArray(Uint8Array.of(255), [1], 'uint8')],
      ['i8', new NDArray(Int8Array.of(-128), [1], 'int8')],
      ['i16', new NDArray(Int16Array.of(-32768), [1], 'int16')],
      ['u16', new NDArray(Uint16Array.of(65535), [1], 'uint16')],
      ['empty', new NDArray(new Float32Array(0), [0, 1618], 'float32')],
    ]);
    const { index, data } = encodeBundle(t);
    const ix = readBundleIndex(index, 't.index');
    for (const [name, a] of t) {
      const back = readBundleTensor(ix.entries.get(name)!, ix, () => data, 't');
      expect([back.dtype, back.shape, back.tolist()], name).toEqual([a.dtype, a.shape, a.tolist()]);
    }
    expect(tf.float32).toBe('float32');
  });

  it('a table of 8000 keys spans several 256 KiB blocks with an index entry each, and reads back in order', () => {
    const names = Array.from({ length: 8000 }, (_, i) => `layer_${String(i).padStart(4, '0')}/${'w'.repeat(60)}`);
    const t = new Map(names.map((n, i) => [n, scalar(i)]));
    const { index, data } = encodeBundle(t);
    expect(index.length).toBeGreaterThan(2 * 262144);
    const ix = readBundleIndex(index, 'big.index');
    expect([...ix.entries.keys()]).toEqual(names);
    expect(readBundleTensor(ix.entries.get(names[7999]!)!, ix, () => data, 'big').item()).toBe(7999);
  });

  it('small blocks with restart points every 2 keys round-trip, keys sorted bytewise (UTF-8) as TF sorts them', () => {
    const keys = ['a', 'ab', 'abc', 'b', 'é', '\u{1F600}', 'z\u{FFFD}'].map((k) => utf8.encode(k)).sort((x, y) => Buffer.compare(x, y));
    const entries = keys.map((k, i) => [k, Uint8Array.of(i)] as const);
    const bytes = buildTable(entries, { block_size: 16, block_restart_interval: 2 });
    expect(readTable(bytes).map(([k, v]) => [Buffer.from(k).toString(), v[0]])).toEqual(keys.map((k, i) => [Buffer.from(k).toString(), i]));
    expect(() => buildTable([entries[1]!, entries[0]!])).toThrow('increasing order');
  });
});

describe('a corrupt V2 checkpoint is a TF1 error, never a crash or a wrong value', () => {
  it('any flipped bit of the index is DataLossError, except where TF does not read: the metaindex and the footer padding', () => {
    // This file's layout: data block [0, 71), metaindex block and trailer [71, 84), index block and trailer
    // [84, 103), footer [103, 151): metaindex handle (2 bytes), index handle (2 bytes), padding, magic number.
    // Setting the top bit of the index handle's last byte (106) makes an overlong varint of the same value (the
    // padding's 0 follows), which TF's decoder reads alike.
    const unread = (i: number, bit: number): boolean => (i >= 71 && i < 84) || (i >= 103 && i < 105) || (i >= 107 && i < 143) || (i === 106 && bit === 0x80);
    for (let i = 0; i < tfIndex.length; i++) {
      for (const bit of [0x01, 0x80]) {
        const bad = tfIndex.slice();
        bad[i]! ^= bit;
        let result: unknown;
        try {
          result = readAll(bad, tfData);
        } catch (e) {
          result = e;
        }
        if (unread(i, bit) && !(result instanceof Error)) expect(result).toEqual({ a: 0.5, b: 2, c: 3 });
        else expect(result, `byte ${i} bit ${bit}`).toBeInstanceOf(tf.errors.DataLossError);
      }
    }
  });

  it('every truncation of the index is DataLossError; the wrong magic says "not an sstable"', () => {
    for (let n = 0; n < tfIndex.length; n++) expect(() => readBundleIndex(tfIndex.subarray(0, n), 'x.index'), `${n} bytes`).toThrow(tf.errors.DataLossError);
    expect(() => readBundleIndex(tfIndex.subarray(0, 47), 'x.index')).toThrow('file is too short to be an sstable');
    const wrong = tfIndex.slice();
    wrong[wrong.length - 1] = 0;
    expect(() => readBundleIndex(wrong, 'x.index')).toThrow('not an sstable (bad magic number)');
    const flipped = tfIndex.slice();
    flipped[10]! ^= 1;
    expect(() => readBundleIndex(flipped, 'x.index')).toThrow('block checksum mismatch');
    expect(() => readBundleIndex(utf8.encode('model_checkpoint_path: "model.ckpt-1"\n'.repeat(3)), 'x.index')).toThrow(tf.errors.DataLossError);
  });

  it('an entry whose size does not fit its dtype and shape, or a dtype tf1-ts lacks, is refused before reading', () => {
    const ix = readBundleIndex(tfIndex, 'v.index');
    const a = ix.entries.get('a')!;
    expect(() => readBundleTensor({ ...a, size: 8 }, ix, () => tfData, 'v')).toThrow(
      new tf.errors.DataLossError('Invalid size in bundle entry: key a; stored size 8; expected size 4'),
    );
    expect(() => readBundleTensor({ ...a, dataType: 19 }, ix, () => tfData, 'v')).toThrow(tf.errors.UnimplementedError);
    expect(() => readBundleTensor({ ...a, shard_id: 3 }, ix, () => tfData, 'v')).toThrow(tf.errors.DataLossError);
    expect(() => readBundleTensor(a, ix, () => null, 'v')).toThrow(new tf.errors.NotFoundError('v.data-00000-of-00001; No such file or directory'));
  });
});
