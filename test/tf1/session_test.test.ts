// TF1's tensorflow/python/client/session_test.py (SessionTest), ported for what tf1-ts has. Read from
// fraudies/tensorflow at TF 1.13.1-rc0, the nearest to r1.12 the index holds. `with session.Session() as s:`
// is a CPU session on a fresh default graph (TF1's TensorFlowTestCase resets it for each test), made the
// default session for `eval()`; runs are Promises. Python's tuples and namedtuples are arrays and objects,
// and `ops.device(...)` scopes are left out (tf1-ts places every op on the session's one device).
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose, assertAllEqual, rejected } from './helpers.js';

/** `with session.Session() as s:` on a fresh default graph, `s` the default session inside. */
async function withSession(fn: (s: tf.Session) => Promise<void>, opts: tf.SessionOptions = {}): Promise<void> {
  tf.reset_default_graph();
  const s = new tf.Session({ backend: 'cpu', ...opts });
  try {
    await s.as_default(() => fn(s));
  } finally {
    s.close();
  }
}

const f32 = (v: number | number[] | number[][], shape?: number[]): tf.Tensor => tf.constant(v, { dtype: tf.float32, shape: shape ?? null });
/** The value at `path` inside a fetched structure (Python's `res[0][1]`, `res['a']`). */
const at = (v: unknown, ...path: (number | string)[]): tf.NDArray =>
  path.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], v) as tf.NDArray;
/** A fetched value as a number, as Python compares a numpy scalar with a float. */
const num = (v: unknown): number => (v as tf.NDArray).item() as number;

