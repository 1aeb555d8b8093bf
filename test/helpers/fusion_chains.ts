// Random chains of elementwise ops for the fusion tests (test/session/fusion.test.ts, cpu/fused_simd.test.ts): a
// [rows, cols] value through unary ops, ops that read it twice, and binary ops with a leaf of the value's shape, a
// row, a column or a scalar, fed values that include ±0, NaN and infinities.
import fc from 'fast-check';
import * as tf from '../../src/index.js';
import { NDArray } from '../../src/framework/ndarray.js';

/** The float32 bits of each element; a NaN as one NaN (a SIMD kernel's NaN may have the sign bit that JavaScript's lacks). */
export const bits = (a: NDArray): number[] =>
  Array.from(new Uint32Array(new Float32Array(a.data).buffer), (b, i) => (Number.isNaN(a.data[i]) ? 0x7fc00000 : b));

// Values with the cases where float32 ops differ in sign or NaN: ±0, NaN, infinities, and values on a fine grid.
const special = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(0, -0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY) },
  { weight: 8, arbitrary: fc.float({ min: -8, max: 8, noNaN: true }) },
);

type Unary = 'Relu' | 'Neg' | 'Square' | 'Reciprocal';
/** One link of a chain. */
export type Link =
  | { unary: Unary }
  // v op u(v): v read by two of the tree's steps (a DAG)
  | { reuse: 'add' | 'mul' | 'max'; by: Unary }
  | { binary: 'add' | 'sub' | 'mul' | 'div' | 'max' | 'min' | 'bias' | 'reluGrad'; leaf: 'full' | 'row' | 'column' | 'scalar'; left: boolean };
export const link: fc.Arbitrary<Link> = fc.oneof(
  fc.record({ unary: fc.constantFrom('Relu', 'Neg', 'Square', 'Reciprocal') as fc.Arbitrary<Unary> }),
  fc.record({
    reuse: fc.constantFrom('add', 'mul', 'max') as fc.Arbitrary<'add'>,
    by: fc.constantFrom('Relu', 'Neg', 'Square', 'Reciprocal') as fc.Arbitrary<Unary>,
  }),
  fc.record({
    binary: fc.constantFrom('add', 'sub', 'mul', 'div', 'max', 'min', 'bias', 'reluGrad') as fc.Arbitrary<'add'>,
    leaf: fc.constantFrom('full', 'row', 'column', 'scalar') as fc.Arbitrary<'full'>,
    left: fc.boolean(),
  }),
);
const UNARY = { Relu: tf.nn.relu, Neg: tf.negative, Square: tf.square, Reciprocal: tf.reciprocal };
const BINARY = { add: tf.add, sub: tf.subtract, mul: tf.multiply, div: tf.divide, max: tf.maximum, min: tf.minimum };

/** A chain's size, links and seed of its fed values, as the fusion tests draw them. */
export const chainCase = fc.record({
  rows: fc.integer({ min: 1, max: 6 }),
  cols: fc.integer({ min: 1, max: 9 }),
  links: fc.array(link, { minLength: 2, maxLength: 8 }),
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
});

/** The chain's graph, its end `y` and the feeds of its placeholders (values drawn from `seed`). */
export function chainGraph(rows: number, cols: number, links: readonly Link[], seed: number): { g: tf.Graph; y: tf.Tensor; feeds: Map<tf.Tensor, NDArray> } {
  const g = new tf.Graph();
  const feeds = new Map<tf.Tensor, NDArray>();
  const leaf = (shape: number[]): tf.Tensor => {
    const p = tf.placeholder(tf.float32, shape);
    const n = shape.reduce((a, b) => a * b, 1);
    const a = NDArray.zeros(shape, 'float32');
    a.data.set(fc.sample(fc.array(special, { minLength: n, maxLength: n }), { numRuns: 1, seed: seed + feeds.size })[0]!);
    feeds.set(p, a);
    return p;
  };
  const shapes = { full: [rows, cols], row: [cols], column: [rows, 1], scalar: [] };
  const y = g.as_default(() => {
    let v = leaf([rows, cols]);
    for (const l of links) {
      if ('unary' in l) v = UNARY[l.unary](v);
      else if ('reuse' in l) v = BINARY[l.reuse](v, UNARY[l.by](v));
      else if (l.binary === 'bias') v = tf.nn.bias_add(v, leaf([cols]));
      else if (l.binary === 'reluGrad') v = g.create_op('ReluGrad', [v, leaf([rows, cols])], {}, 'ReluGrad').outputs[0]!;
      else {
        const w = leaf(shapes[l.leaf]);
        v = l.left ? BINARY[l.binary](w, v) : BINARY[l.binary](v, w);
      }
    }
    return v;
  });
  return { g, y, feeds };
}
