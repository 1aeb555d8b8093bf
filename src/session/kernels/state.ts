import type { HostKernel } from '../kernel.js';

// Ref updates (the plan's 'update' steps; Assign is the executor's own 'assign' step) write the variable's own storage (inputs[0]); the executor aliases output 0 to
// it, so none of these call output().

/** AssignAdd, in place; an int32 variable wraps on the store. */
const assignAdd: HostKernel<'AssignAdd'> = ({ inputs }) => {
  const v = inputs[0]!.data;
  const d = inputs[1]!.data;
  for (let i = 0; i < v.length; i++) v[i] = v[i]! + d[i]!;
};

/** AssignSub, in place. */
const assignSub: HostKernel<'AssignSub'> = ({ inputs }) => {
  const v = inputs[0]!.data;
  const d = inputs[1]!.data;
  for (let i = 0; i < v.length; i++) v[i] = v[i]! - d[i]!;
};

/**
 * ApplyGradientDescent: var -= alpha * delta, in place. For float32 the product is rounded to
 * float32 before the subtraction, as TF1's float arithmetic does, so trained weights match it
 * bit for bit rather than drifting by an ulp per step.
 */
const applyGradientDescent: HostKernel<'ApplyGradientDescent'> = ({ inputs, fast }) => {
  const v = inputs[0]!.data;
  const alpha = inputs[1]!.data[0]!;
  const d = inputs[2]!.data;
  if (v instanceof Float32Array) {
    if (fast?.applyGradientDescent(v, alpha, d)) return;
    for (let i = 0; i < v.length; i++) v[i] = v[i]! - Math.fround(alpha * d[i]!);
  } else {
    for (let i = 0; i < v.length; i++) v[i] = v[i]! - alpha * d[i]!;
  }
};

/** Kernels of the ref-writing state ops, keyed by op type. */
export const STATE_KERNELS: {
  AssignAdd: HostKernel<'AssignAdd'>;
  AssignSub: HostKernel<'AssignSub'>;
  ApplyGradientDescent: HostKernel<'ApplyGradientDescent'>;
} = {
  AssignAdd: assignAdd,
  AssignSub: assignSub,
  ApplyGradientDescent: applyGradientDescent,
};
