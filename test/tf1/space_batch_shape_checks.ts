// The shape-error helpers spacetobatch_op_test.py's and batchtospace_op_test.py's *NDErrorHandlingTest classes share:
// _testStaticShape (ValueError while building) and _testDynamicShape (shapes fed: TF1 expects ValueError from t.eval()
// with no default session; the run in a session fails on the kernel's check, InvalidArgumentError: both are checked).
import { expect } from 'vitest';
import * as tf from '../../src/index.js';
import { inGraph, inSession, np, rejected, thrown } from './helpers.js';

type NdOp = (x: tf.TensorLike, block: tf.TensorLike, pads: tf.TensorLike) => tf.Tensor;

export function ndShapeChecks(op: NdOp): {
  testStaticShape: (shape: number[], block: number[], pads: number[][]) => Error;
  testDynamicShape: (shape: number[], block: number[], pads: number[][]) => Promise<Error>;
} {
  const testStaticShape = (shape: number[], block: number[], pads: number[][]): Error => {
    const e = inGraph(() => thrown(() => op(tf.NDArray.zeros(shape, 'float32'), block, pads)));
    expect(e).toBeInstanceOf(tf.errors.ValueError);
    return e;
  };
  const testDynamicShape = (shape: number[], block: number[], pads: number[][]): Promise<Error> =>
    inSession(async (g, sess) => {
      const [x, b, p, t] = g.as_default(() => {
        const x = tf.placeholder(tf.float32);
        const b = tf.placeholder(tf.int32, [block.length]);
        const p = tf.placeholder(tf.int32);
        return [x, b, p, op(x, b, p)] as const;
      });
      const feeds = new Map([
        [x, tf.NDArray.zeros(shape, 'float32')],
        [b, np(block, 'int32')],
        [p, np(pads, 'int32')],
      ]);
      expect(await rejected(t.eval(feeds))).toBeInstanceOf(tf.errors.ValueError);
      const e = await rejected(sess.run(t, feeds));
      expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
      return e;
    });
  return { testStaticShape, testDynamicShape };
}
