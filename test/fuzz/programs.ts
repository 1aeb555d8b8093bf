// Random graph programs for the fuzz tests: a program is plain data (fast-check shrinks it), interpreted
// into a fresh graph. Every builder of the op vocabulary appears, fed with picks among the tensors made so
// far and with parameters drawn from good, odd and hostile values (negative or huge sizes, NaN, empty).
import fc from 'fast-check';
import * as tf from '../../src/index.js';
import { denseGradients } from '../helpers/dense_gradients.js';

/** One step: the builder to call, which earlier tensors to use, and its raw parameters. */
export interface Step {
  op: (typeof OPS)[number];
  picks: number[];
  ints: number[];
  num: number;
  flag: boolean;
  dtype: tf.DType;
}

/** A source placeholder: its dtype and static shape (null dims unknown, null for unknown rank). */
export interface Source {
  dtype: tf.DType;
  shape: (number | null)[] | null;
}

/** A program: placeholders, constants and variables to start from, then the steps. */
export interface Program {
  sources: Source[];
  consts: { values: number[]; dtype: tf.DType }[];
  steps: Step[];
  /** Picks count back from the newest tensor, so that steps chain (stateful programs). */
  recent?: boolean;
}

/** The builders the fuzzer calls (the public op vocabulary, plus gradients and an optimizer). */
export const OPS = [
  'add',
  'subtract',
  'multiply',
  'divide',
  'realdiv',
  'maximum',
  'minimum',
  'floordiv',
  'floormod',
  'equal',
  'greater',
  'greater_equal',
  'less',
  'less_equal',
  'negative',
  'log',
  'exp',
  'sqrt',
  'square',
  'reciprocal',
  'cast',
  'to_float',
  'reduce_sum',
  'reduce_mean',
  'reduce_max',
  'reduce_prod',
  'argmax',
  'matmul',
  'add_n',
  'softmax',
  'log_softmax',
  'relu',
  'xent',
  'xent_v2',
  'reshape',
  'identity',
  'stop_gradient',
  'shape',
  'size',
  'rank',
  'tile',
  'range',
  'expand_dims',
  'fill',
  'zeros',
  'ones',
  'zeros_like',
  'ones_like',
  'constant',
  'random_normal',
  'truncated_normal',
  'random_uniform',
  'variable',
  'assign',
  'assign_add',
  'assign_sub',
  'gradients',
  'minimize',
  'group',
  'operator_add',
  'operator_matmul',
  'operator_div',
] as const;

// float32 mostly, so that most binary ops type-check and programs grow deep; the others often enough.
const dtypeArb = fc.constantFrom<tf.DType>('float32', 'float32', 'float32', 'float32', 'float64', 'int32', 'int64', 'bool');
/**
 * Sizes and indices: mostly small, sometimes negative or far too large. The large ones exceed the engine's
 * 1 GiB allocation limit for every dtype (alone or squared), so a fuzz run never allocates gigabytes.
 */
export const sizeArb = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: -1, max: 4 }) },
  { weight: 1, arbitrary: fc.constantFrom(-7, 0, 1 << 16, 2 ** 31 - 1, 2 ** 40) },
);
/** Element values: ordinary, extreme and non-finite. */
export const valueArb = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: -5, max: 5 }) },
  { weight: 3, arbitrary: fc.double({ min: -10, max: 10, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, -0, 1e308, -1e308, 2 ** 53, 1e-320) },
);

const stepArb: fc.Arbitrary<Step> = fc.record({
  op: fc.constantFrom(...OPS),
  picks: fc.array(fc.nat(50), { minLength: 3, maxLength: 3 }),
  ints: fc.array(sizeArb, { maxLength: 4 }),
  num: valueArb,
  flag: fc.boolean(),
  dtype: dtypeArb,
});

const sourceArb: fc.Arbitrary<Source> = fc.record({
  dtype: dtypeArb,
  // Matrix shapes often, so matmul, softmax and the cross entropy get valid inputs; any shape sometimes.
  shape: fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom<(number | null)[]>([null, 3], [3, 3], [2, 3], [3], [], [null], [0, 3]) },
    { weight: 2, arbitrary: fc.array(fc.option(fc.integer({ min: 0, max: 3 }), { freq: 3 }), { maxLength: 3 }) },
    { weight: 1, arbitrary: fc.constant(null) },
  ),
});

/** Random programs of a few sources and up to `maxSteps` steps. */
export const programArb = (maxSteps = 12): fc.Arbitrary<Program> =>
  fc.record({
    sources: fc.array(sourceArb, { minLength: 1, maxLength: 3 }),
    consts: fc.array(fc.record({ values: fc.array(valueArb, { maxLength: 6 }), dtype: dtypeArb }), { maxLength: 2 }),
    steps: fc.array(stepArb, { minLength: 1, maxLength: maxSteps }),
  });

