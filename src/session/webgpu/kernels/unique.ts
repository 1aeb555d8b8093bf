// Unique and UniqueWithCounts on the host: their output length is the number of distinct values, which sizes the
// outputs, so (as with Where) the input is read back and the CPU kernel runs on it.
import type { GpuKernel } from '../kernel.js';
import { runOnHost } from './host.js';

const unique: GpuKernel<'Unique'> = {
  hostInputs: () => [0],
  run({ name, attrs, host, hostOutput, inputs }) {
    const [y, idx] = runOnHost('Unique', name, [host(0)], attrs, [inputs[0]!.dtype, attrs.out_idx]);
    hostOutput(0, y!);
    hostOutput(1, idx!);
  },
};

const uniqueWithCounts: GpuKernel<'UniqueWithCounts'> = {
  hostInputs: () => [0],
  run({ name, attrs, host, hostOutput, inputs }) {
    const outs = runOnHost('UniqueWithCounts', name, [host(0)], attrs, [inputs[0]!.dtype, attrs.out_idx, attrs.out_idx]);
    outs.forEach((o, i) => hostOutput(i, o));
  },
};

/** WebGPU kernels of Unique and UniqueWithCounts (host-run). */
export const UNIQUE_GPU: { Unique: GpuKernel<'Unique'>; UniqueWithCounts: GpuKernel<'UniqueWithCounts'> } = {
  Unique: unique,
  UniqueWithCounts: uniqueWithCounts,
};
