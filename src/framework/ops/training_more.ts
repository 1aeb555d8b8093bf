// More of the optimizers' update ops (tensorflow/core/ops/training_ops.cc): ApplyAdadelta, ApplyProximalAdagrad,
// ApplyProximalGradientDescent, ApplyFtrl, ApplyFtrlV2. As the other Apply*
// ops (training.ts), each writes its variable and slots in place and has no gradient.
import type { OpDefs } from '../op_def.js';
import type { OpAttrs } from '../op_defs.js';
import { apply } from './training.js';

/** The attributes of these Apply* ops. */
export interface TrainingMoreAttrs {
  ApplyAdadelta: { use_locking: boolean };
  ApplyProximalAdagrad: { use_locking: boolean };
  ApplyProximalGradientDescent: { use_locking: boolean };
  ApplyFtrl: { use_locking: boolean };
  ApplyFtrlV2: { use_locking: boolean };
}

/**
 * An Ftrl update op: its refs var, accum, linear; `grad` of their shape; the other inputs scalars. Its kernel also
 * checks their values (TF1's ApplyFtrlOp: lr > 0, l1, l2, l2_shrinkage ≥ 0, lr_power ≤ 0).
 */
function ftrl<K extends 'ApplyFtrl' | 'ApplyFtrlV2'>(names: readonly string[]) {
  const def = apply<K>(names, 3, { use_locking: 'bool' } as { readonly [A in keyof OpAttrs[K]]-?: 'bool' });
  return { ...def, flags: { ...def.flags, valueChecked: true } } as const;
}

/** Definitions of these dense update ops. */
export const TRAINING_MORE_OPS: OpDefs<TrainingMoreAttrs> = {
  ApplyAdadelta: apply(['var', 'accum', 'accum_update', 'lr', 'rho', 'epsilon', 'grad'], 3, { use_locking: 'bool' }),
  ApplyProximalAdagrad: apply(['var', 'accum', 'lr', 'l1', 'l2', 'grad'], 2, { use_locking: 'bool' }),
  ApplyProximalGradientDescent: apply(['var', 'alpha', 'l1', 'l2', 'delta'], 1, { use_locking: 'bool' }),
  ApplyFtrl: ftrl<'ApplyFtrl'>(['var', 'accum', 'linear', 'grad', 'lr', 'l1', 'l2', 'lr_power']),
  ApplyFtrlV2: ftrl<'ApplyFtrlV2'>(['var', 'accum', 'linear', 'grad', 'lr', 'l1', 'l2', 'l2_shrinkage', 'lr_power']),
};
