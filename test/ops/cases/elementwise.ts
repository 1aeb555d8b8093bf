import fc from 'fast-check';
import * as tf from '../../../src/index.js';
import { broadcast_shapes, ndarray, ndarrays, shape, type ValueConstraints } from '../../../src/testing/index.js';
import type { OpType } from '../../../src/framework/op_defs.js';
import { known } from '../helpers/check.js';
import { gradientProperty, type OpCase } from '../helpers/op_case.js';

type T = tf.Tensor;
const RUNS = 40;
const small = shape({ max_dim: 3 });

const UNARY: [OpType, (x: T) => T, ValueConstraints][] = [
  ['Neg', (x) => tf.negative(x), {}],
  ['Log', (x) => tf.log(x), { min: 0.2, max: 3 }],
  ['Exp', (x) => tf.exp(x), {}],
  ['Sqrt', (x) => tf.sqrt(x), { min: 0.2, max: 3 }],
  ['Square', (x) => tf.square(x), {}],
  ['Reciprocal', (x) => tf.reciprocal(x), { avoid: [0], gap: 0.2 }],
  ['Relu', (x) => tf.nn.relu(x), { avoid: [0], gap: 0.05 }],
  ['Sigmoid', (x) => tf.sigmoid(x), {}],
  ['Identity', (x) => tf.identity(x), {}],
  ['Relu6', (x) => tf.nn.relu6(x), { min: -8, max: 8, avoid: [0, 6], gap: 0.05 }],
  ['Softplus', (x) => tf.nn.softplus(x), {}],
  ['Softsign', (x) => tf.nn.softsign(x), { avoid: [0], gap: 0.05 }],
  ['Tanh', (x) => tf.tanh(x), {}],
  ['Abs', (x) => tf.abs(x), { avoid: [0], gap: 0.05 }],
  ['Sign', (x) => tf.sign(x), { avoid: [0], gap: 0.05 }],
  ['Rsqrt', (x) => tf.rsqrt(x), { min: 0.3, max: 3 }],
  ['Log1p', (x) => tf.log1p(x), { min: -0.7, max: 3 }],
  ['Expm1', (x) => tf.expm1(x), {}],
  ['Sin', (x) => tf.sin(x), {}],
  ['Cos', (x) => tf.cos(x), {}],
  // No gradient (TF1's rules return None): the checker's theoretical Jacobian is zero, as the numerical one is between integers.
  ['Floor', (x) => tf.floor(x), { min: -3, max: 3, avoid: [-3, -2, -1, 0, 1, 2, 3], gap: 0.05 }],
  ['Ceil', (x) => tf.ceil(x), { min: -3, max: 3, avoid: [-3, -2, -1, 0, 1, 2, 3], gap: 0.05 }],
  ['Round', (x) => tf.round(x), { min: -3, max: 3, avoid: [-2.5, -1.5, -0.5, 0.5, 1.5, 2.5], gap: 0.05 }],
  ['Rint', (x) => tf.rint(x), { min: -3, max: 3, avoid: [-2.5, -1.5, -0.5, 0.5, 1.5, 2.5], gap: 0.05 }],
  ['Sinh', (x) => tf.sinh(x), {}],
  ['Cosh', (x) => tf.cosh(x), {}],
  ['Tan', (x) => tf.tan(x), { min: -1.2, max: 1.2 }],
  ['Asin', (x) => tf.asin(x), { min: -0.8, max: 0.8 }],
  ['Acos', (x) => tf.acos(x), { min: -0.8, max: 0.8 }],
  ['Atan', (x) => tf.atan(x), {}],
  // not fed, its input passes through
  ['PlaceholderWithDefault', (x) => tf.placeholder_with_default(x, x.shape), {}],
];

const unary = UNARY.map(([op, f, values]) =>
  gradientProperty(op, 'elementwise, any shape', fc.tuple(ndarray(small, values), known), ([x, k]) => ({ inputs: [x], build: ([t]) => f(t!), known: k }), RUNS),
);

/** The broadcasting cases by name; the random property covers the rest. */
export const BROADCAST_CASES: [string, number[], number[]][] = [
  ['equal shapes', [2, 3], [2, 3]],
  ['scalar and tensor', [], [2, 3]],
  ['tensor and scalar', [2, 3], []],
  ['both scalars', [], []],
  ['lower rank on the left', [3], [2, 3]],
  ['lower rank on the right', [2, 3, 2], [3, 2]],
  ['1 against n on the left', [1, 3], [2, 3]],
  ['1 against n on the right', [2, 3], [2, 1]],
  ['both sides broadcast', [2, 1], [1, 3]],
  ['rank and 1s together', [3, 1, 2], [4, 1]],
  ['size-1 tensor and scalar', [1], []],
];

