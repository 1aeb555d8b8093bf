// Svd on the host, as Where runs (select.ts): an iterative decomposition of small matrices, whose rotations do
// not map onto a few data-parallel passes; TF1's GPU kernel also calls a solver library rather than its own code.
import type { GpuKernel } from '../kernel.js';
import { runOnHost } from './host.js';

const svd: GpuKernel<'Svd'> = {
  hostInputs: () => [0],
  run({ name, attrs, host, hostOutput }) {
    const x = host(0);
    const outs = runOnHost('Svd', name, [x], attrs, [x.dtype, x.dtype, x.dtype]);
    outs.forEach((o, i) => hostOutput(i, o));
  },
};

/** WebGPU kernels of the linear-algebra ops. */
export const LINALG_GPU: { Svd: GpuKernel<'Svd'> } = { Svd: svd };
