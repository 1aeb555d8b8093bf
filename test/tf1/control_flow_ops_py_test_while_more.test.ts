// TF1 r1.12's control_flow_ops_py_test.py ControlFlowTest: more forward while_loop cases (gather and slices in a
// body, shape invariants, nested loops, control dependencies in and around a loop, loops in conds and conds in
// loops, a stack filled by one loop and emptied by another). One `it` per TF1 test method, TF1's inputs and values.
import { describe, expect, it, vi } from 'vitest';
import * as tf from '../../src/index.js';
import { stack_pop_v2, stack_push_v2, stack_v2 } from '../../src/ops/stack_ops.js';
import { assertAllEqual, inSession } from './helpers.js';

type T = tf.Tensor;
const unknown = (): tf.TensorShape => new tf.TensorShape(null);

/** Runs `build` in a new graph and session and returns its fetched value(s); `feeds` by the built placeholders. */
async function run<R extends T | T[]>(build: (g: tf.Graph) => R): Promise<R extends T ? tf.NDArray : tf.NDArray[]> {
  return inSession(async (g, sess) => (await sess.run(g.as_default(() => build(g)) as never)) as never);
}

describe('ControlFlowTest (more while loops)', () => {
  it('testWhile_4', async () => {
    const r = await run(() => {
      const x = tf.convert_to_tensor([1, 2, 3, 4, 5, 6]);
      const s = tf.size(x);
      const compute = (i: T, _m: T, _c: T, o: T): T[] => {
        const m = tf.gather(x, i);
        const c = tf.gather(x, i);
        return [tf.add(i, 1), m, c, tf.add(tf.add(o, m), c)];
      };
      const z = [0, 0, 0, 0].map((v) => tf.convert_to_tensor(v));
      return (tf.while_loop((i: T) => tf.less(i, s), compute, z) as T[])[3]!;
    });
    assertAllEqual(r, 42);
  });

  it('testWhile_5', async () => {
    const r = await run(() => {
      const x = tf.convert_to_tensor([1, 2, 3, 4, 5, 6]);
      const s = tf.size(x);
      const compute = (i: T, _c: T, o: T): T[] => {
        const c = tf.strided_slice(x, tf.expand_dims(i, 0), tf.add([1], tf.expand_dims(i, 0)));
        return [tf.add(i, 1), c, tf.concat([o, c], 0)];
      };
      const [i, c, o] = [tf.convert_to_tensor(0), tf.convert_to_tensor([0]), tf.convert_to_tensor([0])];
      return (tf.while_loop((i: T) => tf.less(i, s), compute, [i, c, o], [i.get_shape(), unknown(), unknown()]) as T[])[2]!;
    });
    assertAllEqual(r, [0, 1, 2, 3, 4, 5, 6]);
  });

  it('testWhileShape', async () => {
    const r = await run(() => {
      const i = tf.constant(0);
      const m = tf.ones([2, 2]);
      const b = (i: T, j: T): T[] => [tf.add(i, 1), tf.tile(j, [2, 2])];
      const res = tf.while_loop((i: T) => tf.less(i, 2), b, [i, m], [i.get_shape(), unknown()]) as T[];
      return tf.multiply(res[1]!, tf.ones([8, 8]));
    });
    assertAllEqual(
      r,
      Array.from({ length: 8 }, () => Array(8).fill(1)),
    );
  });

  it('testWhileWithNonTensorInput_Vector', async () => {
    const r = await run(() => {
      // np.array([0]): an int64 vector in TF1 (numpy's default int); an int32 vector here, JavaScript's numbers
      const n = new tf.NDArray(Int32Array.of(0), [1], 'int32');
      const c = (x: T): T => tf.less(tf.gather(x, 0), 10000);
      const b = (x: T): T => tf.stack([tf.add(tf.gather(x, 0), 1)]);
      return tf.while_loop(c, b, [n], { parallel_iterations: 20 }) as T;
    });
    assertAllEqual(r, [10000]);
  });

  it('testNestedWhile_1', async () => {
    const r = await run(() => {
      const n = tf.constant(0);
      const cpuSum = (s: T): T => {
        const b = (i: T, s: T): T[] => [tf.add(i, 1), tf.add(i, s)];
        return (tf.while_loop((i: T) => tf.less(i, 10), b, [n, s]) as T[])[1]!;
      };
      return tf.while_loop(
        (x: T) => tf.less(x, 200),
        (x: T) => tf.add(x, cpuSum(n)),
        [n],
      ) as T;
    });
    assertAllEqual(r, 225);
  });

  it('testNestedWhile_2', async () => {
    const printed: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void printed.push(args.join(' ')));
    const r = await run(() => {
      const innerLoop = (s: T): T =>
        tf.while_loop(
          (s: T) => tf.less(s, 20.0),
          (s: T) => tf.add(s, s),
          [s],
          { parallel_iterations: 1 },
        ) as T;
      const outerB = (x: T): T => tf.square(innerLoop(tf.Print(x, [x])));
      return tf.while_loop((x: T) => tf.less(x, 3000.0), outerB, [tf.constant(2.0)], { parallel_iterations: 1 }) as T;
    });
    spy.mockRestore();
    assertAllEqual(r, 1048576.0);
    // Print ran once per outer iteration, on the value entering the inner loop
    expect(printed).toEqual(['[2]', '[1024]']);
  });

  it('testWhilePyFuncBasic', async () => {
    const func = (x: tf.NDArray): tf.NDArray =>
      new tf.NDArray(
        Float32Array.from(x.data, (v) => v * v),
        x.shape,
        'float32',
      );
    const r = await run(
      () =>
        (
          tf.while_loop(
            (i: T, _v: T) => tf.less(i, 4),
            (i: T, v: T) => [tf.add(i, 1), (tf.py_func(func, [v], [tf.float32]) as T[])[0]!],
            [tf.constant(0), tf.constant(2.0, tf.float32)],
            { shape_invariants: [tf.TensorShape.unknown(), tf.TensorShape.unknown()] },
          ) as T[]
        )[1]!,
    );
    assertAllEqual(r, 65536.0);
  });

  it('testWhileWithControl_1', async () => {
    const r = await run((g) => {
      const body = (n: T, r: T): T[] => [tf.add(n, 1), g.control_dependencies([r], () => tf.constant(12))];
      return (tf.while_loop((n: T) => tf.less(n, 10), body, [tf.constant(0), tf.constant(0)], { parallel_iterations: 1 }) as T[])[1]!;
    });
    assertAllEqual(r, 12);
  });

  it('testWhileWithControl_2', async () => {
    const r = await run((g) => {
      const body = (r: T): T[] => [g.control_dependencies([r], () => tf.constant(12))];
      return tf.while_loop((r: T) => tf.less(r, 10), body, [tf.constant(0)], { parallel_iterations: 1 }) as T;
    });
    assertAllEqual(r, 12);
  });

  /** testWhileWithControl_3 .. _5: a placeholder as a control input around the loop, or in its body. */
  const withControl = async (build: (b: T, c: T, x0: T) => T): Promise<void> => {
    await inSession(async (g, sess) => {
      const [b, r] = g.as_default(() => {
        const b = tf.placeholder(tf.bool);
        return [b, build(b, tf.constant(1), tf.constant(0))] as const;
      });
      assertAllEqual(await sess.run(r, new Map([[b, true]])), 10);
    });
  };

  it('testWhileWithControl_3', async () => {
    await withControl((b, c, x0) =>
      tf.control_dependencies(
        [b],
        () =>
          tf.while_loop(
            (x: T) => tf.less(x, 10),
            (x: T) => tf.add(x, c),
            [x0],
          ) as T,
      ),
    );
  });

  it('testWhileWithControl_4', async () => {
    await withControl((b, c, x0) =>
      tf.control_dependencies(
        [b],
        () =>
          tf.while_loop(
            (x: T) => tf.less(x, 10),
            (x: T) => tf.add(x, tf.identity(c)),
            [x0],
          ) as T,
      ),
    );
  });

  it('testWhileWithControl_5', async () => {
    await withControl(
      (b, c, x0) =>
        tf.while_loop(
          (x: T) => tf.less(x, 10),
          (x: T) => tf.control_dependencies([b], () => tf.add(x, c)),
          [x0],
        ) as T,
    );
  });

  it('testWhileCondWithControl', async () => {
    const r = await run(() => {
      const cond = (i: T): T =>
        tf.cond(
          tf.greater(i, 0),
          () => tf.constant(true),
          () => tf.constant(false),
        ) as T;
      const body = (i: T): T =>
        tf.cond(
          tf.greater(i, 0),
          () => tf.subtract(i, 1),
          () => i,
        ) as T;
      return tf.control_dependencies([tf.no_op()], () => tf.while_loop(cond, body, [tf.constant(5)]) as T);
    });
    assertAllEqual(r, 0);
  });

  it('testCondWhile_1', async () => {
    const r = await run(() => {
      const n = tf.convert_to_tensor(0, { name: 'n' });
      const loop = (): T =>
        tf.while_loop(
          (x: T) => tf.less(x, 10),
          (x: T) => tf.add(x, 1),
          [n],
        ) as T;
      return tf.cond(tf.less(0, 1), loop, () => n) as T;
    });
    assertAllEqual(r, 10);
  });

  it('testCondWhile_2', async () => {
    const r = await run(() => {
      const n = tf.convert_to_tensor(0);
      const loop = (): T =>
        tf.while_loop(
          (x: T) => tf.less(x, 10),
          (x: T) => tf.add(x, 1),
          [n],
        ) as T;
      return tf.cond(tf.less(1, 0), () => tf.add(n, 1), loop) as T;
    });
    assertAllEqual(r, 10);
  });

  it('testCondWhile_3 (its forward half; the gradient half is in _while_cond_grad.test.ts)', async () => {
    await inSession(async (g, sess) => {
      const [p, r] = g.as_default(() => {
        const p = tf.placeholder(tf.bool);
        const n = tf.constant(0.0);
        const loop = (): T =>
          tf.while_loop(
            (x: T) => tf.less(x, 10.0),
            (x: T) => tf.add(x, 1.0),
            [n],
          ) as T;
        return [p, tf.cond(p, loop, () => tf.multiply(n, 2.0)) as T] as const;
      });
      assertAllEqual(await sess.run(r, new Map([[p, true]])), 10.0);
      assertAllEqual(await sess.run(r, new Map([[p, false]])), 0.0);
    });
  });

  it('testWhileCond_1', async () => {
    const r = await run(() => {
      const i = tf.convert_to_tensor(0, { name: 'i' });
      const n = tf.convert_to_tensor(10, { name: 'n' });
      const one = tf.convert_to_tensor(1, { name: 'one' });
      const b = (x: T): T =>
        tf.cond(
          tf.constant(true),
          () => tf.add(x, one),
          () => tf.subtract(x, one),
        ) as T;
      return tf.while_loop((x: T) => tf.less(x, n), b, [i]) as T;
    });
    assertAllEqual(r, 10);
  });

  it('testWhileCond_2', async () => {
    const r = await run(() => {
      const n = tf.convert_to_tensor(0, { name: 'n' });
      const b = (x: T): T =>
        tf.cond(
          tf.constant(true),
          () => tf.add(x, 1),
          () => n,
        ) as T;
      return tf.while_loop((x: T) => tf.less(x, 10), b, [n]) as T;
    });
    assertAllEqual(r, 10);
  });

  it('testWhileCond_3', async () => {
    const r = await run(() => {
      const n = tf.convert_to_tensor(0);
      const b = (x: T): T =>
        tf.cond(
          tf.less(0, 1),
          () => tf.add(x, 1),
          () => tf.subtract(x, 1),
        ) as T;
      return tf.while_loop((x: T) => tf.less(x, 10), b, [n]) as T;
    });
    assertAllEqual(r, 10);
  });

  it('testWhileStack_1', async () => {
    const r = await run((g) => {
      const s = stack_v2(-1, 'int32', 'foo');
      const b = (i: T): T => g.control_dependencies([stack_push_v2(s, i)], () => tf.identity(tf.add(i, 1)));
      const r = tf.while_loop((i: T) => tf.less(i, 10), b, [tf.constant(0)], { parallel_iterations: 1 }) as T;
      const b1 = (i: T, x: T): T[] => [tf.subtract(i, 1), tf.add(x, stack_pop_v2(s, 'int32'))];
      return (tf.while_loop((i: T) => tf.greater(i, 0), b1, [r, tf.constant(0)], [r.get_shape(), unknown()], 1) as T[])[1]!;
    });
    assertAllEqual(r, 45);
  });
});
