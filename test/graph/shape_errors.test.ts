import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';

const inGraph = <T>(fn: () => T): T => new tf.Graph().as_default(fn);

describe('build-time shape and type errors, worded as TF1', () => {
  it('MatMul with mismatched inner dimensions', () => {
    inGraph(() => {
      const x = tf.placeholder(tf.float32, [null, 784]);
      const W = tf.Variable(tf.zeros([785, 10]));
      expect(() => tf.matmul(x, W)).toThrow(tf.errors.ValueError);
      expect(() => tf.matmul(x, W)).toThrow(
        "Dimensions must be equal, but are 784 and 785 for 'MatMul_1' (op: 'MatMul') with input shapes: [?,784], [785,10].",
      );
    });
  });

  it('MatMul of a non-matrix', () => {
    inGraph(() => {
      expect(() => tf.matmul(tf.zeros([2, 3, 4]), tf.zeros([4, 2]))).toThrow(
        "Shape must be rank 2 but is rank 3 for 'MatMul' (op: 'MatMul') with input shapes: [2,3,4], [4,2].",
      );
    });
  });

  it('broadcasting incompatible shapes', () => {
    inGraph(() => {
      expect(() => tf.zeros([2, 3]).add(tf.zeros([4]))).toThrow(
        "Dimensions must be equal, but are 3 and 4 for 'add' (op: 'Add') with input shapes: [2,3], [4].",
      );
    });
  });

  it('reshape to the wrong number of elements', () => {
    inGraph(() => {
      expect(() => tf.reshape(tf.zeros([784, 10]), [3, 4])).toThrow(
        /Cannot reshape a tensor with 7840 elements to shape \[3,4\] \(12 elements\) for 'Reshape'/,
      );
    });
  });

  it('reduction over an axis the input lacks', () => {
    inGraph(() => {
      expect(() => tf.reduce_sum(tf.zeros([2, 3]), { axis: 2 })).toThrow(
        "Invalid reduction dimension 2 for input with 2 dimensions. for 'Sum' (op: 'Sum') with input shapes: [2,3], [].",
      );
    });
  });

  it('mixed dtypes raise TypeError with the op-def wording', () => {
    inGraph(() => {
      const a = tf.placeholder(tf.float32, [2]);
      const b = tf.placeholder(tf.float64, [2]);
      expect(() => tf.add(a, b)).toThrow(tf.errors.TypeError);
      expect(() => tf.add(a, b)).toThrow("Input 'y' of 'Add' Op has type float64 that does not match type float32 of argument 'x'.");
      expect(() => tf.log(tf.placeholder(tf.int32, [2]))).toThrow(
        /Value passed to parameter 'x' has DataType int32 not in list of allowed values: float32, float64/,
      );
    });
  });

  it('numbers take the dtype of the tensor they combine with', () => {
    inGraph(() => {
      const i = tf.placeholder(tf.int32, [2]);
      expect(i.add(2).dtype).toBe('int32');
      expect(() => i.add(2.5)).toThrow("Expected int32, got 2.5 of type 'float' instead.");
      expect(tf.placeholder(tf.float64, []).mul(2).dtype).toBe('float64');
    });
  });

  it('a variable needs a fully defined initial shape, and set_shape refuses a conflict', () => {
    inGraph(() => {
      const p = tf.placeholder(tf.float32, [null, 2]);
      expect(() => tf.Variable(p)).toThrow(/initial_value must have a shape specified/);
      expect(() => p.set_shape([3, 3])).toThrow('Shapes (?, 2) and (3, 3) are not compatible');
      p.set_shape([5, 2]);
      expect(String(p.shape)).toBe('(5, 2)');
    });
  });

  it('mixing graphs is refused', () => {
    const a = inGraph(() => tf.constant(1));
    inGraph(() => {
      const b = tf.constant(2);
      expect(() => tf.add(a, b)).toThrow(tf.errors.ValueError);
    });
  });
});
