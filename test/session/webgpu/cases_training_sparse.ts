/**
 * Parity cases of the optimizers' SparseApply* ops: a variable of random shape (rank ≥ 1) and its slots, random
 * indices into its rows (often repeated, int32 or int64) with a gradient row each, applied twice, then all read.
 */
import fc from 'fast-check';
import type { OpAttrs } from '../../../src/framework/op_defs.js';
import { SPARSE_APPLY_INPUTS, type SparseApplyType, type TrainingSparseAttrs } from '../../../src/framework/ops/training_sparse.js';
import { arrayOf, floatValue, nd, positiveValue, shapeOf } from './harness.js';
import { parity, type ParityCase } from './cases_math.js';
import { updateRuns } from './cases_training.js';

/** A case of `type`: refs drawn by `refValues` (one per ref input), the scalar inputs `scalars` in input order. */
function sparseCase<K extends SparseApplyType>(
  type: K,
  refValues: readonly fc.Arbitrary<number>[],
  scalars: readonly number[],
  attrs: (flag: boolean) => OpAttrs[K],
): ParityCase {
  const arb = fc
    .tuple(
      shapeOf(3, 4, false).filter((s) => s.length >= 1),
      fc.integer({ min: 0, max: 6 }),
      fc.boolean(),
      fc.boolean(),
    )
    .chain(([shape, n, int64, flag]) =>
      fc.tuple(
        fc.tuple(...refValues.map((v) => arrayOf(shape, 'float32', v))),
        fc.array(fc.integer({ min: 0, max: shape[0]! - 1 }), { minLength: n, maxLength: n }).map((rows) => nd(rows, [n], int64 ? 'int64' : 'int32')),
        arrayOf([n, ...shape.slice(1)], 'float32', floatValue),
        fc.constant(flag),
      ),
    );
  return parity(arb, (g, [inits, indices, grad, flag]) => updateRuns(g, type, SPARSE_APPLY_INPUTS[type], inits, { grad, indices }, scalars, attrs(flag)));
}

const onePlus = positiveValue.map((v) => v + 1);
const small = floatValue.map((v) => v / 8);
const LOCK = () => ({ use_locking: false });

/** Cases of the sparse update ops. */
export const TRAINING_SPARSE_CASES = {
  // lr, momentum
  SparseApplyMomentum: sparseCase('SparseApplyMomentum', [floatValue, floatValue], [0.125, 0.75], (use_nesterov) => ({ use_locking: false, use_nesterov })),
  // lr
  SparseApplyAdagrad: sparseCase('SparseApplyAdagrad', [floatValue, positiveValue], [0.125], (update_slots) => ({ use_locking: false, update_slots })),
  // lr, l1, l2 (l1 > 0: the soft-threshold branch)
  SparseApplyProximalAdagrad: sparseCase('SparseApplyProximalAdagrad', [floatValue, positiveValue], [0.5, 0.125, 0.25], LOCK),
  // alpha, l1, l2
  SparseApplyProximalGradientDescent: sparseCase('SparseApplyProximalGradientDescent', [floatValue], [0.5, 0.125, 0.25], LOCK),
  // lr, rho, momentum, epsilon
  SparseApplyRMSProp: sparseCase('SparseApplyRMSProp', [floatValue, positiveValue, floatValue], [0.125, 0.875, 0.5, 0.0625], LOCK),
  SparseApplyCenteredRMSProp: sparseCase('SparseApplyCenteredRMSProp', [floatValue, small, onePlus, floatValue], [0.125, 0.875, 0.5, 0.0625], LOCK),
  // lr, l1, l2, lr_power (−0.5: the √ branch)
  SparseApplyFtrl: sparseCase('SparseApplyFtrl', [floatValue, positiveValue, floatValue], [0.5, 0.125, 0.25, -0.5], LOCK),
  // lr, l1, l2, l2_shrinkage, lr_power (−0.75: the pow branch)
  SparseApplyFtrlV2: sparseCase('SparseApplyFtrlV2', [floatValue, positiveValue, floatValue], [0.5, 0.125, 0.25, 0.0625, -0.75], LOCK),
  // lr, rho, epsilon
  SparseApplyAdadelta: sparseCase('SparseApplyAdadelta', [floatValue, positiveValue, positiveValue], [0.5, 0.875, 0.0625], LOCK),
} satisfies Record<keyof TrainingSparseAttrs, ParityCase>;
