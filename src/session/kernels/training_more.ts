import type { HostKernel } from '../kernel.js';
import type { TrainingMoreAttrs } from '../../framework/ops/training_more.js';
import { InvalidArgumentError } from '../../framework/errors.js';
import { applyKernel } from './training.js';
import { roundOf } from './util.js';

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

/**
 * TF1's ApplyFtrlOp checks of the hyperparameters' values, in its order and words (their shapes are checkUpdate's):
 * `s` is lr, l1, l2, then l2_shrinkage for ApplyFtrlV2, then lr_power.
 */
export function checkFtrl(name: string, s: readonly number[]): void {
  const [lr, l1, l2] = s as [number, number, number];
  const lrPower = s[s.length - 1]!;
  const fail = (what: string): never => {
    throw new InvalidArgumentError(`${what}: []`, name);
  };
  if (!(lr > 0)) fail('lr is not a positive scalar');
  if (!(l1 >= 0)) fail('l1 regularization strength is not a non-negative scalar');
  if (!(l2 >= 0)) fail('l2 regularization strength is not a non-negative scalar');
  if (!(lrPower <= 0)) fail('lr_power is not a non-positive scalar');
  if (s.length === 5 && !(s[3]! >= 0)) fail('l2 shrinkage regularization strength is not a non-negative scalar');
}

/**
 * TF1's ApplyFtrl and ApplyFtrlV2 functors (r1.12), inputs var, accum, linear, grad, then the scalars. With
 * n = accum + grad² and p(a) = a^(−lr_power) (√a when lr_power is −0.5): linear += g − (p(n) − p(accum))/lr·var,
 * where g is grad, or for V2 grad + 2·l2_shrinkage·var; var = (l1·sign(linear) − linear)/(p(n)/lr + 2·l2) where
 * |linear| > l1, else 0; accum = n (grad² only: the shrinkage leaves the learning-rate schedule as it is).
 */
function applyFtrl<K extends 'ApplyFtrl' | 'ApplyFtrlV2'>(v2: boolean): HostKernel<K> {
  return ({ name, inputs }) => {
    const [w, acc, lin, g] = inputs.map((a) => a.data as Float32Array | Float64Array) as [Data, Data, Data, Data];
    const s = inputs.slice(4).map((a) => a.data[0]!);
    checkFtrl(name, s);
    const r = roundOf(w);
    const [lr, l1, l2] = s as [number, number, number];
    const lrPower = s[s.length - 1]!;
    const shrink = v2 ? r(2 * s[3]!) : 0;
    const p = lrPower === -0.5 ? (a: number) => r(Math.sqrt(a)) : (a: number) => r(a ** -lrPower);
    const l2x2 = r(2 * l2);
    for (let i = 0; i < w.length; i++) {
      const gi = g[i]!;
      const wi = w[i]!;
      const gs = v2 ? r(gi + r(shrink * wi)) : gi;
      const a = acc[i]!;
      const na = r(a + r(gi * gi));
      const pn = p(na);
      const l = r(lin[i]! + r(gs - r(r(r(pn - p(a)) / lr) * wi)));
      lin[i] = l;
      w[i] = Math.abs(l) > l1 ? r(r(r(l1 * Math.sign(l)) - l) / r(r(pn / lr) + l2x2)) : 0;
      acc[i] = na;
    }
  };
}
type Data = Float32Array | Float64Array;

/** Kernels of these update ops, keyed by op type. */
export const TRAINING_MORE_KERNELS: { [K in keyof TrainingMoreAttrs]: HostKernel<K> } = {
  ApplyAdadelta: applyAdadelta,
  ApplyProximalAdagrad: applyProximalAdagrad,
  ApplyProximalGradientDescent: applyProximalGradientDescent,
  ApplyFtrl: applyFtrl(false),
  ApplyFtrlV2: applyFtrl(true),
};
