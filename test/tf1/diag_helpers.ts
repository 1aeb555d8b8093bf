// Helpers of the diag_op_test.py ports (diag_op_test.test.ts, diag_op_test_part.test.ts).
import * as tf from '../../src/index.js';
import { computeGradientError, inGraph, inSession, rand, rejected } from './helpers.js';

/** `np.diag(v)` of a vector. */
export const npDiag = (v: readonly number[]): number[][] => v.map((x, i) => v.map((_, j) => (i === j ? x : 0)));

/** A fed scalar run through `build`: the run's error. */
export async function atEval(build: (v: tf.Tensor) => tf.Tensor): Promise<Error> {
  return inSession(async (g, sess) => {
    const [v, y] = g.as_default(() => {
      const v = tf.placeholder(tf.float32);
      return [v, build(v)] as const;
    });
    return rejected(sess.run(y, new Map([[v, 0]]) as never));
  });
}

/** compute_gradient_error of `build` at a random float32 x of `shape`. */
export async function gradError(shape: readonly number[], build: (x: tf.Tensor) => tf.Tensor, dtype: tf.DType = 'float32'): Promise<number> {
  const x0 = rand(shape, dtype);
  const yShape = inGraph(() => build(tf.zeros([...shape], dtype)).shape.as_list() as number[]);
  return computeGradientError(
    () => {
      const x = tf.constant(x0);
      return { x, y: build(x) };
    },
    shape,
    yShape,
  );
}
