import { mapKernels, type HostKernel } from '../kernel.js';
import type { NDArray } from '../../framework/ndarray.js';
import type { OpAttrs } from '../../framework/op_defs.js';
import type { SparseApplyType, TrainingSparseAttrs } from '../../framework/ops/training_sparse.js';
import { SPARSE_APPLY_REFS, TRAINING_SPARSE_OPS } from '../../framework/ops/training_sparse.js';
import { checkSparseApply, gradIndex, scalarInputs, sparseRows } from './training_sparse_checks.js';
import { prodOf, roundOf, type Round } from './util.js';

// The optimizers' SparseApply* ops (TF1 r1.12's core/kernels/training_ops.cc), in place: row i of grad updates row
// indices[i] of the variable and its slots, in index order, so a repeated index updates its row again from the
// values the earlier one left (TF1's CPU kernels loop over the indices in order). float32 values are rounded at
// every operation, as TF1's Eigen expressions compute in the variable's type.

type Data = Float32Array | Float64Array;

/**
 * One element's update: the refs' element `k`, its gradient `g`, the scalar inputs `s` (in input order). `flat`
 * is true when each row has one element: TF1's kernels then take a scalar loop whose expressions (and so
 * rounding) differ from the Eigen row expressions of wider rows for Adagrad, the proximal ops and Ftrl.
 */
type SparseUpdate<K extends SparseApplyType> = (r: Round, refs: Data[], k: number, g: number, s: number[], attrs: OpAttrs[K], flat: boolean) => void;

/** rsqrt as TF1's Eigen computes it in the variable's type: 1/√x, each step rounded. */
const rsqrt = (r: Round, x: number): number => r(1 / r(Math.sqrt(x)));
const sign = (x: number): number => (x > 0 ? 1 : x < 0 ? -1 : 0);

/**
 * The Fobos step of the proximal ops, from prox = var − grad·rate: prox/(1 + l2·rate), or with l1 > 0
 * sign(prox)·max(|prox| − rate·l1, 0)/(1 + l2·rate). The scalar loop adds the 1 in double (`1.0 +`), so the
 * denominator is not rounded there.
 */
function fobos(r: Round, prox: number, rate: number, l1: number, l2: number, flat: boolean): number {
  const denom = flat ? 1 + r(l2 * rate) : r(1 + r(l2 * rate));
  return l1 > 0 ? r(r(sign(prox) * Math.max(r(Math.abs(prox) - r(rate * l1)), 0)) / denom) : r(prox / denom);
}

/** TF1's Ftrl step of one element (V2 when `v2`: the gradient plus 2·l2_shrinkage·var drives linear). */
function ftrl<K extends 'SparseApplyFtrl' | 'SparseApplyFtrlV2'>(v2: boolean): SparseUpdate<K> {
  return (r, [w, acc, lin], k, g, s, _, flat) => {
    const [lr, l1, l2] = s as [number, number, number];
    const power = s[s.length - 1]!;
    const wi = w![k]!;
    const gs = v2 ? r(g + r(r(2 * s[3]!) * wi)) : g;
    const a = acc![k]!;
    const na = r(a + r(g * g));
    const pow = (x: number): number => r(x ** -power);
    if (flat) {
      // the scalar loop: pow even for −0.5, linear + g − σ·var, and FtrlCompute's clamp of linear to [−l1, l1]
      const sigma = r(r(pow(na) - pow(a)) / lr);
      const l = r(r(lin![k]! + gs) - r(sigma * wi));
      const quadratic = r((power === -0.5 ? r(r(Math.sqrt(na)) / lr) : r(pow(na) / lr)) + r(2 * l2));
      w![k] = r(r(Math.max(Math.min(l, l1), -l1) - l) / quadratic);
      lin![k] = l;
    } else {
      const p = power === -0.5 ? (x: number) => r(Math.sqrt(x)) : pow;
      const pn = p(na);
      const l = r(lin![k]! + r(gs - r(r(r(pn - p(a)) / lr) * wi)));
      lin![k] = l;
      w![k] = r(r(Math.max(Math.min(l, l1), -l1) - l) / r(r(pn / lr) + r(2 * l2)));
    }
    acc![k] = na;
  };
}

