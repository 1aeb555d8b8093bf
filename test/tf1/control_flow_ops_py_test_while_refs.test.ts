// TF1 r1.12's control_flow_ops_py_test.py ControlFlowTest: variables inside while loops. A variable's storage (a
// `_ref` tensor) enters a loop through RefEnter and travels as RefMerge, RefSwitch, RefIdentity, RefNextIteration and
// RefExit, so Assign, AssignAdd and ScatterUpdate in a body write the variable and each iteration reads what the one before wrote.
// One `it` per TF1 test method, with TF1's inputs and expected values.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { merge } from '../../src/ops/control_flow_switch.js';
import { with_dependencies } from '../../src/ops/control_flow_ops.js';
import { assertAllClose, assertAllEqual, inSession } from './helpers.js';

type T = tf.Tensor;

describe('ControlFlowTest (variables in while loops)', () => {
  it('testRefIdentity', async () => {
    await inSession(async (g, sess) => {
      const v2 = g.as_default(() => {
        const v = tf.Variable(7);
        // control_flow_ops._Identity of a ref: a RefIdentity, still writable
        const r = g.create_op('RefIdentity', [v._ref()], {}).outputs[0]!;
        const op = tf.assign(r, 9);
        return tf.control_dependencies([op], () => tf.identity(r));
      });
      expect(String(g.get_operation_by_name('RefIdentity').outputs[0])).toBe('Tensor("RefIdentity:0", shape=(), dtype=int32_ref)');
      await sess.run(g.as_default(() => tf.global_variables_initializer()));
      assertAllEqual(await sess.run(v2), 9);
    });
  });

  it('testUninitializedRefIdentity', async () => {
    await inSession(async (g, sess) => {
      const merged = g.as_default(() => {
        const v = g.create_op('VariableV2', [], { dtype: 'float32', shape: [1] }, 'v').outputs[0]!;
        const inited = tf.is_variable_initialized(v);
        const [vF, vT] = g.create_op('RefSwitch', [v, inited], {}).outputs;
        // Both v_f and v_t are uninitialized references; a use of the reference in the branch not taken does not
        // fire, so RefIdentity must let an uninitialized ref through.
        const vFOp = g.create_op('RefIdentity', [vF!], {});
        const vTOp = g.create_op('RefIdentity', [vT!], {});
        const assignV = tf.control_dependencies([vFOp], () => tf.assign(v, [1.0]));
        const origV = tf.control_dependencies([vTOp], () => tf.identity(v));
        return merge([assignV, origV])[0];
      });
      assertAllEqual(await sess.run(merged), [1.0]);
    });
  });

  it('testRefEnter', async () => {
    await inSession(async (g, sess) => {
      const v3 = g.as_default(() => {
        const v = tf.Variable(7);
        const enterV = g.create_op('RefEnter', [v._ref()], { frame_name: 'foo_1', is_constant: true, parallel_iterations: 10 }).outputs[0]!;
        const nine = tf.constant(9);
        const enterNine = g.create_op('Enter', [nine], { frame_name: 'foo_1', is_constant: false, parallel_iterations: 10 }).outputs[0]!;
        const op = tf.assign(enterV, enterNine);
        const v2 = tf.control_dependencies([op], () => g.create_op('RefIdentity', [enterV], {}).outputs[0]!);
        return g.create_op('RefExit', [v2], {}).outputs[0]!;
      });
      await sess.run(g.as_default(() => tf.global_variables_initializer()));
      assertAllEqual(await sess.run(v3), 9);
    });
  });

  it('testRefSwitch', async () => {
    await inSession(async (g, sess) => {
      const v2 = g.as_default(() => {
        const v = tf.Variable(7);
        const p = tf.constant(true);
        const [, t] = g.create_op('RefSwitch', [v._ref(), p], {}).outputs;
        return tf.assign(t!, 9);
      });
      await sess.run(g.as_default(() => tf.global_variables_initializer()));
      assertAllEqual(await sess.run(v2), 9);
    });
  });

  it('testWhileWithRefs_1', async () => {
    await inSession(async (g, sess) => {
      const [r, x] = g.as_default(() => {
        const x = tf.Variable(0)._ref();
        const i = tf.constant(0);
        expect(String(x)).toContain('dtype=int32_ref');
        const b = (i: T, x: T): T[] => {
          expect(String(x)).toContain('dtype=int32_ref');
          return [tf.add(i, 1), g.create_op('RefIdentity', [x], {}).outputs[0]!];
        };
        return [tf.while_loop((i: T) => tf.less(i, 100), b, [i, x], { parallel_iterations: 5 }) as T[], x] as const;
      });
      await sess.run(g.as_default(() => tf.global_variables_initializer()));
      expect(String(r[0])).toContain('dtype=int32)');
      expect(String(r[1])).toContain('dtype=int32_ref)');
      // r1.12's graph: the variable's storage enters as RefEnter and travels as RefMerge, RefSwitch, RefIdentity, RefNextIteration, RefExit
      const type = (n: string): string => g.get_operation_by_name(n).type;
      expect([type('while/RefEnter'), type('while/Merge_1'), type('while/Switch_1'), type('while/RefIdentity')]).toEqual([
        'RefEnter',
        'RefMerge',
        'RefSwitch',
        'RefIdentity',
      ]);
      expect([type('while/NextIteration_1'), type('while/Exit_1')]).toEqual(['RefNextIteration', 'RefExit']);
      expect(g.get_operation_by_name('while/RefEnter').inputs[0]).toBe(x);
      const [vi, vx] = await sess.run(r);
      assertAllEqual(vi!, 100);
      assertAllEqual(vx!, 0);
    });
  });

  // NOTE (TF1): it is ok to have parallel_iterations > 1
  it('testWhileUpdateVariable_1', async () => {
    await inSession(async (g, sess) => {
      const [select, r] = g.as_default(() => {
        const select = tf.Variable([3.0, 4.0, 5.0]);
        const n = tf.constant(0);
        const loopBody = (j: T): T => {
          const ns = tf.scatter_update(select, j, 10.0);
          const op = tf.group(ns);
          return with_dependencies([op], tf.add(j, 1));
        };
        return [select, tf.while_loop((j: T) => tf.less(j, 3), loopBody, [n], { parallel_iterations: 1 }) as T] as const;
      });
      await sess.run(g.as_default(() => tf.global_variables_initializer()));
      assertAllEqual(await sess.run(r), 3);
      assertAllClose(await sess.run(select.value()), [10.0, 10.0, 10.0]);
    });
  });

  it('testWhileUpdateVariable_2', async () => {
    await inSession(async (g, sess) => {
      const [select1, select2, r] = g.as_default(() => {
        const select1 = tf.Variable([3.0, 4.0, 5.0]);
        const select2 = tf.Variable([3.0, 4.0, 5.0]);
        const n = tf.constant(0);
        const loopBody = (j: T): T => {
          const ns1 = tf.scatter_update(select1, j, 10.0);
          const ns2 = tf.scatter_update(select2, j, 10.0);
          const op = tf.group(ns1, ns2);
          return with_dependencies([op], tf.add(j, 1));
        };
        return [select1, select2, tf.while_loop((j: T) => tf.less(j, 3), loopBody, [n], { parallel_iterations: 1 }) as T] as const;
      });
      await sess.run(g.as_default(() => tf.global_variables_initializer()));
      assertAllEqual(await sess.run(r), 3);
      assertAllClose(await sess.run(select1.value()), [10.0, 10.0, 10.0]);
      assertAllClose(await sess.run(select2.value()), [10.0, 10.0, 10.0]);
    });
  });

  it('testWhileUpdateVariable_3', async () => {
    await inSession(async (g, sess) => {
      const r = g.as_default(() => {
        const select = tf.Variable([3.0, 4.0, 5.0]);
        const n = tf.constant(0);
        const loopBody = (j: T, _: T): T[] => [tf.add(j, 1), tf.scatter_update(select, j, 10.0)];
        return tf.while_loop((j: T, _: T) => tf.less(j, 3), loopBody, [n, tf.identity(select)], { parallel_iterations: 1 }) as T[];
      });
      await sess.run(g.as_default(() => tf.global_variables_initializer()));
      assertAllClose(await sess.run(r[1]!), [10.0, 10.0, 10.0]);
    });
  });

  it('testWhileUpdateVariable_4', async () => {
    await inSession(async (g, sess) => {
      const [varB, lpa, init] = g.as_default(() => {
        const varA = tf.Variable(0, { name: 'a' });
        const varB = tf.Variable(0, { name: 'b' });
        const init = tf.global_variables_initializer();
        const c = tf.constant(0, { name: 'c' });
        const asn1 = tf.assign_add(varA, 1, { name: 'a_add' });
        const body = (i: T): T => {
          const asn2 = tf.assign_add(varB, asn1, { name: 'b_add' });
          return tf.control_dependencies([asn2], () => tf.add(i, 1, { name: 'i_add' }));
        };
        return [varB, tf.while_loop((i: T) => tf.less(i, 10), body, [c], { parallel_iterations: 1 }) as T, init] as const;
      });
      await sess.run(init);
      assertAllEqual(await sess.run(varB), 0);
      await sess.run(lpa);
      assertAllEqual(await sess.run(varB), 10);
    });
  });

  it('testWhileUpdateVariable_5', async () => {
    await inSession(async (g, sess) => {
      const [varA, varB, lpa, init] = g.as_default(() => {
        const varA = tf.Variable(0, { name: 'a' });
        const varB = tf.Variable(0, { name: 'b' });
        const init = tf.global_variables_initializer();
        const body = (_i: T): T => {
          const asn1 = tf.assign_add(varA, tf.constant(1), { name: 'a_add' });
          const asn2 = tf.assign_add(varB, tf.constant(1), { name: 'b_add' });
          return tf.control_dependencies([asn1, asn2], () => tf.identity(varB));
        };
        const lpa = tf.while_loop((_: T) => tf.less(varB, 10), body, [varB], { parallel_iterations: 1, name: 'loop' }) as T;
        return [varA, varB, lpa, init] as const;
      });
      await sess.run(init);
      assertAllEqual(await sess.run(varB), 0);
      await sess.run(lpa);
      assertAllEqual(await sess.run(varA), 10);
      assertAllEqual(await sess.run(varB), 10);
    });
  });

  it('testWhileUpdateVariable_6', async () => {
    await inSession(async (g, sess) => {
      const [varA, varB, lpa, init] = g.as_default(() => {
        const varA = tf.Variable(0, { name: 'a' });
        const varB = tf.Variable(0, { name: 'b' });
        const c = tf.constant(0);
        const init = tf.global_variables_initializer();
        const body = (i: T): T => {
          const asn1 = tf.assign_add(varA, 1, { name: 'a_add' });
          const asn2 = tf.control_dependencies([asn1], () => tf.assign_add(varB, varA, { name: 'b_add' }));
          return tf.control_dependencies([asn2], () => tf.add(i, 1, { name: 'i_add' }));
        };
        const lpa = tf.while_loop((i: T) => tf.less(i, 10), body, [c], { parallel_iterations: 1, name: 'loop' }) as T;
        return [varA, varB, lpa, init] as const;
      });
      await sess.run(init);
      assertAllEqual(await sess.run(varB), 0);
      await sess.run(lpa);
      assertAllEqual(await sess.run(varB), 55);
      assertAllEqual(await sess.run(varA), 10);
    });
  });

  it('testWhileCondWithControl_1', async () => {
    await inSession(async (g, sess) => {
      const [r, v] = g.as_default(() => {
        const v = tf.get_variable('v', [], { initializer: tf.constant_initializer(2) });
        const i0 = tf.constant(0);
        const body = (i: T): T => {
          const someCond = tf.cond(
            tf.constant(true),
            () => tf.assign(v, tf.square(v)),
            () => v,
          );
          return tf.control_dependencies([someCond as T], () => tf.add(i, 1));
        };
        const deps: T[] = [i0];
        const r = tf.control_dependencies(deps, () => tf.while_loop((i: T) => tf.less(i, 4), body, [i0]) as T);
        return [r, v] as const;
      });
      await sess.run(g.as_default(() => tf.global_variables_initializer()));
      assertAllEqual(await sess.run(r), 4);
      assertAllClose(await sess.run(v), 65536.0);
    });
  });

  it('testWhileCondExitControl', async () => {
    await inSession(async (g, sess) => {
      const [r, v] = g.as_default(() => {
        const v = tf.Variable(1);
        const falseBranch = (): T => {
          const body = (i: T): T => tf.add(tf.assign(v, i), 1);
          const loop = tf.while_loop((i: T) => tf.less(i, 100), body, [0]) as T;
          // a control edge from the Exit to a node
          return tf.control_dependencies([loop], () => tf.constant(6.0));
        };
        return [tf.cond(tf.constant(false), () => tf.constant(1.0), falseBranch) as T, v] as const;
      });
      await sess.run(g.as_default(() => tf.global_variables_initializer()));
      assertAllEqual(await sess.run(r), 6.0);
      assertAllEqual(await sess.run(v), 99);
    });
  });

  it('testWhileWithRefsWithGradients_1 (float32: tf.gradients backpropagates floating tensors only, so the int32 original would get None)', async () => {
    await inSession(async (g, sess) => {
      const [r, grad] = g.as_default(() => {
        const x = tf.Variable(tf.constant(0.0, tf.float32))._ref();
        const body = (i: T, x: T): T[] => [tf.add(i, 1), g.create_op('RefIdentity', [x], {}).outputs[0]!];
        const r = tf.while_loop((i: T) => tf.less(i, 10), body, [tf.constant(0), x], { parallel_iterations: 5 }) as T[];
        const gradYs = [tf.Variable(tf.constant(73.0, tf.float32))._ref()];
        return [r, tf.gradients([r[1]!], [x], { grad_ys: gradYs })] as const;
      });
      await sess.run(g.as_default(() => tf.global_variables_initializer()));
      expect(String(r[1])).toContain('dtype=float32_ref)');
      const [vi, vx, vg] = await sess.run([r[0]!, r[1]!, grad[0]!]);
      assertAllEqual(vi!, 10);
      assertAllEqual(vx!, 0);
      assertAllEqual(vg!, 73);
    });
  });

  // not a TF1 test method: an optimizer's Apply* op and AssignSub in a body, each iteration updating what the next reads
  it('GradientDescentOptimizer.minimize and assign_sub in a loop body: ten steps, v = 3 + 7·0.8^10, w = 100 - 10', async () => {
    await inSession(async (g, sess) => {
      const [r, v, w] = g.as_default(() => {
        const v = tf.Variable(tf.constant(10.0, tf.float32), { name: 'v' });
        const w = tf.Variable(tf.constant(100.0, tf.float32), { name: 'w' });
        const body = (i: T): T => {
          const train = new tf.train.GradientDescentOptimizer(0.1).minimize(tf.square(tf.subtract(v, 3.0)));
          const sub = tf.assign_sub(w, 1.0);
          return tf.control_dependencies([train, sub], () => tf.add(i, 1));
        };
        return [tf.while_loop((i: T) => tf.less(i, 10), body, [tf.constant(0)], { parallel_iterations: 1 }) as T, v, w] as const;
      });
      expect(g.get_operations().some((op) => op.type === 'ApplyGradientDescent' && op.inputs[0]!.op.type === 'RefEnter')).toBe(true);
      await sess.run(g.as_default(() => tf.global_variables_initializer()));
      assertAllEqual(await sess.run(r), 10);
      // v - 3 shrinks by 1 - 0.1·2 each step
      assertAllClose(await sess.run(v), 3 + 7 * 0.8 ** 10, { rtol: 1e-6 });
      assertAllEqual(await sess.run(w), 90.0);
    });
  });
});
