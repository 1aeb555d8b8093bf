// TF1's tensorflow/python/framework/tensor_shape_test.py (ShapeTest), ported for what tf1-ts has. Read from
// fraudies/tensorflow at TF 1.13.1-rc0, the nearest to r1.12 the index holds. tf1-ts's dimensions are numbers
// and null (TF1's Dimension(n) and Dimension(None)), so `s[i]` is `s.dims[i]` and `TensorShape([Dimension(3),
// ...])` is `new TensorShape([3, ...])`; tensor_shape.scalar(), vector(n), matrix(m, n) and unknown_shape(ndims)
// are the TensorShapes they build. Python's len(), bool() and iteration of a shape have no counterpart.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';

const TS = (dims: readonly (number | null)[] | null): tf.TensorShape => new tf.TensorShape(dims);
const unknown = (ndims?: number): tf.TensorShape => (ndims === undefined ? TS(null) : TS(Array<null>(ndims).fill(null)));

describe('ShapeTest', () => {
  it('testUnknownShape', () => {
    const s = TS(null);
    expect(() => s.assert_is_fully_defined()).toThrow(tf.errors.ValueError);
    expect(s.ndims).toBeNull();
    expect(s.dims).toBeNull();
  });

  it('testFullyDefinedShape', () => {
    const s = TS([3, 4, 7]);
    s.assert_is_fully_defined();
    expect(s.ndims).toBe(3);
    s.assert_has_rank(3);
    expect(s.dims).toEqual([3, 4, 7]);
    expect(s.dims![0]).toBe(3);
    expect(s.dims![1]).toBe(4);
    expect(s.dims![2]).toBe(7);
    expect(s.as_list()).toEqual([3, 4, 7]);
    s.assert_is_compatible_with([3, 4, 7]);
    s.assert_same_rank([6, 3, 7]);
  });

  it('testPartiallyDefinedShape', () => {
    const s = TS([3, null, 7]);
    expect(() => s.assert_is_fully_defined()).toThrow(tf.errors.ValueError);
    expect(s.ndims).toBe(3);
    s.assert_has_rank(3);
    expect(s.dims![0]).toBe(3);
    expect(s.dims![1]).toBeNull();
    expect(s.dims![2]).toBe(7);
    s.assert_same_rank([6, 3, 7]);
  });

  it('testMergeFullShapes', () => {
    expect(
      TS([3, 4, 7])
        .merge_with(TS([3, 4, 7]))
        .as_list(),
    ).toEqual([3, 4, 7]);
    expect(() => TS([3, 4, 7]).merge_with(TS([6, 3, 7]))).toThrow(tf.errors.ValueError);
  });

  it('testMergePartialShapes', () => {
    const s1 = TS([3, null, 7]);
    const s2 = TS([null, 4, 7]);
    expect(s1.merge_with(s2).as_list()).toEqual([3, 4, 7]);
  });

  it('testMergeFullAndUnknownShape', () => {
    expect(TS([3, 4, 7]).merge_with(TS(null)).as_list()).toEqual([3, 4, 7]);
  });

  it('testConcatenate', () => {
    TS([1, 2, 3, 4]).assert_is_compatible_with(TS([1, 2]).concatenate(TS([3, 4])));
    TS([1, 2, 3, 4]).assert_is_compatible_with(TS([1, 2]).concatenate(TS(null)));
    TS([1, 2, 3, 4]).assert_is_compatible_with(TS(null).concatenate(TS([3, 4])));
    TS([1, 2, 3, 4]).assert_is_compatible_with(TS(null).concatenate(TS(null)));
    TS([1, 2, 3]).assert_is_compatible_with(TS([1, 2]).concatenate(3));
  });

  const mostSpecific = (x: (number | null)[] | null, y: (number | null)[] | null, expected: (number | null)[] | null): void => {
    const mcs = TS(x).most_specific_compatible_shape(TS(y));
    if (expected === null || mcs.dims === null) expect(mcs.dims).toBe(expected);
    else expect(mcs.as_list()).toEqual(expected);
  };

  it('testMostSpecificCompatibleShape', () => {
    mostSpecific([1, 2], null, null);
    mostSpecific(null, [1, 2], null);
    mostSpecific([1, 2], [1, 2, 3, 4], null);
    mostSpecific([1, 2, 3, 4], [1, 2], null);
    mostSpecific([1, 2], [1, 2], [1, 2]);
    mostSpecific([null, 2, 3], [1, 1, 3], [null, null, 3]);
    mostSpecific([1, 1, 3], [null, 2, 3], [null, null, 3]);
  });

  it('testHelpers', () => {
    TS([]).assert_is_compatible_with(TS([]));
    TS([37]).assert_is_compatible_with(TS([37]));
    TS([94, 43]).assert_is_compatible_with(TS([94, 43]));
  });

  it('testStr', () => {
    expect(String(unknown())).toBe('<unknown>');
    expect(String(unknown(1))).toBe('(?,)');
    expect(String(unknown(2))).toBe('(?, ?)');
    expect(String(unknown(3))).toBe('(?, ?, ?)');

    expect(String(TS([]))).toBe('()');
    expect(String(TS([7]))).toBe('(7,)');
    expect(String(TS([3, 8]))).toBe('(3, 8)');
    expect(String(TS([4, 5, 2]))).toBe('(4, 5, 2)');

    expect(String(TS([32, null, 1, 9]))).toBe('(32, ?, 1, 9)');
  });

  it('testAsList', () => {
    expect(() => unknown().as_list()).toThrow(tf.errors.ValueError);
    expect(() => unknown().as_list()).toThrow('not defined on an unknown TensorShape');
    expect(unknown(2).as_list()).toEqual([null, null]);
    expect(TS([2, null, 4]).as_list()).toEqual([2, null, 4]);
  });
});