/** Each op's element update, TF1's expressions in its order. */
const UPDATES: { readonly [K in SparseApplyType]: SparseUpdate<K> } = {
  // accum = accum·momentum + grad; var −= lr·accum (Nesterov: var −= lr·grad + lr·momentum·accum)
  SparseApplyMomentum: (r, [w, acc], k, g, [lr, mom], attrs) => {
    const a = r(r(acc![k]! * mom!) + g);
    acc![k] = a;
    w![k] = attrs.use_nesterov ? r(w![k]! - r(r(lr! * g) + r(r(lr! * mom!) * a))) : r(w![k]! - r(lr! * a));
  },
  // accum += grad² (when update_slots); var −= lr·grad·rsqrt(accum), or lr·grad/√accum in the scalar loop
  SparseApplyAdagrad: (r, [w, acc], k, g, [lr], attrs, flat) => {
    if (attrs.update_slots) acc![k] = r(acc![k]! + r(g * g));
    const a = acc![k]!;
    w![k] = r(w![k]! - (flat ? r(r(lr! * g) / r(Math.sqrt(a))) : r(r(lr! * g) * rsqrt(r, a))));
  },
  // accum += grad²; rate = lr·rsqrt(accum) (lr/√accum in the scalar loop); the Fobos step
  SparseApplyProximalAdagrad: (r, [w, acc], k, g, [lr, l1, l2], _, flat) => {
    const a = r(acc![k]! + r(g * g));
    acc![k] = a;
    const rate = flat ? r(lr! / r(Math.sqrt(a))) : r(lr! * rsqrt(r, a));
    const prox = r(w![k]! - (flat ? r(rate * g) : r(g * rate)));
    w![k] = fobos(r, prox, rate, l1!, l2!, flat);
  },
  SparseApplyProximalGradientDescent: (r, [w], k, g, [alpha, l1, l2], _, flat) => {
    const prox = r(w![k]! - (flat ? r(alpha! * g) : r(g * alpha!)));
    w![k] = fobos(r, prox, alpha!, l1!, l2!, flat);
  },
  // ms = ms·ρ + grad²·(1−ρ); mom = mom·momentum + rsqrt(ms + ε)·lr·grad; var −= mom
  SparseApplyRMSProp: (r, [w, ms, mom], k, g, [lr, rho, momentum, eps]) => {
    const s = r(r(ms![k]! * rho!) + r(r(g * g) * r(1 - rho!)));
    ms![k] = s;
    const m = r(r(mom![k]! * momentum!) + r(r(rsqrt(r, r(s + eps!)) * lr!) * g));
    mom![k] = m;
    w![k] = r(w![k]! - m);
  },
  // as RMSProp with mg = mg·ρ + grad·(1−ρ) and rsqrt(ms + ε − mg²)
  SparseApplyCenteredRMSProp: (r, [w, mg, ms, mom], k, g, [lr, rho, momentum, eps]) => {
    const s = r(r(ms![k]! * rho!) + r(r(g * g) * r(1 - rho!)));
    ms![k] = s;
    const a = r(r(mg![k]! * rho!) + r(g * r(1 - rho!)));
    mg![k] = a;
    const m = r(r(mom![k]! * momentum!) + r(r(rsqrt(r, r(r(s + eps!) - r(a * a))) * lr!) * g));
    mom![k] = m;
    w![k] = r(w![k]! - m);
  },
  SparseApplyFtrl: ftrl(false),
  SparseApplyFtrlV2: ftrl(true),
  // accum = accum·ρ + grad²·(1−ρ); update = √(accum_update + ε)·rsqrt(accum + ε)·grad; var −= update·lr;
  // accum_update = accum_update·ρ + update²·(1−ρ)
  SparseApplyAdadelta: (r, [w, acc, upd], k, g, [lr, rho, eps]) => {
    const c = r(1 - rho!);
    const a = r(r(acc![k]! * rho!) + r(r(g * g) * c));
    acc![k] = a;
    const update = r(r(r(Math.sqrt(r(upd![k]! + eps!))) * rsqrt(r, r(a + eps!))) * g);
    w![k] = r(w![k]! - r(update * lr!));
    upd![k] = r(r(upd![k]! * rho!) + r(r(update * update) * c));
  },
};

/** Everything a SparseApply* op's update reads, once its inputs are checked: the rows, the scalars, the row width. */
interface SparsePlan {
  readonly rows: Int32Array;
  readonly scalars: number[];
  readonly inner: number;
}

/** Checks a SparseApply* op's inputs (TF1's kernel checks, then every index) and returns what its update reads. */
function planSparseApply(type: SparseApplyType, name: string, inputs: readonly NDArray[]): SparsePlan {
  const shapes = inputs.map((a) => a.shape);
  checkSparseApply(type, name, shapes, (i) => inputs[i]!.data[0]!);
  const v = shapes[0]!;
  const rows = sparseRows(name, inputs[gradIndex(type) + 1]!.data, v[0]!);
  return { rows, scalars: scalarInputs(type).map((i) => inputs[i]!.data[0]!), inner: prodOf(v, 1) };
}

function kernel<K extends SparseApplyType>(type: K): HostKernel<K> {
  const update = UPDATES[type] as SparseUpdate<K>;
  const refs = SPARSE_APPLY_REFS[type];
  return ({ name, inputs, attrs }) => {
    const { rows, scalars, inner } = planSparseApply(type, name, inputs);
    const data = inputs.map((a) => a.data as Data);
    const g = data[gradIndex(type)]!;
    const r = roundOf(data[0]!);
    const slots = data.slice(0, refs);
    for (let i = 0; i < rows.length; i++) {
      const base = rows[i]! * inner;
      for (let j = 0; j < inner; j++) update(r, slots, base + j, g[i * inner + j]!, scalars, attrs as OpAttrs[K], inner === 1);
    }
  };
}

/** CPU kernels of the sparse update ops, keyed by op type. */
export const TRAINING_SPARSE_KERNELS = mapKernels(TRAINING_SPARSE_OPS, (type) => kernel(type)) as { [K in keyof TrainingSparseAttrs]: HostKernel<K> };
