import type { HostKernel } from '../kernel.js';
import type { TrainingMoreAttrs } from '../../framework/ops/training_more.js';
import { applyKernel } from './training.js';

// More of the optimizers' Apply* ops (TF1's core/kernels/training_ops.cc), in place, as training.ts's: float32
// values rounded at every operation, as TF1's Eigen expressions compute in the variable's type.

/**
 * TF1's Adadelta: accum = accum·ρ + grad²·(1−ρ); update = √(accum_update + ε)·rsqrt(accum + ε)·grad;
 * var -= update·lr; accum_update = accum_update·ρ + update²·(1−ρ).
 */
const applyAdadelta = applyKernel<'ApplyAdadelta'>(3, (r, [w, acc, accUpd], [lr, rho, eps], g, n) => {
  const c = r(1 - rho!);
  for (let i = 0; i < n; i++) {
    const gi = g[i]!;
    const a = r(r(acc![i]! * rho!) + r(r(gi * gi) * c));
    acc![i] = a;
    const update = r(r(r(Math.sqrt(r(accUpd![i]! + eps!))) * r(1 / r(Math.sqrt(r(a + eps!))))) * gi);
    w![i] = r(w![i]! - r(update * lr!));
    accUpd![i] = r(r(accUpd![i]! * rho!) + r(r(update * update) * c));
  }
});

/**
 * TF1's ProximalAdagrad: accum += grad²; lr_t = lr·rsqrt(accum); prox = var − grad·lr_t; var = prox/(1 + l2·lr_t),
 * or with l1 > 0, sign(prox)·max(|prox| − lr_t·l1, 0)/(1 + l2·lr_t).
 */
const applyProximalAdagrad = applyKernel<'ApplyProximalAdagrad'>(2, (r, [w, acc], [lr, l1, l2], g, n) => {
  for (let i = 0; i < n; i++) {
    const gi = g[i]!;
    const a = r(acc![i]! + r(gi * gi));
    acc![i] = a;
    const rate = r(lr! * r(1 / r(Math.sqrt(a))));
    const prox = r(w![i]! - r(gi * rate));
    const denom = r(1 + r(l2! * rate));
    w![i] = l1! > 0 ? r(r(Math.sign(prox) * Math.max(r(Math.abs(prox) - r(rate * l1!)), 0)) / denom) : r(prox / denom);
  }
});

/** TF1's ProximalGradientDescent: prox = var − delta·α; var = prox/(1 + l2·α), or with l1 > 0, sign(prox)·max(|prox| − α·l1, 0)/(1 + l2·α). */
const applyProximalGradientDescent = applyKernel<'ApplyProximalGradientDescent'>(1, (r, [w], [alpha, l1, l2], g, n) => {
  const shrink = r(alpha! * l1!);
  const denom = r(1 + r(l2! * alpha!));
  for (let i = 0; i < n; i++) {
    const prox = r(w![i]! - r(g[i]! * alpha!));
    w![i] = l1! > 0 ? r(r(Math.sign(prox) * Math.max(r(Math.abs(prox) - shrink), 0)) / denom) : r(prox / denom);
  }
});

/** Kernels of these update ops, keyed by op type. */
export const TRAINING_MORE_KERNELS: { [K in keyof TrainingMoreAttrs]: HostKernel<K> } = {
  ApplyAdadelta: applyAdadelta,
  ApplyProximalAdagrad: applyProximalAdagrad,
  ApplyProximalGradientDescent: applyProximalGradientDescent,
};
