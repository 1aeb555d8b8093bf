// IsVariableInitialized's host kernel (core/kernels/variable_ops.cc IsVariableInitializedOp): whether its input, a
// variable's storage, holds a value; the 'variable' step binds a marked stand-in for one that does not (steps.ts).
import type { HostKernel } from '../kernel.js';
import { isStandIn } from '../steps.js';

const isVariableInitialized: HostKernel<'IsVariableInitialized'> = ({ inputs, output }) => {
  output(0, []).data[0] = isStandIn(inputs[0]!) ? 0 : 1;
};

/** The host kernel of IsVariableInitialized. */
export const VARIABLE_CHECK_KERNELS: { IsVariableInitialized: HostKernel<'IsVariableInitialized'> } = { IsVariableInitialized: isVariableInitialized };
