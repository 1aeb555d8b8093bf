// FusedBatchNorm and FusedBatchNormGrad on WebGPU: the host kernels' checks (NHWC and NCHW, as TF1's GPU kernels
// take both), the per-channel statistics by one thread per channel, then one thread per element.
import { fusedBatchNormChecks, fusedBatchNormGradChecks } from '../../kernels/nn_batchnorm.js';
import type { GpuKernel } from '../kernel.js';
import { bnApplyProgram, bnGradInputProgram, bnGradSumsProgram, bnStatsProgram } from '../programs/nn_batchnorm.js';
import { flatGrid } from '../programs/wgsl.js';

/** FusedBatchNorm: the statistics (computed, or the given ones copied), then y. */
const forward: GpuKernel<'FusedBatchNorm'> = {
  run({ name, inputs, attrs, output, dispatch, limits }) {
    const [outer, C, inner] = fusedBatchNormChecks(name, inputs, attrs, 'GPU');
    const x = inputs[0]!;
    const y = output(0, x.shape);
    const stats = [1, 2, 3, 4].map((i) => output(i, [C]));
    if (C === 0) return;
    const n = outer * inner;
    dispatch({
      program: bnStatsProgram(attrs.is_training),
      inputs: attrs.is_training ? [x] : [inputs[3]!, inputs[4]!],
      outputs: stats,
      uniforms: [outer, C, inner, n / Math.max(n - 1, 1)],
      workgroups: flatGrid(C, limits),
    });
    if (y.size === 0) return;
    dispatch({
      program: bnApplyProgram(),
      inputs: [x, inputs[1]!, inputs[2]!, stats[2]!, stats[3]!],
      outputs: [y],
      uniforms: [y.size, C, inner, attrs.epsilon],
      workgroups: flatGrid(y.size, limits),
    });
  },
};

/** FusedBatchNormGrad: the scale and offset gradients per channel (zero for an empty x), then x_backprop. */
const grad: GpuKernel<'FusedBatchNormGrad'> = {
  run({ name, inputs, attrs, output, dispatch, limits }) {
    const [outer, C, inner] = fusedBatchNormGradChecks(name, inputs, attrs, 'GPU');
    const [dy, x, scale, mean, variance] = inputs as [(typeof inputs)[0], (typeof inputs)[0], (typeof inputs)[0], (typeof inputs)[0], (typeof inputs)[0]];
    const dx = output(0, x.shape);
    const dscale = output(1, [C]);
    const doffset = output(2, [C]);
    output(3, [0]);
    output(4, [0]);
    if (C === 0) return;
    const sums = { inputs: [dy, x, mean, variance], outputs: [dscale, doffset], uniforms: [outer, C, inner, attrs.epsilon], workgroups: flatGrid(C, limits) };
    // An empty x: the sums over no rows are the zeros TF1 sets.
    dispatch({ program: bnGradSumsProgram(), ...sums });
    if (dx.size === 0) return;
    dispatch({
      program: bnGradInputProgram(),
      inputs: [dy, x, scale, mean, variance, dscale, doffset],
      outputs: [dx],
      uniforms: [dx.size, C, inner, attrs.epsilon, outer * inner, attrs.is_training ? 1 : 0],
      workgroups: flatGrid(dx.size, limits),
    });
  },
};

/** WebGPU kernels of FusedBatchNorm and FusedBatchNormGrad. */
export const NN_BATCHNORM_GPU: { FusedBatchNorm: GpuKernel<'FusedBatchNorm'>; FusedBatchNormGrad: GpuKernel<'FusedBatchNormGrad'> } = {
  FusedBatchNorm: forward,
  FusedBatchNormGrad: grad,
};
