// Variables written inside while loop bodies on the WebGPU backend, against the CPU backend: the cases of
// test/tf1/control_flow_ops_py_test_while_refs.test.ts (TF1 r1.12's control_flow_ops_py_test.py ControlFlowTest) with
// their expected values, each run on both backends in turn: Assign, AssignAdd, AssignSub and an optimizer's Apply* op
// reached through RefEnter write the variable's buffer in place, so later iterations and later runs see the writes,
// and a run that fails part-way leaves every variable as it was.
import { describe, expect, it } from 'vitest';
import * as tf from '../../../src/index.js';
import { assertAllClose, assertAllEqual } from '../../tf1/helpers.js';
import { expectClose, filePair } from './harness.js';

type T = tf.Tensor;
type Fetch = T | tf.Operation;
type Values = (tf.NDArray | null)[];

const p = filePair();

/** Runs `runs` in order on each backend (each session its own variables): the WebGPU values, checked equal to the CPU's. */
async function onBoth(runs: Fetch[][], feeds?: Map<T, tf.NDArray>): Promise<Values[]> {
  const got = { cpu: [] as Values[], gpu: [] as Values[] };
  for (const b of ['cpu', 'gpu'] as const) for (const f of runs) got[b].push((await p[b].run(f, feeds)) as Values);
  got.gpu.forEach((vals, r) =>
    vals.forEach((g, k) => {
      const c = got.cpu[r]![k] ?? null;
      const label = `run ${r}, ${runs[r]![k]!.name}`;
      if (g === null || c === null) expect(g, label).toBe(c);
      else expectClose(g, c, null, label);
    }),
  );
  return got.gpu;
}

const build = <R>(fn: () => R): R => p.graph.as_default(fn);