describe('SessionTest', () => {
  it('testUseExistingGraph', async () => {
    const g = new tf.Graph();
    const c = g.as_default(() => tf.matmul(f32(6, [1, 1]), f32(7, [1, 1]), { name: 'matmul' }));
    const s = new tf.Session({ graph: g, backend: 'cpu' });
    await s.as_default(async () => assertAllEqual(await c.eval(), [[42.0]]));
    s.close();
  });

  it('testUseDefaultGraph', async () => {
    const g = new tf.Graph();
    const [c, s] = g.as_default(() => [tf.matmul(f32(6, [1, 1]), f32(7, [1, 1]), { name: 'matmul' }), new tf.Session({ backend: 'cpu' })] as const);
    await s.as_default(async () => assertAllEqual(await c.eval(), [[42.0]]));
    s.close();
  });

  it('testCreate', () =>
    withSession(async () => {
      const inp = tf.constant(10.0, { dtype: tf.float32, shape: [2, 3], name: 'W1' });
      const copy = tf.identity(inp);
      // Test with feed.
      const arr = new tf.NDArray(Float32Array.of(0, 1, 2, 3, 4, 5), [2, 3], 'float32');
      assertAllEqual(await copy.eval({ 'W1:0': arr }), arr);
      // Test without feed.
      assertAllEqual(await copy.eval(), [
        [10, 10, 10],
        [10, 10, 10],
      ]);
    }));

  it('testPerSessionThreads', () =>
    withSession(
      async () => {
        const inp = tf.constant(10.0, { dtype: tf.float32, name: 'W1' });
        assertAllEqual(await inp.eval(), 10.0);
      },
      { config: new tf.ConfigProto({ use_per_session_threads: true }) },
    ));

  it('testErrorsReported', () =>
    withSession(async (s) => {
      tf.constant(10.0, { dtype: tf.float32, name: 'W1' });
      expect(await rejected(s.run('foo:0'))).toBeInstanceOf(tf.errors.ValueError);
    }));

  it('testErrorPayload', () =>
    withSession(async () => {
      const a = tf.placeholder(tf.float32);
      const e = await rejected(a.eval());
      expect(e).toBeInstanceOf(tf.errors.OpError);
      expect((e as tf.errors.OpError).op).toBe(a.op);
    }));

  it('testFetchNone', () =>
    withSession(async (s) => {
      const a = tf.constant(1.0);
      for (const fetches of [null, [null], { b: null }, { a, b: null }]) {
        expect(await rejected(s.run(fetches as never))).toBeInstanceOf(tf.errors.TypeError);
      }
    }));

  it('testFetchSingleton', () =>
    withSession(async (sess) => {
      const a = f32(42.0);
      expect(num(await sess.run(a))).toBe(42.0);
      expect(await sess.run(a.op)).toBeNull(); // An op, not a tensor.
      expect(num(await sess.make_callable(a)())).toBe(42.0);
      expect(await sess.make_callable(a.op)()).toBeNull();
    }));

  it('testFetchSingletonByName', () =>
    withSession(async (sess) => {
      const a = f32(42.0);
      expect(num(await sess.run(a.name))).toBe(42.0);
      expect(await sess.run(a.op)).toBeNull(); // An op, not a tensor.
    }));

  it('testFetchList', () =>
    withSession(async (sess) => {
      const a = f32(42.0);
      const b = tf.no_op(); // An op, not a tensor.
      const c = f32(44.0);
      const v = tf.Variable(f32([54.0]));
      const assign = v.assign([63.0]);
      const check = (res: unknown): void => {
        expect(Array.isArray(res)).toBe(true);
        const [r0, r1, r2, r3, r4] = res as unknown[];
        expect([num(r0), r1, num(r2), num(r3), r4]).toEqual([42.0, null, 44.0, 42.0, null]);
      };
      check(await sess.run([a, b, c, a.name, assign.op]));
      check(await sess.make_callable([a, b, c, a.name, assign.op])());
    }));

  it('testFetchDict', () =>
    withSession(async (sess) => {
      const a = f32(42.0);
      const b = tf.no_op(); // An op, not a tensor.
      const c = f32(44.0);
      const res = await sess.run({ a, b, c });
      expect(num(res.a)).toBe(42.0);
      expect(res.b).toBeNull();
      expect(num(res.c)).toBe(44.0);
    }));

  it('testFetchNestingEmptyOneLevel', () =>
    withSession(async (sess) => {
      const aVal = 11.0;
      const a = f32(aVal);
      let res = (await sess.run([[], [], {}])) as unknown[];
      expect(res).toEqual([[], [], {}]);
      res = (await sess.run([[], [], {}, a])) as unknown[];
      expect(res.slice(0, 3)).toEqual([[], [], {}]);
      expect(num(res[3])).toBe(aVal);
    }));

  it('testFetchNestingOneLevel', () =>
    withSession(async (sess) => {
      const [aVal, bVal, cVal] = [42.0, null, 44.0];
      const a = f32(aVal);
      const b = tf.no_op(); // An op, not a tensor.
      const c = f32(cVal);
      const abc = (r: unknown): unknown[] => (r as unknown[]).map((x) => (x === null ? null : num(x)));
      const named = (r: unknown): unknown[] => {
        const o = r as Record<string, unknown>;
        expect(Object.keys(o)).toHaveLength(3);
        return [o.a, o.b, o.c].map((x) => (x === null ? null : num(x)));
      };
      const want = [aVal, bVal, cVal];
      // List of lists, tuples, namedtuple, and dict
      let res = (await sess.run([[a, b, c], [a, b, c], { a, b, c }, { a: a.name, c, b }])) as unknown[];
      expect(res).toHaveLength(4);
      expect(abc(res[0])).toEqual(want);
      expect(abc(res[1])).toEqual(want);
      expect(named(res[2])).toEqual(want);
      expect(named(res[3])).toEqual(want);
      // Tuple of lists, tuples, namedtuple, and dict
      res = (await sess.run([[a, b, c], [a.name, b, c], { a, b, c }, { a, c, b }])) as unknown[];
      expect(res).toHaveLength(4);
      expect(abc(res[0])).toEqual(want);
      expect(abc(res[1])).toEqual(want);
      expect(named(res[2])).toEqual(want);
      expect(named(res[3])).toEqual(want);
      // Namedtuple of lists, tuples, namedtuples, and dict
      const r1 = await sess.run({ d: [a, b, c], e: [a, b, c], f: { a: a.name, b, c }, g: { a, c, b } });
      expect(abc(r1.d)).toEqual(want);
      expect(abc(r1.e)).toEqual(want);
      expect(named(r1.f)).toEqual(want);
      expect(named(r1.g)).toEqual(want);
      // Dict of lists, tuples, namedtuples, and dict
      const r2 = await sess.run({ d: [a, b, c], e: [a, b, c], f: { a, b, c }, g: { a: a.name, c, b } });
      expect(Object.keys(r2)).toHaveLength(4);
      expect(abc(r2.d)).toEqual(want);
      expect(abc(r2.e)).toEqual(want);
      expect(named(r2.f)).toEqual(want);
      expect(named(r2.g)).toEqual(want);
    }));

  it('testFetchTensorObject', () =>
    withSession(async (s) => {
      const a = f32(1.0, [1, 2]);
      const b = f32(2.0, [2, 3]);
      const c = tf.matmul(a, b);
      const resultsWithList = await s.run([c]);
      assertAllEqual(at(resultsWithList, 0), [[4.0, 4.0, 4.0]]);
      assertAllEqual(await s.run(c), [[4.0, 4.0, 4.0]]);
      assertAllEqual(await c.eval(), [[4.0, 4.0, 4.0]]);
      const ab = await s.run([a, b]); // Test multiple fetches.
      assertAllEqual(at(ab, 0), [[1.0, 1.0]]);
      assertAllEqual(at(ab, 1), [
        [2.0, 2.0, 2.0],
        [2.0, 2.0, 2.0],
      ]);
      const d = await s.run({ a: [a], b, z: [a, b] });
      assertAllEqual(at(d, 'a', 0), [[1.0, 1.0]]);
      assertAllEqual(at(d, 'b'), [
        [2.0, 2.0, 2.0],
        [2.0, 2.0, 2.0],
      ]);
      assertAllEqual(at(d, 'a', 0), at(d, 'z', 0));
      assertAllEqual(at(d, 'b'), at(d, 'z', 1));

      // Test nested structures
      const n = await s.run([[[a, b], b], a, [a, b]]);
      assertAllEqual(at(n, 0, 0, 0), [[1.0, 1.0]]);
      assertAllEqual(at(n, 0, 0, 1), [
        [2.0, 2.0, 2.0],
        [2.0, 2.0, 2.0],
      ]);
      assertAllEqual(at(n, 0, 0, 0), at(n, 1));
      assertAllEqual(at(n, 1), at(n, 2, 0));
      assertAllEqual(at(n, 0, 0, 1), at(n, 0, 1));
      assertAllEqual(at(n, 0, 1), at(n, 2, 1));
    }));

  it('testFetchScalar', () =>
    withSession(async (s) => {
      // TF1 also checks np.float16, which tf1-ts has no counterpart of.
      for (const dtype of [tf.int32, tf.int64, tf.float32, tf.float64]) {
        const tfX = tf.constant(7, { dtype, shape: [] });
        const tfY = tf.constant(8, dtype);
        const tfXY = tf.add(tfX, tfY);
        const check = (xy: tf.NDArray): void => {
          expect(xy.dtype).toBe(dtype);
          expect(xy.shape).toEqual([]);
          expect(xy.item()).toBe(15);
        };
        // Single fetch
        check(await s.run(tfXY));
        // List fetch
        check(at(await s.run([tfXY]), 0));
        // Dict fetch
        check((await s.run({ xy: tfXY })).xy);
        // Nested list fetch
        const xy = await s.run([[[tfXY]], tfXY, [tfXY]]);
        check(at(xy, 0, 0, 0));
        check(at(xy, 1));
        check(at(xy, 2, 0));
      }
    }));

  it('testFetchOperationObject', () =>
    withSession(async (s) => {
      const a = f32(1.0, [1, 2]);
      const v = tf.Variable(a, { name: 'testFetchOperationObject_v' });
      await s.run(v.initializer);
      assertAllEqual(await s.run(v), [[1.0, 1.0]]);
    }));

  it('testExtendWithStatelessOperations', () =>
    withSession(async (s) => {
      const c = tf.matmul(f32(1.0, [1, 2]), f32(2.0, [2, 3]));
      assertAllEqual(await s.run(c), [[4.0, 4.0, 4.0]]);
      const d = f32([1.0, 2.0, 3.0], [3, 1]);
      const e = tf.matmul(c, d);
      // Extend will happen here.
      assertAllEqual(await s.run(e), [[24.0]]);
    }));

  it('testExtendWithStatefulOperations', () =>
    withSession(async (s) => {
      const a = f32(1.0, [1, 2]);
      const c = tf.matmul(a, f32(2.0, [2, 3]));
      const v = tf.Variable(c, { name: 'testExtendWithStatefulOperations_v' });
      await v.initializer.run();
      assertAllEqual(await v.eval(), [[4.0, 4.0, 4.0]]);
      const e = tf.matmul(a, f32(3.0, [2, 3]));
      const assignEToV = tf.assign(v, e);
      // Extend will happen here.
      assertAllEqual(await e.eval(), [[6.0, 6.0, 6.0]]);
      assertAllEqual(await v.eval(), [[4.0, 4.0, 4.0]]);
      await s.run(assignEToV);
      assertAllEqual(await v.eval(), [[6.0, 6.0, 6.0]]);
    }));

  it('testExtendWithGroupBy', () =>
    withSession(async (s) => {
      const a = f32(1.0, [1, 2]);
      const p = tf.Variable(a, { name: 'testExtendWithGroupBy_p' });
      assertAllEqual(await a.eval(), [[1.0, 1.0]]); // Force an Extend after this op.
      const b = f32(2.0, [1, 2]);
      const q = tf.Variable(b, { name: 'testExtendWithGroupBy_q' });
      // Extend will happen here.
      const init = tf.group(p.initializer, q.initializer);
      await s.run(init);
      const pq = await s.run([p, q]);
      assertAllEqual(at(pq, 0), [[1.0, 1.0]]);
      assertAllEqual(at(pq, 1), [[2.0, 2.0]]);
    }));

  it('testTensorGetMethod', () =>
    withSession(async () => {
      const a = f32(1.0, [1, 2]);
      const c = tf.matmul(a, f32(2.0, [2, 3]));
      assertAllEqual(await c.eval(), [[4.0, 4.0, 4.0]]);
      assertAllEqual(await c.eval({ feed_dict: { [a.name]: [[4.0, 4.0]] } }), [[16.0, 16.0, 16.0]]);
    }));

  it('testOperationRunMethod', () =>
    withSession(async () => {
      const a = f32(1.0, [1, 2]);
      const b = tf.constant(2.0, { dtype: tf.float32, shape: [1, 2], name: 'b' });
      // TF1 writes VariableV1(a, a.dtype), which passes the dtype as `trainable`.
      const v = tf.Variable(a, true);
      const assignAToV = tf.assign(v, a);
      await assignAToV.eval();
      assertAllEqual(await v.eval(), [[1.0, 1.0]]);
      const assignBToV = tf.assign(v, b);
      await assignBToV.eval();
      assertAllEqual(await v.eval(), [[2.0, 2.0]]);
      await assignBToV.eval({ feed_dict: { 'b:0': [[3.0, 3.0]] } });
      assertAllEqual(await v.eval(), [[3.0, 3.0]]);
    }));

  it('testDefaultGraph', () =>
    withSession(async (s) => {
      expect(tf.get_default_graph()).toBe(s.graph);
      const a = f32(1.0, [1, 2]);
      const b = f32(2.0, [2, 3]);
      expect(a.graph).toBe(tf.get_default_graph());
      expect(b.graph).toBe(tf.get_default_graph());
      const c = tf.matmul(a, b);
      const v = tf.Variable(c, { name: 'testDefaultGraph_v' });
      await v.initializer.run();
      assertAllEqual(await v.eval(), [[4.0, 4.0, 4.0]]);
      const e = tf.matmul(a, f32(3.0, [2, 3]));
      const assignEToV = tf.assign(v, e);
      assertAllEqual(await e.eval(), [[6.0, 6.0, 6.0]]);
      assertAllEqual(await v.eval(), [[4.0, 4.0, 4.0]]);
      await s.run(assignEToV);
      assertAllEqual(await v.eval(), [[6.0, 6.0, 6.0]]);
      expect(tf.get_default_graph()).toBe(s.graph);
    }));

  it('testRunFeedDict', () =>
    withSession(async (s) => {
      const x = tf.zeros([2]);
      const twoX = (): tf.Tensor => tf.multiply(2, x);
      assertAllEqual(await s.run(twoX(), new Map([[x, Float32Array.of(1, 1)]])), [2, 2]);
      assertAllEqual(await s.run(twoX(), { [x.name]: Float32Array.of(1, 1) }), [2, 2]);
      assertAllEqual(await s.run(twoX(), new Map([[x, [1, 1]]])), [2, 2]);
    }));

  it('testGraphDef', () =>
    withSession(async (sess) => {
      // TF1's versions { producer: 27 } (GRAPH_DEF_VERSION at r1.12; min_consumer 0 is not printed).
      expect(sess.graph_def.versions.producer).toBe(27);
      const c = tf.constant(5.0, { dtype: tf.float32, name: 'c' });
      expect(sess.graph_def.node).toHaveLength(1);
      const d = tf.constant(6.0, { dtype: tf.float32, name: 'd' });
      expect(sess.graph_def.node).toHaveLength(2);
      assertAllEqual(await c.eval(), 5.0);
      assertAllEqual(await d.eval(), 6.0);
      const e = tf.constant(7.0, { dtype: tf.float32, name: 'e' });
      expect(sess.graph_def.node).toHaveLength(3);
      assertAllEqual(await e.eval(), 7.0);
    }));

  it('testUseAfterClose', async () => {
    tf.reset_default_graph();
    const sess = new tf.Session({ backend: 'cpu' });
    const c = f32(5.0);
    assertAllEqual(await sess.run(c), 5.0);
    sess.close();
    const e = await rejected(sess.run(c));
    expect(e).toBeInstanceOf(tf.errors.RuntimeError);
    expect(e.message).toContain('Attempted to use a closed Session.');
  });

  it('testUseEmptyGraph', () =>
    withSession(async (sess) => {
      // Python's [], () and {}: () is an empty array here too.
      for (const fetches of [[], [], {}]) {
        const e = await rejected(sess.run(fetches));
        expect(e).toBeInstanceOf(tf.errors.RuntimeError);
        expect(e.message).toMatch(/The Session graph is empty./);
      }
    }));

  it('testNotEntered', async () => {
    tf.reset_default_graph();
    expect(tf.get_default_session()).toBeNull();
    const sess = new tf.Session({ backend: 'cpu' });
    const c1 = f32(5.0);
    const c2 = sess.graph.as_default(() => f32(5.0));
    expect(c1.graph).toBe(c2.graph);
    assertAllEqual(await sess.run(c2), 5.0);
    const e = await rejected(c2.eval());
    expect(e).toBeInstanceOf(tf.errors.ValueError);
    expect(e.message).toContain('No default session is registered.');
    sess.close();
  });

  it('testInteractive', async () => {
    tf.reset_default_graph();
    const sess = new tf.InteractiveSession({ backend: 'cpu' });
    const c = tf.matmul(f32(1.0, [1, 2]), f32(2.0, [2, 3]));
    assertAllEqual(await c.eval(), [[4.0, 4.0, 4.0]]);
    const e = tf.matmul(c, f32([1.0, 2.0, 3.0], [3, 1]));
    assertAllEqual(await e.eval(), [[24.0]]);
    sess.close();
  });

  it('testSharedGraph', async () => {
    const g = new tf.Graph();
    const c = g.as_default(() => tf.matmul(f32(1.0, [1, 2]), f32(2.0, [2, 3])));
    const sess1 = new tf.Session({ graph: g, backend: 'cpu' });
    const sess2 = new tf.Session({ graph: g, backend: 'cpu' });
    assertAllEqual(await sess1.run(c), await sess2.run(c));
    sess2.close();
    sess1.close();
  });

  it('testDuplicatedInputs', () =>
    withSession(async (sess) => {
      const a = f32(1.0, [1, 2]);
      const b = f32(2.0, [1, 3]);
      const res = await sess.run([a, b, a]);
      assertAllEqual(at(res, 0), [[1.0, 1.0]]);
      assertAllEqual(at(res, 1), [[2.0, 2.0, 2.0]]);
      assertAllEqual(at(res, 2), [[1.0, 1.0]]);
    }));

  it('testFeedAndFetch', () =>
    withSession(async (sess) => {
      // TF1 also feeds float16, uint8, int16, int8, complex64 and complex128, which tf1-ts has not.
      for (const dtype of [tf.float32, tf.float64, tf.int32, tf.int64, tf.bool]) {
        for (const shape of [[32, 4, 128], [37], [2, 0, 6], [0, 0, 0]]) {
          const feedT = tf.placeholder(dtype, shape);
          const outT = tf.identity(feedT);
          const npArray = tf.NDArray.zeros(shape, dtype);
          // np.random.randint(-10, 10, shape), then > 0 for bool.
          for (let i = 0; i < npArray.size; i++) {
            const r = Math.floor(Math.random() * 20) - 10;
            npArray.data[i] = dtype === tf.bool ? Number(r > 0) : r;
          }
          const feed = (): Map<tf.Tensor, tf.NDArray> => new Map([[feedT, npArray]]);
          assertAllEqual(await sess.run(outT, feed()), npArray);
          // Check that we can also get the feed back.
          assertAllEqual(await sess.run(feedT, feed()), npArray);
          // Also check that we can get both back.
          const both = await sess.run([outT, feedT], feed());
          assertAllEqual(at(both, 0), npArray);
          assertAllEqual(at(both, 1), npArray);

          const feedFetchRunner = sess.make_callable([outT, feedT], [feedT]);
          const called = await feedFetchRunner(npArray);
          assertAllEqual(at(called, 0), npArray);
          assertAllEqual(at(called, 1), npArray);
        }
      }
    }));

  // TF1's RunMetadata.step_stats.dev_stats is tf1-ts's RunMetadata.step_stats (one list of node stats).
  const fullTrace = (): tf.RunOptions => new tf.RunOptions({ trace_level: tf.RunOptions.FULL_TRACE });

  it('testMakeCallableOnTensorWithRunOptions', () =>
    withSession(async (sess) => {
      const a = f32(42.0);
      const tensorRunner = sess.make_callable(a, { accept_options: true });
      const runMetadata = new tf.RunMetadata();
      expect(runMetadata.step_stats).toHaveLength(0);
      const res = await tensorRunner({ options: fullTrace(), run_metadata: runMetadata });
      expect(num(res)).toBe(42.0);
      expect(runMetadata.step_stats.length).toBeGreaterThan(0);
    }));

  it('testMakeCallableOnOperationWithRunOptions', () =>
    withSession(async (sess) => {
      const a = tf.Variable(f32(42.0));
      const b = tf.assign_add(a, 1.0);
      await sess.run(a.initializer);
      const tensorRunner = sess.make_callable(b.op, { accept_options: true });
      const runMetadata = new tf.RunMetadata();
      expect(runMetadata.step_stats).toHaveLength(0);
      await tensorRunner({ options: fullTrace(), run_metadata: runMetadata });
      expect(num(await sess.run(a))).toBe(43.0);
      expect(runMetadata.step_stats.length).toBeGreaterThan(0);
    }));

  it('testMakeCallableWithFeedListAndRunOptions', () =>
    withSession(async (sess) => {
      const ph = tf.placeholder(tf.float32);
      const a = tf.add(ph, 1.0);
      const tensorRunner = sess.make_callable(a, { feed_list: [ph.name], accept_options: true });
      const runMetadata = new tf.RunMetadata();
      expect(runMetadata.step_stats).toHaveLength(0);
      assertAllClose((await tensorRunner(41.0, { options: fullTrace(), run_metadata: runMetadata })) as tf.NDArray, 42.0);
      expect(runMetadata.step_stats.length).toBeGreaterThan(0);
    }));

  it('testFeedError', () =>
    withSession(async (sess) => {
      const feedT = tf.placeholder(tf.float32);
      const outT = tf.identity(feedT);
      const feedVal = f32(5.0);
      for (const run of [
        () => sess.run(outT, new Map([[feedT, feedVal]]) as never),
        () => outT.eval(new Map([[feedT, feedVal]])),
        () => outT.op.run(new Map([[feedT, feedVal]])),
      ]) {
        const e = await rejected(run());
        expect(e).toBeInstanceOf(tf.errors.TypeError);
        expect(e.message).toMatch(/cannot be a tf.Tensor object/);
      }
    }));

  it('testFeedPrecisionLossError', () =>
    withSession(async (sess) => {
      const largestInt64 = 2 ** 63; // np.iinfo(np.int64).max (2**63 - 1), as a JavaScript number rounds it
      const feedIntImplicitInt32 = tf.constant(1);
      const feedIntExplicitInt32 = tf.constant(1, { dtype: tf.int32 });
      const outT = f32(1.0);
      for (const t of [feedIntImplicitInt32, feedIntExplicitInt32]) {
        const e = await rejected(sess.run(outT, new Map([[t, largestInt64]])));
        expect(e).toBeInstanceOf(tf.errors.TypeError);
        expect(e.message).toMatch(/is not compatible with Tensor type/);
      }
    }));

  it('testInvalidTargetFails', () => {
    const e = (() => {
      try {
        return new tf.Session('INVALID_TARGET');
      } catch (err) {
        return err as Error;
      }
    })();
    expect(e).toBeInstanceOf(tf.errors.NotFoundError);
    expect((e as Error).message).toMatch(/No session factory registered for the given session options/);
  });

  it('testIncorrectGraph', async () => {
    const g1 = new tf.Graph();
    const c1 = g1.as_default(() => tf.constant(1.0, { dtype: tf.float32, name: 'c' }));
    const g2 = new tf.Graph();
    const c2 = g2.as_default(() => tf.constant(2.0, { dtype: tf.float32, name: 'c' }));
    expect(c1.op.name).toBe('c');
    expect(c2.op.name).toBe('c');

    const sess1 = new tf.Session({ graph: g1, backend: 'cpu' });
    expect(num(await sess1.run(c1))).toBe(1.0);
    expect(await rejected(sess1.run(c2))).toBeInstanceOf(tf.errors.ValueError);
    expect(await rejected(sess1.run(c2.op))).toBeInstanceOf(tf.errors.ValueError);
    sess1.close();

    const sess2 = new tf.Session({ graph: g2, backend: 'cpu' });
    expect(await rejected(sess2.run(c1))).toBeInstanceOf(tf.errors.ValueError);
    expect(await rejected(sess2.run(c1.op))).toBeInstanceOf(tf.errors.ValueError);
    expect(num(await sess2.run(c2))).toBe(2.0);
    sess2.close();
  });

  it('testFeedDictKeyException', () =>
    withSession(async (sess) => {
      const a = tf.constant(1.0, tf.float32, { name: 'a' });
      const e = await rejected(sess.run(a, { a: [2.0] }));
      expect(e).toBeInstanceOf(tf.errors.TypeError);
      expect(e.message).toMatch(/Cannot interpret feed_dict/);
    }));

  it('testPerStepTrace', () =>
    withSession(async (sess) => {
      const runMetadata = new tf.RunMetadata();
      await sess.run(f32(1.0));
      expect(runMetadata.step_stats).toHaveLength(0);
      await sess.run(f32(1.0), { run_metadata: runMetadata });
      expect(runMetadata.step_stats).toHaveLength(0);
      await sess.run(f32(1.0), { options: fullTrace(), run_metadata: runMetadata });
      expect(runMetadata.step_stats.length).toBeGreaterThan(0);
    }));

  it('testRunOptionsRunMetadata', () =>
    withSession(async (sess) => {
      const runMetadata = new tf.RunMetadata();
      // all combinations are valid
      await sess.run(f32(1.0), { options: null, run_metadata: null });
      await sess.run(f32(1.0), { options: null, run_metadata: runMetadata });
      expect(runMetadata.step_stats).toHaveLength(0);
      await sess.run(f32(1.0), { options: fullTrace(), run_metadata: null });
      expect(runMetadata.step_stats).toHaveLength(0);
      await sess.run(f32(1.0), { options: fullTrace(), run_metadata: runMetadata });
      expect(runMetadata.step_stats.length).toBeGreaterThan(0);
    }));

  it('testFeedShapeCompatibility', () =>
    withSession(async (sess) => {
      const someTensor = f32([2.0, 2.0, 2.0, 2.0]);
      const newShape = tf.constant([2, 2]);
      const reshapedTensor = tf.reshape(someTensor, newShape);
      let e = await rejected(sess.run(reshapedTensor, new Map([[someTensor, [1.0, 2.0, 3.0]]])));
      expect(e).toBeInstanceOf(tf.errors.ValueError);
      expect(e.message).toMatch(/Cannot feed value of shape/);
      e = await rejected(sess.run(reshapedTensor, new Map([[newShape, [3, 7]]])));
      expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
      expect(e.message).toMatch(/Input to reshape is a tensor with 4 values, but the requested shape has 21/);
    }));

  it('testInteractiveSessionNesting', () => {
    tf.reset_default_graph();
    const sess1 = new tf.InteractiveSession({ backend: 'cpu' });
    const sess2 = new tf.InteractiveSession({ backend: 'cpu' });
    expect(tf.get_default_session()).toBe(sess2);
    sess2.close();
    sess1.close();
  });

  it('testAsDefault', async () => {
    tf.reset_default_graph();
    const c = tf.constant(37);
    const sess = new tf.Session({ backend: 'cpu' });
    await sess.as_default(async () => expect(num(await c.eval())).toBe(37));
    // Ensure that the session remains valid even when it is not captured.
    await new tf.Session({ backend: 'cpu' }).as_default(async () => expect(num(await c.eval())).toBe(37));
    sess.close();
  });

  it('testInvalidArgument', () => {
    expect(() => new tf.Session(37 as never)).toThrow(tf.errors.TypeError);
    expect(() => new tf.Session(37 as never)).toThrow('target must be a string');
    expect(() => new tf.Session({ config: 37 as never })).toThrow('config must be a tf.ConfigProto');
    expect(() => new tf.Session({ graph: 37 as never })).toThrow('graph must be a tf.Graph');
  });

  it('testOpenAndCloseSession', () => withSession(async () => undefined));
});

