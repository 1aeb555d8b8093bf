// The session's plan cache (plan_cache.ts) and make_callable's prebuilt form: a run that repeats a recent run's
// fetches and feeds reuses its plan; one whose feed shapes, fed tensors or fetches differ gets its own, and a
// graph grown after a run runs its new ops. Every result is checked against the values computed by hand.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';

function setup() {
  const g = new tf.Graph();
  const m = g.as_default(() => {
    const x = tf.placeholder(tf.float32, [null], 'x');
    const doubled = tf.multiply(x, 2);
    const y = tf.add(doubled, 1);
    const z = tf.placeholder_with_default(tf.constant([10, 20]), [2], 'z');
    return { x, doubled, y, z, w: tf.add(z, 1) };
  });
  return { g, ...m, sess: new tf.Session({ graph: g, backend: 'cpu' }) };
}

describe("a session's plans, reused across runs", () => {
  it('a feed whose shape changes between runs gets a plan for its shape, and back again', async () => {
    const { x, y, sess } = setup();
    for (const v of [[1, 2], [1, 2, 3], [4], [1, 2, 3], [5, 6]]) {
      expect((await sess.run(y, new Map([[x, v]]))).tolist()).toEqual(v.map((e) => 2 * e + 1));
    }
    sess.close();
  });

  it('more alternating shapes than the recent runs compared still give each its own result', async () => {
    const { x, y, sess } = setup();
    for (let round = 0; round < 3; round++) {
      for (let n = 1; n <= 7; n++) {
        const v = Array.from({ length: n }, (_, i) => i + round);
        expect((await sess.run(y, new Map([[x, v]]))).tolist()).toEqual(v.map((e) => 2 * e + 1));
      }
    }
    sess.close();
  });

  it('feeding another tensor (an intermediate, or a default placeholder) between runs of the same fetch', async () => {
    const { x, doubled, y, z, w, sess } = setup();
    expect((await sess.run(y, new Map([[x, [1, 2]]]))).tolist()).toEqual([3, 5]);
    // the intermediate fed instead: x is then not needed
    expect((await sess.run(y, new Map([[doubled, [7, 8]]]))).tolist()).toEqual([8, 9]);
    expect((await sess.run(y, new Map([[x, [1, 2]]]))).tolist()).toEqual([3, 5]);
    expect((await sess.run(w)).tolist()).toEqual([11, 21]);
    expect((await sess.run(w, new Map([[z, [1, 2]]]))).tolist()).toEqual([2, 3]);
    expect((await sess.run(w)).tolist()).toEqual([11, 21]);
    // the same tensors fed in the other order
    expect(
      (
        await sess.run(
          [y, w],
          new Map<tf.Tensor, number[]>([
            [x, [1]],
            [z, [0, 0]],
          ]),
        )
      ).map((a) => a.tolist()),
    ).toEqual([[3], [1, 1]]);
    expect(
      (
        await sess.run(
          [y, w],
          new Map<tf.Tensor, number[]>([
            [z, [0, 0]],
            [x, [1]],
          ]),
        )
      ).map((a) => a.tolist()),
    ).toEqual([[3], [1, 1]]);
    sess.close();
  });

  it('a graph grown after a run: the new ops run, and the old fetches still give their values', async () => {
    const { g, x, y, sess } = setup();
    expect((await sess.run(y, new Map([[x, [1, 2]]]))).tolist()).toEqual([3, 5]);
    const y2 = g.as_default(() => tf.square(y));
    expect((await sess.run(y2, new Map([[x, [1, 2]]]))).tolist()).toEqual([9, 25]);
    expect((await sess.run(y, new Map([[x, [1, 2]]]))).tolist()).toEqual([3, 5]);
    expect((await sess.run([y, y2], new Map([[x, [0]]]))).map((a) => a.tolist())).toEqual([[1], [1]]);
    sess.close();
  });

  it('a bad feed after cached runs still gets TF1 errors, and leaves the variable unchanged', async () => {
    const g = new tf.Graph();
    const m = g.as_default(() => {
      const x = tf.placeholder(tf.float32, [null, 2], 'x');
      const v = tf.Variable([1.0, 1.0], { name: 'v', dtype: tf.float32 });
      const step = tf.assign_add(v, tf.reduce_sum(x, 0));
      return { x, v, step, init: tf.global_variables_initializer() };
    });
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    await sess.run(m.init);
    await sess.run(m.step, new Map([[m.x, [[1, 2]]]]));
    await sess.run(m.step, new Map([[m.x, [[1, 2]]]]));
    await expect(sess.run(m.step, new Map([[m.x, [1, 2, 3]]]))).rejects.toThrow(
      new tf.errors.ValueError("Cannot feed value of shape (3,) for Tensor 'x:0', which has shape '(?, 2)'"),
    );
    await expect(sess.run(m.step)).rejects.toThrow(tf.errors.InvalidArgumentError);
    expect((await sess.run(m.v)).tolist()).toEqual([3, 5]);
    sess.close();
  });

  it('make_callable: a prebuilt run over changing shapes and values, and a fetch marked unfetchable after it was made', async () => {
    const { g, x, y, sess } = setup();
    const f = sess.make_callable(y, [x]);
    for (const v of [[1, 2], [3], [1, 2], [0, 0, 0]]) expect(((await f(v)) as tf.NDArray).tolist()).toEqual(v.map((e) => 2 * e + 1));
    // a run between calls, with another shape, does not confuse the callable
    expect((await sess.run(y, new Map([[x, [9]]]))).tolist()).toEqual([19]);
    expect(((await f(new Float32Array([1, 2]))) as tf.NDArray).tolist()).toEqual([3, 5]);
    await expect(f([[1]])).rejects.toThrow(new tf.errors.ValueError("Cannot feed value of shape (1, 1) for Tensor 'x:0', which has shape '(?,)'"));
    g.prevent_fetching(y.op);
    await expect(f([1])).rejects.toThrow(new tf.errors.ValueError(`Operation '${y.op.name}' has been marked as not fetchable.`));
    sess.close();
  });
});
