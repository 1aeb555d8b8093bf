// Kernels that fail on their values raise TF1's error on every backend, and a failed run leaves every
// variable as it was. TF1's integer division by zero (FloorDiv, FloorMod, and Div/RealDiv on ints) is
// InvalidArgumentError "Integer division by zero". WGSL kernels cannot raise: the WebGPU backend must
// notice and raise the same error after the run, and undo what the run wrote.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { WebGpuBackend } from '../../src/session/webgpu/backend.js';
import { NO_ADAPTER } from './webgpu/harness.js';

async function session(g: tf.Graph, backend: 'cpu' | 'webgpu'): Promise<tf.Session> {
  const sess = new tf.Session({ graph: g, backend });
  if (backend === 'webgpu' && !((await sess.getBackend()) instanceof WebGpuBackend)) throw new Error(NO_ADAPTER);
  return sess;
}

const DIVISIONS = {
  FloorDiv: (a: tf.Tensor, b: tf.Tensor) => tf.floordiv(a, b),
  FloorMod: (a: tf.Tensor, b: tf.Tensor) => tf.floormod(a, b),
  RealDiv: (a: tf.Tensor, b: tf.Tensor) => tf.realdiv(a, b),
};

/** v += 1, then a / d (after the write); and w = a / d (the division before the write). */
function divisionGraph(op: keyof typeof DIVISIONS) {
  const g = new tf.Graph();
  return g.as_default(() => {
    const v = tf.Variable(5, { name: 'v' });
    const w = tf.Variable(tf.constant([1, 1, 1]), { name: 'w' });
    const d = tf.placeholder(tf.int32, [null]);
    const a = tf.constant([7, -7, 9]);
    const inc = v.assign_add(1);
    const after = tf.control_dependencies([inc], () => DIVISIONS[op](a, d));
    const q = DIVISIONS[op](a, d);
    const store = w.assign(q);
    return { g, v, w, d, after, q, store, init: tf.global_variables_initializer() };
  });
}

for (const backend of ['cpu', 'webgpu'] as const) {
  describe(`integer division by zero is TF1's InvalidArgumentError, and variables stay as they were (${backend})`, () => {
    for (const op of ['FloorDiv', 'FloorMod', 'RealDiv'] as const) {
      it(`${op} by a fed 0, after an assign_add and before an assign`, async () => {
        const m = divisionGraph(op);
        const sess = await session(m.g, backend);
        await sess.run(m.init);
        for (const divisor of [[2, 0, 3], [0], [0, 0, 0]]) {
          for (const fetch of [m.after, m.store]) {
            const err = await sess.run(fetch, new Map([[m.d, divisor]])).catch((e: unknown) => e);
            expect(err, `${fetch.name} / ${divisor}`).toBeInstanceOf(tf.errors.InvalidArgumentError);
            expect((err as Error).message).toBe('Integer division by zero');
            expect((err as tf.errors.OpError).op?.type).toBe(op);
          }
          expect((await sess.run(m.v)).item()).toBe(5);
          expect((await sess.run(m.w)).tolist()).toEqual([1, 1, 1]);
        }
        // With no zero the same runs work, and change the variables.
        const ok = await sess.run(m.store, new Map([[m.d, [2, 2, -2]]]));
        const expected = { FloorDiv: [3, -4, -5], FloorMod: [1, 1, -1], RealDiv: [3, -3, -4] }[op];
        expect(ok.tolist()).toEqual(expected);
        expect((await sess.run(m.w)).tolist()).toEqual(expected);
        await sess.run(m.after, new Map([[m.d, [1]]]));
        expect((await sess.run(m.v)).item()).toBe(6);
        sess.close();
      });
    }

    it('the first failing division is the one named, and a later run works', async () => {
      const g = new tf.Graph();
      const m = g.as_default(() => {
        const d = tf.placeholder(tf.int32, [2]);
        const first = tf.floordiv(tf.constant([4, 4]), d, 'first');
        const second = tf.floormod(first, d, 'second');
        return { d, second };
      });
      const sess = await session(g, backend);
      const err = await sess.run(m.second, new Map([[m.d, [0, 1]]])).catch((e: unknown) => e);
      expect((err as tf.errors.OpError).op?.name).toBe('first');
      expect((await sess.run(m.second, new Map([[m.d, [3, 3]]]))).tolist()).toEqual([1, 1]);
      sess.close();
    });

    it('float division by zero is not an error (inf, nan), as in TF1', async () => {
      const g = new tf.Graph();
      const m = g.as_default(() => {
        const d = tf.placeholder(tf.float32, [3]);
        const a = tf.constant([1, -1, 0], { dtype: tf.float32 });
        return { d, q: tf.realdiv(a, d), f: tf.floordiv(a, d) };
      });
      const sess = await session(g, backend);
      const [q, f] = await sess.run([m.q, m.f] as const, new Map([[m.d, [0, 0, 0]]]));
      expect(Array.from(q.data)).toEqual([Infinity, -Infinity, NaN]);
      expect(Array.from(f.data)).toEqual([Infinity, -Infinity, NaN]);
      sess.close();
    });
  });
}

