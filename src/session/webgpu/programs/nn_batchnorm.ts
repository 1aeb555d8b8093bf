// FusedBatchNorm and FusedBatchNormGrad over an [outer, C, inner] view of the value (see kernels/nn_batchnorm.ts on
// the host): per-channel sums by one thread per channel, then one thread per element.
import type { Program } from '../kernel.js';
import { flatMain, program } from './wgsl.js';

/** Element `b + k` of channel c's rows: `b = (o·C + c)·inner`. */
const LOOP = `for (var o = 0u; o < u.outer; o = o + 1u) {
    let b = (o * u.C + c) * u.inner;
    for (var k = 0u; k < u.inner; k = k + 1u) {`;

/**
 * One thread per channel. Training: the batch mean and variance (sums times 1/n, NaN for an empty batch), the
 * batch variance times `adjust` (Bessel's correction), the saved ones without. Inference: the given statistics.
 * Uniforms: outer, C, inner, adjust.
 */
export function bnStatsProgram(training: boolean): Program {
  return program(`fused_bn_stats:${training}`, () => ({
    fields: [
      ['outer', 'u32'],
      ['C', 'u32'],
      ['inner', 'u32'],
      ['adjust', 'f32'],
    ],
    inputs: training
      ? [['x', 'f32']]
      : [
          ['mean', 'f32'],
          ['variance', 'f32'],
        ],
    outputs: [
      ['batch_mean', 'f32'],
      ['batch_var', 'f32'],
      ['saved_mean', 'f32'],
      ['saved_var', 'f32'],
    ],
    body: flatMain(
      'u.C',
      training
        ? `  let c = i;
  let inv = 1.0 / f32(u.outer * u.inner);
  var s = 0.0;
  ${LOOP} s = s + x[b + k]; }
  }
  let m = s * inv;
  var q = 0.0;
  ${LOOP} let d = x[b + k] - m; q = q + d * d; }
  }
  let v = q * inv;
  batch_mean[c] = m;
  batch_var[c] = v * u.adjust;
  saved_mean[c] = m;
  saved_var[c] = v;`
        : `  batch_mean[i] = mean[i];
  saved_mean[i] = mean[i];
  batch_var[i] = variance[i];
  saved_var[i] = variance[i];`,
    ),
  }));
}

/** One thread per element: (x − mean)·(inverseSqrt(var + ε)·scale) + offset. Uniforms: n, C, inner, eps. */
export function bnApplyProgram(): Program {
  return program('fused_bn_apply', () => ({
    fields: [
      ['n', 'u32'],
      ['C', 'u32'],
      ['inner', 'u32'],
      ['eps', 'f32'],
    ],
    inputs: [
      ['x', 'f32'],
      ['scale', 'f32'],
      ['offset', 'f32'],
      ['mean', 'f32'],
      ['variance', 'f32'],
    ],
    outputs: [['y', 'f32']],
    body: flatMain(
      'u.n',
      `  let c = (i / u.inner) % u.C;
  y[i] = (x[i] - mean[c]) * (inverseSqrt(variance[c] + u.eps) * scale[c]) + offset[c];`,
    ),
  }));
}

/** One thread per channel: scale_backprop = Σ dy·(x − mean)·rsqrt(var + ε), offset_backprop = Σ dy. Uniforms: outer, C, inner, eps. */
export function bnGradSumsProgram(): Program {
  return program('fused_bn_grad_sums', () => ({
    fields: [
      ['outer', 'u32'],
      ['C', 'u32'],
      ['inner', 'u32'],
      ['eps', 'f32'],
    ],
    inputs: [
      ['dy', 'f32'],
      ['x', 'f32'],
      ['mean', 'f32'],
      ['variance', 'f32'],
    ],
    outputs: [
      ['dscale', 'f32'],
      ['doffset', 'f32'],
    ],
    body: flatMain(
      'u.C',
      `  let c = i;
  let m = mean[c];
  var sdy = 0.0;
  var sdyx = 0.0;
  ${LOOP} sdy = sdy + dy[b + k]; sdyx = sdyx + dy[b + k] * (x[b + k] - m); }
  }
  // No rows: zero, as TF1 sets it (the saved variance of an empty batch is NaN).
  dscale[c] = select(sdyx * inverseSqrt(variance[c] + u.eps), 0.0, u.outer * u.inner == 0u);
  doffset[c] = sdy;`,
    ),
  }));
}

/**
 * One thread per element of x_backprop, from the channel sums: training, scale·r·(dy − Σdy/n − (x − mean)·r·Σ'/n)
 * where r = rsqrt(var + ε) and Σ' = scale_backprop (= r·Σ dy·(x − mean)); inference, dy·scale·r.
 * Uniforms: n (elements), C, inner, eps, count (rows per channel, as a float), training.
 */
export function bnGradInputProgram(): Program {
  return program('fused_bn_grad_input', () => ({
    fields: [
      ['n', 'u32'],
      ['C', 'u32'],
      ['inner', 'u32'],
      ['eps', 'f32'],
      ['count', 'f32'],
      ['training', 'u32'],
    ],
    inputs: [
      ['dy', 'f32'],
      ['x', 'f32'],
      ['scale', 'f32'],
      ['mean', 'f32'],
      ['variance', 'f32'],
      ['dscale', 'f32'],
      ['doffset', 'f32'],
    ],
    outputs: [['dx', 'f32']],
    body: flatMain(
      'u.n',
      `  let c = (i / u.inner) % u.C;
  let r = inverseSqrt(variance[c] + u.eps);
  let coef1 = scale[c] * r;
  if (u.training == 0u) {
    dx[i] = dy[i] * coef1;
    return;
  }
  dx[i] = coef1 * (dy[i] - doffset[c] / u.count - (x[i] - mean[c]) * (r * dscale[c] / u.count));`,
    ),
  }));
}
