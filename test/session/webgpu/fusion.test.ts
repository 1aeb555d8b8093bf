// Fused elementwise trees on WebGPU (session/fusion.ts, programs/fused.ts): one dispatch per tree, values within
// the parity tolerance of the CPU backend's separate kernels, on random chains and the shapes that stop a fusion.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/index.js';
import { arrayOf, countingSessions as sessions, floatValue, nd, TOL } from './harness.js';

/** Expects `gpu` within TOL · (|cpu| + scale) of `cpu`, elementwise. */
function expectClose(gpu: tf.NDArray, cpu: tf.NDArray, scale: number): void {
  expect(gpu.shape).toEqual(cpu.shape);
  for (let i = 0; i < cpu.size; i++) {
    const c = cpu.data[i]!;
    const g = gpu.data[i]!;
    if (Number.isNaN(c)) expect(g, `element ${i}`).toBeNaN();
    else expect(Math.abs(g - c), `element ${i}: ${g} vs ${c}`).toBeLessThanOrEqual(TOL * (Math.abs(c) + scale));
  }
}

// One link of a random chain: a unary op, or a binary op with a new leaf of the output's shape, a bias row or a scalar.
type Link =
  | { unary: 'relu' | 'neg' | 'square' | 'abs' | 'sigmoid' | 'tanh' }
  // v op u(v): v read by two of the tree's steps (a DAG)
  | { reuse: 'add' | 'mul' | 'max'; by: 'relu' | 'neg' | 'square' | 'abs' | 'sigmoid' | 'tanh' }
  | { binary: 'add' | 'sub' | 'mul' | 'max' | 'min' | 'bias'; leaf: 'full' | 'row' | 'scalar'; left: boolean };
const link: fc.Arbitrary<Link> = fc.oneof(
  fc.record({ unary: fc.constantFrom('relu', 'neg', 'square', 'abs', 'sigmoid', 'tanh') as fc.Arbitrary<'relu'> }),
  fc.record({
    reuse: fc.constantFrom('add', 'mul', 'max') as fc.Arbitrary<'add'>,
    by: fc.constantFrom('relu', 'neg', 'square', 'abs', 'sigmoid', 'tanh') as fc.Arbitrary<'relu'>,
  }),
  fc.record({
    binary: fc.constantFrom('add', 'sub', 'mul', 'max', 'min', 'bias') as fc.Arbitrary<'add'>,
    leaf: fc.constantFrom('full', 'row', 'scalar') as fc.Arbitrary<'full'>,
    left: fc.boolean(),
  }),
);
const UNARY = { relu: tf.nn.relu, neg: tf.negative, square: tf.square, abs: tf.abs, sigmoid: tf.sigmoid, tanh: tf.tanh };
const BINARY = { add: tf.add, sub: tf.subtract, mul: tf.multiply, max: tf.maximum, min: tf.minimum };

