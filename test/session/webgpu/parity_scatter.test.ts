// The scatter ops on WebGPU: random cases against the CPU backend (cases_scatter.ts), then what both backends refuse
// as TF1 does (an out-of-range index before anything is written), and scatters inside loop bodies on both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/index.js';
import { SCATTER_CASES } from './cases_scatter.js';
import { closePair, pair, type Pair } from './harness.js';
import { describeParity } from './parity_runner.js';

describeParity('WebGPU equals the CPU backend: the scatter ops', SCATTER_CASES, 20);

describe('the scatter ops on WebGPU as on the CPU: bad indices, aliased updates, loops', () => {
  let p: Pair;
  beforeAll(async () => {
    p = pair();
    expect(await p.gpu.backendName()).toBe('webgpu');
  });
  afterAll(() => closePair(p));
  const flat = (a: tf.NDArray): number[] => Array.from(a.data as ArrayLike<number>);
  const failure = (run: Promise<unknown>): Promise<Error | null> =>
    run.then(
      () => null,
      (e: unknown) => e as Error,
    );

  it('an index out of range: InvalidArgumentError naming it, the variable unchanged', async () => {
    const { v, bad } = p.graph.as_default(() => {
      const v = tf.Variable([1, 2, 3, 4, 5, 6]);
      return { v, bad: tf.scatter_add(v, [2, 0, 6], [-3, -4, -5]) };
    });
    for (const sess of [p.gpu, p.cpu]) {
      await sess.run(v.initializer);
      const e = await failure(sess.run(bad));
      expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
      expect(e!.message).toContain('indices[2] = 6 is not in [0, 6)');
      expect(flat(await sess.run(v.value()))).toEqual([1, 2, 3, 4, 5, 6]);
    }
  });

  it("updates that are the variable's own value are read as they were before the op, on both backends", async () => {
    const { v, s } = p.graph.as_default(() => {
      const v = tf.Variable([1, 2, 3]);
      return { v, s: tf.scatter_update(v, [2, 0, 1], v.value()) };
    });
    for (const sess of [p.gpu, p.cpu]) {
      await sess.run(v.initializer);
      await sess.run(s);
      expect(flat(await sess.run(v.value()))).toEqual([2, 3, 1]);
    }
  });

  it('testWhileUpdateVariable_1 on both backends: a scatter_update in a loop body writes the variable each iteration', async () => {
    const { v, r } = p.graph.as_default(() => {
      const v = tf.Variable([3.0, 4.0, 5.0], { name: 'select' });
      const r = tf.while_loop(
        (j: tf.Tensor) => tf.less(j, 3),
        (j: tf.Tensor) => tf.control_dependencies([tf.scatter_update(v, j, 10.0)], () => tf.add(j, 1)),
        [tf.constant(0)],
      ) as tf.Tensor;
      return { v, r };
    });
    for (const sess of [p.gpu, p.cpu]) {
      await sess.run(v.initializer);
      expect(((await sess.run(r)) as tf.NDArray).item()).toBe(3);
      expect(flat(await sess.run(v.value()))).toEqual([10, 10, 10]);
    }
  });

  it('a scatter_add in a loop body whose index goes out of range fails in that iteration, the variable unchanged', async () => {
    const { v, r } = p.graph.as_default(() => {
      const v = tf.Variable([1, 2, 3], { name: 'grow' });
      const r = tf.while_loop(
        (j: tf.Tensor) => tf.less(j, 4),
        (j: tf.Tensor) => tf.control_dependencies([tf.scatter_add(v, tf.reshape(j, [1]), [5])], () => tf.add(j, 1)),
        [tf.constant(0)],
      ) as tf.Tensor;
      return { v, r };
    });
    for (const sess of [p.gpu, p.cpu]) {
      await sess.run(v.initializer);
      const e = await failure(sess.run(r));
      expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
      expect(e!.message).toContain('indices[0] = 3 is not in [0, 3)');
      expect(flat(await sess.run(v.value()))).toEqual([1, 2, 3]);
    }
  });
});
