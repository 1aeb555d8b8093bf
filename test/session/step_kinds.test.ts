// The planner gives every step a kind from the op definitions (plan.ts), and the run-time checks of the steps
// that write a variable (steps.ts) are made by both backends alike, with TF1's errors.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { NDArray } from '../../src/framework/ndarray.js';
import { compilePlan, type PlanStep } from '../../src/session/plan.js';

describe('plan step kinds', () => {
  it('variable, view, assign, update and kernel come from the definitions; writers name the variable they write', () => {
    const g = new tf.Graph();
    const m = g.as_default(() => {
      const x = tf.placeholder(tf.float32, [2]);
      const v = tf.Variable(tf.zeros([2]));
      const set = tf.assign(v, x);
      return { x, v, set, add: tf.assign_add(set, tf.square(x)), view: tf.reshape(x, [2, 1]) };
    });
    const feeds = new Map([[m.x, new NDArray(Float32Array.of(1, 2), [2], 'float32')]]);
    const plan = compilePlan([m.add, m.view], feeds);
    const kinds = plan.steps.map((s) => `${s.op.type}:${s.kind}`);
    expect(kinds.sort()).toEqual(['Assign:assign', 'AssignAdd:update', 'Reshape:view', 'Square:kernel', 'VariableV2:variable']);
    const writers = plan.steps.filter((s): s is Extract<PlanStep, { kind: 'assign' | 'update' }> => s.kind === 'assign' || s.kind === 'update');
    // the AssignAdd writes through the Assign's output: the variable is still v's
    expect(writers.map((s) => s.variable)).toEqual([m.v.op, m.v.op]);
    expect(writers.find((s) => s.kind === 'assign')).toMatchObject({ validateShape: true });
  });
});

describe('the steps that write a variable, on both backends', () => {
  for (const backend of ['cpu', 'webgpu'] as const) {
    it(`check shapes known only at run time as TF1 does, leaving the variable unchanged (${backend})`, async () => {
      const g = new tf.Graph();
      const m = g.as_default(() => {
        const v = tf.Variable(tf.zeros([2, 3]));
        const dims = tf.placeholder(tf.int32, [null]);
        const fill = tf.fill(dims, 1.5);
        return {
          v,
          dims,
          set: tf.assign(v, fill),
          add: tf.assign_add(v, fill),
          reshape: tf.assign(v, fill, { validate_shape: false }),
          init: tf.global_variables_initializer(),
        };
      });
      const sess = new tf.Session({ graph: g, backend });
      expect(await sess.backendName()).toBe(backend);
      await sess.run(m.init);
      const run = (t: tf.Tensor, dims: number[]) => sess.run(t, new Map([[m.dims, dims]]));
      const failure = async (t: tf.Tensor, dims: number[], message: string) => {
        const e: unknown = await run(t, dims).then(
          () => null,
          (err: unknown) => err,
        );
        expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
        expect((e as tf.errors.InvalidArgumentError).message).toBe(message);
        expect((e as tf.errors.InvalidArgumentError).op).toBe(t.op);
      };
      await failure(m.set, [3], 'Assign requires shapes of both tensors to match. lhs shape= [2,3] rhs shape= [3]');
      // as many elements, another shape: still an error (the WebGPU backend used to compare sizes only)
      await failure(m.add, [3, 2], 'Cannot update variable with shape [2,3] using a Tensor with shape [3,2], shapes must be equal.');
      await failure(m.add, [4], 'Cannot update variable with shape [2,3] using a Tensor with shape [4], shapes must be equal.');
      expect((await sess.run(m.v)).tolist()).toEqual([
        [0, 0, 0],
        [0, 0, 0],
      ]);
      expect((await run(m.add, [2, 3])).tolist()).toEqual([
        [1.5, 1.5, 1.5],
        [1.5, 1.5, 1.5],
      ]);
      // validate_shape=false gives the variable the value's shape
      expect((await run(m.reshape, [3])).tolist()).toEqual([1.5, 1.5, 1.5]);
      expect((await sess.run(m.v)).shape).toEqual([3]);
      sess.close();
    });

    it(`an Assign of an Assign's output writes the variable (TF1's ref chaining) (${backend})`, async () => {
      const g = new tf.Graph();
      const m = g.as_default(() => {
        const v = tf.Variable(tf.zeros([2]));
        const twice = tf.assign(tf.assign(v, tf.constant([1, 1], tf.float32)), tf.constant([2, 3], tf.float32));
        return { v, twice, init: tf.global_variables_initializer() };
      });
      const sess = new tf.Session({ graph: g, backend });
      await sess.run(m.init);
      expect((await sess.run(m.twice)).tolist()).toEqual([2, 3]);
      expect((await sess.run(m.v)).tolist()).toEqual([2, 3]);
      sess.close();
    });
  }
});