/** Each value-checked kernel with a fed value it refuses, run after a variable write. */
function checkedGraph() {
  const g = new tf.Graph();
  return g.as_default(() => {
    const v = tf.Variable(5, { name: 'v' });
    const i = tf.placeholder(tf.int32, []);
    const vec = tf.placeholder(tf.int32, [1]);
    const x = tf.placeholder(tf.float32, [3]);
    const inc = v.assign_add(1);
    const cases = tf.control_dependencies([inc], () => ({
      ArgMax: tf.argmax(x, i),
      Range: tf.range(0, 5, i),
      Fill: tf.fill(vec, 1),
      Tile: tf.tile(x, vec),
      Sum: tf.reduce_sum(x, { axis: vec }),
      DynamicStitch: g.create_op('DynamicStitch', [vec, tf.constant([7], { dtype: tf.float32 })], {}, 'DynamicStitch').outputs[0]!,
    }));
    return { g, v, i, vec, x, cases, init: tf.global_variables_initializer() };
  });
}

const REFUSED: Record<string, [fed: 'i' | 'vec', value: number | number[], message: string]> = {
  ArgMax: ['i', 3, 'Expected dimension in the range [-1, 1), but got 3'],
  Range: ['i', 0, 'Requires delta != 0: 0'],
  Fill: ['vec', [-1], 'Dimension -1 must be >= 0'],
  Tile: ['vec', [-1], 'Expected multiples[0] >= 0, but got -1'],
  Sum: ['vec', [5], 'Invalid reduction dimension (5 for input with 1 dimension(s)'],
  DynamicStitch: ['vec', [-1], 'indices[0] is out of range'],
};

for (const backend of ['cpu', 'webgpu'] as const) {
  it(`every value-checked kernel raises TF1's InvalidArgumentError for a bad fed value and leaves variables as they were (${backend})`, async () => {
    const m = checkedGraph();
    const sess = await session(m.g, backend);
    await sess.run(m.init);
    for (const [type, t] of Object.entries(m.cases)) {
      const [which, value, message] = REFUSED[type]!;
      const feeds = new Map<tf.Tensor, number | number[]>([
        [m.x, [1, 2, 3]],
        [which === 'i' ? m.i : m.vec, value],
      ]);
      const err = await sess.run(t, feeds).catch((e: unknown) => e);
      expect(err, type).toBeInstanceOf(tf.errors.InvalidArgumentError);
      expect((err as Error).message, type).toBe(message);
      expect((err as tf.errors.OpError).op?.type, type).toBe(type);
      expect((await sess.run(m.v)).item(), type).toBe(5);
    }
    sess.close();
  });
}

it('a failed WebGPU run that gave a variable a new buffer returns it to the pool (no growth over failed runs)', async () => {
  const g = new tf.Graph();
  const m = g.as_default(() => {
    const v = tf.Variable(tf.zeros([2]), { name: 'v', validate_shape: false });
    const x = tf.placeholder(tf.float32, [null]);
    const d = tf.placeholder(tf.int32, []);
    const grow = tf.assign(v, x, { validate_shape: false });
    const q = tf.control_dependencies([grow], () => tf.floordiv(tf.constant(1), d));
    return { v, x, d, q, init: tf.global_variables_initializer() };
  });
  const sess = await session(g, 'webgpu');
  const backend = (await sess.getBackend()) as WebGpuBackend;
  await sess.run(m.init);
  const fail = async (): Promise<void> => {
    await expect(
      sess.run(
        m.q,
        new Map<tf.Tensor, number | Float32Array>([
          [m.x, new Float32Array(4096)],
          [m.d, 0],
        ]),
      ),
    ).rejects.toThrow('Integer division by zero');
  };
  for (let i = 0; i < 3; i++) await fail(); // the pools reach their working set
  const bytes = backend.bufferBytes;
  for (let i = 0; i < 10; i++) await fail();
  expect(backend.bufferBytes).toBe(bytes);
  expect((await sess.run(m.v)).tolist()).toEqual([0, 0]);
  sess.close();
});

for (const backend of ['cpu', 'webgpu'] as const) {
  it(`integer Pow to a fed negative power is TF1's InvalidArgumentError, and variables stay as they were (${backend})`, async () => {
    const g = new tf.Graph();
    const m = g.as_default(() => {
      const v = tf.Variable(5, { name: 'v' });
      const e = tf.placeholder(tf.int32, [null]);
      const inc = v.assign_add(1);
      const p = tf.control_dependencies([inc], () => tf.pow(tf.constant([5, 2, -3]), e));
      return { v, e, p, init: tf.global_variables_initializer() };
    });
    const sess = await session(g, backend);
    await sess.run(m.init);
    for (const exponent of [[-2, 3, 1], [2, -3, 0], [-1]]) {
      const err = await sess.run(m.p, new Map([[m.e, exponent]])).catch((e: unknown) => e);
      expect(err, String(exponent)).toBeInstanceOf(tf.errors.InvalidArgumentError);
      expect((err as Error).message).toBe('Integers to negative integer powers are not allowed');
      expect((err as tf.errors.OpError).op?.type).toBe('Pow');
      expect((await sess.run(m.v)).item()).toBe(5);
    }
    // Wrapping as int32 does: 5^0, 2^31, (-3)^21.
    expect((await sess.run(m.p, new Map([[m.e, [0, 31, 21]]]))).tolist()).toEqual([1, -2147483648, -1870418611]);
    expect((await sess.run(m.v)).item()).toBe(6);
    sess.close();
  });
}