describe('fused elementwise trees on WebGPU', () => {
  const graphs: tf.Session[] = [];
  afterAll(() => {
    for (const s of graphs) s.close();
  });

  it('computes random chains with broadcast leaves in one dispatch, within the parity tolerance of the CPU backend', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 9 }),
        fc.array(link, { minLength: 2, maxLength: 6 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        async (rows, cols, links, seed) => {
          const g = new tf.Graph();
          const feeds = new Map<tf.Tensor, tf.NDArray>();
          const leafValue = (shape: number[]): tf.Tensor => {
            const p = tf.placeholder(tf.float32, shape);
            feeds.set(p, fc.sample(arrayOf(shape, 'float32', floatValue), { numRuns: 1, seed: seed + feeds.size })[0]!);
            return p;
          };
          const y = g.as_default(() => {
            let v = leafValue([rows, cols]);
            let binaries = 0;
            for (const l of links) {
              if ('unary' in l) v = UNARY[l.unary](v);
              else if ('reuse' in l) v = BINARY[l.reuse](v, UNARY[l.by](v));
              else if (binaries < 6) {
                binaries++;
                if (l.binary === 'bias') v = tf.nn.bias_add(v, leafValue([cols]));
                else {
                  const leaf = leafValue(l.leaf === 'full' ? [rows, cols] : l.leaf === 'row' ? [cols] : []);
                  v = l.left ? BINARY[l.binary](leaf, v) : BINARY[l.binary](v, leaf);
                }
              }
            }
            return v;
          });
          const { cpu, gpu, counts } = await sessions(g);
          try {
            const want = await cpu.run(y, feeds);
            const got = await gpu.run(y, feeds);
            // a chain of up to 6 binary links of values in [-4, 4] and squares: a few roundings of values up to the result's size
            expectClose(got, want, 1);
            expect(counts.dispatches).toBe(1);
          } finally {
            cpu.close();
            gpu.close();
          }
        },
      ),
      { numRuns: 12 },
    );
  });

  it('fuses bias + relu and gives what the separate kernels give', async () => {
    const g = new tf.Graph();
    const { x, b, y } = g.as_default(() => {
      const x = tf.placeholder(tf.float32, [4, 3]);
      const b = tf.placeholder(tf.float32, [3]);
      return { x, b, y: tf.nn.relu(tf.nn.bias_add(x, b)) };
    });
    const { cpu, gpu, backend, counts } = await sessions(g);
    graphs.push(cpu, gpu);
    const feeds = new Map([
      [x, nd([-2, -1, 0, 1, 2, 3, 0.5, -0.5, 7, -7, 1.25, -1.25], [4, 3], 'float32')],
      [b, nd([0.5, 1, -1], [3], 'float32')],
    ]);
    const want = await cpu.run(y, feeds);
    expect(Array.from(want.data)).toEqual([0, 0, 0, 1.5, 3, 2, 1, 0.5, 6, 0, 2.25, 0]);
    expect(Array.from((await gpu.run(y, feeds)).data)).toEqual(Array.from(want.data));
    expect(counts.dispatches).toBe(1);
    backend.tuning.fusion = false;
    expect(Array.from((await gpu.run(y, feeds)).data)).toEqual(Array.from(want.data));
    expect(counts.dispatches).toBe(3);
  });

  it('stores an inner value that is fetched or read outside the tree, and keeps one the tree reads twice in registers', async () => {
    const g = new tf.Graph();
    const { x, sq, two, y, other } = g.as_default(() => {
      const x = tf.placeholder(tf.float32, [2, 3]);
      const sq = tf.square(x);
      const two = tf.add(sq, sq); // sq read twice, both times by Add
      const y = tf.nn.relu(tf.subtract(two, x));
      const other = tf.exp(tf.negative(sq)); // fetched beside y: a reader of sq outside y's tree
      return { x, sq, two, y, other };
    });
    const { cpu, gpu, counts } = await sessions(g);
    graphs.push(cpu, gpu);
    const feeds = new Map([[x, nd([-2, -1, 0, 0.5, 1, 3], [2, 3], 'float32')]]);
    const want = await cpu.run([sq, two, y, other], feeds);
    expect(Array.from(want[2]!.data)).toEqual([10, 3, 0, 0, 1, 15]);
    const same = async (fetches: tf.Tensor[], dispatches: number): Promise<void> => {
      const before = counts.dispatches;
      const got = await gpu.run(fetches, feeds);
      got.forEach((a, i) => expectClose(a, want[[sq, two, y, other].indexOf(fetches[i]!)]!, 1));
      expect(counts.dispatches - before).toBe(dispatches);
    };
    // Square and Add fetched, stored; Sub+Relu fused
    await same([sq, two, y], 3);
    // Square+Add+Sub+Relu: one program, Square's value read twice from a register
    await same([y], 1);
    // Square stored (Neg reads it too); Add+Sub+Relu; Neg+Exp
    await same([y, other], 3);
  });

  it('does not fuse across a variable update: the tree reads the leaves the separate steps read', async () => {
    const g = new tf.Graph();
    const { v, out, init } = g.as_default(() => {
      const v = tf.Variable(tf.constant([1, 2, 3], tf.float32));
      const d = tf.negative(v); // runs before the update
      const upd = tf.assign_add(v, tf.constant([10, 10, 10], tf.float32));
      // runs after it: fused with Neg, it would read the updated v
      const out = tf.control_dependencies([upd], () => tf.exp(d));
      return { v, out, init: tf.global_variables_initializer() };
    });
    const { cpu, gpu, counts } = await sessions(g);
    graphs.push(cpu, gpu);
    await cpu.run(init);
    await gpu.run(init);
    const want = await cpu.run(out);
    expectClose(want, nd([Math.exp(-1), Math.exp(-2), Math.exp(-3)], [3], 'float32'), 0);
    const before = counts.dispatches;
    expectClose(await gpu.run(out), want, 0);
    expect(counts.dispatches - before).toBe(3); // Neg, AssignAdd, Exp
    expectClose(await gpu.run(v), await cpu.run(v), 0);
  });
  it('runs a tree of small host values (constants kept from folding by a control input) on the host, op by op, as unfused steps', async () => {
    const g = new tf.Graph();
    const y = g.as_default(() => {
      const a = tf.constant([1, 2, -3], tf.float32);
      const b = tf.constant([0.5, -1, 2], tf.float32);
      // ops with a control input are not folded at plan time
      return tf.control_dependencies([tf.no_op()], () => tf.nn.relu(tf.square(tf.add(a, b))));
    });
    const { cpu, gpu, counts } = await sessions(g);
    graphs.push(cpu, gpu);
    const want = await cpu.run(y);
    expect(Array.from(want.data)).toEqual([2.25, 1, 1]);
    expect(Array.from((await gpu.run(y)).data)).toEqual([2.25, 1, 1]);
    expect(counts.dispatches).toBe(0);
  });
});
