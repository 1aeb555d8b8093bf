import { describe, expect, it } from 'vitest';
import { NDArray } from '../../../../src/framework/ndarray.js';
import { DataSet, input_data } from '../../../../src/examples/tutorials/mnist/index.js';

// TF1 r1.12's contrib/learn/python/learn/datasets/mnist.py, which tensorflow.examples.tutorials.mnist.input_data
// re-exports: its parameter order, fake_data, dtype and reshape.

/** n examples whose image row i is [i, i + 0.5] and label is i. */
function indexed(n: number): DataSet {
  const img = new Float32Array(2 * n).map((_, k) => (k % 2 === 0 ? k / 2 : (k - 1) / 2 + 0.5));
  return new DataSet(
    new NDArray(img, [n, 2], 'float32'),
    new NDArray(
      Int32Array.from({ length: n }, (_, i) => i),
      [n],
      'int32',
    ),
    { seed: 1 },
  );
}

describe("next_batch(batch_size, fake_data=False, shuffle=True): TF1's positional order", () => {
  it('reads the second positional value as fake_data, the third as shuffle', () => {
    // next_batch(4, false): fake_data false, shuffle (the default) true: the first epoch is shuffled
    expect(Array.from(indexed(100).next_batch(4, false)[1].data)).not.toEqual([0, 1, 2, 3]);
    expect(Array.from(indexed(100).next_batch(4, false, false)[1].data)).toEqual([0, 1, 2, 3]);
    expect(Array.from(indexed(100).next_batch(4, { shuffle: false })[1].data)).toEqual([0, 1, 2, 3]);
    const [x, y] = indexed(100).next_batch(3, true); // fake data even from a real set, as TF1's
    expect(x.shape).toEqual([3, 784]);
    expect(y.shape).toEqual([3]);
  });

  it("refuses what Python would (TypeError with Python's wording)", () => {
    expect(() => indexed(5).next_batch(2, { shufle: false } as never)).toThrow("next_batch() got an unexpected keyword argument 'shufle'");
    expect(() => indexed(5).next_batch(2, 'no' as never)).toThrow("Expected bool for argument 'fake_data' not 'no'.");
    expect(() => (indexed(5).next_batch as (...a: unknown[]) => unknown)()).toThrow("next_batch() missing 1 required positional argument: 'batch_size'");
  });
});

describe('fake_data as TF1 makes it', () => {
  it('read_data_sets(train_dir, fake_data=True) gives three sets of 10000 examples and no data', () => {
    const sets = input_data.read_data_sets('/nonexistent', true);
    for (const s of [sets.train, sets.validation, sets.test]) expect(s.num_examples).toBe(10000);
    expect(sets.train.images.shape).toEqual([0, 784]);
  });

  it('next_batch(n, fake_data=True): images of ones, labels class 0 (one-hot [1, 0, ..., 0] with one_hot)', () => {
    const [x, y] = input_data.read_data_sets('', true).train.next_batch(5, true);
    expect(x.shape).toEqual([5, 784]);
    expect(x.dtype).toBe('float32');
    expect(Array.from(new Set(x.data))).toEqual([1]);
    expect(y.dtype).toBe('int32');
    expect(Array.from(y.data)).toEqual([0, 0, 0, 0, 0]);
    const [, oh] = input_data.read_data_sets('', { fake_data: true, one_hot: true }).test.next_batch(2, { fake_data: true });
    expect(oh.shape).toEqual([2, 10]);
    expect(Array.from(oh.data)).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('read_data_sets(train_dir, fake_data, one_hot, dtype, reshape, validation_size, seed, source_url)', () => {
  it('takes its parameters by position in TF1 order', () => {
    const m = input_data.read_data_sets('/tmp/data/', false, true, 'float32', false, 1000, 7, '', { log: null });
    expect(m.validation.images.shape).toEqual([1000, 28, 28, 1]);
    expect(m.train.images.shape).toEqual([59000, 28, 28, 1]);
    expect(m.train.labels.shape).toEqual([59000, 10]);
    const flat = input_data.read_data_sets('/tmp/data/', { reshape: true, validation_size: 1000, seed: 7, one_hot: true, log: null });
    expect(Array.from(flat.validation.images.data.subarray(0, 784 * 3))).toEqual(Array.from(m.validation.images.data.subarray(0, 784 * 3)));
  });

  it("refuses image dtypes other than uint8 and float32 with TF1's message", () => {
    expect(() => input_data.read_data_sets('', { dtype: 'float64' })).toThrow('Invalid image dtype tf.float64, expected uint8 or float32');
    expect(() => input_data.read_data_sets('', { one_hott: true } as never)).toThrow("read_data_sets() got an unexpected keyword argument 'one_hott'");
  });
});
