// IsVariableInitialized on the WebGPU backend: the answer is the executor's (whether the variable's slot is the
// stand-in of an uninitialized one, steps.ts), put on the host as a scalar bool; no GPU work.
import { NDArray } from '../../../framework/ndarray.js';
import { isStandIn } from '../../steps.js';
import type { GpuKernel } from '../kernel.js';
import type { Slot } from '../slots.js';

const isVariableInitialized: GpuKernel<'IsVariableInitialized'> = {
  run({ inputs, hostOutput }) {
    hostOutput(0, new NDArray(Uint8Array.of(isStandIn((inputs[0] as Slot).storage) ? 0 : 1), [], 'bool'));
  },
};

/** The WebGPU kernel of IsVariableInitialized. */
export const VARIABLE_CHECK_GPU: { IsVariableInitialized: GpuKernel<'IsVariableInitialized'> } = { IsVariableInitialized: isVariableInitialized };
