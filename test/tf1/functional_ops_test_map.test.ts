// TF1 r1.12's kernel_tests/functional_ops_test.py FunctionalOpsTest, the map_fn cases: one `it` per TF1 test method
// with TF1's inputs and expected values. NumPy's default int arrays are int64.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllEqual, inSession, np, rejected, staticShape, thrown } from './helpers.js';

type T = tf.Tensor;
const ints = [1, 2, 3, 4, 5, 6];
/** NumPy's `np.array([1, 2, 3, 4, 5, 6])` times `k` (int64). */
const nums = (k = 1): tf.NDArray =>
  np(
    ints.map((v) => k * v),
    'int64',
  );
const run = async <R>(build: () => R): Promise<unknown> => inSession(async (g, sess) => sess.run(g.as_default(build) as never));

describe('FunctionalOpsTest (map_fn)', () => {
  it('testMap_Simple', async () => {
    const r = await run(() => tf.map_fn((x: T) => tf.multiply(tf.add(x, 3), 2), tf.constant(ints, { name: 'data' })));
    assertAllEqual(
      r as tf.NDArray,
      ints.map((x) => (x + 3) * 2),
    );
  });

  it('testMapOverScalarErrors', () => {
    const e1 = thrown(() => new tf.Graph().as_default(() => tf.map_fn((x: T) => x, [1, 2])));
    expect(e1).toBeInstanceOf(tf.errors.ValueError);
    expect(e1.message).toMatch(/not scalars/);
    const e2 = thrown(() => new tf.Graph().as_default(() => tf.map_fn((x: T) => x, 1)));
    expect(e2).toBeInstanceOf(tf.errors.ValueError);
    expect(e2.message).toMatch(/not a scalar/);
  });

  it('testMap_Scoped', async () => {
    /** 2x with a dummy 2 that is scoped. */
    const doubleScoped = (x: T): T =>
      tf.variable_scope('body', () => tf.multiply(x, tf.get_variable('two', [], { dtype: tf.int32, initializer: tf.constant_initializer(2) })));
    await inSession(async (g, sess) => {
      await g.as_default(async () => {
        const [r1, r2] = tf.variable_scope('root', (varscope: tf.VariableScope) => {
          const elems = tf.constant(ints, { name: 'data' });
          const r1 = tf.map_fn(doubleScoped, elems) as T;
          expect(tf.trainable_variables()).toHaveLength(1);
          expect(tf.trainable_variables()[0]!.name).toBe('root/body/two:0');
          varscope.reuse_variables();
          const r2 = tf.map_fn(doubleScoped, elems) as T;
          expect(tf.trainable_variables()).toHaveLength(1);
          return [r1, r2];
        });
        await sess.run(tf.global_variables_initializer());
        assertAllEqual((await sess.run(r1!)) as tf.NDArray, [2, 4, 6, 8, 10, 12]);
        assertAllEqual((await sess.run(r2!)) as tf.NDArray, [2, 4, 6, 8, 10, 12]);
      });
    });
  });

  it('testMap_Grad', async () => {
    const [gp, ge] = (await run(() => {
      const param = tf.constant(2.0, { dtype: tf.float32 });
      const elems = tf.constant([1, 2, 3, 4, 5, 6], { dtype: tf.float32, name: 'elems' });
      const y = tf.map_fn((x: T) => tf.multiply(tf.square(x), param), elems) as T;
      return [tf.gradients(y, param)[0]!, tf.gradients(y, elems)[0]!];
    })) as tf.NDArray[];
    assertAllEqual(gp!, 91.0);
    assertAllEqual(ge!, [4.0, 8.0, 12.0, 16.0, 20.0, 24.0]);
  });

  it('testMap_SimpleNotTensor', async () => {
    const r = await run(() => tf.map_fn((x: T) => tf.multiply(tf.add(x, 3), 2), nums()));
    assertAllEqual(
      r as tf.NDArray,
      ints.map((x) => (x + 3) * 2),
    );
  });

  it('testMap_SingleInputMultiOutput', async () => {
    await inSession(async (g, sess) => {
      const r = g.as_default(() => tf.map_fn((x: T) => [x.add(3).mul(2), x.add(3).neg().mul(2)], nums(), { dtype: [tf.int64, tf.int64] })) as T[];
      expect(r).toHaveLength(2);
      expect(staticShape(r[0]!)).toEqual([6]);
      expect(staticShape(r[1]!)).toEqual([6]);
      const received = (await sess.run(r)) as tf.NDArray[];
      assertAllEqual(
        received[0]!,
        ints.map((x) => (x + 3) * 2),
      );
      assertAllEqual(
        received[1]!,
        ints.map((x) => -(x + 3) * 2),
      );
    });
  });

  it("testMap_MultiOutputMismatchedDtype (JavaScript has no tuple: fn's list against a dict of dtypes)", () => {
    const e = thrown(() =>
      new tf.Graph().as_default(() => tf.map_fn((x: T) => [x.add(3).mul(2), x.add(3).neg().mul(2)], nums(), { dtype: { a: tf.int64, b: tf.int64 } })),
    );
    expect(e).toBeInstanceOf(tf.errors.TypeError);
    expect(e.message).toMatch(/two structures don't have the same nested structure/);
  });

  it('testMap_MultiInputSingleOutput', async () => {
    await inSession(async (g, sess) => {
      const r = g.as_default(() => tf.map_fn((x: [T, [T, T]]) => x[0].mul(x[1][0]).add(x[1][1]), [nums(), [nums(), nums(-1)]], { dtype: tf.int64 })) as T;
      expect(staticShape(r)).toEqual([6]);
      assertAllEqual(
        (await sess.run(r)) as tf.NDArray,
        ints.map((x) => x * x - x),
      );
    });
  });

  it('testMap_MultiInputSameStructureOutput', async () => {
    await inSession(async (g, sess) => {
      const out = g.as_default(() => tf.map_fn((x: [T, [T, T]]) => [x[1][0], [x[1][1], x[0]]], [nums(), [nums(2), nums(-1)]])) as [T, [T, T]];
      const r = [out[0], out[1][0], out[1][1]];
      for (const t of r) expect(staticShape(t)).toEqual([6]);
      const received = (await sess.run(r)) as tf.NDArray[];
      assertAllEqual(
        received[0]!,
        ints.map((x) => 2 * x),
      );
      assertAllEqual(
        received[1]!,
        ints.map((x) => -x),
      );
      assertAllEqual(received[2]!, ints);
    });
  });

  it('testMapShape', async () => {
    await inSession(async (g, sess) => {
      const y = g.as_default(
        () =>
          tf.map_fn(
            (e: T) => e,
            tf.constant([
              [1, 2, 3],
              [4, 5, 6],
            ]),
          ) as T,
      );
      expect(staticShape(y)).toEqual([...((await sess.run(y)) as tf.NDArray).shape]);
    });
  });

  it('testMapUnknownShape', () => {
    const y = new tf.Graph().as_default(() => tf.map_fn((e: T) => e, tf.placeholder(tf.float32)) as T);
    expect(staticShape(y)).toBeNull();
  });

  it('testMapEmptyScalar', async () => {
    await inSession(async (g, sess) => {
      const r = g.as_default(() => tf.map_fn(() => 1, tf.constant([], { dtype: tf.float32 })) as T);
      expect(staticShape(r)).toEqual([0]);
      expect([...((await sess.run(r)) as tf.NDArray).shape]).toEqual([0]);
    });
  });

  it('testMapEmptyTensor', async () => {
    await inSession(async (g, sess) => {
      const r = g.as_default(() => tf.map_fn(() => tf.zeros([3, 2]), tf.constant([], { dtype: tf.float32 })) as T);
      expect(staticShape(r)).toEqual([0, 3, 2]);
      expect([...((await sess.run(r)) as tf.NDArray).shape]).toEqual([0, 3, 2]);
    });
  });
});

describe('map_fn and scan: TF1 build-time errors tf1-ts reproduces', () => {
  it("elems whose first dimensions differ: TF1's Dimension.merge_with ValueError", () => {
    for (const op of [tf.map_fn, tf.scan] as ((...a: unknown[]) => unknown)[]) {
      const e = thrown(() => new tf.Graph().as_default(() => op((x: unknown) => x, [tf.zeros([6]), tf.zeros([5])])));
      expect(e).toBeInstanceOf(tf.errors.ValueError);
      expect(e.message).toBe('Dimensions 6 and 5 are not compatible');
    }
  });

  it('back_prop: false builds a loop tf.gradients does not go through (no gradient), as TF1', () => {
    new tf.Graph().as_default(() => {
      const param = tf.constant(2, { dtype: tf.float32 });
      const elems = tf.constant([1, 2, 3], { dtype: tf.float32 });
      const y = tf.map_fn((x: T) => x.mul(param), elems, { back_prop: false }) as T;
      const s = tf.scan((a: T, x: T) => a.mul(x), elems, { initializer: param, back_prop: false }) as T;
      expect(tf.gradients(y, param)).toEqual([null]);
      expect(tf.gradients(s, [param, elems])).toEqual([null, null]);
    });
  });

  it("fn that is not callable: TF1's TypeError", () => {
    const e = thrown(() => new tf.Graph().as_default(() => tf.map_fn(3 as never, tf.zeros([2]))));
    expect(e).toBeInstanceOf(tf.errors.TypeError);
  });

  it("map_fn's default dtype is elems': fn returning another dtype fails at the write, as TF1's TensorArrayWriteV3", async () => {
    await inSession(async (g, sess) => {
      const r = g.as_default(() => tf.map_fn((x: T) => tf.cast(x, tf.float32), tf.zeros([2], { dtype: tf.int32 })) as T);
      const e = await rejected(sess.run(r));
      expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
      expect(e.message).toMatch(/TensorArray dtype is int32 but Op is trying to write dtype float/);
    });
  });
});

describe("the ops' names (r1.12's functional_ops.py under their name scopes)", () => {
  it('map_fn, scan, foldl and foldr build their TensorArrays and loops under map/, scan/, foldl/, foldr/', () => {
    const g = new tf.Graph();
    const [m, s, l, r] = g.as_default(() => {
      const elems = tf.constant([1, 2, 3], { dtype: tf.float32, name: 'elems' });
      return [
        tf.map_fn((x: T) => x.mul(2), elems),
        tf.scan((a: T, x: T) => a.add(x), elems, { reverse: true }),
        tf.foldl((a: T, x: T) => a.add(x), elems),
        tf.foldr((a: T, x: T) => a.add(x), elems),
      ] as T[];
    });
    expect([m!.name, s!.name, l!.name, r!.name]).toEqual([
      'map/TensorArrayStack/TensorArrayGatherV3:0',
      'scan/TensorArrayStack/TensorArrayGatherV3:0',
      'foldl/while/Exit_1:0',
      'foldr/while/Exit_1:0',
    ]);
    const names = new Set(g.get_operations().map((o) => `${o.name} ${o.type}`));
    for (const n of [
      'map/TensorArray TensorArrayV3',
      'map/TensorArrayUnstack/TensorArrayScatter/TensorArrayScatterV3 TensorArrayScatterV3',
      'map/TensorArray_1 TensorArrayV3',
      'map/while/maximum_iterations Const',
      'map/while/LogicalAnd LogicalAnd',
      'map/while/TensorArrayReadV3 TensorArrayReadV3',
      'map/while/add_1 Add',
      'map/while/TensorArrayWrite/TensorArrayWriteV3 TensorArrayWriteV3',
      'scan/sub Sub',
      'scan/TensorArray_1 TensorArrayV3',
      'scan/TensorArrayWrite/TensorArrayWriteV3 TensorArrayWriteV3',
      'scan/while/GreaterEqual GreaterEqual',
      'scan/while/sub Sub',
      'foldl/Const Const',
      'foldl/while/Less Less',
      'foldr/while/Greater Greater',
      'foldr/while/sub Sub',
    ])
      expect(names, n).toContain(n);
  });
});
