// TF1's tensorflow/python/kernel_tests/string_join_op_test.py (StringJoinOpTest), ported: same inputs and expected
// values. TF1's assertAllEqual of byte strings compares the bytes (JS strings here are their UTF-8 bytes).
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllEqual, evaluate } from './helpers.js';

describe('StringJoinOpTest', () => {
  it('testStringJoin', async () => {
    const input0 = ['a', 'b'];
    const input1 = 'a';
    const input2 = [['b'], ['c']];
    assertAllEqual(await evaluate(() => tf.string_join([input0, input1])), ['aa', 'ba']);
    assertAllEqual(await evaluate(() => tf.string_join([input0, input1], { separator: '--' })), ['a--a', 'b--a']);
    assertAllEqual(await evaluate(() => tf.string_join([input0, input1, input0], { separator: '--' })), ['a--a--a', 'b--a--b']);
    const scalar = await evaluate(() => tf.string_join([input1, input1, input1, input1], { separator: '!' }));
    expect(scalar.shape).toEqual([]);
    assertAllEqual(scalar, 'a!a!a!a');
    assertAllEqual(await evaluate(() => tf.string_join([input2, input2], { separator: '' })), [['bb'], ['cc']]);
    // Inconsistent shapes: TF1's shape function refuses them while building.
    expect(() => new tf.Graph().as_default(() => tf.string_join([input0, input2]))).toThrow(tf.errors.ValueError);
  });
});
