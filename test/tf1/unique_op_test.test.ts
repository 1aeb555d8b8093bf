// TF1 r1.12's tensorflow/python/kernel_tests/unique_op_test.py (UniqueTest, UniqueWithCountsTest), ported: one `it`
// per TF1 method on Unique and UniqueWithCounts (the *Axis and V2 methods are UniqueV2's, which tf1-ts lacks). TF1
// draws x with np.random; here a seeded generator of the same range and size.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { evaluate, inGraph, np, rejected, thrown } from './helpers.js';

/** `np.random.randint(lo, high, size)` from a fixed seed (a linear congruential generator). */
function randint(lo: number, high: number, size: number, seed = 7): number[] {
  let s = seed;
  return Array.from({ length: size }, () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return lo + (s % (high - lo));
  });
}

/** TF1's checks: idx as long as x, y as long as np.unique(x), x[i] == y[idx[i]], and (with counts) each count. */
function check(x: readonly (number | string)[], y: readonly (number | string)[], idx: ArrayLike<number>, count?: ArrayLike<number>): void {
  expect(idx.length).toBe(x.length);
  expect(y.length).toBe(new Set(x).size);
  for (let i = 0; i < x.length; i++) expect(y[idx[i]!]).toBe(x[i]);
  if (count) y.forEach((v, j) => expect(count[j]).toBe(x.filter((e) => e === v).length));
}

const strs = (a: tf.NDArray): string[] => a.strings.map((b) => new TextDecoder().decode(b));

describe('UniqueTest', () => {
  it('testInt32', async () => {
    const x = randint(2, 10, 7000);
    const [y, idx] = await evaluate(() => [...tf.unique(tf.constant(x, 'int32'))]);
    expect(y!.dtype).toBe('int32');
    expect(idx!.dtype).toBe('int32');
    check(x, [...y!.data], idx!.data);
  });

  it('testInt32OutIdxInt64', async () => {
    const x = randint(2, 10, 7000);
    const [y, idx] = await evaluate(() => [...tf.unique(tf.constant(x, 'int32'), { out_idx: tf.int64 })]);
    expect(idx!.dtype).toBe('int64');
    check(x, [...y!.data], idx!.data);
  });

  it('testString', async () => {
    const x = randint(0, 10, 7000).map((v) => String.fromCharCode(97 + v));
    const [y, idx] = await evaluate(() => [...tf.unique(tf.constant(x))]);
    check(x, strs(y!), idx!.data);
  });
});

describe('UniqueWithCountsTest', () => {
  it('testInt32', async () => {
    const x = randint(2, 10, 7000);
    const [y, idx, count] = await evaluate(() => [...tf.unique_with_counts(tf.constant(x, 'int32'))]);
    check(x, [...y!.data], idx!.data, count!.data);
  });

  it('testInt32OutIdxInt64', async () => {
    const x = randint(2, 10, 7000);
    const [y, idx, count] = await evaluate(() => [...tf.unique_with_counts(tf.constant(x, 'int32'), tf.int64)]);
    expect(idx!.dtype).toBe('int64');
    expect(count!.dtype).toBe('int64');
    check(x, [...y!.data], idx!.data, count!.data);
  });

  it('testString', async () => {
    const x = randint(0, 10, 7000).map((v) => String.fromCharCode(97 + v));
    const [y, idx, count] = await evaluate(() => [...tf.unique_with_counts(tf.constant(x))]);
    check(x, strs(y!), idx!.data, count!.data);
  });
});

describe('Unique: shapes, order, names and errors (core/ops/array_ops.cc, core/kernels/unique_op.cc)', () => {
  it('y in order of first appearance; 0 and -0 one value, each NaN its own (a hash map keyed by value)', async () => {
    const [y, idx] = await evaluate(() => [...tf.unique(tf.constant([3, 1, 3, -0, 0, NaN, NaN, 1], tf.float32))]);
    expect([...y!.data].map((v) => (Number.isNaN(v) ? 'nan' : Object.is(v, -0) ? 0 : v))).toEqual([3, 1, 0, 'nan', 'nan']);
    expect([...idx!.data]).toEqual([0, 1, 0, 2, 2, 3, 4, 1]);
  });

  it('an empty vector gives empty outputs', async () => {
    const [y, idx] = await evaluate(() => [...tf.unique(tf.constant([], tf.int32))]);
    expect(y!.shape).toEqual([0]);
    expect(idx!.shape).toEqual([0]);
  });

  it("static shapes: y [?], idx x's; the op named Unique, its outputs y and idx", () => {
    inGraph(() => {
      const u = tf.unique(tf.placeholder(tf.float32, { shape: [5] }));
      expect(u.y.name).toBe('Unique:0');
      expect(u.idx.name).toBe('Unique:1');
      expect(String(u.y.shape)).toBe('(?,)');
      expect(String(u.idx.shape)).toBe('(5,)');
      const c = tf.unique_with_counts(tf.placeholder(tf.int32), { name: 'uc' });
      expect(c.count.name).toBe('uc:2');
      // TF1 gives idx the input's shape before checking its rank: unknown here.
      expect(String(c.idx.shape)).toBe('<unknown>');
    });
  });

  it("a known rank other than 1 is the shape function's ValueError; a fed one its InvalidArgumentError, before the kernel runs", async () => {
    inGraph(() => {
      expect(thrown(() => tf.unique(tf.constant([[1, 2]]))).message).toMatch(/Shape must be rank 1 but is rank 2 for 'Unique' \(op: 'Unique'\)/);
    });
    const g = new tf.Graph();
    const { x, y } = g.as_default(() => {
      const x = tf.placeholder(tf.int32);
      return { x, y: tf.unique(x).y };
    });
    const sess = new tf.Session({ graph: g });
    const err = await rejected(sess.run(y, new Map([[x, np([[1, 2]], 'int32')]])));
    expect(err).toBeInstanceOf(tf.errors.InvalidArgumentError);
    expect(err.message).toMatch(/^Shape must be rank 1 but is rank 2 for 'Unique' \(op: 'Unique'\) with input shapes: \[1,2\]/);
    await sess.close();
  });

  it('has no gradient (r1.12 registers none)', () => {
    inGraph(() => {
      const x = tf.constant([1, 2, 2], tf.float32);
      expect(thrown(() => tf.gradients(tf.unique(x).y, x)).message).toBe("No gradient defined for operation 'Unique' (op type: Unique)");
    });
  });
});
