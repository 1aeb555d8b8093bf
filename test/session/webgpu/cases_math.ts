/** Parity cases of the elementwise, reduction, matmul and nn ops: random shapes and values, run on both backends. */
import fc from 'fast-check';
import * as tf from '../../../src/index.js';
import type { DType } from '../../../src/framework/dtypes.js';
import type { NDArray } from '../../../src/framework/ndarray.js';
import type { OpType } from '../../../src/framework/op_defs.js';
import { arrayOf, broadcastPair, floatValue, intValue, nd, op, positiveValue, shapeOf, type Built } from './harness.js';

/** A parity case: an arbitrary of parameters, and how to build the graph and feeds from them. */
export interface ParityCase {
  kind: 'parity';
  arb: fc.Arbitrary<unknown>;
  build: (g: tf.Graph, params: never) => Built;
}

/** A parity case from a typed arbitrary and builder. */
export function parity<T>(arb: fc.Arbitrary<T>, build: (g: tf.Graph, params: T) => Built): ParityCase {
  return { kind: 'parity', arb, build: build as (g: tf.Graph, params: never) => Built };
}

/** Values of a dtype: floats on the 1/1024 grid, small ints, bools. */
export function valuesOf(dtype: DType): fc.Arbitrary<number> {
  return dtype === 'float32' ? floatValue : dtype === 'bool' ? fc.integer({ min: 0, max: 1 }) : intValue;
}

const nonzero = (dtype: DType): fc.Arbitrary<number> =>
  dtype === 'float32' ? floatValue.filter((v) => v !== 0) : fc.integer({ min: -9, max: 9 }).filter((v) => v !== 0);

/** Feeds `arrays` through fresh placeholders and fetches `make(placeholders)`. */
export function feedThrough(g: tf.Graph, arrays: NDArray[], make: (ph: tf.Tensor[]) => tf.Tensor[], scales?: (ph: tf.Tensor[]) => (tf.Tensor | null)[]): Built {
  return g.as_default(() => {
    const ph = arrays.map((a) => tf.placeholder(a.dtype));
    const fetches = make(ph);
    return { runs: [{ fetches, feeds: new Map(ph.map((p, i) => [p, arrays[i]!])), scales: scales?.(ph) }] };
  });
}

/** Float32 values with NaNs and infinities among them (the float checks' inputs). */
const special = fc.oneof(floatValue, fc.constantFrom(Number.NaN, Infinity, -Infinity));

/** Float32 values above -1 on the 1/1024 grid (log1p's domain). */
const aboveMinusOne = fc.integer({ min: -1000, max: 4096 }).map((i) => i / 1024);

/** Float32 values in (-1, 1) on the 1/1024 grid (asin's and acos's domain). */
const inOpenUnit = fc.integer({ min: -1023, max: 1023 }).map((i) => i / 1024);

function binary(
  type: OpType,
  dtypes: DType[],
  rhs: (d: DType) => fc.Arbitrary<number> = valuesOf,
  strict = false,
  lhs: (d: DType) => fc.Arbitrary<number> = valuesOf,
): ParityCase {
  const shapes: fc.Arbitrary<[number[], number[]]> = strict ? shapeOf().map((s) => [s, s]) : broadcastPair;
  return parity(
    fc.tuple(shapes, fc.constantFrom(...dtypes)).chain(([[a, b], d]) => fc.tuple(arrayOf(a, d, lhs(d)), arrayOf(b, d, rhs(d)))),
    (g, arrays) => feedThrough(g, arrays, (ph) => op(g, type as 'Add', ph, {})),
  );
}

function unary(type: OpType, dtypes: DType[], values: (d: DType) => fc.Arbitrary<number> = valuesOf): ParityCase {
  return parity(
    fc.tuple(shapeOf(), fc.constantFrom(...dtypes)).chain(([s, d]) => arrayOf(s, d, values(d))),
    (g, x) => feedThrough(g, [x], (ph) => op(g, type as 'Neg', ph, {})),
  );
}