describe('variables written in while loop bodies on the WebGPU backend (control_flow_ops_py_test.py cases)', () => {
  it('testWhileWithRefs_1: the variable’s ref travels the loop (RefEnter … RefExit) and reads as written', async () => {
    const { r, init } = build(() => {
      const v = tf.Variable(0);
      const body = (i: T, x: T): T[] => [tf.add(i, 1), p.graph.create_op('RefIdentity', [x], {}).outputs[0]!];
      const r = tf.while_loop((i: T) => tf.less(i, 100), body, [tf.constant(0), v._ref()], { parallel_iterations: 5 }) as T[];
      return { r, init: v.initializer };
    });
    const [vi, vx] = (await onBoth([[init], r]))[1]!;
    assertAllEqual(vi!, 100);
    assertAllEqual(vx!, 0);
  });

  it('testWhileUpdateVariable_4 (and a second run: b += 2 ten times, after a = 2)', async () => {
    const { varB, lpa, init } = build(() => {
      const varA = tf.Variable(0, { name: 'a' });
      const varB = tf.Variable(0, { name: 'b' });
      const init = tf.variables_initializer([varA, varB]);
      const asn1 = tf.assign_add(varA, 1, { name: 'a_add' });
      const body = (i: T): T => tf.control_dependencies([tf.assign_add(varB, asn1, { name: 'b_add' })], () => tf.add(i, 1, { name: 'i_add' }));
      return { varB, lpa: tf.while_loop((i: T) => tf.less(i, 10), body, [tf.constant(0, { name: 'c' })], { parallel_iterations: 1 }) as T, init };
    });
    const out = await onBoth([[init], [varB.value()], [lpa], [varB.value()], [lpa], [varB.value()]]);
    assertAllEqual(out[1]![0]!, 0);
    assertAllEqual(out[3]![0]!, 10);
    assertAllEqual(out[5]![0]!, 30);
  });

  it('testWhileUpdateVariable_5: the loop’s predicate reads the variable its body writes', async () => {
    const { varA, varB, lpa, init } = build(() => {
      const varA = tf.Variable(0, { name: 'a' });
      const varB = tf.Variable(0, { name: 'b' });
      const body = (_i: T): T => {
        const asn1 = tf.assign_add(varA, tf.constant(1), { name: 'a_add' });
        const asn2 = tf.assign_add(varB, tf.constant(1), { name: 'b_add' });
        return tf.control_dependencies([asn1, asn2], () => tf.identity(varB));
      };
      const lpa = tf.while_loop((_: T) => tf.less(varB, 10), body, [varB], { parallel_iterations: 1, name: 'loop' }) as T;
      return { varA, varB, lpa, init: tf.variables_initializer([varA, varB]) };
    });
    const out = await onBoth([[init], [varB.value()], [lpa], [varA.value(), varB.value()]]);
    assertAllEqual(out[1]![0]!, 0);
    assertAllEqual(out[3]![0]!, 10);
    assertAllEqual(out[3]![1]!, 10);
  });

  it('testWhileUpdateVariable_6: each iteration adds what the iteration wrote to another variable', async () => {
    const { varA, varB, lpa, init } = build(() => {
      const varA = tf.Variable(0, { name: 'a' });
      const varB = tf.Variable(0, { name: 'b' });
      const body = (i: T): T => {
        const asn1 = tf.assign_add(varA, 1, { name: 'a_add' });
        const asn2 = tf.control_dependencies([asn1], () => tf.assign_add(varB, varA, { name: 'b_add' }));
        return tf.control_dependencies([asn2], () => tf.add(i, 1, { name: 'i_add' }));
      };
      const lpa = tf.while_loop((i: T) => tf.less(i, 10), body, [tf.constant(0)], { parallel_iterations: 1, name: 'loop' }) as T;
      return { varA, varB, lpa, init: tf.variables_initializer([varA, varB]) };
    });
    const out = await onBoth([[init], [varB.value()], [lpa], [varB.value(), varA.value()]]);
    assertAllEqual(out[1]![0]!, 0);
    assertAllEqual(out[3]![0]!, 55);
    assertAllEqual(out[3]![1]!, 10);
  });

  it('testWhileCondWithControl_1: an Assign in a cond in the body squares the variable four times', async () => {
    const { r, v } = build(() => {
      // TF1's name is 'v'; this file's graph is shared
      const v = tf.get_variable('v_cond_control', [], { initializer: tf.constant_initializer(2) });
      const i0 = tf.constant(0);
      const body = (i: T): T => {
        const someCond = tf.cond(
          tf.constant(true),
          () => tf.assign(v, tf.square(v)),
          () => v,
        ) as T;
        return tf.control_dependencies([someCond], () => tf.add(i, 1));
      };
      return { r: tf.control_dependencies([i0], () => tf.while_loop((i: T) => tf.less(i, 4), body, [i0]) as T), v };
    });
    const out = await onBoth([[v.initializer], [r], [v.value()]]);
    assertAllEqual(out[1]![0]!, 4);
    assertAllClose(out[2]![0]!, 65536.0);
  });

  it('testWhileCondExitControl: a loop assigning its counter, in a cond’s false branch', async () => {
    const { r, v } = build(() => {
      const v = tf.Variable(1);
      const falseBranch = (): T => {
        const loop = tf.while_loop(
          (i: T) => tf.less(i, 100),
          (i: T) => tf.add(tf.assign(v, i), 1),
          [0],
        ) as T;
        return tf.control_dependencies([loop], () => tf.constant(6.0));
      };
      return { r: tf.cond(tf.constant(false), () => tf.constant(1.0), falseBranch) as T, v };
    });
    const out = await onBoth([[v.initializer], [r], [v.value()]]);
    assertAllEqual(out[1]![0]!, 6.0);
    assertAllEqual(out[2]![0]!, 99);
  });

  it('testWhileWithRefsWithGradients_1 (float32): the gradient through the ref loop variable is grad_ys', async () => {
    const { r, grad, inits } = build(() => {
      const xv = tf.Variable(tf.constant(0.0, tf.float32));
      const gv = tf.Variable(tf.constant(73.0, tf.float32));
      const body = (i: T, x: T): T[] => [tf.add(i, 1), p.graph.create_op('RefIdentity', [x], {}).outputs[0]!];
      const r = tf.while_loop((i: T) => tf.less(i, 10), body, [tf.constant(0), xv._ref()], { parallel_iterations: 5 }) as T[];
      return { r, grad: tf.gradients([r[1]!], [xv._ref()], { grad_ys: [gv._ref()] })[0]!, inits: tf.variables_initializer([xv, gv]) };
    });
    const [vi, vx, vg] = (await onBoth([[inits], [r[0]!, r[1]!, grad]]))[1]!;
    assertAllEqual(vi!, 10);
    assertAllEqual(vx!, 0);
    assertAllEqual(vg!, 73);
  });

  it('GradientDescentOptimizer.minimize and assign_sub in a body (not a TF1 method): v = 3 + 7·0.8^10, w = 90', async () => {
    const { r, v, w } = build(() => {
      const v = tf.Variable(tf.constant(10.0, tf.float32), { name: 'v_gd' });
      const w = tf.Variable(tf.constant(100.0, tf.float32), { name: 'w_gd' });
      const body = (i: T): T => {
        const train = new tf.train.GradientDescentOptimizer(0.1).minimize(tf.square(tf.subtract(v, 3.0)));
        return tf.control_dependencies([train, tf.assign_sub(w, 1.0)], () => tf.add(i, 1));
      };
      return { r: tf.while_loop((i: T) => tf.less(i, 10), body, [tf.constant(0)], { parallel_iterations: 1 }) as T, v, w };
    });
    const out = await onBoth([[v.initializer, w.initializer], [r], [v.value(), w.value()]]);
    assertAllEqual(out[1]![0]!, 10);
    assertAllClose(out[2]![0]!, 3 + 7 * 0.8 ** 10, { rtol: 1e-6 });
    assertAllEqual(out[2]![1]!, 90.0);
  });

  it('a predicate reading the variable its body Assigns (not a TF1 method): v = 0, 3, 6, 9, 12, stopped at 12', async () => {
    const { v, r } = build(() => {
      const v = tf.Variable(tf.constant(0.0), { name: 'v_assigned' });
      const body = (i: T): T => tf.control_dependencies([tf.assign(v, tf.add(v, 3.0))], () => tf.add(i, 1));
      return { v, r: tf.while_loop((_: T) => tf.less(v, 10.0), body, [tf.constant(0)]) as T };
    });
    const out = await onBoth([[v.initializer], [r], [v.value()]]);
    assertAllEqual(out[1]![0]!, 4);
    assertAllEqual(out[2]![0]!, 12);
  });

  it('a bool variable read on the host (a cond’s predicate), then assigned, reads as assigned in the next run', async () => {
    const { go, r, stop } = build(() => {
      const go = tf.Variable(true, { name: 'go' });
      const r = tf.cond(
        go.value(),
        () => tf.constant(1),
        () => tf.constant(2),
      ) as T;
      return { go, r, stop: tf.assign(go, false) };
    });
    const out = await onBoth([[go.initializer], [r], [stop], [r]]);
    assertAllEqual(out[1]![0]!, 1);
    assertAllEqual(out[3]![0]!, 2);
  });

  it('the refusal is gone: the AssignAdd in a body that WebGPU refused with UnimplementedError now runs (v 5 → 8)', async () => {
    const { v, r } = build(() => {
      const v = tf.Variable(tf.constant(5.0), { name: 'v_in_body' });
      const body = (i: T): T => tf.control_dependencies([tf.assign_add(v, 1.0)], () => tf.add(i, 1));
      return { v, r: tf.while_loop((i: T) => tf.less(i, 3), body, [tf.constant(0)]) as T };
    });
    const out = await onBoth([[v.initializer], [r], [v.value()]]);
    assertAllEqual(out[1]![0]!, 3);
    assertAllEqual(out[2]![0]!, 8);
  });
});

