// More of the optimizers' update ops (tensorflow/core/ops/training_ops.cc): ApplyAdadelta, ApplyProximalAdagrad,
// ApplyProximalGradientDescent. As the other Apply*
// ops (training.ts), each writes its variable and slots in place and has no gradient.
import type { OpDefs } from '../op_def.js';
import { apply } from './training.js';

/** The attributes of these Apply* ops. */
export interface TrainingMoreAttrs {
  ApplyAdadelta: { use_locking: boolean };
  ApplyProximalAdagrad: { use_locking: boolean };
  ApplyProximalGradientDescent: { use_locking: boolean };
}

/** Definitions of these dense update ops. */
export const TRAINING_MORE_OPS: OpDefs<TrainingMoreAttrs> = {
  ApplyAdadelta: apply(['var', 'accum', 'accum_update', 'lr', 'rho', 'epsilon', 'grad'], 3, { use_locking: 'bool' }),
  ApplyProximalAdagrad: apply(['var', 'accum', 'lr', 'l1', 'l2', 'grad'], 2, { use_locking: 'bool' }),
  ApplyProximalGradientDescent: apply(['var', 'alpha', 'l1', 'l2', 'delta'], 1, { use_locking: 'bool' }),
};
