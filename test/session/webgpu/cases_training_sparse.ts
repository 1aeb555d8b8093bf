/**
 * Parity cases of the optimizers' SparseApply* ops: a variable of random shape (rank ≥ 1) and its slots, random
 * indices into its rows (often repeated, int32 or int64) with a gradient row each, applied twice, then all read.
 */
import fc from 'fast-check';
import type { NDArray } from '../../../src/framework/ndarray.js';
import type { OpAttrs } from '../../../src/framework/op_defs.js';
import { SPARSE_APPLY_INPUTS, type SparseApplyType, type TrainingSparseAttrs } from '../../../src/framework/ops/training_sparse.js';
import { arrayOf, floatValue, nd, positiveValue, shapeOf } from './harness.js';
import { parity, type ParityCase } from './cases_math.js';
import { updateRuns, type ScalesOf } from './cases_training.js';
import { ftrlScales, type Update } from './ftrl_scales.js';

/** A case of `type`: refs drawn by `refValues` (one per ref input), the scalar inputs `scalars` in input order. */
function sparseCase<K extends SparseApplyType>(
  type: K,
  refValues: readonly fc.Arbitrary<number>[],
  scalars: readonly number[],
  attrs: (flag: boolean) => OpAttrs[K],
  scalesOf?: ScalesOf,
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
  return parity(arb, (g, [inits, indices, grad, flag]) =>
    updateRuns(
      g,
      type,
      SPARSE_APPLY_INPUTS[type],
      inits,
      { grad, indices },
      scalars,
      attrs(flag),
      scalesOf?.(inits, rowUpdates(inits[0]!, indices, grad), scalars),
    ),
  );
}

/** A sparse op's element updates in order: each index's row of the variable, with its row of the gradient. */
function rowUpdates(w: NDArray, indices: NDArray, grad: NDArray): Update[] {
  const inner = w.shape.slice(1).reduce((a, b) => a * b, 1);
  const updates: Update[] = [];
  Array.from(indices.data, Number).forEach((row, k) => {
    for (let j = 0; j < inner; j++) updates.push([row * inner + j, grad.data[k * inner + j] as number]);
  });
  return updates;
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
  SparseApplyFtrl: sparseCase('SparseApplyFtrl', [floatValue, positiveValue, floatValue], [0.5, 0.125, 0.25, -0.5], LOCK, ftrlScales),
  // lr, l1, l2, l2_shrinkage, lr_power (−0.75: the pow branch)
  SparseApplyFtrlV2: sparseCase('SparseApplyFtrlV2', [floatValue, positiveValue, floatValue], [0.5, 0.125, 0.25, 0.0625, -0.75], LOCK, ftrlScales),
  // lr, rho, epsilon
  SparseApplyAdadelta: sparseCase('SparseApplyAdadelta', [floatValue, positiveValue, positiveValue], [0.5, 0.875, 0.0625], LOCK),
} satisfies Record<keyof TrainingSparseAttrs, ParityCase>;