// The string dtype: feeds and fetches of byte strings (NumPy's object arrays of bytes are arrays of JS strings).
describe('SessionTest, string tensors', () => {
  const SHAPES = [[32, 4, 128], [37], [2, 0, 6], [0, 0, 0]];
  const strs = (shape: number[]) =>
    tf.NDArray.fromStrings(
      Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => String(i)),
      shape,
    );

  it('testStringFetch', async () => {
    await withSession(async () => {
      for (const shape of SHAPES) {
        const cList = strs(shape);
        const c = tf.constant(cList);
        assertAllEqual(await c.eval(), cList);
      }
    });
  });

  it('testStringFeed', async () => {
    await withSession(async (sess) => {
      for (const shape of SHAPES) {
        const cList = strs(shape);
        const feedT = tf.placeholder(tf.string, shape);
        const c = tf.identity(feedT);
        assertAllEqual(await sess.run(c, new Map([[feedT, cList]])), cList);
        assertAllEqual(await sess.run(feedT, new Map([[feedT, cList]])), cList);
        const [cV, feedV] = await sess.run([c, feedT], new Map([[feedT, cList]]));
        assertAllEqual(cV!, cList);
        assertAllEqual(feedV!, cList);
      }
    });
  });

  it('testStringFeedWithNullCharacters', async () => {
    await withSession(async () => {
      const cList = [Uint8Array.of(10, 1, 0), Uint8Array.of(10, 0, 1)];
      const feedT = tf.placeholder(tf.string, [2]);
      const c = tf.identity(feedT);
      const out = await c.eval(new Map([[feedT, cList]]));
      expect(out.strings[0]).toEqual(cList[0]);
      expect(out.strings[1]).toEqual(cList[1]);
    });
  });

  it('testStringFeedWithUnicode', async () => {
    await withSession(async () => {
      const cList = ['\n\x01\x00', '\n\x00\x01', '\u26a3 unicode', '\u{1f60e} deal with it'];
      const feedT = tf.placeholder(tf.string, [cList.length]);
      const c = tf.identity(feedT);
      let out = await c.eval(new Map([[feedT, cList]]));
      expect(out.decode()).toEqual(cList);
      out = await c.eval(new Map([[feedT, tf.NDArray.fromStrings(cList)]]));
      expect(out.decode()).toEqual(cList);
    });
  });
});
