// FusedBatchNorm and FusedBatchNormGrad as TF1 r1.12's CPU kernels compute them (core/kernels/fused_batch_norm_op.cc),
// over an [outer, C, inner] view of the 4-D value (NHWC: inner 1; NCHW, which only the WebGPU backend takes, as
// TF1's GPU kernels do: outer = the batch). Sums in doubles, each output rounded once.
import { InternalError, InvalidArgumentError } from '../../framework/errors.js';
import type { FusedBatchNormAttrs } from '../../framework/ops/nn_batchnorm.js';
/** What the checks read of a value: its shape and size (a host array or a GPU tensor). */
type Shaped = { readonly shape: readonly number[]; readonly size: number };
import type { HostKernel } from '../kernel.js';
import { shapeStr } from './util.js';

/** [outer, C, inner] of a 4-D value in `format`. */
export function bnLayout(shape: readonly number[], nchw: boolean): [number, number, number] {
  const [a, b, c, d] = shape as [number, number, number, number];
  return nchw ? [a, b, c * d] : [a * b * c, d, 1];
}

/** The vector inputs must have C entries (the plan's shape rule makes sure; a kernel never reads past them). */
function vectorsOf(name: string, vs: readonly Shaped[], C: number): void {
  for (const v of vs) {
    if (v.size !== C) throw new InvalidArgumentError(`Expected a vector of ${C} channels, got ${shapeStr(v.shape)}`, name);
  }
}

/** FusedBatchNormOp::Compute's checks, then the functor's: NHWC only on the CPU. */
export function fusedBatchNormChecks(name: string, inputs: readonly Shaped[], a: FusedBatchNormAttrs, device: 'CPU' | 'GPU'): [number, number, number] {
  const [x, scale, offset, mean, variance] = inputs as [Shaped, Shaped, Shaped, Shaped, Shaped];
  if (x.shape.length !== 4) throw new InvalidArgumentError(`input must be 4-dimensional${shapeStr(x.shape)}`, name);
  const vectors: [string, Shaped][] = [
    ['scale', scale],
    ['offset', offset],
    ['estimated_mean', mean],
    ['estimated_variance', variance],
  ];
  for (const [n, v] of vectors) if (v.shape.length !== 1) throw new InvalidArgumentError(`${n} must be 1-dimensional${shapeStr(v.shape)}`, name);
  if (a.is_training) {
    if (mean.shape[0] !== 0) throw new InvalidArgumentError(`estimated_mean must be empty for training${shapeStr(mean.shape)}`, name);
    if (variance.shape[0] !== 0) throw new InvalidArgumentError(`estimated_variance must be empty for training${shapeStr(variance.shape)}`, name);
  }
  if (device === 'CPU' && a.data_format !== 'NHWC')
    throw new InternalError('The CPU implementation of FusedBatchNorm only supports NHWC tensor format for now.', name);
  const layout = bnLayout(x.shape, a.data_format === 'NCHW');
  vectorsOf(name, a.is_training ? [scale, offset] : [scale, offset, mean, variance], layout[1]);
  return layout;
}

/** FusedBatchNormGradOp::Compute's checks; the CPU's functors take NHWC only (TF1 CHECK-fails in inference). */
export function fusedBatchNormGradChecks(name: string, inputs: readonly Shaped[], a: FusedBatchNormAttrs, device: 'CPU' | 'GPU'): [number, number, number] {
  const [dy, x, scale, m, v] = inputs as [Shaped, Shaped, Shaped, Shaped, Shaped];
  if (dy.shape.length !== 4) throw new InvalidArgumentError(`input must be 4-dimensional${shapeStr(dy.shape)}`, name);
  if (x.shape.length !== 4) throw new InvalidArgumentError(`input must be 4-dimensional${shapeStr(x.shape)}`, name);
  if (scale.shape.length !== 1) throw new InvalidArgumentError(`scale must be 1-dimensional${shapeStr(scale.shape)}`, name);
  if (m.shape.length !== 1) throw new InvalidArgumentError(`saved mean must be 1-dimensional${shapeStr(m.shape)}`, name);
  if (v.shape.length !== 1) throw new InvalidArgumentError(`saved variance must be 1-dimensional${shapeStr(v.shape)}`, name);
  if (device === 'CPU' && a.data_format !== 'NHWC') {
    const what = a.is_training ? 'The CPU implementation of FusedBatchNormGrad' : 'The implementation of FusedBatchNormGrad with is_training=False';
    throw new InternalError(`${what} only supports NHWC tensor format for now.`, name);
  }
  const layout = bnLayout(x.shape, a.data_format === 'NCHW');
  if (dy.shape.some((d, i) => d !== x.shape[i]))
    throw new InvalidArgumentError(`y_backprop and x must have the same shape: ${shapeStr(dy.shape)} vs. ${shapeStr(x.shape)}`, name);
  if (x.size > 0) vectorsOf(name, [scale, m, v], layout[1]);
  return layout;
}

