import { transposeLayout, transposePerm } from '../../kernels/util.js';
import type { GpuKernel } from '../kernel.js';
import { transposeProgram } from '../programs/transpose.js';
import { flatGrid } from '../programs/wgsl.js';

/** Transpose(x, perm): perm on the host (it decides the output shape and the layout), the elements moved on the GPU. */
export const transposeGpu: GpuKernel<'Transpose'> = {
  hostInputs: () => [1],
  run({ name, inputs, host, output, dispatch, limits }) {
    const x = inputs[0]!;
    const perm = transposePerm(name, x.shape, host(1));
    const out = output(
      0,
      perm.map((d) => x.shape[d]!),
    );
    if (out.size === 0) return;
    const { dims, strides } = transposeLayout(x.shape, perm);
    dispatch({
      program: transposeProgram(x.dtype, dims.length),
      inputs: [x],
      outputs: [out],
      uniforms: [out.size, ...dims, ...strides],
      workgroups: flatGrid(out.size, limits),
    });
  },
};
