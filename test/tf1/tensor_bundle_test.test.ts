// TF1's tensorflow/core/util/tensor_bundle/tensor_bundle_test.cc (r1.12): BundleWriter/BundleReader as tf1-ts's
// encodeBundle/readBundleIndex/readBundleTensor (pure functions over the files' bytes). MergeBundles, slices,
// string tensors and the other dtypes tf1-ts lacks are in NOT_PORTED.md.
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { allocHost, type DType } from '../../src/framework/dtypes.js';
import { NDArray } from '../../src/framework/ndarray.js';
import { buildTable, readTable } from '../../src/framework/io/table.js';
import { encodeBundle, readBundleIndex, readBundleTensor } from '../../src/framework/io/tensor_bundle.js';
import { BundleHeaderProtoSchema, BundleHeaderProto_Endianness } from '../../src/framework/proto/tensorflow/core/protobuf/tensor_bundle_pb.js';

const DTYPES: DType[] = ['float32', 'float64', 'int32', 'uint8', 'int16', 'int8', 'int64', 'bool'];

/** TF's Constant<T>(v, shape). */
function constant(d: DType, v: number, shape: number[]): NDArray {
  const a = allocHost(
    d,
    shape.reduce((x, y) => x * y, 1),
  );
  a.fill(v);
  return new NDArray(a, shape, d);
}
const constant2x3 = (d: DType, v: number): NDArray => constant(d, v, [2, 3]);

/** A written bundle as the reader sees it. */
function reader(files: { index: Uint8Array; data: Uint8Array }) {
  const ix = readBundleIndex(files.index, 'p.index');
  return { keys: [...ix.entries.keys()], lookup: (k: string) => readBundleTensor(ix.entries.get(k)!, ix, () => files.data, 'p'), ix };
}

/** TF's Expect<T>: Contains, LookupDtypeAndShape, Lookup. */
function expectTensor(r: ReturnType<typeof reader>, key: string, want: NDArray): void {
  expect(r.ix.entries.has(key)).toBe(true);
  const got = r.lookup(key);
  expect([got.dtype, got.shape, got.tolist()]).toEqual([want.dtype, want.shape, want.tolist()]);
}

/** An index holding only a header with these fields (TF's VersionTest and FlipEndiannessBit). */
const headerOnly = (h: Parameters<typeof create<typeof BundleHeaderProtoSchema>>[1]): Uint8Array =>
  buildTable([[new Uint8Array(0), toBinary(BundleHeaderProtoSchema, create(BundleHeaderProtoSchema, h))]]);

describe('TensorBundleTest', () => {
  it('Basic', () => {
    for (const d of DTYPES) {
      for (const p of ['foo', 'bar']) {
        const files = encodeBundle(
          new Map([
            [`${p}_003`, constant2x3(d, 3)],
            [`${p}_000`, constant2x3(d, 0)],
            [`${p}_002`, constant2x3(d, 2)],
            [`${p}_001`, constant2x3(d, 1)],
          ]),
        );
        const r = reader(files);
        expect(r.keys, d).toEqual([`${p}_000`, `${p}_001`, `${p}_002`, `${p}_003`]);
        for (const i of [3, 2, 1, 0]) expectTensor(r, `${p}_00${i}`, constant2x3(d, i));
      }
    }
  });

  it('NonStandardShapes', () => {
    for (const d of DTYPES) {
      const t = new Map([
        ['scalar', constant(d, 0, [])],
        ['non_standard0', constant(d, 0, [0, 1618])],
        ['non_standard1', constant(d, 0, [16, 0, 18])],
      ]);
      const r = reader(encodeBundle(t));
      for (const [k, v] of t) expectTensor(r, k, v);
    }
  });

  it('Error', () => {
    // Dup keys: a Map cannot hold one key twice; the same key reached twice is refused as TF's writer refuses it.
    const dup = new Map([['foo', constant2x3('float32', 1)]]);
    const twice = {
      *[Symbol.iterator]() {
        yield* dup;
        yield* dup;
      },
      size: 2,
    } as unknown as Map<string, NDArray>;
    expect(() => encodeBundle(twice)).toThrow(new tf.errors.InvalidArgumentError('Adding duplicate key: foo'));
    // Not found.
    expect(() => tf.train.NewCheckpointReader('/nonexistent/tf1-ts/nonexist')).toThrow(tf.errors.NotFoundError);
  });

  it('Checksum', () => {
    const files = encodeBundle(new Map([['foo', constant2x3('float32', 1)]]));
    for (let i = 0; i < files.data.length; i++) {
      const data = files.data.slice();
      data[i] = ~data[i]!;
      expect(() => reader({ index: files.index, data }).lookup('foo'), `byte ${i}`).toThrow(
        /^Checksum does not match: stored \d{8,} vs. calculated on the restored bytes \d+$/,
      );
      expect(() => reader({ index: files.index, data }).lookup('foo')).toThrow(tf.errors.DataLossError);
    }
  });

  it('Endianness', () => {
    const files = encodeBundle(new Map([['key', constant2x3('float32', 1)]]));
    const table = readTable(files.index);
    const header = fromBinary(BundleHeaderProtoSchema, table[0]![1]);
    header.endianness = BundleHeaderProto_Endianness.BIG;
    const index = buildTable([[table[0]![0], toBinary(BundleHeaderProtoSchema, header)], ...table.slice(1)]);
    expect(() => readBundleIndex(index, 'end.index')).toThrow(tf.errors.UnimplementedError);
    expect(() => readBundleIndex(index, 'end.index')).toThrow('different endianness from the reader');
  });

  it('TruncatedTensorContents', () => {
    const files = encodeBundle(new Map([['key', constant2x3('float32', 1)]]));
    const r = reader({ index: files.index, data: files.data.subarray(0, files.data.length - 1) });
    expect(() => r.lookup('key')).toThrow(tf.errors.OutOfRangeError);
  });

  it('HeaderEntry', () => {
    const table = readTable(encodeBundle(new Map([['key', constant2x3('float32', 1)]])).index);
    expect(table[0]![0]).toHaveLength(0);
    const header = fromBinary(BundleHeaderProtoSchema, table[0]![1]);
    expect(header.numShards).toBe(1);
    expect(header.endianness).toBe(BundleHeaderProto_Endianness.LITTLE);
    expect(header.version?.producer).toBe(1); // kTensorBundleVersion
    expect(header.version?.minConsumer).toBe(0); // kTensorBundleMinConsumer
  });

  it('VersionTest', () => {
    const cases: [Parameters<typeof headerOnly>[0], string][] = [
      [{ version: { producer: 2, minConsumer: 2 } }, 'Checkpoint min consumer version 2 above current version 1 for TensorFlow'],
      [{ version: { producer: -1 } }, 'Checkpoint producer version -1 below min producer 0 supported by TensorFlow'],
      [{ version: { producer: 2, badConsumers: [1] } }, 'Checkpoint disallows consumer version 1.  Please upgrade TensorFlow: this version is likely buggy.'],
    ];
    for (const [h, msg] of cases) {
      let err: unknown;
      try {
        readBundleIndex(headerOnly(h), 'version_test.index');
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(tf.errors.InvalidArgumentError);
      expect((err as Error).message.startsWith(msg)).toBe(true);
    }
  });
});
