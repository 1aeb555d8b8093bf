// Basic Operations example using TensorFlow library.
// Author: Aymeric Damien. Project: https://github.com/aymericdamien/TensorFlow-Examples/
// (tensorflow_v1/examples/1_Introduction/basic_operations.py, line for line.)
//
// Published output: a=2, b=3 / Addition with constants: 5 / Multiplication with constants: 6 /
// Addition with variables: 5 / Multiplication with variables: 6 / [[12.]]
import * as tf from 'tf1-ts';
import { type ExampleOptions, percent, print } from './lib/example.js';

export async function main(_opts: ExampleOptions = {}) {
  // Basic constant operations
  // The value returned by the constructor represents the output
  // of the Constant op.
  let a = tf.constant(2);
  let b = tf.constant(3);

  // Launch the default graph.
  // with tf.Session() as sess:
  let sess = new tf.Session();
  print('a=2, b=3');
  const sum = await sess.run(a.add(b));
  print(percent('Addition with constants: %i', sum));
  const product_ = await sess.run(a.mul(b));
  print(percent('Multiplication with constants: %i', product_));
  sess.close();

  // Basic Operations with variable as graph input
  // The value returned by the constructor represents the output
  // of the Variable op. (define as input when running session)
  // tf Graph input
  a = tf.placeholder(tf.int16);
  b = tf.placeholder(tf.int16);

  // Define some operations
  const add = tf.add(a, b);
  const mul = tf.multiply(a, b);

  // Launch the default graph.
  // with tf.Session() as sess:
  sess = new tf.Session();
  // Run every operation with variable input
  const added = await sess.run(
    add,
    new Map([
      [a, 2],
      [b, 3],
    ]),
  );
  print(percent('Addition with variables: %i', added));
  const multiplied = await sess.run(
    mul,
    new Map([
      [a, 2],
      [b, 3],
    ]),
  );
  print(percent('Multiplication with variables: %i', multiplied));
  sess.close();

  // ----------------
  // More in details:
  // Matrix Multiplication from TensorFlow official tutorial

  // Create a Constant op that produces a 1x2 matrix.  The op is
  // added as a node to the default graph.
  //
  // The value returned by the constructor represents the output
  // of the Constant op.
  const matrix1 = tf.constant([[3, 3]], tf.float32); // TF1: [[3., 3.]] (JavaScript has no float literal)

  // Create another Constant that produces a 2x1 matrix.
  const matrix2 = tf.constant([[2], [2]], tf.float32);

  // Create a Matmul op that takes 'matrix1' and 'matrix2' as inputs.
  // The returned value, 'product', represents the result of the matrix
  // multiplication.
  const product = tf.matmul(matrix1, matrix2);

  // To run the matmul op we call the session 'run()' method, passing 'product'
  // which represents the output of the matmul op.  This indicates to the call
  // that we want to get the output of the matmul op back.
  //
  // All inputs needed by the op are run automatically by the session.  They
  // typically are run in parallel.
  //
  // The call 'run(product)' thus causes the execution of threes ops in the
  // graph: the two constants and matmul.
  //
  // The output of the op is returned in 'result' as a numpy `ndarray` object.
  // with tf.Session() as sess:
  sess = new tf.Session();
  const result = await sess.run(product);
  print(result);
  // ==> [[ 12.]]
  sess.close();
  return { sum: sum.item(), product: product_.item(), added: added.item(), multiplied: multiplied.item(), result: result.tolist() };
}
