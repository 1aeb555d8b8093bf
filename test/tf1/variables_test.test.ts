// TF1's tensorflow/python/kernel_tests/variables_test.py, the cases of the ref Variable tf1-ts has, ported.
// Source read: a late-2018 snapshot (fraudies/tensorflow; r1.12's Variable is its VariableV1). JavaScript
// has no float literal, so TF1's `2.0` is given a float32 dtype. Cases tf1-ts cannot express
// (initialized_value, count_up_to, devices, resource and partitioned variables, ...) are listed in NOT_PORTED.md.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose, inGraph, inSession, rejected, staticShape } from './helpers.js';

const f32 = (v: number | number[] | number[][]): tf.Tensor => tf.constant(v, tf.float32);

describe('VariablesTestCase', () => {
  it('testInitialization', async () => {
    await inSession(async (g, sess) => {
      const [var0, var1] = g.as_default(() => [tf.Variable(f32(0.0)), tf.Variable(f32(1.1))]);
      expect(var0.name).toBe('Variable:0');
      expect(staticShape(var0)).toEqual([]);
      expect(var1.name).toBe('Variable_1:0');
      expect(staticShape(var1)).toEqual([]);
      for (const v of [var0, var1]) {
        const e = await rejected(sess.run(v.value()));
        expect(e).toBeInstanceOf(tf.errors.OpError);
        expect(e.message).toMatch(/Attempting to use uninitialized value/);
      }
      await sess.run(g.as_default(() => tf.global_variables_initializer()));
      assertAllClose(await sess.run(var0.value()), 0.0);
      assertAllClose(await sess.run(var1.value()), 1.1);
    });
  });

  it('testIterable', () => {
    // Python's "'Variable' object is not iterable" is JavaScript's own TypeError here.
    inGraph(() => {
      for (const init of [f32(0.0), f32([0.0, 1.0])]) {
        const v = tf.Variable(init);
        expect(() => {
          for (const _ of v as unknown as Iterable<unknown>) void _;
        }).toThrow(/not iterable/);
      }
    });
  });

  it('testAssignments', async () => {
    await inSession(async (g, sess) => {
      const [v, plusOne, minusOne, four] = g.as_default(() => {
        const v = tf.Variable(f32(0.0));
        return [v, v.assign_add(1.0), v.assign_sub(2.0), v.assign(4.0)] as const;
      });
      await sess.run(g.as_default(() => tf.global_variables_initializer()));
      assertAllClose(await sess.run(v.value()), 0.0);
      assertAllClose(await sess.run(plusOne), 1.0);
      assertAllClose(await sess.run(v.value()), 1.0);
      assertAllClose(await sess.run(minusOne), -1.0);
      assertAllClose(await sess.run(v.value()), -1.0);
      assertAllClose(await sess.run(four), 4.0);
      assertAllClose(await sess.run(v.value()), 4.0);
    });
  });

  it('testControlDepsNone', () => {
    inGraph(() => {
      const c = f32(1.0);
      const [d, varX] = tf.control_dependencies([c], () => [f32(2.0), tf.Variable(f32(2.0))] as const);
      // d gets the control dependency; variables do not.
      expect(d.op.control_inputs).toEqual([c.op]);
      expect(varX.initializer.control_inputs).toEqual([]);
      expect(varX.value().op.control_inputs).toEqual([]);
      expect(varX._ref().op.control_inputs).toEqual([]);
    });
  });

  it('testUseVariableAsTensor', async () => {
    await inSession(async (g, sess) => {
      const [x, y, sum] = g.as_default(() => {
        const x = tf.Variable(f32(2.0));
        const y = tf.Variable(f32(3.0));
        return [x, y, tf.add(x, y)] as const;
      });
      await sess.run(g.as_default(() => tf.global_variables_initializer()));
      assertAllClose(await sess.run(x.value()), 2.0);
      assertAllClose(await sess.run(y.value()), 3.0);
      assertAllClose(await sess.run(sum), 5.0);
    });
  });

  it('testZeroSizeVarSameAsConst', async () => {
    await inSession(async (g, sess) => {
      const [variableMul, constMul] = g.as_default(() => {
        const zeroSizeVar = tf.Variable(tf.zeros([0, 2]));
        const zeroSizeConst = tf.ones([2, 0]);
        return [tf.matmul(zeroSizeConst, zeroSizeVar), tf.matmul(zeroSizeConst, zeroSizeConst, { transpose_b: true })] as const;
      });
      await sess.run(g.as_default(() => tf.global_variables_initializer()));
      const out = await sess.run(variableMul);
      assertAllClose(await sess.run(constMul), out);
      assertAllClose(out, [
        [0, 0],
        [0, 0],
      ]);
    });
  });

  it('testCollections', () => {
    inGraph(() => {
      const x = tf.Variable(f32(2.0));
      const y = tf.Variable(f32(2.0), { trainable: false });
      const z = tf.Variable(f32(2.0), { trainable: true });
      const t = tf.Variable(f32(2.0), { trainable: true, collections: [tf.GraphKeys.TRAINABLE_VARIABLES, tf.GraphKeys.GLOBAL_VARIABLES] });
      expect(tf.global_variables()).toEqual([x, y, z, t]);
      expect(tf.trainable_variables()).toEqual([x, z, t]);
    });
  });

  it('testCollectionsWithScope', () => {
    inGraph(() => {
      const x = tf.name_scope('scope_1', () => tf.Variable(f32(2.0)));
      const y = tf.name_scope('scope_2', () => tf.Variable(f32(2.0)));
      expect(tf.global_variables()).toEqual([x, y]);
      expect(tf.global_variables('scope_1')).toEqual([x]);
      expect(tf.global_variables('scope_2')).toEqual([y]);
      expect(tf.trainable_variables()).toEqual([x, y]);
      expect(tf.trainable_variables('scope_1')).toEqual([x]);
      expect(tf.trainable_variables('scope_2')).toEqual([y]);
    });
  });

  it('testOperators', async () => {
    // The operators tf1-ts's Variable has (x + y, x - y, x * y, x / y, -x, x @ y); the rest are in NOT_PORTED.md.
    await inSession(async (g, sess) => {
      const ops = g.as_default(() => {
        const varF = tf.Variable(f32([2.0]));
        const varM = tf.Variable(f32([[2.0, 3.0]]));
        return {
          add: varF.add(0.0),
          sub: varF.sub(1.0),
          mul: varF.mul(10.0),
          div: varF.div(10.0),
          neg: varF.neg(),
          matmul: varM.matmul(f32([[10.0], [20.0]])),
        };
      });
      await sess.run(g.as_default(() => tf.global_variables_initializer()));
      assertAllClose(await sess.run(ops.add), [2.0]);
      assertAllClose(await sess.run(ops.sub), [1.0]);
      assertAllClose(await sess.run(ops.mul), [20.0]);
      assertAllClose(await sess.run(ops.div), [0.2]);
      assertAllClose(await sess.run(ops.neg), [-2.0]);
      assertAllClose(await sess.run(ops.matmul), [[80.0]]);
    });
  });

  it('testSession', async () => {
    await inSession(async (g, sess) => {
      const v = g.as_default(() => tf.Variable([1, 12]));
      await sess.run(g.as_default(() => tf.global_variables_initializer()));
      assertAllClose(await sess.run(v.value()), [1, 12]);
    });
  });

  it('testInitializerFunction', async () => {
    const value = [[-42], [133.7]];
    await inSession(async (g, sess) => {
      const v1 = g.as_default(() => tf.Variable(() => tf.constant(value), { dtype: tf.float32 }));
      expect(staticShape(v1)).toEqual([2, 1]);
      assertAllClose(await sess.run(v1.initial_value), value);
      expect(await rejected(sess.run(v1.value()))).toBeInstanceOf(tf.errors.FailedPreconditionError);
      // Built inside TF1's `Initializer` scope.
      expect(v1.initial_value.op.name).toBe('Variable/Initializer/Const');
    });
  });

  it('testControlFlow: variables made in the branches of a cond on another variable', async () => {
    await inSession(async (g, sess) => {
      const varDict: Record<string, tf.Variable> = {};
      const [v0, add] = g.as_default(() => {
        const v0 = tf.Variable(0, { name: 'v0' });
        // Make a variable in each of the cond's branches.
        const inThen = (): tf.Tensor => {
          const v1 = tf.Variable(1, { name: 'v1' });
          varDict.v1 = v1;
          return v1.value().add(v0.value());
        };
        const inElse = (): tf.Tensor => {
          const v2 = tf.Variable(2, { name: 'v2' });
          varDict.v2 = v2;
          return v2.value().add(v0.value());
        };
        return [v0, tf.cond(tf.less(v0.value(), 10), inThen, inElse) as tf.Tensor] as const;
      });
      const { v1, v2 } = varDict;
      // v1 and v2 initialize and run without v0, though made under a cond on it.
      await sess.run(v1!.initializer);
      expect((await sess.run(v1!.value())).item()).toBe(1);
      await sess.run(v2!.initializer);
      expect((await sess.run(v2!.value())).item()).toBe(2);
      // v0 is still uninitialized, and so is what add reads.
      expect((await rejected(sess.run(v0.value()))).message).toMatch('uninitialized');
      expect((await rejected(sess.run(add))).message).toMatch('uninitialized');
      // Once v0 is initialized, add runs.
      await sess.run(v0.initializer);
      expect((await sess.run(add)).item()).toBe(1);
    });
  });

  it('testControlFlowInitialization: an initial value made in a loop body is a ValueError', () => {
    inGraph(() => {
      const body = (i: tf.Tensor, _: tf.Tensor): tf.Tensor[] => {
        const zero = tf.zeros([], tf.int32);
        const v = tf.Variable({ initial_value: zero });
        return [i.add(1), v.read_value()];
      };
      expect(() => tf.while_loop((i: tf.Tensor, _: tf.Tensor) => tf.less(i, 10), body, [0, 0])).toThrow(
        new tf.errors.ValueError(
          'Initializer for variable while/Variable/ is from inside a control-flow construct, such as a loop or conditional. When creating a variable inside a loop or conditional, use a lambda as the initializer.',
        ),
      );
    });
  });

  it('testRepr', () => {
    const v = inGraph(() => tf.Variable(tf.NDArray.zeros([5, 5]), { name: 'noop' }));
    expect(String(v)).toBe("<tf.Variable 'noop:0' shape=(5, 5) dtype=float32_ref>");
  });
});

describe('IsInitializedTest', () => {
  it('testTrainingWithZeroSizeVar', async () => {
    await inSession(async (g, sess) => {
      const [b, init] = g.as_default(() => {
        const a = tf.Variable(tf.zeros([0, 2]));
        const b = tf.Variable(tf.ones([2, 2]));
        return [b, tf.global_variables_initializer(), a] as const;
      });
      await sess.run(init);
      const doOpt = g.as_default(() => {
        const [a] = tf.global_variables();
        const objective = tf.reduce_sum(b.add(tf.matmul(a!, a!, { transpose_a: true })));
        return new tf.train.GradientDescentOptimizer(0.1).minimize(objective);
      });
      await sess.run([doOpt]);
      assertAllClose(await sess.run(b.value()), [
        [0.9, 0.9],
        [0.9, 0.9],
      ]);
    });
  });
});
