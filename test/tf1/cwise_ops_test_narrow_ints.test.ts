// Port of TF1 r1.12's cwise_ops_test.py BinaryOpTest.testUint8Basic, testInt8Basic, testInt16Basic and
// testUint16Basic (read from hfp/tensorflow-xsmm's copy, as cwise_ops_test.test.ts is): the narrow integer dtypes.
// _compareBoth checks values only for integers (TF1 compares gradients and the GPU for floats alone).
import { describe, it } from 'vitest';
import * as tf from '../../src/index.js';
import type { DType } from '../../src/framework/dtypes.js';
import { _FLOORDIV, _MUL, _TRUEDIV, binaryCompareCpu } from './cwise_helpers.js';
import * as np from './np.js';

const { add, multiply, truediv, floordiv } = tf;
const pair = (dtype: DType): [tf.NDArray, tf.NDArray] => [np.array(np.arange(1, 13, 2), [1, 3, 2], dtype), np.array(np.arange(1, 7, 1), [1, 3, 2], dtype)];

describe('BinaryOpTest', () => {
  it('testUint8Basic', async () => {
    const [x, y] = pair('uint8');
    await binaryCompareCpu(x, y, np.add, add);
  });

  it('testInt8Basic', async () => {
    const [x, y] = pair('int8');
    await binaryCompareCpu(x, y, np.multiply, multiply);
    await binaryCompareCpu(x, y, np.multiply, _MUL);
  });

  it('testInt16Basic', async () => {
    const [x, y] = pair('int16');
    await binaryCompareCpu(x, y, np.multiply, multiply);
    await binaryCompareCpu(x, y, np.multiply, _MUL);
  });

  it('testUint16Basic', async () => {
    const [x, y] = pair('uint16');
    await binaryCompareCpu(x, y, np.multiply, multiply);
    await binaryCompareCpu(x, y, np.multiply, _MUL);
    await binaryCompareCpu(x, y, np.true_divide, truediv);
    await binaryCompareCpu(x, y, np.floor_divide, floordiv);
    await binaryCompareCpu(x, y, np.true_divide, _TRUEDIV);
    await binaryCompareCpu(x, y, np.floor_divide, _FLOORDIV);
  });
});