/** A shape, a subset of its axes (some negative), keep_dims; short reductions, or long ones that take the workgroup tree. */
const reduction = fc
  .oneof(
    { weight: 4, arbitrary: shapeOf(4, 5) },
    { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 129, max: 300 })).map(([a, b]) => [a, b]) },
  )
  .chain((s) =>
    fc.tuple(
      fc.constant(s),
      fc.subarray(s.map((_, i) => i)).chain((axes) => fc.tuple(...axes.map((a) => fc.constantFrom(a, a - s.length)))),
      fc.boolean(),
    ),
  );

/**
 * Float32 factors for Prod: 0, or magnitudes in [0.75, 4/3] on the 1/1024 grid, so no product of up to 300 of
 * them leaves float32's normal range (a subnormal product is 0 on a GPU that flushes them, as WGSL allows).
 */
const factor = fc.oneof(
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 12, arbitrary: fc.tuple(fc.integer({ min: 768, max: 1365 }), fc.boolean()).map(([i, neg]) => (neg ? -i : i) / 1024) },
);

function reduce(type: 'Sum' | 'Mean' | 'Max' | 'Prod' | 'Min' | 'Any' | 'All', dtypes: DType[], maxAbs = false): ParityCase {
  const values = (d: DType): fc.Arbitrary<number> => (type === 'Prod' && d === 'float32' ? factor : valuesOf(d));
  return parity(
    fc
      .tuple(reduction, fc.constantFrom(...dtypes))
      .filter(([[s]]) => type !== 'Prod' || s.reduce((a, b) => a * b, 1) <= 300)
      .chain(([[s, axes, keep], d]) => fc.tuple(arrayOf(s, d, values(d)), fc.constant(axes), fc.constant(keep))),
    (g, [x, axes, keep]) =>
      g.as_default(() => {
        const px = tf.placeholder(x.dtype);
        const ax = tf.constant(Int32Array.from(axes), { dtype: 'int32' });
        const [out] = op(g, type, [px, ax], { keep_dims: keep });
        // S: the same reduction of |x|, the magnitude of the terms (max rounds nothing, so needs none).
        const absScale = maxAbs ? null : op(g, type, [op(g, 'Maximum', [px, op(g, 'Neg', [px], {})[0]!], {})[0]!, ax], { keep_dims: keep })[0]!;
        return { runs: [{ fetches: [out!], feeds: new Map([[px, x]]), scales: [absScale] }] };
      }),
  );
}

const argOf = (type: 'ArgMax' | 'ArgMin'): ParityCase =>
  parity(
    fc
      .oneof(
        shapeOf(3, 5, false).filter((s) => s.length > 0),
        fc.integer({ min: 129, max: 260 }).map((n) => [2, n]),
      )
      .chain((s) =>
        fc.tuple(
          arrayOf(s, 'float32', fc.integer({ min: -3, max: 3 })), // few distinct values, so ties are common
          fc.integer({ min: -s.length, max: s.length - 1 }),
          fc.constantFrom<'int32' | 'int64'>('int32', 'int64'),
          fc.constantFrom<DType>('float32', 'int32'),
        ),
      ),
    (g, [x, axis, outType, d]) =>
      g.as_default(() => {
        const xd = nd(Array.from(x.data), x.shape, d);
        const px = tf.placeholder(d);
        return {
          runs: [{ fetches: op(g, type as 'ArgMax', [px, tf.constant(axis, { dtype: 'int32' })], { output_type: outType }), feeds: new Map([[px, xd]]) }],
        };
      }),
  );