/**
 * y = (x − mean)·rsqrt(var + ε)·scale + offset per channel. Training: the batch mean and variance (sums times
 * 1/n, so an empty batch gives NaN as TF1's), batch_variance with Bessel's correction n/max(n − 1, 1), the saved
 * variance without. Inference: the given mean and variance, which outputs 1–4 repeat.
 */
const fusedBatchNorm: HostKernel<'FusedBatchNorm'> = ({ name, inputs, attrs, output }) => {
  const [outer, C, inner] = fusedBatchNormChecks(name, inputs, attrs, 'CPU');
  const [x, scale, offset] = [inputs[0]!.data, inputs[1]!.data, inputs[2]!.data];
  const y = output(0, inputs[0]!.shape).data;
  const outs = [1, 2, 3, 4].map((i) => output(i, [C]).data);
  const n = outer * inner;
  const inv = 1 / n;
  const adjust = n / Math.max(n - 1, 1);
  const eps = Math.fround(attrs.epsilon);
  for (let c = 0; c < C; c++) {
    let mean: number;
    let variance: number;
    if (attrs.is_training) {
      let s = 0;
      for (let o = 0; o < outer; o++) for (let k = 0, b = (o * C + c) * inner; k < inner; k++) s += x[b + k]!;
      mean = s * inv;
      let q = 0;
      for (let o = 0; o < outer; o++) {
        for (let k = 0, b = (o * C + c) * inner; k < inner; k++) {
          const d = x[b + k]! - mean;
          q += d * d;
        }
      }
      variance = q * inv;
      outs[0]![c] = mean;
      outs[1]![c] = variance * adjust;
      outs[2]![c] = mean;
      outs[3]![c] = variance;
    } else {
      mean = inputs[3]!.data[c]!;
      variance = inputs[4]!.data[c]!;
      outs[0]![c] = outs[2]![c] = mean;
      outs[1]![c] = outs[3]![c] = variance;
    }
    const factor = (1 / Math.sqrt(variance + eps)) * scale[c]!;
    const off = offset[c]!;
    for (let o = 0; o < outer; o++) for (let k = 0, b = (o * C + c) * inner; k < inner; k++) y[b + k] = (x[b + k]! - mean) * factor + off;
  }
};

/**
 * Training: x_backprop = scale·rsqrt(var + ε)·(dy − mean(dy) − (x − mean)·mean(dy·(x − mean))/(var + ε)),
 * scale_backprop = Σ dy·(x − mean)·rsqrt(var + ε), offset_backprop = Σ dy, from the saved mean and variance.
 * Inference (TF1's FusedBatchNormFreezeGrad): x_backprop = dy·scale·rsqrt(var + ε) with the population statistics.
 * An empty x gives zero scale and offset gradients; reserve_space_3 and _4 are empty.
 */
const fusedBatchNormGrad: HostKernel<'FusedBatchNormGrad'> = ({ name, inputs, attrs, output }) => {
  const [outer, C, inner] = fusedBatchNormGradChecks(name, inputs, attrs, 'CPU');
  const [dy, x, scale, mean, variance] = inputs.map((t) => t.data);
  const dx = output(0, inputs[1]!.shape).data;
  const [dscale, doffset] = [output(1, [C]).data, output(2, [C]).data];
  output(3, [0]);
  output(4, [0]);
  const n = outer * inner;
  if (n === 0) {
    dscale.fill(0);
    doffset.fill(0);
    return;
  }
  const eps = Math.fround(attrs.epsilon);
  for (let c = 0; c < C; c++) {
    const m = mean![c]!;
    const coef0 = 1 / Math.sqrt(variance![c]! + eps);
    let sdy = 0;
    let sdyx = 0;
    for (let o = 0; o < outer; o++) {
      for (let k = 0, b = (o * C + c) * inner; k < inner; k++) {
        sdy += dy![b + k]!;
        sdyx += dy![b + k]! * (x![b + k]! - m);
      }
    }
    dscale[c] = sdyx * coef0;
    doffset[c] = sdy;
    const coef1 = scale![c]! * coef0;
    const meanDy = sdy / n;
    const coef2 = coef0 * coef0 * (sdyx / n);
    for (let o = 0; o < outer; o++) {
      for (let k = 0, b = (o * C + c) * inner; k < inner; k++) {
        dx[b + k] = attrs.is_training ? coef1 * (dy![b + k]! - meanDy - (x![b + k]! - m) * coef2) : dy![b + k]! * coef1;
      }
    }
  }
};

/** Kernels of FusedBatchNorm and FusedBatchNormGrad. */
export const NN_BATCHNORM_KERNELS: { FusedBatchNorm: HostKernel<'FusedBatchNorm'>; FusedBatchNormGrad: HostKernel<'FusedBatchNormGrad'> } = {
  FusedBatchNorm: fusedBatchNorm,
  FusedBatchNormGrad: fusedBatchNormGrad,
};
