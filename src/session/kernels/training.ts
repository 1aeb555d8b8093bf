import type { HostKernel } from '../kernel.js';
import type { TrainingAttrs } from '../../framework/ops/training.js';
import type { OpAttrs } from '../../framework/op_defs.js';
import { roundOf, type Round } from './util.js';

// The optimizers' Apply* ops (TF1's core/kernels/training_ops.cc), in place: the executor aliases output 0 to the
// variable's storage (inputs[0]) and hands the slots' storage in as the other ref inputs, which these write too.
// For float32 every operation is rounded to float32, as TF1's Eigen expressions compute in the variable's type.

type Data = Float32Array | Float64Array;

/** One Apply* kernel from its per-element update: the ref arrays, the scalar inputs (by position) and the gradient. */
export function applyKernel<K extends keyof OpAttrs>(
  refs: number,
  update: (r: Round, refs: Data[], s: number[], g: Data, n: number, attrs: OpAttrs[K]) => void,
): HostKernel<K> {
  return ({ inputs, attrs }) => {
    const data = inputs.map((a) => a.data as Data);
    const g = data[data.length - 1]!;
    const scalars = data.slice(refs, -1).map((d) => d[0]!);
    update(roundOf(data[0]!), data.slice(0, refs), scalars, g, data[0]!.length, attrs as OpAttrs[K]);
  };
}

/** accum = accum·momentum + grad; var -= accum·lr (Nesterov: var -= grad·lr + accum·momentum·lr). Its grad is input 3 of 5. */
const applyMomentum: HostKernel<'ApplyMomentum'> = ({ inputs, attrs }) => {
  const [v, accum, lrA, g, momA] = inputs.map((a) => a.data as Data) as [Data, Data, Data, Data, Data];
  const r = roundOf(v);
  const lr = lrA[0]!;
  const mom = momA[0]!;
  for (let i = 0; i < v.length; i++) {
    const a = r(r(accum[i]! * mom) + g[i]!);
    accum[i] = a;
    v[i] = attrs.use_nesterov ? r(v[i]! - r(r(g[i]! * lr) + r(r(a * mom) * lr))) : r(v[i]! - r(a * lr));
  }
};

/** TF1's Adam: lr_t = lr·√(1−β2^t)/(1−β1^t); m += (g−m)(1−β1); v += (g²−v)(1−β2); var -= lr_t·m/(√v+ε). */
const adamLoop = applyKernel<'ApplyAdam'>(3, (r, [w, m, v], [b1p, b2p, lr, b1, b2, eps], g, n, attrs) => {
  const alpha = r(r(lr! * r(Math.sqrt(r(1 - b2p!)))) / r(1 - b1p!));
  const c1 = r(1 - b1!);
  const c2 = r(1 - b2!);
  for (let i = 0; i < n; i++) {
    const gi = g[i]!;
    const mi = r(m![i]! + r(r(gi - m![i]!) * c1));
    const vi = r(v![i]! + r(r(r(gi * gi) - v![i]!) * c2));
    m![i] = mi;
    v![i] = vi;
    const num = attrs.use_nesterov ? r(r(r(gi * c1) + r(b1! * mi)) * alpha) : r(mi * alpha);
    w![i] = r(w![i]! - r(num / r(r(Math.sqrt(vi)) + eps!)));
  }
});

/** ApplyAdam: on float32, the backend's SIMD update where it has one (the same float32 operations, so the same bits). */
const applyAdam: HostKernel<'ApplyAdam'> = (args) => {
  const d = args.inputs.map((a) => a.data);
  const [w, m, v, b1p, b2p, lr, b1, b2, eps, g] = d;
  if (args.fast && [w, m, v, g].every((a) => a instanceof Float32Array) && w!.length === g!.length) {
    const r = Math.fround;
    const alpha = r(r(lr![0]! * r(Math.sqrt(r(1 - b2p![0]!)))) / r(1 - b1p![0]!));
    const s = { alpha, c1: r(1 - b1![0]!), c2: r(1 - b2![0]!), b1: b1![0]!, eps: eps![0]!, nesterov: args.attrs.use_nesterov };
    if (args.fast.applyAdam(w as Float32Array, m as Float32Array, v as Float32Array, g as Float32Array, s)) return;
  }
  adamLoop(args);
};

/** accum += grad² (when update_slots); var -= lr·grad/√accum. */
const applyAdagrad = applyKernel<'ApplyAdagrad'>(2, (r, [w, acc], [lr], g, n, attrs) => {
  for (let i = 0; i < n; i++) {
    const gi = g[i]!;
    if (attrs.update_slots) acc![i] = r(acc![i]! + r(gi * gi));
    w![i] = r(w![i]! - r(r(gi * lr!) * r(1 / r(Math.sqrt(acc![i]!)))));
  }
});

/** ms += (g²−ms)(1−ρ); mom = mom·momentum + g·lr/√(ms+ε); var -= mom. */
const applyRMSProp = applyKernel<'ApplyRMSProp'>(3, (r, [w, ms, mom], [lr, rho, momentum, eps], g, n) => {
  const c = r(1 - rho!);
  for (let i = 0; i < n; i++) {
    const gi = g[i]!;
    const s = r(ms![i]! + r(r(r(gi * gi) - ms![i]!) * c));
    ms![i] = s;
    const m = r(r(mom![i]! * momentum!) + r(r(gi * lr!) / r(Math.sqrt(r(s + eps!)))));
    mom![i] = m;
    w![i] = r(w![i]! - m);
  }
});

/** As RMSProp with mg += (g−mg)(1−ρ) and the denominator √(ms − mg² + ε). */
const applyCenteredRMSProp = applyKernel<'ApplyCenteredRMSProp'>(4, (r, [w, mg, ms, mom], [lr, rho, momentum, eps], g, n) => {
  const c = r(1 - rho!);
  for (let i = 0; i < n; i++) {
    const gi = g[i]!;
    const s = r(ms![i]! + r(r(r(gi * gi) - ms![i]!) * c));
    const a = r(mg![i]! + r(r(gi - mg![i]!) * c));
    ms![i] = s;
    mg![i] = a;
    const denom = r(r(s - r(a * a)) + eps!);
    const m = r(r(mom![i]! * momentum!) + r(r(gi * lr!) / r(Math.sqrt(denom))));
    mom![i] = m;
    w![i] = r(w![i]! - m);
  }
});

/** Kernels of the optimizers' update ops, keyed by op type. */
export const TRAINING_KERNELS: { [K in keyof TrainingAttrs]: HostKernel<K> } = {
  ApplyMomentum: applyMomentum,
  ApplyAdam: applyAdam,
  ApplyAdagrad: applyAdagrad,
  ApplyRMSProp: applyRMSProp,
  ApplyCenteredRMSProp: applyCenteredRMSProp,
};
