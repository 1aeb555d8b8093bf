import type { DType } from '../../../framework/dtypes.js';
import { NDArray } from '../../../framework/ndarray.js';
import type { OpAttrs, OpType } from '../../../framework/op_defs.js';
import type { HostKernel, KernelArgs } from '../../kernel.js';
import { HOST_KERNELS } from '../../kernels/index.js';

/**
 * Runs an op's CPU kernel on host values. The WebGPU backend does this for shape metadata only
 * (BroadcastGradientArgs, and small int chains derived from shapes and constants), as TF1's GPU
 * device keeps such int32 tensors in host memory: their consumers need them on the host to size
 * their outputs, so computing them on the GPU would only add a read back.
 */
export function runOnHost<K extends OpType>(
  type: K,
  name: string,
  inputs: readonly NDArray[],
  attrs: OpAttrs[K],
  dtypes: readonly DType[],
  state?: KernelArgs<K>['state'],
): NDArray[] {
  const kernel = HOST_KERNELS[type] as HostKernel<K> | null;
  if (!kernel) throw new Error(`${type} has no CPU kernel`);
  const outs: NDArray[] = [];
  kernel({
    name,
    inputs,
    attrs,
    output: (i, shape) => (outs[i] = NDArray.zeros(shape, dtypes[i]!)),
    random: () => {
      throw new Error('random ops do not run on the host');
    },
    state,
  });
  return outs;
}
