import type { TrainingMoreAttrs } from '../../../framework/ops/training_more.js';
import type { GpuKernel } from '../kernel.js';
import { applyBodyProgram } from '../programs/training.js';
import { applyKernelOf } from './training.js';

// WGSL of more Apply* ops (TF1's training_ops.cc), in place, as training.ts's: `gi` is grad[i], s[k] the k-th
// scalar input, the operations TF1's in its order.

// s: lr, rho, epsilon
const ADADELTA = `  let a = accum[i] * s[1] + gi * gi * (1.0 - s[1]);
  accum[i] = a;
  let update = sqrt(accum_update[i] + s[2]) * (1.0 / sqrt(a + s[2])) * gi;
  w[i] = w[i] - update * s[0];
  accum_update[i] = accum_update[i] * s[1] + update * update * (1.0 - s[1]);`;

// s: lr, l1, l2
const PROXIMAL_ADAGRAD = `  let a = accum[i] + gi * gi;
  accum[i] = a;
  let rate = s[0] * (1.0 / sqrt(a));
  let prox = w[i] - gi * rate;
  let denom = 1.0 + s[2] * rate;
  w[i] = select(prox / denom, sign(prox) * max(abs(prox) - rate * s[1], 0.0) / denom, s[1] > 0.0);`;

// s: alpha, l1, l2 (gi is delta[i])
const PROXIMAL_GD = `  let prox = w[i] - gi * s[0];
  let denom = 1.0 + s[2] * s[0];
  w[i] = select(prox / denom, sign(prox) * max(abs(prox) - s[0] * s[1], 0.0) / denom, s[1] > 0.0);`;

/** WebGPU kernels of these update ops, keyed by op type. */
export const TRAINING_MORE_GPU: { [K in keyof TrainingMoreAttrs]: GpuKernel<K> } = {
  ApplyAdadelta: applyKernelOf('ApplyAdadelta', 3, (_, dtype) => applyBodyProgram('ApplyAdadelta', ['w', 'accum', 'accum_update'], ADADELTA, dtype)),
  ApplyProximalAdagrad: applyKernelOf('ApplyProximalAdagrad', 2, (_, dtype) =>
    applyBodyProgram('ApplyProximalAdagrad', ['w', 'accum'], PROXIMAL_ADAGRAD, dtype),
  ),
  ApplyProximalGradientDescent: applyKernelOf('ApplyProximalGradientDescent', 1, (_, dtype) =>
    applyBodyProgram('ApplyProximalGradientDescent', ['w'], PROXIMAL_GD, dtype),
  ),
};
