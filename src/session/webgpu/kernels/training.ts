import { NDArray } from '../../../framework/ndarray.js';
import { OP_DEFS, type OpAttrs, type OpType } from '../../../framework/op_defs.js';
import type { DType } from '../../../framework/dtypes.js';
import type { Program } from '../kernel.js';
import type { TrainingAttrs } from '../../../framework/ops/training.js';
import type { GpuKernel } from '../kernel.js';
import { APPLY_REFS, applyProgram, packScalarsProgram } from '../programs/training.js';
import { flatGrid } from '../programs/wgsl.js';

// The optimizers' Apply* ops write the variable (inputs[0]) and its slots in place; the executor checks the shapes
// (steps.ts) and aliases output 0 to the variable's storage, so these never call output(). The scalar inputs are
// first packed into one small array: an Adam update would otherwise bind more storage buffers than a stage may have.

function applyKernel<K extends keyof TrainingAttrs>(op: K): GpuKernel<K> {
  return applyKernelOf(op, APPLY_REFS[op].length, (attrs, dtype) => applyProgram(op, attrs, dtype));
}

/** The kernel of an Apply* op with `refs` ref inputs whose update is `prog` (after its scalar inputs are packed). */
export function applyKernelOf<K extends OpType>(op: K, refs: number, prog: (attrs: OpAttrs[K], dtype: DType) => Program): GpuKernel<K> {
  // `grad` (`delta` in ApplyProximalGradientDescent) is the last input except in ApplyMomentum (var, accum, lr, grad, momentum).
  const gradAt = OP_DEFS[op].inputs.findIndex((i) => i.name === 'grad' || i.name === 'delta');
  return {
    run({ inputs, attrs, dispatch, upload, limits }) {
      const w = inputs[0]!;
      if (w.size === 0) return;
      const grad = inputs[gradAt]!;
      const scalars = inputs.filter((_, i) => i >= refs && i !== gradAt);
      const packed = upload(NDArray.zeros([scalars.length], w.dtype));
      dispatch({ program: packScalarsProgram(scalars.length, w.dtype), inputs: scalars, outputs: [packed], uniforms: [0], workgroups: [1, 1] });
      dispatch({
        program: prog(attrs, w.dtype),
        inputs: [packed, grad],
        outputs: inputs.slice(0, refs),
        uniforms: [w.size],
        workgroups: flatGrid(w.size, limits),
      });
    },
  };
}

/** WebGPU kernels of the optimizers' update ops, keyed by op type. */
export const TRAINING_GPU: { [K in keyof TrainingAttrs]: GpuKernel<K> } = {
  ApplyMomentum: applyKernel('ApplyMomentum'),
  ApplyAdam: applyKernel('ApplyAdam'),
  ApplyAdagrad: applyKernel('ApplyAdagrad'),
  ApplyRMSProp: applyKernel('ApplyRMSProp'),
  ApplyCenteredRMSProp: applyKernel('ApplyCenteredRMSProp'),
};
