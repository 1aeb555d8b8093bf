// TF1 lets any tensor be fed, a Const included, and its kernels check the values they get at run
// time. A plan compiled from the static graph must not trust shapes or values the graph derived from
// a tensor that is fed: a fed shape vector that disagrees with the data is TF1's InvalidArgumentError,
// and what is computed downstream follows the fed values, on both backends.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { WebGpuBackend } from '../../src/session/webgpu/backend.js';
import { NO_ADAPTER } from './webgpu/harness.js';

async function session(g: tf.Graph, backend: 'cpu' | 'webgpu'): Promise<tf.Session> {
  const sess = new tf.Session({ graph: g, backend });
  if (backend === 'webgpu' && !((await sess.getBackend()) instanceof WebGpuBackend)) throw new Error(NO_ADAPTER);
  return sess;
}

function graph() {
  const g = new tf.Graph();
  return g.as_default(() => {
    const t = tf.constant([5, 6], { dtype: tf.float32 });
    const s = tf.placeholder(tf.int32, [1]);
    const sAny = tf.placeholder(tf.int32, [null]);
    const c = tf.constant([2]);
    const d = tf.placeholder(tf.int32, []);
    const fromPlaceholder = tf.reshape(t, s);
    const fromAny = tf.reshape(t, sAny);
    const fromConst = tf.reshape(t, c);
    const filled = tf.fill(c, 1.5);
    const expanded = tf.expand_dims(t, d);
    // Raw Shape and Size nodes: tf.shape() and tf.size() return a Const for a fully known static shape, as TF1's do.
    const filledShape = g.create_op('Shape', [filled], { out_type: 'int32' }, 'Shape').outputs[0]!;
    const filledSize = g.create_op('Size', [filled], { out_type: 'int32' }, 'Size').outputs[0]!;
    return { g, t, s, sAny, c, d, fromPlaceholder, fromAny, fromConst, expanded, filledShape, filledSize, filledSum: tf.reduce_sum(filled) };
  });
}

const RESHAPE_3 = 'Input to reshape is a tensor with 2 values, but the requested shape has 3';

for (const backend of ['cpu', 'webgpu'] as const) {
  describe(`fed values the plan's shapes depend on are checked at run time (${backend})`, () => {
    it("Reshape with a fed shape vector that disagrees with its input: TF1's InvalidArgumentError, naming the Reshape", async () => {
      const m = graph();
      const sess = await session(m.g, backend);
      expect(String(m.fromPlaceholder)).toBe('Tensor("Reshape:0", shape=(2,), dtype=float32)');
      for (const [r, key] of [
        [m.fromPlaceholder, m.s],
        [m.fromAny, m.sAny],
        [m.fromConst, m.c],
      ] as const) {
        const err = await sess.run(r, new Map([[key, [3]]])).catch((e: unknown) => e);
        expect(err, r.name).toBeInstanceOf(tf.errors.InvalidArgumentError);
        expect((err as Error).message).toBe(RESHAPE_3);
        expect((err as tf.errors.OpError).op).toBe(r.op);
      }
      await expect(sess.run(m.fromAny, new Map([[m.sAny, [4, -1]]]))).rejects.toThrow(
        'Input to reshape is a tensor with 2 values, but the requested shape requires a multiple of 4',
      );
      await expect(sess.run(m.fromAny, new Map([[m.sAny, [-1, -1]]]))).rejects.toThrow('Only one input size may be -1, not both 0 and 1');
      await expect(sess.run(m.fromAny, new Map([[m.sAny, [2, -2]]]))).rejects.toThrow('Size 1 must be non-negative, not -2');
      sess.close();
    });

    it('Reshape with fed shape vectors that agree: the fed shape, whatever the static graph says', async () => {
      const m = graph();
      const sess = await session(m.g, backend);
      expect((await sess.run(m.fromPlaceholder, new Map([[m.s, [-1]]]))).tolist()).toEqual([5, 6]);
      expect((await sess.run(m.fromAny, new Map([[m.sAny, [1, 2]]]))).tolist()).toEqual([[5, 6]]);
      expect((await sess.run(m.fromAny, new Map([[m.sAny, [2, 1, -1]]]))).tolist()).toEqual([[[5]], [[6]]]);
      expect((await sess.run(m.fromConst, new Map([[m.c, [2]]]))).tolist()).toEqual([5, 6]);
      sess.close();
    });

    it("ExpandDims with a fed dim out of range: TF1's InvalidArgumentError", async () => {
      const m = graph();
      const sess = await session(m.g, backend);
      expect((await sess.run(m.expanded, new Map([[m.d, 1]]))).shape).toEqual([2, 1]);
      await expect(sess.run(m.expanded, new Map([[m.d, 5]]))).rejects.toThrow('Tried to expand dim index 5 for tensor with 1 dimensions.');
      sess.close();
    });

    it('a fed Const: shapes the graph derived from its value (Fill, then Shape and Size) follow the fed value', async () => {
      const m = graph();
      const sess = await session(m.g, backend);
      expect(String(m.filledShape.op.inputs[0])).toBe('Tensor("Fill:0", shape=(2,), dtype=float32)');
      const [shape, size, sum] = await sess.run([m.filledShape, m.filledSize, m.filledSum] as const, new Map([[m.c, [3]]]));
      expect(shape.tolist()).toEqual([3]);
      expect(size.item()).toBe(3);
      expect(sum.item()).toBe(4.5);
      sess.close();
    });

    it('a value check that fails after a variable was written leaves the variable as it was', async () => {
      const g = new tf.Graph();
      const m = g.as_default(() => {
        const v = tf.Variable(0, { name: 'v' });
        const s = tf.placeholder(tf.int32, [1]);
        const axis = tf.placeholder(tf.int32, [1]);
        const inc = v.assign_add(1);
        const [r, sum] = tf.control_dependencies([inc], () => [tf.reshape(tf.constant([5, 6]), s), tf.reduce_sum(tf.constant(7), { axis, keepdims: true })]);
        return { v, s, axis, r: r!, sum: sum!, init: tf.global_variables_initializer() };
      });
      const sess = await session(g, backend);
      await sess.run(m.init);
      await expect(sess.run(m.r, new Map([[m.s, [3]]]))).rejects.toThrow(RESHAPE_3);
      expect((await sess.run(m.v)).item()).toBe(0);
      await expect(sess.run(m.sum, new Map([[m.axis, [2]]]))).rejects.toThrow(tf.errors.InvalidArgumentError);
      expect((await sess.run(m.v)).item()).toBe(0);
      expect((await sess.run(m.r, new Map([[m.s, [2]]]))).tolist()).toEqual([5, 6]);
      expect((await sess.run(m.v)).item()).toBe(1);
      sess.close();
    });
  });
}