const matMul = parity(
  fc
    .tuple(
      fc.oneof(
        { weight: 5, arbitrary: fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 })) },
        // wide enough both ways for workgroup tiles, with ragged edges
        { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 64, max: 70 }), fc.integer({ min: 64, max: 70 }), fc.integer({ min: 1, max: 20 })) },
      ),
      fc.boolean(),
      fc.boolean(),
      fc.constantFrom<DType>('float32', 'int32'),
    )
    .chain(([[M, N, K], ta, tb, d]) =>
      fc.tuple(arrayOf(ta ? [K, M] : [M, K], d, valuesOf(d)), arrayOf(tb ? [N, K] : [K, N], d, valuesOf(d)), fc.constant([ta, tb] as const)),
    ),
  (g, [a, b, [ta, tb]]) =>
    feedThrough(
      g,
      [a, b],
      (ph) => op(g, 'MatMul', ph, { transpose_a: ta, transpose_b: tb }),
      (ph) => {
        const abs = (t: tf.Tensor): tf.Tensor => op(g, 'Maximum', [t, op(g, 'Neg', [t], {})[0]!], {})[0]!;
        return op(g, 'MatMul', [abs(ph[0]!), abs(ph[1]!)], { transpose_a: ta, transpose_b: tb });
      },
    ),
);

/** Rows for the row-wise ops: short rows (one thread each) or long ones (a workgroup each). */
const rows = fc.oneof(
  { weight: 4, arbitrary: shapeOf(3, 6, false).filter((s) => s.length > 0) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 129, max: 300 })).map(([a, b]) => [a, b]) },
);
const logit = floatValue.map((v) => v * 4);

function rowwise(type: 'Softmax' | 'LogSoftmax'): ParityCase {
  return parity(
    rows.chain((s) => arrayOf(s, 'float32', logit)),
    (g, x) => feedThrough(g, [x], (ph) => op(g, type, ph, {})),
  );
}

/** A [B, C] shape and the two input shapes that broadcast to it: the same, or one side [1, C], [B, 1] or [C] (TF1 r1.12's kernel broadcasts). */
const xentShapes = rows
  .map((s) => (s.length === 2 ? s : [s.length, s[s.length - 1]!]))
  .chain(([B, C]) =>
    fc
      .tuple(fc.constantFrom<number[][]>([B!, C!], [1, C!], [B!, 1], [C!]), fc.boolean())
      .map(([small, logitsSmall]) => (logitsSmall ? [small, [B!, C!]] : [[B!, C!], small]) as [number[], number[]]),
  );

const xent = parity(
  xentShapes.chain(([fs, ls]) =>
    fc.tuple(
      arrayOf(fs, 'float32', logit),
      arrayOf(
        ls,
        'float32',
        positiveValue.map((v) => v / 4),
      ),
    ),
  ),
  (g, [f, l]) => feedThrough(g, [f, l], (ph) => op(g, 'SoftmaxCrossEntropyWithLogits', ph, {})),
);

const powExponent = (d: DType): fc.Arbitrary<number> => (d === 'float32' ? fc.integer({ min: -6, max: 6 }).map((i) => i / 2) : fc.integer({ min: 0, max: 5 }));

const NUM: DType[] = ['float32', 'int32', 'int64'];

