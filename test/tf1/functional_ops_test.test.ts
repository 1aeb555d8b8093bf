// TF1 r1.12's kernel_tests/functional_ops_test.py FunctionalOpsTest: foldl, foldr, map_fn and scan, one `it` per TF1
// test method with TF1's inputs and expected values. NumPy's default int arrays are int64, its floats float64.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose, assertAllEqual, inSession, np, staticShape, thrown, type Value } from './helpers.js';

type T = tf.Tensor;
const ints = [1, 2, 3, 4, 5, 6];
const floats = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
/** A float32 constant (JavaScript's 2.0 is the integer 2, which tf.constant makes int32). */
const f32 = (v: number | number[], name?: string): T => tf.constant(v, { dtype: tf.float32, name });
const run = async <R>(build: () => R): Promise<unknown> => inSession(async (g, sess) => sess.run(g.as_default(build) as never));

/** TF1's simple_scoped_fn: (a, x) -> 2(x + a), the 2 a variable `body/two` in the current variable scope. */
const simpleScopedFn = (a: T, x: T): T =>
  tf.variable_scope('body', () => {
    const two = tf.get_variable('two', [], { dtype: tf.int32, initializer: tf.constant_initializer(2) });
    return tf.multiply(tf.add(a, x), two);
  });

/** testFoldl_Scoped, testFoldr_Scoped, testScan_Scoped: `op` over [1..6] in `root`, then again reusing its one variable. */
/** foldl, foldr or scan as the scoped tests call them. */
type Folder = (fn: (a: T, x: T) => T, elems: T, opts?: { initializer: number }) => unknown;

async function scoped(op: Folder, first: Value, second: Value, init2: number): Promise<void> {
  await inSession(async (g, sess) => {
    await g.as_default(async () => {
      const [r1, r2] = tf.variable_scope('root', (varscope: tf.VariableScope) => {
        const elems = tf.constant(ints, { name: 'data' });
        const r1 = op(simpleScopedFn, elems) as T;
        expect(tf.trainable_variables()).toHaveLength(1);
        expect(tf.trainable_variables()[0]!.name).toBe('root/body/two:0');
        varscope.reuse_variables();
        const r2 = op(simpleScopedFn, elems, { initializer: init2 }) as T;
        expect(tf.trainable_variables()).toHaveLength(1);
        return [r1, r2];
      });
      await sess.run(tf.global_variables_initializer());
      assertAllEqual((await sess.run(r1!)) as tf.NDArray, first);
      assertAllEqual((await sess.run(r2!)) as tf.NDArray, second);
    });
  });
}

describe('FunctionalOpsTest (foldl, foldr)', () => {
  it('testFoldl_Simple', async () => {
    const [r1, r2] = (await run(() => {
      const elems = tf.constant(ints, { name: 'data' });
      return [
        tf.foldl((a: T, x: T) => tf.multiply(tf.add(a, x), 2), elems),
        tf.foldl((a: T, x: T) => tf.multiply(tf.add(a, x), 2), elems, { initializer: 10 }),
      ];
    })) as tf.NDArray[];
    assertAllEqual(r1!, 208);
    assertAllEqual(r2!, 880);
  });

  it('testFoldl_SingleInputMultiOutput', async () => {
    const r = (await run(() => tf.foldl((a: T, x: T) => a.add(x), np(floats), np([1, -1.0])))) as tf.NDArray;
    assertAllEqual(r.data[0]!, 22);
    assertAllEqual(r.data[1]!, 20);
  });

  it('testFoldl_MultiInputSingleOutput', async () => {
    const r = await run(() => tf.foldl((a: T, x: T[]) => a.add(x[0]!).add(x[1]!), [np(floats), np(floats.map((v) => -v))], np(1.0)));
    assertAllEqual(r as tf.NDArray, 1);
  });

  it('testFoldl_MultiInputDifferentDimsSingleOutput (from later copies of the file)', async () => {
    const elems = np([
      [1.0, 1.0, 1.0],
      [2.0, 3.0, 4.0],
    ]);
    const r = await run(() => tf.foldl((a: T, x: T[]) => a.add(x[0]!.mul(x[1]!)), [elems, np([-1.0, 1.0])], np([0.0, 0.0, 0.0])));
    assertAllEqual(r as tf.NDArray, [1.0, 2.0, 3.0]);
  });

  it('testFoldl_Scoped', () => scoped(tf.foldl as Folder, 208, 880, 10));

  it('testFoldr_Simple', async () => {
    const [r1, r2] = (await run(() => {
      const elems = tf.constant(ints, { name: 'data' });
      return [
        tf.foldr((a: T, x: T) => tf.multiply(tf.add(a, x), 2), elems),
        tf.foldr((a: T, x: T) => tf.multiply(tf.add(a, x), 2), elems, { initializer: 10 }),
      ];
    })) as tf.NDArray[];
    assertAllEqual(r1!, 450);
    assertAllEqual(r2!, 1282);
  });

  it('testFoldr_SingleInputMultiOutput', async () => {
    const r = (await run(() => tf.foldr((a: T, x: T) => a.add(x), np(floats), np([1, -1.0])))) as tf.NDArray;
    assertAllEqual(r.data[0]!, 22);
    assertAllEqual(r.data[1]!, 20);
  });

  it('testFoldr_MultiInputSingleOutput', async () => {
    const r = await run(() => tf.foldr((a: T, x: T[]) => a.add(x[0]!).add(x[1]!), [np(floats), np(floats.map((v) => -v))], np(1.0)));
    assertAllEqual(r as tf.NDArray, 1);
  });

  it('testFoldr_Scoped', () => scoped(tf.foldr as Folder, 450, 1282, 10));

  it('testFold_Grad', async () => {
    const [gl, gr] = (await run(() => {
      const elems = f32(floats, 'data');
      const v = f32(2.0, 'v');
      const rl = tf.foldl((a: T, x: T) => tf.multiply(a, x), elems, { initializer: v }) as T;
      const rr = tf.foldr((a: T, x: T) => tf.multiply(a, x), elems, { initializer: v }) as T;
      return [tf.gradients(rl, v)[0]!, tf.gradients(rr, v)[0]!];
    })) as tf.NDArray[];
    assertAllEqual(gl!, 720.0);
    assertAllEqual(gr!, 720.0);
  });

  it('testFoldShape', async () => {
    await inSession(async (g, sess) => {
      const y = g.as_default(
        () =>
          tf.foldl(
            (_: T, cur: T) => cur,
            tf.constant([
              [1, 2, 3],
              [4, 5, 6],
            ]),
            { initializer: tf.constant([0, 0, 0]) },
          ) as T,
      );
      expect(staticShape(y)).toEqual([...((await sess.run(y)) as tf.NDArray).shape]);
    });
  });
});

