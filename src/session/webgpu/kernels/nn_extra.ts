import { biasLayout } from '../../kernels/nn_extra.js';
import type { GpuKernel } from '../kernel.js';
import { biasAddGradProgram, biasAddProgram } from '../programs/nn_extra.js';
import { flatGrid } from '../programs/wgsl.js';

/** BiasAdd: the bias broadcast along the channel axis (last for NHWC, 1 for NCHW). */
const biasAdd: GpuKernel<'BiasAdd'> = {
  run({ name, inputs, attrs, output, dispatch, limits }) {
    const x = inputs[0]!;
    const [, C, inner] = biasLayout(name, x.shape, attrs.data_format);
    const out = output(0, x.shape);
    if (out.size === 0) return;
    dispatch({
      program: biasAddProgram(x.dtype),
      inputs: [x, inputs[1]!],
      outputs: [out],
      uniforms: [out.size, C, inner],
      workgroups: flatGrid(out.size, limits),
    });
  },
};

/** BiasAddGrad: one thread per channel sums the gradient over the other axes. */
const biasAddGrad: GpuKernel<'BiasAddGrad'> = {
  run({ name, inputs, attrs, output, dispatch, limits }) {
    const g = inputs[0]!;
    const [outer, C, inner] = biasLayout(name, g.shape, attrs.data_format);
    const out = output(0, [C]);
    if (C === 0) return;
    dispatch({ program: biasAddGradProgram(g.dtype), inputs: [g], outputs: [out], uniforms: [C, outer, inner], workgroups: flatGrid(C, limits) });
  },
};

/** WebGPU kernels of BiasAdd and BiasAddGrad. */
export const NN_EXTRA_GPU: { BiasAdd: GpuKernel<'BiasAdd'>; BiasAddGrad: GpuKernel<'BiasAddGrad'> } = {
  BiasAdd: biasAdd,
  BiasAddGrad: biasAddGrad,
};
