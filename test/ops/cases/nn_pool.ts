import fc from 'fast-check';
import * as tf from '../../../src/index.js';
import type { PoolAttrs } from '../../../src/framework/ops/nn_pool.js';
import { known } from '../helpers/check.js';
import { gradientProperty, type OpCase } from '../helpers/op_case.js';

/** An NHWC geometry: input shape, pooling attributes and the output's shape. */
interface Geometry {
  shape: number[];
  out: number[];
  attrs: PoolAttrs;
}

const size = (n: number, k: number, s: number, p: 'SAME' | 'VALID') => (p === 'SAME' ? Math.ceil(n / s) : Math.floor((n - k + s) / s));

const geometry: fc.Arbitrary<Geometry> = fc
  .tuple(
    fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 4, maxLength: 4 }),
    fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 4, maxLength: 4 }),
    fc.constantFrom<'SAME' | 'VALID'>('SAME', 'VALID'),
  )
  .map(([[n, h, w, c], [kh, kw, sh, sw], padding]) => ({ N: Math.min(n!, 2), H: h!, W: w!, C: Math.min(c!, 2), kh: kh!, kw: kw!, sh: sh!, sw: sw!, padding }))
  .filter((g) => g.padding === 'SAME' || (g.H >= g.kh && g.W >= g.kw))
  .map((g) => ({
    shape: [g.N, g.H, g.W, g.C],
    out: [g.N, size(g.H, g.kh, g.sh, g.padding), size(g.W, g.kw, g.sw, g.padding), g.C],
    attrs: { ksize: [1, g.kh, g.kw, 1], strides: [1, g.sh, g.sw, 1], padding: g.padding, data_format: 'NHWC' },
  }));

/** Distinct float64 values 0.25 apart (no ties, which would move a window's maximum within the differences' step). */
const distinct = (shape: number[]) => {
  const n = shape.reduce((a, b) => a * b, 1);
  return fc
    .shuffledSubarray(
      Array.from({ length: 160 }, (_, i) => i / 4 - 20),
      { minLength: n, maxLength: n },
    )
    .map((v) => new tf.NDArray(Float64Array.from(v), shape, 'float64'));
};
const values = (shape: number[]) =>
  fc.array(fc.integer({ min: -64, max: 64 }), { minLength: shape.reduce((a, b) => a * b, 1), maxLength: shape.reduce((a, b) => a * b, 1) }).map(
    (v) =>
      new tf.NDArray(
        Float64Array.from(v, (x) => x / 16),
        shape,
        'float64',
      ),
  );

const pool = (fn: typeof tf.nn.max_pool, x: tf.Tensor, a: PoolAttrs) => fn(x, a.ksize, a.strides, a.padding);
const raw = <K extends 'MaxPoolGrad' | 'AvgPoolGrad' | 'MaxPoolGradGrad'>(type: K, inputs: tf.Tensor[], a: PoolAttrs): tf.Tensor =>
  inputs[0]!.graph.create_op(type, inputs, a, type).outputs[0]!;

/** The gradient properties of the pooling ops. */
export const cases: readonly OpCase[] = [
  gradientProperty(
    'MaxPool',
    'by the input (distinct values), SAME and VALID',
    fc.tuple(
      geometry.chain((g) => fc.tuple(fc.constant(g), distinct(g.shape))),
      known,
    ),
    ([[g, x], k]) => ({ inputs: [x], build: ([t]) => pool(tf.nn.max_pool, t!, g.attrs), known: k }),
    30,
  ),
  gradientProperty(
    'MaxPoolGrad',
    'second order: the Hessian of sum(square(max_pool(x)))',
    fc.tuple(
      geometry.chain((g) => fc.tuple(fc.constant(g), distinct(g.shape))),
      known,
    ),
    ([[g, x], k]) => ({ inputs: [x], build: ([t]) => tf.square(pool(tf.nn.max_pool, t!, g.attrs)), order: 2, known: k }),
    20,
  ),
  gradientProperty(
    'MaxPoolGrad',
    'the op itself, by the input and the gradient',
    fc.tuple(
      geometry.chain((g) => fc.tuple(fc.constant(g), distinct(g.shape), values(g.out))),
      known,
    ),
    ([[g, x, dy], k]) => ({ inputs: [x, dy], build: ([t, d]) => raw('MaxPoolGrad', [t!, pool(tf.nn.max_pool, t!, g.attrs), d!], g.attrs), known: k }),
    20,
  ),
  gradientProperty(
    'MaxPoolGradGrad',
    'the op itself, by the input and the gradient',
    fc.tuple(
      geometry.chain((g) => fc.tuple(fc.constant(g), distinct(g.shape), values(g.shape))),
      known,
    ),
    ([[g, x, dd], k]) => ({ inputs: [x, dd], build: ([t, d]) => raw('MaxPoolGradGrad', [t!, pool(tf.nn.max_pool, t!, g.attrs), d!], g.attrs), known: k }),
    20,
  ),
  gradientProperty(
    'AvgPool',
    'by the input, SAME (in-bounds counts) and VALID',
    fc.tuple(
      geometry.chain((g) => fc.tuple(fc.constant(g), values(g.shape))),
      known,
    ),
    ([[g, x], k]) => ({ inputs: [x], build: ([t]) => pool(tf.nn.avg_pool, t!, g.attrs), known: k }),
    30,
  ),
  gradientProperty(
    'AvgPoolGrad',
    'the op itself, by the gradient',
    fc.tuple(
      geometry.chain((g) => fc.tuple(fc.constant(g), values(g.out))),
      known,
    ),
    ([[g, dy], k]) => ({ inputs: [dy], build: ([d]) => raw('AvgPoolGrad', [tf.constant(g.shape, { dtype: 'int32' }), d!], g.attrs), known: k }),
    20,
  ),
  gradientProperty(
    'AvgPoolGrad',
    'second order: the Hessian of sum(square(avg_pool(x)))',
    fc.tuple(
      geometry.chain((g) => fc.tuple(fc.constant(g), values(g.shape))),
      known,
    ),
    ([[g, x], k]) => ({ inputs: [x], build: ([t]) => tf.square(pool(tf.nn.avg_pool, t!, g.attrs)), order: 2, known: k }),
    20,
  ),
];
