import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';

function smallModel() {
  const g = new tf.Graph();
  return g.as_default(() => {
    const x = tf.placeholder(tf.float32, [null, 2]);
    const W = tf.Variable(
      tf.constant(
        [
          [1, 2],
          [3, 4],
        ],
        { dtype: tf.float32 },
      ),
    );
    const y = tf.matmul(x, W);
    const s = tf.reduce_sum(y);
    const unused = tf.placeholder(tf.float32, [3]);
    const init = tf.global_variables_initializer();
    return { g, x, W, y, s, unused, init };
  });
}

describe('Session.run fetches and feeds', () => {
  it('returns the fetch structure with NDArrays, null for operations', async () => {
    const m = smallModel();
    const sess = new tf.Session({ graph: m.g });
    expect(await sess.run(m.init)).toBeNull();
    const feed = new Map([
      [
        m.x,
        [
          [1, 0],
          [0, 1],
        ],
      ],
    ]);
    const [y, { s, again }, op] = await sess.run([m.y, { s: m.s, again: 'MatMul:0' }, 'init'] as const, feed);
    expect(y.tolist()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(s.item()).toBe(10);
    expect(again!.tolist()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(op).toBeNull();
    expect(String(s)).toBe('10.0');
    sess.close();
  });

  it('accepts feeds as a Map, pairs, or an object of names, and typed arrays shaped by the tensor', async () => {
    const m = smallModel();
    const sess = new tf.Session({ graph: m.g });
    await sess.run(m.init);
    const a = await sess.run(m.s, [[m.x, [[1, 1]]]]);
    const b = await sess.run(m.s, { 'Placeholder:0': [[1, 1]] });
    const c = await sess.run(m.s, new Map([[m.x, new Float32Array([1, 1, 1, 1])]]));
    expect([a.item(), b.item(), c.item()]).toEqual([10, 10, 20]);
  });

  it('lets any tensor be fed, and runs only what the fetches need, once each', async () => {
    const m = smallModel();
    const sess = new tf.Session({ graph: m.g });
    const md = new tf.RunMetadata();
    // Feeding y itself: W need not be initialized and MatMul does not run.
    const out = await sess.run(m.s, new Map([[m.y, [[5, 5]]]]), { options: new tf.RunOptions({ trace_level: tf.RunOptions.FULL_TRACE }), run_metadata: md });
    expect(out.item()).toBe(10);
    expect(md.step_stats.map((s) => s.node_name)).toEqual(['Sum']);
    await sess.run(m.init);
    const md2 = new tf.RunMetadata();
    await sess.run([m.s, m.y, m.s], new Map([[m.x, [[1, 0]]]]), new tf.RunOptions({ trace_level: tf.RunOptions.FULL_TRACE }), md2);
    const ran = md2.step_stats.map((s) => s.node_name);
    expect(ran).toEqual(['Variable', 'Variable/read', 'MatMul', 'Sum']);
  });

  it('keeps values fetched earlier unchanged by later runs', async () => {
    const m = smallModel();
    const sess = new tf.Session({ graph: m.g });
    await sess.run(m.init);
    const first = await sess.run(m.y, new Map([[m.x, [[1, 0]]]]));
    await sess.run(m.y, new Map([[m.x, [[0, 1]]]]));
    expect(first.tolist()).toEqual([[1, 2]]);
  });

  it('assigns and reads variables across runs', async () => {
    const g = new tf.Graph();
    const { v, inc, init } = g.as_default(() => {
      const v = tf.Variable(0, { name: 'counter' });
      return { v, inc: v.assign_add(1), init: tf.global_variables_initializer() };
    });
    const sess = new tf.Session({ graph: g });
    await sess.run(init);
    for (let i = 0; i < 5; i++) await sess.run(inc);
    expect((await sess.run(v)).item()).toBe(5);
    expect(v.dtype).toBe('int32');
  });
});

describe('Session.run errors, raised before any kernel runs', () => {
  it('an unfed placeholder', async () => {
    const m = smallModel();
    const sess = new tf.Session({ graph: m.g });
    await sess.run(m.init);
    await expect(sess.run(m.y)).rejects.toThrow(tf.errors.InvalidArgumentError);
    await expect(sess.run(m.y)).rejects.toThrow("You must feed a value for placeholder tensor 'Placeholder' with dtype float and shape [?,2]");
  });

  it('a fed value of the wrong shape or type', async () => {
    const m = smallModel();
    const sess = new tf.Session({ graph: m.g });
    await sess.run(m.init);
    await expect(sess.run(m.y, new Map([[m.x, [[1, 2, 3]]]]))).rejects.toThrow(
      "Cannot feed value of shape (1, 3) for Tensor 'Placeholder:0', which has shape '(?, 2)'",
    );
    await expect(sess.run(m.y, new Map([[m.x, [['a', 'b']]]]) as never)).rejects.toThrow(/could not convert string to float: 'a'/);
    await expect(sess.run(m.y, new Map([[m.x, [[1, 2], [3]]]]))).rejects.toThrow(tf.errors.ValueError);
    await expect(sess.run(m.y, new Map([[m.x, m.y]]) as never)).rejects.toThrow(/The value of a feed cannot be a tf.Tensor object/);
  });

  it('an uninitialized variable', async () => {
    const m = smallModel();
    const sess = new tf.Session({ graph: m.g });
    const err = await sess.run(m.y, new Map([[m.x, [[1, 1]]]])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(tf.errors.FailedPreconditionError);
    expect((err as Error).message).toMatch(/^Attempting to use uninitialized value Variable\n/);
  });

  it('a tensor of another graph, a bad name, a bad fetch type', async () => {
    const m = smallModel();
    const other = new tf.Graph().as_default(() => tf.constant(1));
    const sess = new tf.Session({ graph: m.g });
    await expect(sess.run(other)).rejects.toThrow(/is not an element of this graph/);
    await expect(sess.run('nope:0')).rejects.toThrow(
      "Fetch argument 'nope:0' cannot be interpreted as a Tensor. (The name 'nope:0' refers to a Tensor which does not exist. The operation, 'nope', does not exist in the graph.)",
    );
    await expect(sess.run('MatMul:3')).rejects.toThrow(/exists but only has 1 outputs/);
    await expect(sess.run(null as never)).rejects.toThrow(tf.errors.TypeError);
    await expect(sess.run(m.s, new Map([[other, 1]]))).rejects.toThrow(/Cannot interpret feed_dict key as Tensor/);
  });

  it('a closed session', async () => {
    const m = smallModel();
    const sess = new tf.Session({ graph: m.g });
    await sess.run(m.init);
    sess.close();
    await expect(sess.run(m.init)).rejects.toThrow(tf.errors.RuntimeError);
    await expect(sess.run(m.init)).rejects.toThrow('Attempted to use a closed Session.');
  });

  it('a failed run leaves variables unchanged', async () => {
    const g = new tf.Graph();
    const { x, W, train, init } = g.as_default(() => {
      const x = tf.placeholder(tf.float32, [null, 2]);
      const W = tf.Variable(tf.ones([2, 1]));
      const loss = tf.reduce_mean(tf.square(tf.matmul(x, W)));
      return { x, W, train: new tf.train.GradientDescentOptimizer(0.1).minimize(loss), init: tf.global_variables_initializer() };
    });
    const sess = new tf.Session({ graph: g });
    await sess.run(init);
    const before = (await sess.run(W)).tolist();
    await expect(sess.run(train, new Map([[x, [[1, 2, 3]]]]))).rejects.toThrow(tf.errors.ValueError);
    await expect(sess.run(train)).rejects.toThrow(tf.errors.InvalidArgumentError);
    expect((await sess.run(W)).tolist()).toEqual(before);
    await sess.run(train, new Map([[x, [[1, 2]]]]));
    expect((await sess.run(W)).tolist()).not.toEqual(before);
  });

  it('incompatible fed shapes fail at plan time with InvalidArgumentError', async () => {
    const g = new tf.Graph();
    const { a, b, s } = g.as_default(() => {
      const a = tf.placeholder(tf.float32, [null]);
      const b = tf.placeholder(tf.float32, [null]);
      return { a, b, s: a.add(b) };
    });
    const sess = new tf.Session({ graph: g });
    await expect(
      sess.run(
        s,
        new Map([
          [a, [1, 2]],
          [b, [1, 2, 3]],
        ]),
      ),
    ).rejects.toThrow(tf.errors.InvalidArgumentError);
    expect(
      (
        await sess.run(
          s,
          new Map([
            [a, [1, 2]],
            [b, [3]],
          ]),
        )
      ).tolist(),
    ).toEqual([4, 5]);
  });
});
