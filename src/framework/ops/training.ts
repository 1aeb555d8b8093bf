// The optimizers' update ops (tensorflow/core/ops/training_ops.cc): each writes its variable and its slots (TF1's
// Ref(T) inputs) in place and outputs the variable's storage. Not differentiable: TF1 registers no gradient.
import type { OpDefs, ShapeRule } from '../op_def.js';
import type { OpAttrs, OpType } from '../op_defs.js';
import { FLOATS, allowDtypes, inShape, mergeShapes, one, sameDtype, withRank } from '../shape_util.js';

/** The attributes of the Apply* ops. */
export interface TrainingAttrs {
  ApplyMomentum: { use_locking: boolean; use_nesterov: boolean };
  ApplyAdam: { use_locking: boolean; use_nesterov: boolean };
  ApplyAdagrad: { use_locking: boolean; update_slots: boolean };
  ApplyRMSProp: { use_locking: boolean };
  ApplyCenteredRMSProp: { use_locking: boolean };
}

/**
 * TF1's shape functions of the dense Apply* ops: the ref inputs (0..refs-1) and `grad` merge into one shape,
 * every other input is a scalar; the output has the merged shape.
 */
function applyShape<K extends OpType>(names: readonly string[], refs: number): ShapeRule<K> {
  const grad = names.findIndex((n) => n === 'grad' || n === 'delta');
  return (c) => {
    const d = sameDtype(c, names);
    allowDtypes(c, 0, 'T', FLOATS);
    let s = inShape(c, 0);
    for (let i = 1; i < refs; i++) s = mergeShapes(s, inShape(c, i));
    names.forEach((_, i) => {
      if (i >= refs && i !== grad) withRank(inShape(c, i), 0);
    });
    return one(d, mergeShapes(s, inShape(c, grad)));
  };
}

/** The definition of an Apply* op from REGISTER_OP's input names, of which the first `refs` are written in place. */
export function apply<K extends OpType>(names: readonly string[], refs: number, attrs: { readonly [A in keyof OpAttrs[K]]-?: 'bool' }) {
  return {
    inputs: names.map((name) => ({ name, type: { attr: 'T', allowed: FLOATS } })),
    attrs,
    flags: { stateful: true, writesRef: true, refInputs: Array.from({ length: refs }, (_, i) => i) },
    shape: applyShape<K>(names, refs),
    grad: null,
  } as const;
}

/** Definitions of the optimizers' dense update ops. */
export const TRAINING_OPS: OpDefs<TrainingAttrs> = {
  ApplyMomentum: apply(['var', 'accum', 'lr', 'grad', 'momentum'], 2, { use_locking: 'bool', use_nesterov: 'bool' }),
  ApplyAdam: apply(['var', 'm', 'v', 'beta1_power', 'beta2_power', 'lr', 'beta1', 'beta2', 'epsilon', 'grad'], 3, {
    use_locking: 'bool',
    use_nesterov: 'bool',
  }),
  ApplyAdagrad: apply(['var', 'accum', 'lr', 'grad'], 2, { use_locking: 'bool', update_slots: 'bool' }),
  ApplyRMSProp: apply(['var', 'ms', 'mom', 'lr', 'rho', 'momentum', 'epsilon', 'grad'], 3, { use_locking: 'bool' }),
  ApplyCenteredRMSProp: apply(['var', 'mg', 'ms', 'mom', 'lr', 'rho', 'momentum', 'epsilon', 'grad'], 4, { use_locking: 'bool' }),
};
