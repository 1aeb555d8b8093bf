// The scatter ops on WebGPU: random cases against the CPU backend (cases_scatter.ts), then what both backends refuse
// as TF1 does: an out-of-range index before anything is written, and (WebGPU only) a scatter inside a loop body.
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

  it('a scatter_update in a loop body is refused before any kernel runs (UnimplementedError), the variable unchanged', async () => {
    const { v, r } = p.graph.as_default(() => {
      const v = tf.Variable([3.0, 4.0, 5.0], { name: 'select' });
      const r = tf.while_loop(
        (j: tf.Tensor) => tf.less(j, 3),
        (j: tf.Tensor) => tf.control_dependencies([tf.scatter_update(v, j, 10.0)], () => tf.add(j, 1)),
        [tf.constant(0)],
      ) as tf.Tensor;
      return { v, r };
    });
    await p.gpu.run(v.initializer);
    const e = await failure(p.gpu.run(r));
    expect(e).toBeInstanceOf(tf.errors.UnimplementedError);
    expect(e!.message).toMatch(/^The WebGPU backend cannot run op 'while(_\d+)?\/ScatterUpdate' \(ScatterUpdate\) inside a while loop/);
    expect(flat(await p.gpu.run(v.value()))).toEqual([3, 4, 5]);
  });
});
