import type { NDArray } from '../../../framework/ndarray.js';
import { legacyBlock, spaceBatchLayout } from '../../kernels/space_batch.js';
import type { GpuKernel, GpuKernelArgs } from '../kernel.js';
import { batchToSpaceProgram, spaceBatchUniforms, spaceToBatchProgram } from '../programs/space_batch.js';
import { flatGrid } from '../programs/wgsl.js';

type Kind = 'SpaceToBatchND' | 'BatchToSpaceND' | 'SpaceToBatch' | 'BatchToSpace';

/** Runs one of the four: the host kernels' checks and layout on the host, the elements gathered on the GPU. */
function run<K extends Kind>(a: GpuKernelArgs<K>, block: [readonly number[], readonly number[]], pads: NDArray, crop: boolean): void {
  const x = a.inputs[0]!;
  const l = spaceBatchLayout(a.name, x.shape, block[0], block[1], pads, crop);
  const out = a.output(0, crop ? l.spaceShape : l.batchShape);
  if (out.size === 0) return;
  const m = l.block.length;
  a.dispatch({
    program: crop ? batchToSpaceProgram(x.dtype, m) : spaceToBatchProgram(x.dtype, m),
    inputs: [x],
    outputs: [out],
    uniforms: spaceBatchUniforms(out.size, l),
    workgroups: flatGrid(out.size, a.limits),
  });
}

const values = (t: NDArray): [readonly number[], readonly number[]] => [t.shape, Array.from(t.data as ArrayLike<number>)];

/** WebGPU kernels of SpaceToBatchND, BatchToSpaceND, SpaceToBatch and BatchToSpace. */
export const SPACE_BATCH_GPU: { [K in Kind]: GpuKernel<K> } = {
  SpaceToBatchND: { hostInputs: () => [1, 2], run: (a) => run(a, values(a.host(1)), a.host(2), false) },
  BatchToSpaceND: { hostInputs: () => [1, 2], run: (a) => run(a, values(a.host(1)), a.host(2), true) },
  SpaceToBatch: { hostInputs: () => [1], run: (a) => run(a, legacyBlock(a.name, a.inputs[0]!.shape, a.attrs.block_size), a.host(1), false) },
  BatchToSpace: { hostInputs: () => [1], run: (a) => run(a, legacyBlock(a.name, a.inputs[0]!.shape, a.attrs.block_size), a.host(1), true) },
};
