// Port of TF1 r1.12's cwise_ops_test.py BinaryOpTest pow cases: testZeroPowGrad (float32 and float64; float16
// and the complex dtypes are not in tf1-ts) and testPowNegativeExponent. The BCast *B and MathOpsOverloadTest
// pow cases are in cwise_ops_test.test.ts.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { InvalidArgumentError } from '../../src/framework/errors.js';
import { evaluate, inSession, rejected } from './helpers.js';
import * as np from './np.js';

describe('BinaryOpTest (pow)', () => {
  it('testZeroPowGrad', async () => {
    for (const dtype of ['float32', 'float64'] as const) {
      const error = await inSession(async () => {
        const x = tf.constant(0.0, { dtype });
        const y = tf.constant(2.0, { dtype });
        const z = tf.pow(x, y);
        return tf.test.compute_gradient_error(y, [], z, []);
      });
      expect(error).toBe(0);
    }
  });

  it('testPowNegativeExponent', async () => {
    const cases: [number[], number[] | number][] = [
      [
        [5, 2],
        [-2, 3],
      ],
      [
        [5, 2],
        [2, -3],
      ],
      [[5, 2], -3],
    ];
    for (const dtype of ['int32', 'int64'] as const) {
      for (const [xs, ys] of cases) {
        const x = np.array(xs, [xs.length], dtype);
        const y = typeof ys === 'number' ? ys : np.array(ys, [ys.length], dtype);
        const e = await rejected(evaluate(() => tf.pow(x, y)));
        expect(e).toBeInstanceOf(InvalidArgumentError);
        expect(e.message).toMatch(/Integers to negative integer powers are not allowed/);
      }
    }
  });
});
