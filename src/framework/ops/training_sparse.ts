// The optimizers' sparse update ops (tensorflow/core/ops/training_ops.cc, r1.12): as the dense Apply* ops
// (training.ts), each writes its variable and slots in place, but only the rows `indices` names, row i of `grad`
// going to row indices[i]. Not differentiable: TF1 registers no gradient.
import type { OpDefs, ShapeRule } from '../op_def.js';
import type { OpAttrs, OpType } from '../op_defs.js';
import { TensorShape } from '../shape.js';
import { FLOATS, INDEX, inShape, mergeDim, one, withRank, withRankAtLeast } from '../shape_util.js';
import { mergeWhole } from './array_shapes.js';

type Locking = { use_locking: boolean };

/** The attributes of the SparseApply* ops. */
export interface TrainingSparseAttrs {
  SparseApplyMomentum: { use_locking: boolean; use_nesterov: boolean };
  SparseApplyAdagrad: { use_locking: boolean; update_slots: boolean };
  SparseApplyProximalAdagrad: Locking;
  SparseApplyProximalGradientDescent: Locking;
  SparseApplyRMSProp: Locking;
  SparseApplyCenteredRMSProp: Locking;
  SparseApplyFtrl: Locking;
  SparseApplyFtrlV2: Locking;
  SparseApplyAdadelta: Locking;
}

/** A SparseApply* op type. */
export type SparseApplyType = keyof TrainingSparseAttrs;

/**
 * TF1's shape functions of the SparseApply* ops, in input order: the refs merge into one shape, every scalar input
 * has rank 0, and at `grad` (HandleGradAndIndicesInputs) `indices` is a vector as long as grad's first dimension
 * and grad's other dimensions merge with the variable's. The output has the merged shape.
 */
function sparseShape<K extends OpType>(names: readonly string[], refs: number): ShapeRule<K> {
  return (c) => {
    let s = inShape(c, 0);
    names.forEach((name, i) => {
      const shape = inShape(c, i);
      if (i > 0 && i < refs) s = mergeWhole(s, shape);
      else if (name === 'grad') {
        const indices = withRank(inShape(c, i + 1), 1);
        // r1.12 reads grad's dimension 0 unchecked; a scalar grad is refused here rather than read out of range
        withRankAtLeast(shape, 1);
        mergeDim(indices.dims![0]!, shape.dims?.[0] ?? null);
        if (shape.dims !== null) s = mergeWhole(s, new TensorShape([null, ...shape.dims.slice(1)]));
      } else if (i >= refs && name !== 'indices') withRank(shape, 0);
    });
    return one(c.inputs[0]!.dtype, s);
  };
}

/** The definition of a SparseApply* op from REGISTER_OP's input names, of which the first `refs` are written in place. */
function sparse<K extends SparseApplyType>(names: readonly string[], refs: number, attrs: { readonly [A in keyof OpAttrs[K]]-?: 'bool' }) {
  return {
    inputs: names.map((name) => ({ name, type: name === 'indices' ? { attr: 'Tindices', allowed: INDEX } : { attr: 'T', allowed: FLOATS } })),
    attrs,
    // its kernel reads the indices' values (and some hyperparameters') and refuses bad ones
    flags: { stateful: true, writesRef: true, refInputs: Array.from({ length: refs }, (_, i) => i), valueChecked: true },
    shape: sparseShape<K>(names, refs),
    grad: null,
  } as const;
}

const LOCKING = { use_locking: 'bool' } as const;

/** The SparseApply* ops' input names, as REGISTER_OP lists them. */
export const SPARSE_APPLY_INPUTS: { readonly [K in SparseApplyType]: readonly string[] } = {
  SparseApplyMomentum: ['var', 'accum', 'lr', 'grad', 'indices', 'momentum'],
  SparseApplyAdagrad: ['var', 'accum', 'lr', 'grad', 'indices'],
  SparseApplyProximalAdagrad: ['var', 'accum', 'lr', 'l1', 'l2', 'grad', 'indices'],
  SparseApplyProximalGradientDescent: ['var', 'alpha', 'l1', 'l2', 'grad', 'indices'],
  SparseApplyRMSProp: ['var', 'ms', 'mom', 'lr', 'rho', 'momentum', 'epsilon', 'grad', 'indices'],
  SparseApplyCenteredRMSProp: ['var', 'mg', 'ms', 'mom', 'lr', 'rho', 'momentum', 'epsilon', 'grad', 'indices'],
  SparseApplyFtrl: ['var', 'accum', 'linear', 'grad', 'indices', 'lr', 'l1', 'l2', 'lr_power'],
  SparseApplyFtrlV2: ['var', 'accum', 'linear', 'grad', 'indices', 'lr', 'l1', 'l2', 'l2_shrinkage', 'lr_power'],
  SparseApplyAdadelta: ['var', 'accum', 'accum_update', 'lr', 'rho', 'epsilon', 'grad', 'indices'],
};

/** How many ref inputs (the variable, then its slots) each SparseApply* op writes. */
export const SPARSE_APPLY_REFS: { readonly [K in SparseApplyType]: number } = {
  SparseApplyMomentum: 2,
  SparseApplyAdagrad: 2,
  SparseApplyProximalAdagrad: 2,
  SparseApplyProximalGradientDescent: 1,
  SparseApplyRMSProp: 3,
  SparseApplyCenteredRMSProp: 4,
  SparseApplyFtrl: 3,
  SparseApplyFtrlV2: 3,
  SparseApplyAdadelta: 3,
};

const def = <K extends SparseApplyType>(type: K, attrs: { readonly [A in keyof OpAttrs[K]]-?: 'bool' }) =>
  sparse<K>(SPARSE_APPLY_INPUTS[type], SPARSE_APPLY_REFS[type], attrs);

/** Whether an op type is one of the SparseApply* ops. */
export const isSparseApply = (type: string): type is SparseApplyType => Object.hasOwn(SPARSE_APPLY_INPUTS, type);

/** Definitions of the optimizers' sparse update ops. */
export const TRAINING_SPARSE_OPS: OpDefs<TrainingSparseAttrs> = {
  SparseApplyMomentum: def('SparseApplyMomentum', { use_locking: 'bool', use_nesterov: 'bool' }),
  SparseApplyAdagrad: def('SparseApplyAdagrad', { use_locking: 'bool', update_slots: 'bool' }),
  SparseApplyProximalAdagrad: def('SparseApplyProximalAdagrad', LOCKING),
  SparseApplyProximalGradientDescent: def('SparseApplyProximalGradientDescent', LOCKING),
  SparseApplyRMSProp: def('SparseApplyRMSProp', LOCKING),
  SparseApplyCenteredRMSProp: def('SparseApplyCenteredRMSProp', LOCKING),
  SparseApplyFtrl: def('SparseApplyFtrl', LOCKING),
  SparseApplyFtrlV2: def('SparseApplyFtrlV2', LOCKING),
  SparseApplyAdadelta: def('SparseApplyAdadelta', LOCKING),
};
