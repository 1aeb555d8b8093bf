// Session API behaviour as TF1's session.py has it: make_callable, graph_def, traced step stats, the graph's
// unfeedable and unfetchable tensors, an unknown target, and the feed precision check's wording.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';

function setup(): { g: tf.Graph; x: tf.Tensor; y: tf.Tensor; sess: tf.Session } {
  const g = new tf.Graph();
  const { x, y } = g.as_default(() => {
    const x = tf.placeholder(tf.float32, [2], 'x');
    return { x, y: tf.square(x) };
  });
  return { g, x, y, sess: new tf.Session({ graph: g, backend: 'cpu' }) };
}

describe("Session as TF1's session.py", () => {
  it("make_callable(fetches, feed_list) takes the feed values by position and resolves to the fetches' structure", async () => {
    const { x, y, sess } = setup();
    const f = sess.make_callable({ y, both: [y, x] }, [x]);
    const r = (await f([1, 2])) as { y: tf.NDArray; both: tf.NDArray[] };
    expect(r.y.tolist()).toEqual([1, 4]);
    expect(r.both.map((a) => a.tolist())).toEqual([
      [1, 4],
      [1, 2],
    ]);
    expect(((await f([3, 4])) as { y: tf.NDArray }).y.tolist()).toEqual([9, 16]);
    sess.close();
  });

  it('make_callable without a feed list checks its fetches when made, and its callable takes no feed values', async () => {
    const { y, sess } = setup();
    expect(() => sess.make_callable('nope:0')).toThrow(tf.errors.ValueError);
    expect(() => sess.make_callable(y, { feed_list: 'x:0' as never })).toThrow('`feed_list` must be a list or tuple.');
    await expect(sess.make_callable(y)(1)).rejects.toThrow(tf.errors.TypeError);
    // y needs x: the run fails with TF1's missing-feed error, as TF1's callable does.
    await expect(sess.make_callable(y)()).rejects.toThrow(tf.errors.InvalidArgumentError);
    sess.close();
  });

  it('a RunMetadata gets step stats only from a run whose RunOptions ask for a trace', async () => {
    const { x, y, sess } = setup();
    const md = new tf.RunMetadata();
    await sess.run(y, new Map([[x, [1, 2]]]), { run_metadata: md });
    expect(md.step_stats).toEqual([]);
    await sess.run(y, new Map([[x, [1, 2]]]), { options: new tf.RunOptions({ trace_level: tf.RunOptions.NO_TRACE }), run_metadata: md });
    expect(md.step_stats).toEqual([]);
    await sess.run(y, new Map([[x, [1, 2]]]), { options: new tf.RunOptions({ trace_level: tf.RunOptions.SOFTWARE_TRACE }), run_metadata: md });
    expect(md.step_stats.map((s) => s.node_name)).toEqual(['Square']);
    sess.close();
  });

  it('a traced run lists a fetched constant, as TF1 lists the Const node it ran', async () => {
    const g = new tf.Graph();
    const c = g.as_default(() => tf.constant(1, { name: 'c' }));
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    const md = new tf.RunMetadata();
    await sess.run([c, c], { options: new tf.RunOptions({ trace_level: tf.RunOptions.FULL_TRACE }), run_metadata: md });
    expect(md.step_stats).toEqual([{ node_name: 'c', op: 'Const', ms: 0 }]);
    sess.close();
  });

  it("refuses to feed a tensor the graph marked unfeedable, and to fetch an op marked unfetchable, with TF1's ValueErrors", async () => {
    const { g, x, y, sess } = setup();
    g.prevent_feeding(x);
    await expect(sess.run(y, new Map([[x, [1, 2]]]))).rejects.toThrow(new tf.errors.ValueError(`Tensor ${x} may not be fed.`));
    g.prevent_fetching(y.op);
    await expect(sess.run(y)).rejects.toThrow(new tf.errors.ValueError("Operation 'Square' has been marked as not fetchable."));
    await expect(sess.run(y.op)).rejects.toThrow(/has been marked as not fetchable/);
    sess.close();
  });

  it('graph_def is the graph as a GraphDef, read at each access', () => {
    const { g, sess } = setup();
    expect(sess.graph_def.node.map((n) => n.name)).toEqual(['x', 'Square']);
    g.as_default(() => tf.constant(1));
    expect(sess.graph_def.node).toHaveLength(3);
    expect(sess.graph_def.versions.producer).toBe(27);
    sess.close();
  });

  it("a target no session factory takes is TF1's NotFoundError", () => {
    expect(() => new tf.Session('grpc://localhost:2222')).toThrow(tf.errors.NotFoundError);
    expect(() => new tf.Session('grpc://localhost:2222')).toThrow(
      'No session factory registered for the given session options: {target: "grpc://localhost:2222" config: }',
    );
  });

  it("an int feed too large for an int32 tensor is TF1's TypeError, worded as TF1's", async () => {
    const g = new tf.Graph();
    const c = g.as_default(() => tf.constant(1));
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    await expect(sess.run(c, new Map([[c, 2 ** 40]]))).rejects.toThrow(
      "Type of feed value 1099511627776 with type <class 'int'> is not compatible with Tensor type <dtype: 'int32'>. Try explicitly setting the type of the feed tensor to a larger type (e.g. int64).",
    );
    sess.close();
  });
});