/** Cases of the elementwise ops. */
export const ELEMENTWISE_CASES = {
  Add: binary('Add', NUM),
  Sub: binary('Sub', NUM),
  Mul: binary('Mul', NUM),
  RealDiv: binary('RealDiv', ['float32', 'int32'], nonzero),
  Maximum: binary('Maximum', ['float32', 'int32']),
  Minimum: binary('Minimum', ['float32', 'int32']),
  FloorDiv: binary('FloorDiv', ['float32', 'int32'], nonzero),
  FloorMod: binary('FloorMod', ['float32', 'int32'], nonzero),
  Equal: binary('Equal', ['float32', 'int32', 'bool']),
  Greater: binary('Greater', ['float32', 'int32']),
  GreaterEqual: binary('GreaterEqual', ['float32', 'int32']),
  Less: binary('Less', ['float32', 'int32']),
  LessEqual: binary('LessEqual', ['float32', 'int32']),
  ReluGrad: binary('ReluGrad', ['float32'], valuesOf, true),
  SqrtGrad: binary('SqrtGrad', ['float32'], valuesOf, true, () => positiveValue),
  ReciprocalGrad: binary('ReciprocalGrad', ['float32'], valuesOf, true),
  SigmoidGrad: binary('SigmoidGrad', ['float32'], valuesOf, true),
  Neg: unary('Neg', NUM),
  Log: unary('Log', ['float32'], () => positiveValue),
  Exp: unary('Exp', ['float32']),
  Sqrt: unary('Sqrt', ['float32'], () => positiveValue),
  Square: unary('Square', ['float32', 'int32']),
  Reciprocal: unary('Reciprocal', ['float32'], nonzero),
  Relu: unary('Relu', ['float32', 'int32']),
  Sigmoid: unary('Sigmoid', ['float32']),
  Relu6Grad: binary('Relu6Grad', ['float32', 'int32'], valuesOf, true),
  SoftplusGrad: binary('SoftplusGrad', ['float32'], valuesOf, true),
  SoftsignGrad: binary('SoftsignGrad', ['float32'], valuesOf, true),
  Relu6: unary('Relu6', ['float32', 'int32']),
  Softplus: unary('Softplus', ['float32']),
  Softsign: unary('Softsign', ['float32']),
  TanhGrad: binary('TanhGrad', ['float32'], valuesOf, true),
  RsqrtGrad: binary('RsqrtGrad', ['float32'], valuesOf, true),
  Tanh: unary('Tanh', ['float32']),
  Abs: unary('Abs', ['float32', 'int32']),
  Sign: unary('Sign', ['float32', 'int32']),
  Rsqrt: unary('Rsqrt', ['float32'], () => positiveValue),
  Log1p: unary('Log1p', ['float32'], () => aboveMinusOne),
  Expm1: unary('Expm1', ['float32']),
  Sin: unary('Sin', ['float32']),
  Cos: unary('Cos', ['float32']),
  Floor: unary('Floor', ['float32']),
  Ceil: unary('Ceil', ['float32']),
  // The 1/1024 grid holds every half, which both round to even.
  Round: unary('Round', ['float32', 'int32']),
  Rint: unary('Rint', ['float32']),
  Sinh: unary('Sinh', ['float32']),
  Cosh: unary('Cosh', ['float32']),
  // Away from tan's poles at ±π/2 (the 1/1024 grid's nearest points are 2e-4 away: tan there is 2e3).
  Tan: unary('Tan', ['float32'], () => inOpenUnit),
  Asin: unary('Asin', ['float32'], () => inOpenUnit),
  Acos: unary('Acos', ['float32'], () => inOpenUnit),
  Atan: unary('Atan', ['float32']),
  NotEqual: binary('NotEqual', ['float32', 'int32', 'bool']),
  LogicalAnd: binary('LogicalAnd', ['bool']),
  LogicalOr: binary('LogicalOr', ['bool']),
  LogicalNot: unary('LogicalNot', ['bool']),
  IsNan: unary('IsNan', ['float32'], () => special),
  IsInf: unary('IsInf', ['float32'], () => special),
  IsFinite: unary('IsFinite', ['float32'], () => special),
  // Negative bases to half-integer powers (NaN), zero to negative ones (inf); integers to powers 0..5.
  Pow: binary('Pow', ['float32', 'int32'], powExponent),
  SquaredDifference: binary('SquaredDifference', ['float32', 'int32']),
} satisfies Partial<Record<OpType, ParityCase>>;

/** Cases of the reductions, MatMul and the nn ops. */
export const REDUCE_NN_CASES = {
  Sum: reduce('Sum', ['float32', 'int32']),
  Mean: reduce('Mean', ['float32', 'int32']),
  Max: reduce('Max', ['float32', 'int32'], true),
  Prod: reduce('Prod', ['float32', 'int32']),
  ArgMax: argOf('ArgMax'),
  MatMul: matMul,
  Softmax: rowwise('Softmax'),
  LogSoftmax: rowwise('LogSoftmax'),
  SoftmaxCrossEntropyWithLogits: xent,
  Min: reduce('Min', ['float32', 'int32'], true),
  // bools: nothing rounds, so no scale (maxAbs)
  Any: reduce('Any', ['bool'], true),
  All: reduce('All', ['bool'], true),
  ArgMin: argOf('ArgMin'),
} satisfies Partial<Record<OpType, ParityCase>>;
