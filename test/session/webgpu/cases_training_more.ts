/** Parity cases of more of the optimizers' Apply* ops (training_more.ts): variable and slots written in place, twice, then read. */
import type { TrainingMoreAttrs } from '../../../src/framework/ops/training_more.js';
import { floatValue, positiveValue } from './harness.js';
import type { ParityCase } from './cases_math.js';
import { applyCase } from './cases_training.js';
import { ftrlScales } from './ftrl_scales.js';

/** Cases of these update ops. */
export const TRAINING_MORE_CASES = {
  // lr, rho, epsilon
  ApplyAdadelta: applyCase('ApplyAdadelta', [floatValue, positiveValue, positiveValue], [0.5, 0.875, 0.0625], () => ({ use_locking: false })),
  // lr, l1, l2 (l1 > 0: the soft-threshold branch)
  ApplyProximalAdagrad: applyCase('ApplyProximalAdagrad', [floatValue, positiveValue], [0.5, 0.125, 0.25], () => ({ use_locking: false })),
  // alpha, l1, l2
  ApplyProximalGradientDescent: applyCase('ApplyProximalGradientDescent', [floatValue], [0.5, 0.125, 0.25], () => ({ use_locking: false })),
  // var, accum, linear; lr, l1, l2, lr_power (−0.5: the √ branch)
  ApplyFtrl: applyCase('ApplyFtrl', [floatValue, positiveValue, floatValue], [0.5, 0.125, 0.25, -0.5], () => ({ use_locking: false }), ftrlScales),
  // lr, l1, l2, l2_shrinkage, lr_power (−0.75: the pow branch)
  ApplyFtrlV2: applyCase('ApplyFtrlV2', [floatValue, positiveValue, floatValue], [0.5, 0.125, 0.25, 0.0625, -0.75], () => ({ use_locking: false }), ftrlScales),
} satisfies Record<keyof TrainingMoreAttrs, ParityCase>;
