// Select on the GPU (the host works out the layout and TF1's shape checks); Where on the host, which needs the
// condition's values to size its output, as TF1's GPU kernel reads the count back before allocating.
import { selectLayout } from '../../kernels/select.js';
import type { GpuKernel } from '../kernel.js';
import { selectProgram } from '../programs/select.js';
import { flatGrid } from '../programs/wgsl.js';
import { runOnHost } from './host.js';

const select: GpuKernel<'Select'> = {
  run({ name, inputs, output, dispatch, limits }) {
    const [c, t, e] = inputs as [(typeof inputs)[0], (typeof inputs)[0], (typeof inputs)[0]];
    const { width } = selectLayout(name, c.shape, t.shape, e.shape);
    const out = output(0, t.shape);
    if (out.size === 0) return;
    dispatch({ program: selectProgram(out.dtype), inputs: [c, t, e], outputs: [out], uniforms: [out.size, width], workgroups: flatGrid(out.size, limits) });
  },
};

const where: GpuKernel<'Where'> = {
  hostInputs: () => [0],
  run({ name, attrs, host, hostOutput }) {
    hostOutput(0, runOnHost('Where', name, [host(0)], attrs, ['int64'])[0]!);
  },
};

/** WebGPU kernels of Select and Where. */
export const SELECT_GPU: { Select: GpuKernel<'Select'>; Where: GpuKernel<'Where'> } = { Select: select, Where: where };
