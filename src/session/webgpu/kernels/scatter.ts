import { NDArray } from '../../../framework/ndarray.js';
import { SCATTER_MODE, type ScatterAttrs } from '../../../framework/ops/scatter.js';
import { scatterLayout } from '../../kernels/scatter.js';
import type { GpuKernel } from '../kernel.js';
import { scatterProgram } from '../programs/scatter.js';
import { flatGrid } from '../programs/wgsl.js';

// The scatter ops write the variable's storage (inputs[0]) in place; the executor checks the shapes (steps.ts) and
// aliases output 0 to the storage. The indices are read and checked on the host, as the CPU kernel checks them, so a
// bad index raises before anything is written; the GPU gets their targets.

function scatter<K extends keyof ScatterAttrs>(type: K): GpuKernel<K> {
  const mode = SCATTER_MODE[type];
  return {
    hostInputs: () => [1],
    run({ name, inputs, host, upload, dispatch, limits }) {
      const v = inputs[0]!;
      const { targets, inner } = scatterLayout(type, name, v.shape, host(1));
      if (targets.length === 0 || inner === 0) return;
      dispatch({
        program: scatterProgram(mode, v.dtype),
        inputs: [upload(new NDArray(targets, [targets.length], 'int32')), inputs[2]!],
        outputs: [v],
        uniforms: [targets.length, inner, inputs[2]!.shape.length === 0 ? 1 : 0],
        workgroups: flatGrid(inner, limits),
      });
    },
  };
}

/** WebGPU kernels of the scatter ops, keyed by op type. */
export const SCATTER_GPU: { [K in keyof ScatterAttrs]: GpuKernel<K> } = {
  ScatterUpdate: scatter('ScatterUpdate'),
  ScatterAdd: scatter('ScatterAdd'),
  ScatterSub: scatter('ScatterSub'),
  ScatterMul: scatter('ScatterMul'),
  ScatterDiv: scatter('ScatterDiv'),
  ScatterMin: scatter('ScatterMin'),
  ScatterMax: scatter('ScatterMax'),
  ScatterNdUpdate: scatter('ScatterNdUpdate'),
  ScatterNdAdd: scatter('ScatterNdAdd'),
  ScatterNdSub: scatter('ScatterNdSub'),
};
