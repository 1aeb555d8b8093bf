// tf.train's learning-rate decay (python/training/learning_rate_decay.py r1.12, which in graph mode returns the
// tensor its learning_rate_decay_v2 function builds): each builds its ops in a name scope (`ExponentialDecay`, ...)
// from the global step cast to the learning rate's dtype. Differences from r1.12's node structure:
// - piecewise_constant: TF1 builds control_flow_ops.case (Switch/Merge under `case/`); tf1-ts has no cond, so the
//   same mutually exclusive predicates choose the value through nested Selects (tf.where), the outer one `case`.
// - polynomial_decay(cycle=True): TF1's cond(global_step == 0, 1.0, ceil(global_step / decay_steps)) is a Select.
// A JS number as learning_rate (or as a float parameter) is float32, as TF1's Python floats are.
import type { DType } from '../framework/dtypes.js';
import { opt, req, tf1 } from '../framework/args.js';
import { ValueError } from '../framework/errors.js';
import type { Tensor } from '../graph/tensor.js';
import { toTensor, type TensorLike } from '../ops/convert.js';
import { BOOL, STR, TENSOR, list } from '../ops/kinds.js';
import { cast, div, exp, minimum, multiply, negative, add, equal, pow } from '../ops/math_ops.js';
import { ceil, cos, floor } from '../ops/math_unary_ops.js';
import { binary, truediv } from '../ops/operators.js';
import { name_scope } from '../ops/scopes.js';
import { where } from '../ops/select_ops.js';

/** A float parameter in `dtype`: a JS number becomes a Const of it (TF1's Python float), a tensor is cast. */
const asFloat = (v: TensorLike, dtype: DType): Tensor => (typeof v === 'number' ? toTensor(v, { dtype }) : cast(v, dtype));
/** TF1's `ops.convert_to_tensor(learning_rate, name="learning_rate")`. */
const asRate = (v: TensorLike, name = 'learning_rate'): Tensor => toTensor(v, typeof v === 'number' ? { dtype: 'float32', name } : { name });

const required = (fn: string, v: unknown): void => {
  if (v == null) throw new ValueError(`global_step is required for ${fn}.`);
};

const STEPPED = [
  req('learning_rate', TENSOR),
  req('global_step', TENSOR),
  req('decay_steps', TENSOR),
  req('decay_rate', TENSOR),
  opt('staircase', BOOL),
  opt('name', STR),
] as const;

/** The scope, learning rate and `p` = global_step / decay_steps (floored with staircase) of the three stepped decays. */
function stepped<T>(
  fn: string,
  scope: string,
  a: { learning_rate: TensorLike; global_step: TensorLike; decay_steps: TensorLike; decay_rate: TensorLike; staircase?: boolean | null; name?: string | null },
  body: (name: string, lr: Tensor, rate: Tensor, p: Tensor) => T,
): T {
  required(fn, a.global_step);
  return name_scope(a.name ?? null, scope, [a.learning_rate, a.global_step, a.decay_steps, a.decay_rate], (name) => {
    const lr = asRate(a.learning_rate);
    const steps = cast(a.decay_steps, lr.dtype);
    const rate = asFloat(a.decay_rate, lr.dtype);
    let p = truediv(cast(a.global_step, lr.dtype), steps);
    if (a.staircase) p = floor(p);
    return body(name, lr, rate, p);
  });
}

/** `tf.train.exponential_decay(learning_rate, global_step, decay_steps, decay_rate, staircase=False, name=None)`: learning_rate * decay_rate ^ (global_step / decay_steps). */
export const exponential_decay = tf1('train.exponential_decay', STEPPED, (a) =>
  stepped('exponential_decay', 'ExponentialDecay', a, (name, lr, rate, p) => multiply(lr, pow(rate, p), { name })),
);

/** `tf.train.natural_exp_decay(...)`: learning_rate * exp(-decay_rate * global_step / decay_steps). */
export const natural_exp_decay = tf1('train.natural_exp_decay', STEPPED, (a) =>
  stepped('natural_exp_decay', 'NaturalExpDecay', a, (name, lr, rate, p) => multiply(lr, exp(multiply(negative(rate), p)), { name })),
);

/** `tf.train.inverse_time_decay(...)`: learning_rate / (1 + decay_rate * global_step / decay_steps). */
export const inverse_time_decay = tf1('train.inverse_time_decay', STEPPED, (a) =>
  stepped('inverse_time_decay', 'InverseTimeDecay', a, (name, lr, rate, p) => {
    const one = cast(toTensor(1), lr.dtype);
    return div(lr, add(one, multiply(rate, p)), { name });
  }),
);

/**
 * `tf.train.polynomial_decay(learning_rate, global_step, decay_steps, end_learning_rate=0.0001, power=1.0,
 * cycle=False, name=None)`: (learning_rate - end) * (1 - step / decay_steps) ^ power + end, the step capped at
 * decay_steps, or with cycle decay_steps stretched to the first multiple past the step.
 */