describe('FunctionalOpsTest (scan)', () => {
  it('testScan_Simple', async () => {
    const [r1, r2] = (await run(() => {
      const elems = f32(floats, 'data');
      const v = f32(2.0, 'v');
      return [tf.scan((a: T, x: T) => tf.multiply(a, x), elems), tf.scan((a: T, x: T) => tf.multiply(a, x), elems, { initializer: v })];
    })) as tf.NDArray[];
    assertAllEqual(r1!, [1, 2, 6, 24, 120, 720]);
    assertAllEqual(r2!, [2, 4, 12, 48, 240, 1440]);
  });

  it('testScan_Reverse', async () => {
    const [r1, r2] = (await run(() => {
      const elems = f32(floats, 'data');
      const v = f32(2.0, 'v');
      return [
        tf.scan((a: T, x: T) => tf.multiply(a, x), elems, { reverse: true }),
        tf.scan((a: T, x: T) => tf.multiply(a, x), elems, { initializer: v, reverse: true }),
      ];
    })) as tf.NDArray[];
    assertAllEqual(r1!, [720, 720, 360, 120, 30, 6]);
    assertAllEqual(r2!, [1440, 1440, 720, 240, 60, 12]);
  });

  it('testScan_SingleInputMultiOutput', async () => {
    const r = (await run(() => tf.scan((a: T[], x: T) => [a[0]!.mul(x), a[1]!.neg().mul(x)], np(floats), [np(1.0), np(-1.0)]))) as tf.NDArray[];
    assertAllEqual(r[0]!, [1, 2, 6, 24, 120, 720]);
    assertAllEqual(r[1]!, [1, -2, 6, -24, 120, -720]);
  });

  it('testScan_MultiInputSingleOutput', async () => {
    const r = await run(() => tf.scan((a: T, x: T[]) => a.mul(x[0]!.add(x[1]!)), [np(floats.map((v) => v + 1)), np(floats.map((v) => -v))], np(1.0)));
    assertAllEqual(r as tf.NDArray, [1, 1, 1, 1, 1, 1]);
  });

  it('testScan_MultiInputSameTypeOutput', async () => {
    const r = (await run(() => tf.scan((a: T[], x: T[]) => [a[0]!.add(x[0]!), a[1]!.add(x[1]!)], [np(floats), np(floats.map((v) => -v))]))) as tf.NDArray[];
    assertAllEqual(r[0]!, [1, 3, 6, 10, 15, 21]);
    assertAllEqual(r[1]!, [-1, -3, -6, -10, -15, -21]);
  });

  it('testScan_MultiOutputMismatchedInitializer', () => {
    const e = thrown(() => new tf.Graph().as_default(() => tf.scan((a: T) => [a, a.neg()], np(floats), np(1.0))));
    expect(e).toBeInstanceOf(tf.errors.ValueError);
    expect(e.message).toMatch(/two structures don't have the same nested structure/);
  });

  it('testScan_Scoped', () => scoped(tf.scan as Folder, [1, 6, 18, 44, 98, 208], [6, 16, 38, 84, 178, 368], 2));

  it('testScanFoldl_Nested', async () => {
    const r = await run(() => {
      const elems = f32([1.0, 2.0, 3.0, 4.0], 'data');
      const innerElems = f32([0.5, 0.5], 'data');
      const rInner = (a: T, x: T): T => tf.foldl((b: T, y: T) => b.mul(y).mul(x), innerElems, { initializer: a }) as T;
      return tf.scan(rInner, elems);
    });
    assertAllClose(r as tf.NDArray, [1, 1, 2.25, 9]);
  });

  it('testScan_Control', async () => {
    await inSession(async (g, sess) => {
      const [s, b, c] = g.as_default(() => {
        const s = tf.placeholder(tf.float32, { shape: [null] });
        const b = tf.placeholder(tf.bool);
        const c = tf.control_dependencies([b], () => tf.scan((a: T, x: T) => x.mul(a), s) as T);
        return [s, b, c];
      });
      const feeds = new Map<T, tf.NDArray>([
        [s, np([1, 3, 3], 'float32')],
        [b, np(true, 'bool')],
      ]);
      assertAllClose((await sess.run(c, feeds)) as tf.NDArray, [1, 3, 9]);
    });
  });

  it('testScan_Grad', async () => {
    const r = await run(() => {
      const elems = f32(floats, 'data');
      const v = f32(2.0, 'v');
      return tf.gradients(tf.scan((a: T, x: T) => tf.multiply(a, x), elems, { initializer: v }) as T, v)[0]!;
    });
    assertAllEqual(r as tf.NDArray, 873.0);
  });

  it('testScanGradientWithPartStopGradient', async () => {
    await inSession(async (g, sess) => {
      const grad = g.as_default(() => {
        const a = tf.Variable(0.0, { name: 'a', dtype: tf.float32 });
        const b = tf.Variable(0.0, { name: 'b', dtype: tf.float32 });
        const [l0, l1] = tf.scan(() => [a, b], tf.zeros([5]), { initializer: [f32(0.0), f32(0.0)] }) as T[];
        const loss = l0!.add(tf.stop_gradient(l1!));
        return tf.gradients({ ys: [loss], xs: [a, b] });
      });
      await sess.run(g.as_default(() => tf.global_variables_initializer()));
      const [ga, gb] = (await sess.run(grad as T[])) as tf.NDArray[];
      // TF1 only runs the fetch; the values follow: each of l0's 5 elements is a, l1 is stopped (b's gradient is
      // the unused exits' zeros)
      assertAllEqual(ga!, 5);
      assertAllEqual(gb!, 0);
    });
  });

  it('testScanShape', async () => {
    await inSession(async (g, sess) => {
      const y = g.as_default(
        () =>
          tf.scan(
            (_: T, cur: T) => cur,
            tf.constant([
              [1, 2, 3],
              [4, 5, 6],
            ]),
            { initializer: tf.constant([0, 0, 0]) },
          ) as T,
      );
      expect(staticShape(y)).toEqual([...((await sess.run(y)) as tf.NDArray).shape]);
    });
  });

  it('testScanEmptyTensor', async () => {
    await inSession(async (g, sess) => {
      const x = g.as_default(() => tf.scan((x: T) => x, tf.range(0), { initializer: tf.ones([2, 4]) }) as T);
      expect(staticShape(x)).toEqual([0, 2, 4]);
      expect([...((await sess.run(x)) as tf.NDArray).shape]).toEqual([0, 2, 4]);
    });
  });

  it('testScanUnknownShape', () => {
    const y = new tf.Graph().as_default(() => tf.scan((_: T, cur: T) => cur, tf.placeholder(tf.float32), { initializer: tf.placeholder(tf.float32) }) as T);
    expect(staticShape(y)).toBeNull();
  });

  it('testScanVaryingShape', async () => {
    await inSession(async (g, sess) => {
      const [x, fetches] = g.as_default(() => {
        const x = tf.placeholder(tf.float32, { shape: [null, 2] });
        const xT = tf.transpose(x);
        const result = tf.scan((a: T, x: T) => a.add(x), x) as T;
        const resultT = tf.scan((a: T, x: T) => a.add(x), xT, { infer_shape: false }) as T;
        return [x, [result, resultT, tf.gradients(result, [x])[0]!, tf.gradients(resultT, [xT])[0]!]];
      });
      const [r, rT, g1, g2] = (await sess.run(fetches, new Map([[x, np([[1.0, 2.0]], 'float32')]]))) as tf.NDArray[];
      // TF1 only runs them; the values follow from x = [[1, 2]]
      assertAllEqual(r!, [[1, 2]]);
      assertAllEqual(rT!, [[1], [3]]);
      assertAllEqual(g1!, [[1, 1]]);
      assertAllEqual(g2!, [[2], [1]]);
    });
  });
});
