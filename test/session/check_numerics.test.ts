// CheckNumerics raises TF1's InvalidArgumentError on every backend, naming what the tensor had, and a failed
// run leaves every variable as it was (the WebGPU backend raises after the run, from its error flag).
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { WebGpuBackend } from '../../src/session/webgpu/backend.js';
import { NO_ADAPTER } from './webgpu/harness.js';

async function session(g: tf.Graph, backend: 'cpu' | 'webgpu'): Promise<tf.Session> {
  const sess = new tf.Session({ graph: g, backend });
  if (backend === 'webgpu' && !((await sess.getBackend()) instanceof WebGpuBackend)) throw new Error(NO_ADAPTER);
  return sess;
}

describe("check_numerics and verify_tensor_all_finite build TF1 r1.12's nodes", () => {
  it('names, attrs and the gradient', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.placeholder(tf.float32, [2, 3], 'x');
      const c = tf.check_numerics(x, 'msg');
      expect(c.op.name).toBe('CheckNumerics');
      expect(c.op.get_attr('message')).toBe('msg');
      expect(c.shape.as_list()).toEqual([2, 3]);
      const v = tf.verify_tensor_all_finite(x, 'not finite');
      expect(v.op.name).toBe('VerifyFinite/control_dependency');
      expect(v.op.type).toBe('Identity');
      expect(v.op.control_inputs.map((o) => o.name)).toEqual(['VerifyFinite/CheckNumerics']);
      expect(g.get_operation_by_name('VerifyFinite/CheckNumerics').get_attr('message')).toBe('not finite');
      const [dx] = tf.gradients(c, [x]);
      expect(dx!.op.name).toBe('gradients/CheckNumerics_grad/CheckNumerics');
      expect(dx!.op.get_attr('message')).toBe('Not a number (NaN) or infinity (Inf) values detected in gradient.');
      expect(() => tf.check_numerics(tf.constant([1, 2]), 'ints')).toThrow(TypeError);
    });
  });
});

for (const backend of ['cpu', 'webgpu'] as const) {
  it(`CheckNumerics: TF1's messages, the op named, variables kept (${backend})`, async () => {
    const g = new tf.Graph();
    const m = g.as_default(() => {
      const v = tf.Variable(tf.constant(5, tf.float32), { name: 'v' });
      const x = tf.placeholder(tf.float32, [null]);
      const inc = v.assign_add(1.0);
      const after = tf.control_dependencies([inc], () => tf.check_numerics(x, 'after the write'));
      const before = tf.verify_tensor_all_finite(x, 'before the write');
      const store = tf.control_dependencies([before], () => v.assign(tf.reduce_sum(x)));
      return { v, x, after, store, init: tf.global_variables_initializer() };
    });
    const sess = await session(g, backend);
    await sess.run(m.init);
    const cases: [number[], string][] = [
      [[1, Infinity, 2], 'Inf'],
      [[Number.NaN], 'NaN'],
      [[-Infinity, 0, Number.NaN], 'Inf and NaN'],
    ];
    for (const [values, status] of cases) {
      for (const [fetch, message, type] of [
        [m.after, 'after the write', 'CheckNumerics'],
        [m.store, 'before the write', 'CheckNumerics'],
      ] as const) {
        const err = await sess.run(fetch, new Map([[m.x, values]])).catch((e: unknown) => e);
        expect(err, `${message}: ${values}`).toBeInstanceOf(tf.errors.InvalidArgumentError);
        expect((err as Error).message).toBe(`${message} : Tensor had ${status} values`);
        expect((err as tf.errors.OpError).op?.type).toBe(type);
        expect((await sess.run(m.v)).item()).toBe(5);
      }
    }
    expect((await sess.run(m.after, new Map([[m.x, [1.5, -2]]]))).tolist()).toEqual([1.5, -2]);
    expect((await sess.run(m.v)).item()).toBe(6);
    await sess.run(m.store, new Map([[m.x, [1.5, 2]]]));
    expect((await sess.run(m.v)).item()).toBe(3.5);
    // Empty tensors pass.
    expect((await sess.run(m.after, new Map([[m.x, new Float32Array(0)]]))).shape).toEqual([0]);
    sess.close();
  });
}