export const polynomial_decay = tf1(
  'train.polynomial_decay',
  [
    req('learning_rate', TENSOR),
    req('global_step', TENSOR),
    req('decay_steps', TENSOR),
    opt('end_learning_rate', TENSOR),
    opt('power', TENSOR),
    opt('cycle', BOOL),
    opt('name', STR),
  ],
  (a) => {
    required('polynomial_decay', a.global_step);
    const end0 = a.end_learning_rate ?? 0.0001;
    const power0 = a.power ?? 1.0;
    return name_scope(a.name ?? null, 'PolynomialDecay', [a.learning_rate, a.global_step, a.decay_steps, end0, power0], (scope) => {
      const lr = asRate(a.learning_rate);
      const dtype = lr.dtype;
      const end = asFloat(end0, dtype);
      const power = asFloat(power0, dtype);
      let step = cast(a.global_step, dtype);
      let steps = cast(a.decay_steps, dtype);
      if (a.cycle) {
        const multiplier = where(equal(step, 0), toTensor(1.0, { dtype }), ceil(truediv(step, asStepsLike(a.decay_steps, dtype))));
        steps = multiply(steps, multiplier);
      } else {
        step = minimum(step, asStepsLike(a.decay_steps, dtype));
      }
      const p = div(step, steps);
      const one = toTensor(1, { dtype });
      return add(multiply(binary('Sub', 'sub', lr, end), pow(binary('Sub', 'sub', one, p), power)), end, { name: scope });
    });
  },
);

/** TF1 mixes the raw decay_steps into float ops (a Python int converts to the other operand's dtype). */
const asStepsLike = (v: TensorLike, dtype: DType): TensorLike => (typeof v === 'number' ? toTensor(v, { dtype }) : v);

/** `tf.train.cosine_decay(learning_rate, global_step, decay_steps, alpha=0.0, name=None)`: learning_rate * ((1 - alpha) * 0.5 * (1 + cos(pi * min(step, decay_steps) / decay_steps)) + alpha). */
export const cosine_decay = tf1(
  'train.cosine_decay',
  [req('learning_rate', TENSOR), req('global_step', TENSOR), req('decay_steps', TENSOR), opt('alpha', TENSOR), opt('name', STR)],
  (a) => {
    if (a.global_step == null) throw new ValueError('cosine decay requires global_step');
    const alpha = a.alpha ?? 0.0;
    return name_scope(a.name ?? null, 'CosineDecay', [a.learning_rate, a.global_step], () => {
      const lr = asRate(a.learning_rate);
      const dtype = lr.dtype;
      const steps = cast(a.decay_steps, dtype);
      const step = minimum(cast(a.global_step, dtype), steps);
      const fraction = truediv(step, steps);
      const cosine = binary('Mul', 'mul', 0.5, binary('Add', 'add', 1.0, cos(binary('Mul', 'mul', toTensor(Math.PI, { dtype: 'float32' }), fraction))));
      const keep = typeof alpha === 'number' ? 1 - alpha : binary('Sub', 'sub', 1, alpha);
      const decayed = binary('Add', 'add', binary('Mul', 'mul', keep, cosine), alpha);
      return multiply(lr, decayed);
    });
  },
);

/**
 * `tf.train.piecewise_constant(x, boundaries, values, name=None)`: values[0] while x <= boundaries[0], values[i]
 * while boundaries[i-1] < x <= boundaries[i], values[-1] past the last boundary (see the header for the Selects).
 * JS numbers: boundaries take x's dtype when they fit it (TF1 compares a Python int to an int x and a float to a
 * float x), values are float32 when any is fractional, else int32.
 */
export const piecewise_constant = tf1(
  'train.piecewise_constant',
  [req('x', TENSOR), req('boundaries', list(TENSOR)), req('values', list(TENSOR)), opt('name', STR)],
  (a) => {
    if (a.boundaries.length !== a.values.length - 1) throw new ValueError('The length of boundaries should be 1 less than the length of values');
    return name_scope(a.name ?? null, 'PiecewiseConstant', [a.x, a.boundaries, a.values], () => {
      const x = toTensor(a.x);
      const bounds = a.boundaries.map((b) => {
        let t =
          typeof b === 'number' && (Number.isInteger(b) || !isInt(x.dtype)) ? toTensor(b, { dtype: x.dtype === 'int64' ? 'int32' : x.dtype }) : toTensor(b);
        if (t.dtype !== x.dtype) {
          if (t.dtype === 'int32' && x.dtype === 'int64') t = cast(t, 'int64');
          else throw new ValueError(`Boundaries (${t.dtype}) must have the same dtype as x (${x.dtype}).`);
        }
        return t;
      });
      const fractional = a.values.some((v) => typeof v === 'number' && !Number.isInteger(v));
      const values = a.values.map((v) => toTensor(v, typeof v === 'number' ? { dtype: fractional ? 'float32' : 'int32' } : {}));
      for (const v of values.slice(1)) {
        if (v.dtype !== values[0]!.dtype) throw new ValueError(`Values must have elements all with the same dtype (${values[0]!.dtype} vs ${v.dtype}).`);
      }
      const pairs: [Tensor, Tensor][] = [
        [binary('LessEqual', 'LessEqual', x, bounds[0]!), values[0]!],
        [binary('Greater', 'Greater', x, bounds.at(-1)!), values.at(-1)!],
      ];
      for (let i = 0; i + 1 < bounds.length; i++) {
        const pred = binary('LogicalAnd', 'and', binary('Greater', 'Greater', x, bounds[i]!), binary('LessEqual', 'LessEqual', x, bounds[i + 1]!));
        pairs.push([pred, values[i + 1]!]);
      }
      let out = values[0]!; // TF1's default: unreachable, the predicates being exclusive and exhaustive.
      for (let i = pairs.length - 1; i >= 0; i--) out = where(pairs[i]![0], pairs[i]![1], out, { name: i === 0 ? 'case' : undefined });
      return out;
    });
  },
);

const isInt = (d: DType): boolean => d.startsWith('int') || d.startsWith('uint');
