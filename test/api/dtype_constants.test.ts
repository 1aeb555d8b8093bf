// tf.float32, tf.int64, ... are typed as their own literal dtypes (not the whole DType union), so a parameter that
// takes only some dtypes (`out_type: int32 or int64`) accepts `tf.int64` while typing and refuses `tf.float32`
// there as well as at run time, with TF1's TypeError.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { inGraph, thrown } from '../tf1/helpers.js';

describe('dtype constants', () => {
  it('are the dtype names, each typed as its own literal', () => {
    const i64: 'int64' = tf.int64;
    const f32: 'float32' = tf.float32;
    expect([i64, f32, tf.bool, tf.string]).toEqual(['int64', 'float32', 'bool', 'string']);
    // A list of them stays a list of dtypes (no widening to string).
    const list: tf.DType[] = [tf.float32, tf.float64];
    expect(list).toEqual(['float32', 'float64']);
  });

  it('fit parameters that take some dtypes only, and the others are refused while typing and at run time', () => {
    inGraph(() => {
      const x = tf.placeholder(tf.float32, { shape: [2, 3] });
      expect(tf.shape(x, { out_type: tf.int64 }).dtype).toBe('int64');
      expect(tf.unique(tf.constant([1, 1]), { out_idx: tf.int64 }).idx.dtype).toBe('int64');
      // @ts-expect-error: out_type is int32 or int64
      const e = thrown(() => tf.shape(x, { out_type: tf.float32 }));
      expect(e).toBeInstanceOf(tf.errors.TypeError);
    });
  });
});
