import { checkLabels, sparseXentDims } from '../../kernels/losses.js';
import type { GpuKernel } from '../kernel.js';
import { l2LossProgram, sparseXentProgram } from '../programs/losses.js';
import { flatGrid } from '../programs/wgsl.js';

/**
 * TF1's SparseSoftmaxCrossEntropyWithLogits: the labels are read on the host and checked as TF1's CPU kernel
 * checks them (an out-of-range label fails the run before anything is written), then one thread per row.
 */
const sparseXent: GpuKernel<'SparseSoftmaxCrossEntropyWithLogits'> = {
  hostInputs: () => [1],
  run({ name, inputs, host, output, dispatch, limits }) {
    const f = inputs[0]!;
    const [B, C] = sparseXentDims(name, f.shape, inputs[1]!.shape);
    if (B > 0) checkLabels(name, host(1), C);
    const loss = output(0, [B]);
    const back = output(1, [B, C]);
    if (B === 0) return;
    dispatch({ program: sparseXentProgram(f.dtype), inputs: [f, inputs[1]!], outputs: [loss, back], uniforms: [B, C], workgroups: flatGrid(B, limits) });
  },
};

/** TF1's L2Loss: one workgroup sums the squares (an empty input's sum is 0, written all the same). */
const l2Loss: GpuKernel<'L2Loss'> = {
  run({ inputs, output, dispatch }) {
    const x = inputs[0]!;
    const out = output(0, []);
    dispatch({ program: l2LossProgram(x.dtype), inputs: [x], outputs: [out], uniforms: [x.size], workgroups: [1, 1] });
  },
};

/** WebGPU kernels of the loss ops, keyed by op type; PreventGradient is a view the executor handles. */
export const LOSS_GPU: {
  SparseSoftmaxCrossEntropyWithLogits: GpuKernel<'SparseSoftmaxCrossEntropyWithLogits'>;
  PreventGradient: null;
  L2Loss: GpuKernel<'L2Loss'>;
} = {
  SparseSoftmaxCrossEntropyWithLogits: sparseXent,
  PreventGradient: null,
  L2Loss: l2Loss,
};
