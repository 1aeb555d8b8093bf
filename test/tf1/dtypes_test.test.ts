// TF1's tensorflow/python/framework/dtypes_test.py (TypesTest), for the dtypes tf1-ts has (float32, float64,
// int32, int64, bool). Read from fraudies/tensorflow at TF 1.13.1-rc0, the nearest to r1.12 the index holds.
// tf1-ts's DType is TF1's name as a string, so the DType object's properties and the DataType enums have no
// counterpart (NOT_PORTED.md).
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';

describe('TypesTest', () => {
  it('testInvalid', () => {
    // types_pb2.DT_INVALID is 0.
    expect(() => tf.as_dtype(0 as never)).toThrow(tf.errors.TypeError);
  });

  it('testStringConversion', () => {
    expect(tf.as_dtype('float32')).toBe(tf.float32);
    expect(tf.as_dtype('float64')).toBe(tf.float64);
    expect(tf.as_dtype('int32')).toBe(tf.int32);
    expect(tf.as_dtype('int64')).toBe(tf.int64);
    expect(tf.as_dtype('bool')).toBe(tf.bool);
    expect(tf.as_dtype('uint8')).toBe(tf.uint8);
    expect(tf.as_dtype('uint16')).toBe(tf.uint16);
    expect(tf.as_dtype('int16')).toBe(tf.int16);
    expect(tf.as_dtype('int8')).toBe(tf.int8);
    expect(() => tf.as_dtype('not_a_type' as never)).toThrow(tf.errors.TypeError);
  });

  it('testAsDtypeInvalidArgument', () => {
    expect(() => tf.as_dtype([tf.int32, tf.float32] as never)).toThrow(tf.errors.TypeError);
  });
});
