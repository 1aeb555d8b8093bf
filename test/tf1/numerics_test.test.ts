// Port of TF1 r1.12's tensorflow/python/kernel_tests/numerics_test.py (VerifyTensorAllFiniteTest and NumericsTest). TF1's assertRaisesOpError(msg) is a regexp search of the message.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { with_dependencies } from '../../src/ops/control_flow_ops.js';
import { assertAllClose, assertAllEqual, evaluate, inGraph, rand, rejected, staticShape } from './helpers.js';

/** Runs `build`'s tensor in a fresh graph and returns the error it fails with, checking it is TF1's OpError. */
async function opError(build: () => tf.Tensor): Promise<Error> {
  const err = await rejected(evaluate(build));
  expect(err).toBeInstanceOf(tf.errors.OpError);
  return err;
}

describe('VerifyTensorAllFiniteTest', () => {
  it('testVerifyTensorAllFiniteSucceeds', async () => {
    const xShape = [5, 4];
    const x = rand(xShape);
    const v = await evaluate(() => {
      const t = tf.constant(x, { shape: xShape, dtype: tf.float32 });
      return tf.verify_tensor_all_finite(t, 'Input is not a number.');
    });
    assertAllClose(x, v);
  });

  it('testVerifyTensorAllFiniteFails', async () => {
    const xShape = [5, 4];
    const x = rand(xShape);
    const myMsg = 'Input is not a number.';
    // Test NaN.
    x.data.fill(Number.NaN, 0, 4);
    const build = () => tf.verify_tensor_all_finite(tf.constant(x, { shape: xShape, dtype: tf.float32 }), myMsg);
    expect((await opError(build)).message).toContain(myMsg);
    // Test Inf.
    x.data.fill(Infinity, 0, 4);
    expect((await opError(build)).message).toContain(myMsg);
  });
});

describe('NumericsTest', () => {
  /** t1 / t2 behind a group of add_check_numerics_ops (`with_dependencies([check], a)`). */
  const checkedDiv = (t1: number | number[], t2: number | number[]) => () => {
    const a = tf.div(tf.constant(t1, tf.float32), tf.constant(t2, tf.float32));
    const check = tf.add_check_numerics_ops();
    return with_dependencies([check], a);
  };

  it('testInf', async () => {
    expect((await opError(checkedDiv(1.0, 0.0))).message).toMatch(/Inf/);
  });

  it('testNaN', async () => {
    expect((await opError(checkedDiv(0.0, 0.0))).message).toMatch(/NaN/);
  });

  it('testBoth', async () => {
    expect((await opError(checkedDiv([1.0, 0.0], [0.0, 0.0]))).message).toMatch(/Inf and NaN/);
  });

  it('testPassThrough', async () => {
    let checked: tf.Tensor | undefined;
    const value = await evaluate(() => {
      const t1 = tf.constant([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], { shape: [2, 3], dtype: tf.float32 });
      checked = tf.check_numerics(t1, { message: 'pass through test' });
      return checked;
    });
    assertAllEqual(
      [
        [1.0, 2.0, 3.0],
        [4.0, 5.0, 6.0],
      ],
      value,
    );
    expect(staticShape(checked!)).toEqual([2, 3]);
  });

  const REFUSED = '`tf.add_check_numerics_ops() is not compatible with TensorFlow control flow operations such as `tf.cond()` or `tf.while_loop()`.';

  it('testControlFlowCond', () => {
    inGraph(() => {
      const predicate = tf.placeholder(tf.bool, []);
      tf.cond(
        predicate,
        () => tf.constant([37], tf.float32),
        () => tf.constant([42], tf.float32),
      );
      expect(() => tf.add_check_numerics_ops()).toThrow(new tf.errors.ValueError(REFUSED));
    });
  });

  it('testControlFlowWhile', () => {
    inGraph(() => {
      const predicate = tf.placeholder(tf.bool, []);
      tf.while_loop(
        (_: tf.Tensor) => predicate,
        (_: tf.Tensor) => tf.constant([37], tf.float32),
        [tf.constant([42], tf.float32)],
      );
      expect(() => tf.add_check_numerics_ops()).toThrow(new tf.errors.ValueError(REFUSED));
    });
  });
});
