import fc from 'fast-check';
import * as tf from '../../../src/index.js';
import { ndarray, ndarrays, shape, type ValueConstraints } from '../../../src/testing/index.js';
import type { OpType } from '../../../src/framework/op_defs.js';
import { known } from '../helpers/check.js';
import { gradientProperty, type OpCase } from '../helpers/op_case.js';

type T = tf.Tensor;
const small = shape({ max_dim: 3 });

/** The *Grad ops built directly, as TF1's gradient_checker tests do: (first input, second input) -> op. */
const GRAD_OPS: [
  'ReluGrad' | 'SqrtGrad' | 'ReciprocalGrad' | 'SigmoidGrad' | 'Relu6Grad' | 'SoftplusGrad' | 'TanhGrad' | 'RsqrtGrad',
  ValueConstraints,
  ValueConstraints,
][] = [
  // ReluGrad(gradients, features): features away from relu's kink.
  ['ReluGrad', {}, { avoid: [0], gap: 0.05 }],
  // SqrtGrad(y, dy) = dy * 0.5 / y: y away from 0.
  ['SqrtGrad', { min: 0.3, max: 3 }, {}],
  // ReciprocalGrad(y, dy) = -dy * y^2.
  ['ReciprocalGrad', {}, {}],
  // SigmoidGrad(y, dy) = dy * y * (1 - y).
  ['SigmoidGrad', {}, {}],
  // Relu6Grad(gradients, features): features away from relu6's kinks.
  ['Relu6Grad', {}, { min: -8, max: 8, avoid: [0, 6], gap: 0.05 }],
  // SoftplusGrad(gradients, features) = gradients / (1 + exp(-features)).
  ['SoftplusGrad', {}, {}],
  // TanhGrad(y, dy) = dy * (1 - y^2); RsqrtGrad(y, dy) = -0.5 * dy * y^3.
  ['TanhGrad', {}, {}],
  ['RsqrtGrad', {}, {}],
];

const direct = GRAD_OPS.map(([op, first, second]) =>
  gradientProperty(
    op,
    'the op itself, by both inputs',
    fc.tuple(
      small.chain((s) => fc.tuple(ndarray(s, first), ndarray(s, second))),
      known,
    ),
    ([[a, b], k]) => ({ inputs: [a, b], build: ([x, y]) => x!.graph.create_op(op, [x!, y!], {}, op).outputs[0]!, known: k }),
    40,
  ),
);

/** First-order rules whose gradient graphs contain the *Grad ops, differentiated a second time. */
const SECOND_ORDER: [OpType, (x: T) => T, ValueConstraints][] = [
  ['ReluGrad', (x) => tf.square(tf.nn.relu(x)), { avoid: [0], gap: 0.05 }],
  ['SqrtGrad', (x) => tf.sqrt(x), { min: 0.3, max: 3 }],
  ['ReciprocalGrad', (x) => tf.reciprocal(x), { avoid: [0], gap: 0.3 }],
  ['SigmoidGrad', (x) => tf.nn.sigmoid(x), {}],
  ['Relu6Grad', (x) => tf.square(tf.nn.relu6(x)), { min: -8, max: 8, avoid: [0, 6], gap: 0.05 }],
  ['SoftplusGrad', (x) => tf.nn.softplus(x), {}],
  ['TanhGrad', (x) => tf.nn.tanh(x), {}],
  ['RsqrtGrad', (x) => tf.rsqrt(x), { min: 0.3, max: 3 }],
];

const secondOrder = SECOND_ORDER.map(([op, f, values]) =>
  gradientProperty(
    op,
    'second order: the gradient of a gradient',
    fc.tuple(
      ndarrays(
        small.map((s) => [s, s]),
        values,
      ),
      known,
    ),
    ([[x, v], k]) => ({ inputs: [x!, v!], build: ([t, w]) => tf.multiply(f(t!), w!), order: 2, known: k }),
    40,
  ),
);

/** Every differentiable op's rule differentiated again, one after another (y = d sum(f(x)) / dx). */
const HESSIANS: [OpType, (x: T, w: T) => T, ValueConstraints][] = [
  ['Log', (x) => tf.log(x), { min: 0.3, max: 3 }],
  ['Exp', (x) => tf.exp(x), {}],
  ['Sigmoid', (x, w) => tf.sigmoid(x).mul(w), {}],
  ['Square', (x, w) => tf.square(x).mul(w), {}],
  ['Mul', (x, w) => x.mul(w).mul(x), {}],
  ['RealDiv', (x, w) => tf.realdiv(w, x), { avoid: [0], gap: 0.3 }],
  ['Softmax', (x, w) => tf.nn.softmax(x).mul(w), {}],
  ['LogSoftmax', (x, w) => tf.nn.log_softmax(x).mul(w), {}],
  ['Prod', (x) => tf.reduce_prod(x, { axis: -1 }), { min: -1.6, max: 1.6, avoid: [0], gap: 0.3 }],
  ['Mean', (x, w) => tf.square(tf.reduce_mean(x.mul(w), { axis: 0, keep_dims: true })), {}],
  ['Max', (x, w) => tf.square(tf.reduce_max(x, { axis: -1 })).mul(tf.reduce_sum(w)), { distinct: 1e-3 }],
  ['Tile', (x, w) => tf.square(tf.tile(x, [2, 1]).mul(tf.tile(w, [2, 1]))), {}],
  ['MatMul', (x, w) => tf.square(tf.matmul(x, w, { transpose_b: true })), {}],
  ['Tanh', (x, w) => tf.tanh(x).mul(w), {}],
  ['Abs', (x, w) => tf.abs(x).mul(x).mul(w), { avoid: [0], gap: 0.05 }],
  ['Log1p', (x, w) => tf.log1p(x).mul(w), { min: -0.7, max: 3 }],
  ['Expm1', (x, w) => tf.expm1(x).mul(w), {}],
  ['Sin', (x, w) => tf.sin(x).mul(w), {}],
  ['Cos', (x, w) => tf.cos(x).mul(w), {}],
  ['Sinh', (x, w) => tf.sinh(x).mul(w), {}],
  ['Cosh', (x, w) => tf.cosh(x).mul(w), {}],
  ['Tan', (x, w) => tf.tan(x).mul(w), { min: -1.2, max: 1.2 }],
  ['Asin', (x, w) => tf.asin(x).mul(w), { min: -0.8, max: 0.8 }],
  ['Acos', (x, w) => tf.acos(x).mul(w), { min: -0.8, max: 0.8 }],
  ['Atan', (x, w) => tf.atan(x).mul(w), {}],
];

const hessians = HESSIANS.map(([op, f, values]) =>
  gradientProperty(
    op,
    'second order: its gradient graph differentiated again',
    fc.tuple(
      ndarrays(
        shape({ min_rank: 2, max_rank: 2, max_dim: 3 }).map((s) => [s, s]),
        values,
      ),
      known,
    ),
    ([[x, w], k]) => ({ inputs: [x!, w!], build: ([a, b]) => f(a!, b!), order: 2, known: k }),
    20,
  ),
);

/** ReluGrad, SqrtGrad, ReciprocalGrad and SigmoidGrad (first and second order), and second-order checks of other rules. */
export const cases: OpCase[] = [...direct, ...secondOrder, ...hessians];
