// WGSL of the optimizers' Apply* ops (TF1's training_ops.cc), in place: the ref inputs (the variable `w` and its
// slots) are bound read-write, the scalar inputs arrive packed in one array `s` (in the op's input order), then `g`.
import type { DType } from '../../../framework/dtypes.js';
import type { TrainingAttrs } from '../../../framework/ops/training.js';
import { wgslType } from '../dtypes.js';
import type { Program } from '../kernel.js';
import { flatMain, program } from './wgsl.js';

/** The names the programs give each op's ref inputs, in order. */
export const APPLY_REFS: { readonly [K in keyof TrainingAttrs]: readonly string[] } = {
  ApplyMomentum: ['w', 'accum'],
  ApplyAdam: ['w', 'm', 'v'],
  ApplyAdagrad: ['w', 'accum'],
  ApplyRMSProp: ['w', 'ms', 'mom'],
  ApplyCenteredRMSProp: ['w', 'mg', 'ms', 'mom'],
};

// Each body: `gi` is grad[i]; s[k] is the k-th scalar input. The operations are TF1's, in its order.
const RMS = `  let ms_i = ms[i] + (gi * gi - ms[i]) * (1.0 - s[1]);
  ms[i] = ms_i;`;
/** Each op's per-element update (`i` the element, `gi` its gradient); the SparseApply* programs run them per indexed row. */
export const APPLY_BODIES: { readonly [K in keyof TrainingAttrs]: (a: TrainingAttrs[K]) => string } = {
  // s: lr, momentum
  ApplyMomentum: (a) => `  let acc = accum[i] * s[1] + gi;
  accum[i] = acc;
  ${a.use_nesterov ? 'w[i] = w[i] - (gi * s[0] + acc * s[1] * s[0]);' : 'w[i] = w[i] - acc * s[0];'}`,
  // s: beta1_power, beta2_power, lr, beta1, beta2, epsilon
  ApplyAdam: (a) => `  let alpha = s[2] * sqrt(1.0 - s[1]) / (1.0 - s[0]);
  let mi = m[i] + (gi - m[i]) * (1.0 - s[3]);
  let vi = v[i] + (gi * gi - v[i]) * (1.0 - s[4]);
  m[i] = mi;
  v[i] = vi;
  w[i] = w[i] - ${a.use_nesterov ? '((gi * (1.0 - s[3]) + s[3] * mi) * alpha)' : '(mi * alpha)'} / (sqrt(vi) + s[5]);`,
  // s: lr
  ApplyAdagrad: (a) => `${a.update_slots ? '  accum[i] = accum[i] + gi * gi;\n' : ''}  w[i] = w[i] - gi * s[0] * (1.0 / sqrt(accum[i]));`,
  // s: lr, rho, momentum, epsilon
  ApplyRMSProp: () => `${RMS}
  let mom_i = mom[i] * s[2] + gi * s[0] / sqrt(ms_i + s[3]);
  mom[i] = mom_i;
  w[i] = w[i] - mom_i;`,
  ApplyCenteredRMSProp: () => `${RMS}
  let mg_i = mg[i] + (gi - mg[i]) * (1.0 - s[1]);
  mg[i] = mg_i;
  let mom_i = mom[i] * s[2] + gi * s[0] / sqrt(ms_i - mg_i * mg_i + s[3]);
  mom[i] = mom_i;
  w[i] = w[i] - mom_i;`,
};

/** The update of one Apply* op (uniform: n, the variable's size). */
export function applyProgram<K extends keyof TrainingAttrs>(op: K, attrs: TrainingAttrs[K], dtype: DType): Program {
  return applyBodyProgram(op, APPLY_REFS[op], APPLY_BODIES[op](attrs), dtype);
}

/** The update program of an Apply* op given its ref inputs' names and its per-element body (`gi`, `s[k]`, the refs by name). */
export function applyBodyProgram(op: string, refs: readonly string[], body: string, dtype: DType): Program {
  const t = wgslType(dtype);
  return program(`apply:${op}:${t}:${body}`, () => ({
    fields: [['n', 'u32']],
    inputs: [
      ['s', t],
      ['g', t],
    ],
    outputs: refs.map((name) => [name, t] as const),
    body: flatMain('u.n', `  let gi = g[i];\n${body}`),
  }));
}

/** The scalar inputs x0..x(k-1) copied into one array, so an Apply* program binds few buffers (uniform: unused). */
export function packScalarsProgram(k: number, dtype: DType): Program {
  const t = wgslType(dtype);
  const names = Array.from({ length: k }, (_, i) => `x${i}`);
  return program(`pack:${k}:${t}`, () => ({
    fields: [],
    inputs: names.map((x) => [x, t] as const),
    outputs: [['out', t]],
    body: `@compute @workgroup_size(1)\nfn main() {\n${names.map((x, i) => `  out[${i}] = ${x}[0];`).join('\n')}\n}`,
  }));
}