describe('a loop run that fails after its body wrote a variable leaves the variable unchanged, on both backends', () => {
  // iteration 0 writes v, iteration 1 fails: an integer division by zero (on WebGPU found only after the run is
  // submitted) or a Reshape to a shape that does not hold the value (found while recording)
  const failing = (kind: 'division' | 'reshape') =>
    build(() => {
      const v = tf.Variable(tf.constant(5), { name: `v_fails_${kind}` });
      const d = tf.placeholder(tf.int32, [], { name: `d_${kind}` });
      const body = (i: T): T =>
        tf.control_dependencies([tf.assign_add(v, 1)], () =>
          kind === 'division'
            ? tf.add(tf.add(i, 1), tf.floordiv(0, tf.subtract(d, i)))
            : tf.add(tf.add(i, 1), tf.reduce_sum(tf.multiply(tf.reshape(tf.constant([1, 2, 3]), tf.expand_dims(tf.subtract(3, i), 0)), 0))),
        );
      return { v, d, r: tf.while_loop((i: T) => tf.less(i, 3), body, [tf.constant(0)]) as T };
    });

  for (const kind of ['division', 'reshape'] as const) {
    it(`${kind}: InvalidArgumentError, and v still 5 (then a run that succeeds writes it: 8)`, async () => {
      const { v, d, r } = failing(kind);
      const feeds = (k: number) => new Map([[d, new tf.NDArray(Int32Array.of(k), [], 'int32')]]);
      for (const [name, sess] of [
        ['cpu', p.cpu],
        ['webgpu', p.gpu],
      ] as const) {
        await sess.run(v.initializer);
        const e = await sess.run(r, feeds(1)).then(
          () => null,
          (err: unknown) => err as Error,
        );
        expect(e, name).toBeInstanceOf(tf.errors.InvalidArgumentError);
        expect(e!.message).toMatch(
          kind === 'division' ? /^Integer division by zero/ : /Input to reshape is a tensor with 3 values, but the requested shape has 2/,
        );
        assertAllEqual((await sess.run(v.value())) as tf.NDArray, 5);
      }
      if (kind === 'division') {
        const out = await onBoth([[r], [v.value()]], feeds(7));
        assertAllEqual(out[1]![0]!, 8);
      }
    });
  }
});
