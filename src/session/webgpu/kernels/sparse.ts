// SparseToDense on the host (its inputs read back: indices decide where values go), its output kept there until a
// GPU step reads it, as TF1's GPU device runs its host-memory int inputs on the host.
import type { GpuKernel } from '../kernel.js';
import { runOnHost } from './host.js';

const sparseToDense: GpuKernel<'SparseToDense'> = {
  hostInputs: () => [0, 1, 2, 3],
  run({ name, attrs, host, hostOutput }) {
    hostOutput(0, runOnHost('SparseToDense', name, [host(0), host(1), host(2), host(3)], attrs, [host(2).dtype])[0]!);
  },
};

/** WebGPU kernels of the sparse ops. */
export const SPARSE_GPU: { SparseToDense: GpuKernel<'SparseToDense'> } = { SparseToDense: sparseToDense };