/** Builders that write variables, and builders whose kernels can fail on values known only at run time. */
const WRITERS = ['assign', 'assign_add', 'assign_sub', 'minimize', 'variable'] as const;
const VALUE_RISKY = [
  'reshape',
  'floordiv',
  'floormod',
  'fill',
  'tile',
  'range',
  'argmax',
  'expand_dims',
  'zeros',
  'add',
  'matmul',
  'reduce_sum',
  'cast',
] as const;

/**
 * Programs about state: float and int32 placeholders, variables made first, then writes to them mixed with
 * ops that may fail on fed values, to check that a failed run changes no variable.
 */
export const statefulProgramArb = (maxSteps = 10): fc.Arbitrary<Program> =>
  fc.record({
    sources: fc.array(
      fc.record({
        dtype: fc.constantFrom<tf.DType>('float32', 'int32', 'int32'),
        shape: fc.constantFrom<(number | null)[] | null>([2], [], [null], [2, 2], null),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    consts: fc.array(
      fc.record({
        values: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 2, maxLength: 4 }),
        dtype: fc.constantFrom<tf.DType>('float32', 'float32', 'int32'),
      }),
      { minLength: 1, maxLength: 2 },
    ),
    steps: fc
      .tuple(
        fc.array(
          stepArb.map((st) => ({ ...st, op: 'variable' as const, flag: true })),
          { minLength: 1, maxLength: 2 },
        ),
        // Mostly a write followed by an op on its result that may fail on fed values.
        fc
          .array(
            fc.tuple(fc.constantFrom(...WRITERS), fc.constantFrom(...VALUE_RISKY), stepArb, stepArb).map(([w, r, s1, s2]) => [
              { ...s1, op: w },
              { ...s2, op: r },
            ]),
            { minLength: 1, maxLength: Math.ceil(maxSteps / 2) },
          )
          .map((pairs) => pairs.flat()),
      )
      .map(([vars, rest]) => [...vars, ...rest]),
    recent: fc.constant(true),
  });

/** What a program built: every tensor and op, the placeholders and the variables. */
export interface Built {
  g: tf.Graph;
  tensors: tf.Tensor[];
  ops: tf.Operation[];
  placeholders: tf.Tensor[];
  consts: tf.Tensor[];
  variables: tf.RefVariable[];
  /** Errors the builders threw (each must be one of TF1's). */
  buildErrors: unknown[];
}

/** Interprets a program in a fresh graph; a builder that throws is recorded and the program goes on. */
export function build(p: Program): Built {
  const g = new tf.Graph();
  const b: Built = { g, tensors: [], ops: [], placeholders: [], consts: [], variables: [], buildErrors: [] };
  g.as_default(() => {
    for (const s of p.sources) {
      const t = tf.placeholder(s.dtype, s.shape);
      b.placeholders.push(t);
      b.tensors.push(t);
    }
    for (const c of p.consts) {
      try {
        const t = tf.constant(c.values, { dtype: c.dtype });
        b.consts.push(t);
        b.tensors.push(t);
      } catch (e) {
        b.buildErrors.push(e);
      }
    }
    for (const s of p.steps) {
      try {
        const out = apply(s, b, p.recent ?? false);
        if (out instanceof tf.Operation) b.ops.push(out);
        else if (out instanceof tf.RefVariable) {
          b.variables.push(out);
          b.tensors.push(out.value());
        } else if (Array.isArray(out)) b.tensors.push(...out.filter((t): t is tf.Tensor => t instanceof tf.Tensor));
        else if (out) b.tensors.push(out);
      } catch (e) {
        b.buildErrors.push(e);
      }
    }
  });
  return b;
}

type Out = tf.Tensor | tf.Operation | tf.RefVariable | (tf.Tensor | null)[] | null;

function apply(s: Step, b: Built, recent: boolean): Out {
  const n = b.tensors.length;
  // In chained programs the first operand is one of the newest tensors, the others any (fed shapes, divisors).
  const pick = (i: number): tf.Tensor => b.tensors[recent && i === 0 ? n - 1 - (s.picks[i]! % Math.min(n, 2)) : s.picks[i]! % n]!;
  const [x, y, z] = [pick(0), pick(1), pick(2)];
  const ints = s.ints;
  const axis = ints[0] ?? 0;
  const variable = (): tf.RefVariable | undefined => b.variables[s.picks[1]! % Math.max(1, b.variables.length)];
  switch (s.op) {
    case 'add':
      return tf.add(x, y);
    case 'subtract':
      return tf.subtract(x, y);
    case 'multiply':
      return tf.multiply(x, s.flag ? y : s.num);
    case 'divide':
      return tf.divide(x, y);
    case 'realdiv':
      return tf.realdiv(x, y);
    case 'maximum':
      return tf.maximum(x, y);
    case 'minimum':
      return tf.minimum(x, y);
    case 'floordiv':
      return tf.floordiv(x, y);
    case 'floormod':
      return tf.floormod(x, y);
    case 'equal':
      return tf.equal(x, y);
    case 'greater':
      return tf.greater(x, y);
    case 'greater_equal':
      return tf.greater_equal(x, y);
    case 'less':
      return tf.less(x, s.num);
    case 'less_equal':
      return tf.less_equal(x, y);
    case 'negative':
      return tf.negative(x);
    case 'log':
      return tf.log(x);
    case 'exp':
      return tf.exp(x);
    case 'sqrt':
      return tf.sqrt(x);
    case 'square':
      return tf.square(x);
    case 'reciprocal':
      return tf.reciprocal(x);
    case 'cast':
      return tf.cast(x, s.dtype);
    case 'to_float':
      return tf.to_float(x);
    case 'reduce_sum':
      return tf.reduce_sum(x, { axis: s.flag ? ints : undefined, keep_dims: ints.length % 2 === 1 });
    case 'reduce_mean':
      return tf.reduce_mean(x, { axis: s.flag ? y : axis });
    case 'reduce_max':
      return tf.reduce_max(x, { reduction_indices: s.flag ? null : ints });
    case 'reduce_prod':
      return tf.reduce_prod(x, { axis, keepdims: s.flag });
    case 'argmax':
      return tf.argmax(x, s.flag ? axis : y, { output_type: s.dtype === 'int32' ? 'int32' : 'int64' });
    case 'matmul':
      return tf.matmul(x, y, { transpose_a: s.flag, transpose_b: ints.length > 1 });
    case 'add_n':
      return tf.add_n([x, y, z].slice(0, 1 + (s.picks[2]! % 3)));
    case 'softmax':
      return tf.nn.softmax(x);
    case 'log_softmax':
      return tf.nn.log_softmax(x);
    case 'relu':
      return tf.nn.relu(x);
    case 'xent':
      return tf.nn.softmax_cross_entropy_with_logits({ labels: y, logits: x });
    case 'xent_v2':
      return tf.nn.softmax_cross_entropy_with_logits_v2({ labels: y, logits: x });
    case 'reshape':
      return tf.reshape(x, s.flag ? ints : y);
    case 'identity':
      return tf.identity(x);
    case 'stop_gradient':
      return tf.stop_gradient(x);
    case 'shape':
      return tf.shape(x, { out_type: s.flag ? 'int32' : 'int64' });
    case 'size':
      return tf.size(x);
    case 'rank':
      return tf.rank(x);
    case 'tile':
      return tf.tile(x, s.flag ? ints : y);
    case 'range':
      return s.flag ? tf.range(ints[0] ?? 0, ints[1] ?? s.num, ints[2] ?? 1) : tf.range(x, y, z);
    case 'expand_dims':
      return tf.expand_dims(x, s.flag ? axis : y);
    case 'fill':
      return tf.fill(s.flag ? ints : x, s.flag ? y : s.num);
    case 'zeros':
      return tf.zeros(s.flag ? ints : x, s.dtype);
    case 'ones':
      return tf.ones(ints, s.dtype);
    case 'zeros_like':
      return tf.zeros_like(x);
    case 'ones_like':
      return tf.ones_like(x);
    case 'constant':
      return tf.constant(s.num, { dtype: s.dtype, shape: s.flag ? ints : undefined });
    case 'random_normal':
      return tf.random_normal(ints, { seed: s.picks[0], dtype: s.dtype });
    case 'truncated_normal':
      return tf.truncated_normal(ints, { stddev: s.num });
    case 'random_uniform':
      return tf.random_uniform(ints, { minval: s.num, maxval: ints[0] ?? 1, seed: s.flag ? 3 : undefined });
    case 'variable': {
      // Chained programs start their variables from constants, so the initializer needs no feed.
      const init = recent ? (b.consts[s.picks[0]! % b.consts.length] ?? x) : x;
      return tf.Variable(init, { validate_shape: s.flag || ints.length === 0, trainable: ints.length !== 1 });
    }
    case 'assign': {
      const v = variable();
      return v ? v.assign(x) : null;
    }
    case 'assign_add': {
      const v = variable();
      return v ? v.assign_add(s.flag ? x : s.num) : null;
    }
    case 'assign_sub': {
      const v = variable();
      return v ? v.assign_sub(x) : null;
    }
    case 'gradients':
      return denseGradients(x, s.flag ? [y, z] : b.variables.length ? b.variables.map((v) => v.value()) : [y]);
    case 'minimize': {
      // A loss that reaches every float variable, so the optimizer has something to update.
      const terms = [x, ...b.variables.filter((v) => v.dtype === x.dtype).map((v) => tf.reduce_sum(v.value()))];
      return new tf.train.GradientDescentOptimizer(s.flag ? 0.1 : s.num).minimize(tf.add_n(terms.map((t) => tf.reduce_sum(t))));
    }
    case 'group':
      return tf.group([x, y, ...b.ops.slice(0, 2)]);
    case 'operator_add':
      return x.add(s.num);
    case 'operator_matmul':
      return x.matmul(y);
    case 'operator_div':
      return x.div(y);
  }
}
