import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../../src/index.js';
import { NDArray } from '../../../../src/framework/ndarray.js';
import { DataSet, mnist_data_dir, read_data_sets, type Datasets } from '../../../../src/examples/tutorials/mnist/input_data.js';

// TF1 r1.12's mnist.py (contrib/learn/python/learn/datasets/mnist.py): `dtype` uint8 leaves the images as
// `[0, 255]`, float32 rescales them into `[0, 1]`; labels are the file's uint8 bytes.

/** Raw bytes of one of the package's IDX files, read here without the loader under test. */
const raw = (name: string): Buffer => readFileSync(join(mnist_data_dir(), name));

/** TF1's `images.astype(numpy.float32) * (1.0 / 255.0)` for one value: a float32 product. */
const scaled = (b: number): number => Math.fround(Math.fround(b) * Math.fround(1 / 255));

describe('read_data_sets(..., dtype=dtypes.uint8)', () => {
  let bytes: Datasets;
  let floats: Datasets;
  beforeAll(() => {
    bytes = read_data_sets(undefined, { dtype: tf.uint8, log: null });
    floats = read_data_sets(undefined, { log: null });
  });

  it("keeps the file's bytes 0..255, unscaled, in TF1's shapes", () => {
    expect(bytes.train.images.dtype).toBe('uint8');
    expect(bytes.train.images.shape).toEqual([55000, 784]);
    expect(bytes.validation.images.shape).toEqual([5000, 784]);
    expect(bytes.test.images.shape).toEqual([10000, 784]);
    const file = raw('train-images-idx3-ubyte');
    // train row 0 is the file's image 5000; validation row 0 its image 0
    expect(Array.from(bytes.train.images.data.subarray(0, 784))).toEqual(Array.from(file.subarray(16 + 5000 * 784, 16 + 5001 * 784)));
    expect(Array.from(bytes.validation.images.data.subarray(0, 784))).toEqual(Array.from(file.subarray(16, 16 + 784)));
    expect(Math.max(...bytes.test.images.data.subarray(0, 784 * 20))).toBe(255);
    const square = read_data_sets(undefined, { dtype: 'uint8', reshape: false, validation_size: 0, log: null });
    expect(square.train.images.shape).toEqual([60000, 28, 28, 1]);
    expect(square.train.images.dtype).toBe('uint8');
  });

  it('float32 (the default) is the same pixels cast and scaled as TF1 scales them', () => {
    expect(floats.test.images.dtype).toBe('float32');
    const b = bytes.test.images.data;
    const f = floats.test.images.data;
    for (let i = 0; i < 784 * 50; i++) expect(f[i]).toBe(scaled(b[i]!));
  });

  it("gives the labels as TF1 does: the file's uint8 bytes (one-hot: float32, see docs/examples.md)", () => {
    expect(bytes.test.labels.dtype).toBe('uint8');
    expect(Array.from(bytes.test.labels.data.subarray(0, 10))).toEqual(Array.from(raw('t10k-labels-idx1-ubyte').subarray(8, 18)));
    const hot = read_data_sets(undefined, { one_hot: true, dtype: 'uint8', log: null });
    expect(hot.test.images.dtype).toBe('uint8');
    expect(hot.test.labels.dtype).toBe('float32');
    expect(Array.from(hot.test.labels.data.subarray(0, 10))).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 0, 0]); // a 7
  });

  it('feeds uint8 images to a uint8 placeholder as they are; a float32 placeholder casts them, unscaled, as TF1 (np.asarray)', async () => {
    const [xs] = bytes.test.slice(0, 100);
    const x8 = tf.placeholder(tf.uint8, [null, 784]);
    const x32 = tf.placeholder(tf.float32, [null, 784]);
    // the float32 scaling written in the graph, as a TF1 program that reads uint8 would write it
    const inGraph = tf.multiply(tf.cast(x8, tf.float32), tf.constant(1 / 255, tf.float32));
    const sess = new tf.Session();
    const [same, cast, graphScaled] = await sess.run(
      [tf.identity(x8), tf.identity(x32), inGraph],
      new Map([
        [x8, xs],
        [x32, xs],
      ]),
    );
    sess.close();
    expect(same!.dtype).toBe('uint8');
    expect(Array.from(same!.data)).toEqual(Array.from(xs.data));
    expect(cast!.dtype).toBe('float32');
    expect(Array.from(cast!.data)).toEqual(Array.from(xs.data)); // 0..255, not [0, 1]
    expect(Array.from(graphScaled!.data)).toEqual(Array.from(floats.test.images.data.subarray(0, 100 * 784)));
  });
});

describe('DataSet(images, labels, fake_data, one_hot, dtype, reshape, seed)', () => {
  const pixels = Uint8Array.from([0, 1, 128, 255, 7, 200]);
  const labels = new NDArray(Uint8Array.from([3, 9]), [2], 'uint8');

  it('with dtype float32 (the default) casts the images to float32 and scales them into [0, 1], whatever their dtype', () => {
    const ds = new DataSet(new NDArray(pixels, [2, 3], 'uint8'), labels);
    expect(ds.images.dtype).toBe('float32');
    expect(Array.from(ds.images.data)).toEqual(Array.from(pixels, scaled));
    const ints = new DataSet(new NDArray(Int32Array.from(pixels), [2, 3], 'int32'), labels, { dtype: 'float32' });
    expect(Array.from(ints.images.data)).toEqual(Array.from(pixels, scaled));
    expect(ds.labels).toBe(labels); // labels are kept as given
  });

  it('with dtype uint8 keeps the images as given; reshape flattens [n, rows, cols, 1] either way', () => {
    const images = new NDArray(pixels, [2, 3, 1, 1], 'uint8');
    const ds = new DataSet(images, labels, false, false, tf.uint8);
    expect(ds.images.dtype).toBe('uint8');
    expect(ds.images.shape).toEqual([2, 3]);
    expect(ds.images.data).toBe(pixels);
    expect(new DataSet(images, labels, { dtype: 'uint8', reshape: false }).images.shape).toEqual([2, 3, 1, 1]);
    expect(new DataSet(images, labels, { reshape: true }).images.shape).toEqual([2, 3]);
  });

  it("refuses other dtypes with TF1's TypeError, fake data too (as_dtype's TypeError for what is no dtype)", () => {
    const images = new NDArray(pixels, [2, 3], 'uint8');
    expect(() => new DataSet(images, labels, { dtype: 'float64' })).toThrow(tf.errors.TypeError);
    expect(() => new DataSet(images, labels, { dtype: 'float64' })).toThrow('Invalid image dtype tf.float64, expected uint8 or float32');
    expect(() => new DataSet(images, labels, { dtype: 'int32' })).toThrow('Invalid image dtype tf.int32, expected uint8 or float32');
    expect(() => new DataSet(images, labels, { dtype: 'float' })).not.toThrow(); // TF1's alias of float32
    expect(() => new DataSet(images, labels, { dtype: 'uint9' as never })).toThrow("Cannot convert value 'uint9' to a TensorFlow DType.");
    expect(() => read_data_sets('', true, false, 'int8')).toThrow('Invalid image dtype tf.int8, expected uint8 or float32');
    const [x] = read_data_sets('', { fake_data: true, dtype: 'uint8' }).train.next_batch(2, true);
    expect(x.shape).toEqual([2, 784]); // TF1's fake batch whatever the dtype
  });
});
