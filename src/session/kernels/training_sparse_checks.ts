import { InvalidArgumentError } from '../../framework/errors.js';
import { SPARSE_APPLY_INPUTS, SPARSE_APPLY_REFS, type SparseApplyType } from '../../framework/ops/training_sparse.js';
import { sameShape, shapeStr } from './util.js';

// The run-time checks of the SparseApply* ops (TF1 r1.12's core/kernels/training_ops.cc), in each kernel's order
// and words, shared by both backends: every one runs before anything is written, so a bad input leaves the
// variable and its slots unchanged (TF1's kernels check the indices while they write, for some ops).

/** One of a kernel's checks, in its order. */
type Check =
  /** `var and <what> do not have the same shape[..] [..]` */
  | { readonly same: number; readonly what: string }
  /** `var must be at least 1 dimensional` */
  | 'rank'
  /** `<text>: [..]` unless the input is a scalar (whose value, when `ok` is given, passes it) */
  | { readonly scalar: number; readonly text: string; readonly ok?: (v: number) => boolean }
  /** `indices must be one-dimensional` */
  | 'indices'
  /** grad's inner dimensions are var's, and its first is the number of indices */
  | 'grad';

const positive = (v: number): boolean => v > 0;
const nonNegative = (v: number): boolean => v >= 0;
const nonPositive = (v: number): boolean => v <= 0;
const scalar = (i: number, text: string, ok?: (v: number) => boolean): Check => ({ scalar: i, text, ok });
const L1 = 'l1 regularization strength is not a';
const L2 = 'l2 regularization strength is not a';

/** Ftrl's checks: the refs, then lr, l1, l2 and lr_power (at `power`), grad, and last (V2) the shrinkage. */
const ftrl = (power: number, shrinkage: boolean): readonly Check[] => [
  { same: 1, what: 'accum' },
  { same: 2, what: 'linear' },
  'rank',
  'indices',
  scalar(5, 'lr is not a positive scalar', positive),
  scalar(6, `${L1} non-negative scalar`, nonNegative),
  scalar(7, `${L2} non-negative scalar`, nonNegative),
  scalar(power, 'lr_power is not a non-positive scalar', nonPositive),
  'grad',
  ...(shrinkage ? [scalar(8, 'l2 shrinkage regularization strength is not a non-negative scalar', nonNegative)] : []),
];

const rmsScalars = (at: number): Check[] => ['lr', 'rho', 'momentum', 'epsilon'].map((n, k) => scalar(at + k, `${n} is not a scalar`));

/** Each SparseApply* kernel's checks, as r1.12 orders and words them. */
const CHECKS: { readonly [K in SparseApplyType]: readonly Check[] } = {
  // r1.12's SparseApplyMomentumOp words lr's message with a space before the colon
  SparseApplyMomentum: [{ same: 1, what: 'accum' }, 'rank', scalar(2, 'lr is not a scalar '), 'indices', 'grad', scalar(5, 'momentum is not a scalar')],
  SparseApplyAdagrad: [{ same: 1, what: 'accum' }, 'rank', scalar(2, 'lr is not a scalar'), 'indices', 'grad'],
  SparseApplyProximalAdagrad: [
    { same: 1, what: 'accum' },
    'rank',
    scalar(2, 'lr is not a positive scalar', positive),
    scalar(3, `${L1} non-negative scalar`, nonNegative),
    scalar(4, `${L2} non-negative scalar`, nonNegative),
    'indices',
    'grad',
  ],
  // its input is `alpha`, its message lr's
  SparseApplyProximalGradientDescent: ['rank', scalar(1, 'lr is not a scalar'), scalar(2, `${L1} scalar`), scalar(3, `${L2} scalar`), 'indices', 'grad'],
  SparseApplyRMSProp: [...rmsScalars(3), { same: 1, what: 'ms' }, { same: 2, what: 'mom' }, 'rank', 'indices', 'grad'],
  SparseApplyCenteredRMSProp: [...rmsScalars(4), { same: 1, what: 'mg' }, { same: 2, what: 'ms' }, { same: 3, what: 'mom' }, 'rank', 'indices', 'grad'],
  SparseApplyFtrl: ftrl(8, false),
  SparseApplyFtrlV2: ftrl(9, true),
  SparseApplyAdadelta: [
    { same: 1, what: 'accum_grad' },
    { same: 2, what: 'accum_update' },
    'rank',
    scalar(3, 'lr is not a scalar'),
    scalar(4, 'rho is not a scalar'),
    scalar(5, 'epsilon is not a scalar'),
    'indices',
    'grad',
  ],
};

/** Where a SparseApply* op's grad and indices are among its inputs. */
export const gradIndex = (type: SparseApplyType): number => SPARSE_APPLY_INPUTS[type].indexOf('grad');

/** The positions of a SparseApply* op's scalar inputs (its hyperparameters), in input order. */
export function scalarInputs(type: SparseApplyType): number[] {
  const names = SPARSE_APPLY_INPUTS[type];
  return names.flatMap((n, i) => (i >= SPARSE_APPLY_REFS[type] && n !== 'grad' && n !== 'indices' ? [i] : []));
}

/**
 * A SparseApply* op's checks of its inputs' shapes and of its hyperparameters' values (`value(i)`: input i's one
 * element, read only once its shape is a scalar's), as TF1's kernel makes them: InvalidArgumentError naming `name`.
 */
export function checkSparseApply(type: SparseApplyType, name: string, shapes: readonly (readonly number[])[], value: (i: number) => number): void {
  const fail = (m: string): never => {
    throw new InvalidArgumentError(m, name);
  };
  const v = shapes[0]!;
  const g = gradIndex(type);
  const grad = shapes[g]!;
  const indices = shapes[g + 1]!;
  for (const c of CHECKS[type]) {
    if (c === 'rank') {
      if (v.length < 1) fail('var must be at least 1 dimensional');
    } else if (c === 'indices') {
      if (indices.length !== 1) fail('indices must be one-dimensional');
    } else if (c === 'grad') {
      // r1.12 compares var's dimensions 1.. with grad's; a grad of another rank is refused at the first that differs
      for (let d = 1; d < Math.max(v.length, grad.length); d++) if (v[d] !== grad[d]) fail(`var and grad must match in dimension ${d}`);
      if (grad[0] !== indices[0]) fail('grad must be the same size as indices in the first dimension.');
    } else if ('same' in c) {
      if (!sameShape(v, shapes[c.same]!)) fail(`var and ${c.what} do not have the same shape${shapeStr(v)} ${shapeStr(shapes[c.same]!)}`);
    } else {
      const s = shapes[c.scalar]!;
      if (s.length !== 0 || (c.ok && !c.ok(value(c.scalar)))) fail(`${c.text}: ${shapeStr(s)}`);
    }
  }
}

/** The rows a SparseApply* op updates: its indices' values, each in [0, rows), or TF1's InvalidArgumentError naming the first that is not. */
export function sparseRows(name: string, indices: ArrayLike<number>, rows: number): Int32Array {
  const out = new Int32Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const index = indices[i]!;
    if (!(index >= 0 && index < rows)) throw new InvalidArgumentError(`Index ${index} at offset ${i} in indices is out of range`, name);
    out[i] = index;
  }
  return out;
}