const BINARY: [OpType, (x: T, y: T) => T, ValueConstraints][] = [
  ['Add', (x, y) => tf.add(x, y), {}],
  ['Sub', (x, y) => x.sub(y), {}],
  ['Mul', (x, y) => x.mul(y), {}],
  ['RealDiv', (x, y) => tf.realdiv(x, y), { avoid: [0], gap: 0.3 }],
  ['Maximum', (x, y) => tf.maximum(x, y), { distinct: 1e-3 }],
  ['Minimum', (x, y) => tf.minimum(x, y), { distinct: 1e-3 }],
  // Positive bases, where TF1's rule takes log x.
  ['Pow', (x, y) => tf.pow(x, y), { min: 0.2, max: 3 }],
  ['SquaredDifference', (x, y) => tf.squared_difference(x, y), {}],
];

const binary = BINARY.flatMap(([op, f, values]) => [
  gradientProperty(
    op,
    'random broadcast-compatible shapes',
    fc.tuple(ndarrays(broadcast_shapes({ max_dim: 3 }), values), known),
    ([[x, y], k]) => ({ inputs: [x!, y!], build: ([a, b]) => f(a!, b!), known: k }),
    RUNS,
  ),
  ...BROADCAST_CASES.map(([name, a, b]) =>
    gradientProperty(
      op,
      `broadcasting: ${name} ${JSON.stringify(a)} ${JSON.stringify(b)}`,
      fc.tuple(ndarrays([a, b], values), known),
      ([[x, y], k]) => ({ inputs: [x!, y!], build: ([s, t]) => f(s!, t!), known: k }),
      4,
    ),
  ),
  gradientProperty(
    op,
    'the same tensor on both sides',
    fc.tuple(ndarray(small, { min: 0.3, max: 2 }), known),
    ([x, k]) => ({ inputs: [x], build: ([t]) => f(t!, t!), known: k }),
    10,
  ),
]);

// FloorMod's rule (g, -g * floor(x / y)) holds between its jumps, where x / y is an integer. x is an odd
// multiple of 1/8 and y a nonzero multiple of 1/4, so x / y = odd / (2k) is never an integer and stays at
// least 1/16 from one, far beyond the central differences' step.
const eighthsOdd = fc.integer({ min: -12, max: 11 }).map((i) => (2 * i + 1) / 8);
const quarters = fc.integer({ min: 1, max: 8 }).chain((k) => fc.constantFrom(k / 4, -k / 4));
const gridArray = (s: readonly number[], v: fc.Arbitrary<number>): fc.Arbitrary<tf.NDArray> => {
  const n = s.reduce((a, b) => a * b, 1);
  return fc.array(v, { minLength: n, maxLength: n }).map((d) => new tf.NDArray(Float64Array.from(d), s, 'float64'));
};
const floorModPair = (a: readonly number[], b: readonly number[]): fc.Arbitrary<[tf.NDArray, tf.NDArray]> =>
  fc.tuple(gridArray(a, eighthsOdd), gridArray(b, quarters));
const floorMod = [
  gradientProperty(
    'FloorMod',
    'random broadcast-compatible shapes, between the jumps',
    fc.tuple(
      broadcast_shapes({ max_dim: 3 }).chain(([a, b]) => floorModPair(a!, b!)),
      known,
    ),
    ([[x, y], k]) => ({ inputs: [x, y], build: ([a, b]) => tf.floormod(a!, b!), known: k }),
    RUNS,
  ),
  ...BROADCAST_CASES.map(([name, a, b]) =>
    gradientProperty(
      'FloorMod',
      `broadcasting: ${name} ${JSON.stringify(a)} ${JSON.stringify(b)}`,
      fc.tuple(floorModPair(a, b), known),
      ([[x, y], k]) => ({ inputs: [x, y], build: ([s, t]) => tf.floormod(s!, t!), known: k }),
      4,
    ),
  ),
];

const addN = gradientProperty(
  'AddN',
  '2 to 4 inputs of one shape, one of them repeated',
  fc.tuple(
    ndarrays(
      fc.tuple(fc.integer({ min: 2, max: 4 }), small).map(([n, s]) => Array<number[]>(n).fill(s)),
      { max_size: 108 },
    ),
    known,
  ),
  ([xs, k]) => ({ inputs: xs, build: (ts) => tf.add_n([...ts, ts[0]!]), known: k }),
  RUNS,
);

const cast: OpCase[] = [
  gradientProperty(
    'Cast',
    'float64 to float32',
    fc.tuple(ndarray(small), known),
    ([x, k]) => ({ inputs: [x], build: ([t]) => tf.cast(t!, tf.float32).mul(3), known: k, delta: 1e-3, rtol: 1e-3 }),
    RUNS,
  ),
  gradientProperty(
    'Cast',
    'float32 to float64',
    fc.tuple(ndarray(small, { dtype: 'float32' }), known),
    ([x, k]) => ({ inputs: [x], build: ([t]) => tf.square(tf.cast(t!, tf.float64)), known: k, delta: 1e-3, rtol: 1e-3 }),
    RUNS,
  ),
];

/** Unary and broadcasting binary ops (FloorMod's among them), add_n and cast. */
export const cases: OpCase[] = [...unary, ...binary, ...floorMod, addN, ...cast];
