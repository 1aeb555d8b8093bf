// RandomShuffle and Multinomial on the GPU. RandomShuffle (which TF1 runs only on its CPU) draws its permutation
// on the host from the run's seeds and counter and gathers the rows on the GPU; Multinomial samples on the GPU with
// the counter-based generator of the other random ops, after TF1's checks on the host.
import { multinomialLayout, permutation } from '../../kernels/random_more.js';
import { makeStream } from '../../random.js';
import { NDArray } from '../../../framework/ndarray.js';
import type { GpuKernel } from '../kernel.js';
import { gatherProgram } from '../programs/array_index.js';
import { multinomialProgram, randomKey } from '../programs/random.js';
import { flatGrid } from '../programs/wgsl.js';

const randomShuffle: GpuKernel<'RandomShuffle'> = {
  run({ inputs, output, upload, dispatch, limits, random: draw }) {
    const x = inputs[0]!;
    const out = output(0, x.shape);
    if (out.size === 0) return;
    const n = x.shape.length === 0 || x.size <= 1 ? 1 : x.shape[0]!;
    const { seed, seed2, counter } = draw();
    const p = n <= 1 ? Int32Array.of(0) : permutation(n, makeStream(...randomKey(seed, seed2, counter)));
    dispatch({
      program: gatherProgram(out.dtype),
      inputs: [x, upload(new NDArray(p, [n], 'int32'))],
      outputs: [out],
      uniforms: [out.size, n, n, out.size / n],
      workgroups: flatGrid(out.size, limits),
    });
  },
};

const multinomial: GpuKernel<'Multinomial'> = {
  hostInputs: () => [1],
  run({ name, inputs, host, output, dispatch, limits, random: draw }) {
    const [batch, classes, samples] = multinomialLayout(name, inputs[0]!.shape, host(1));
    const out = output(0, [batch, samples]);
    if (out.size === 0) return;
    const { seed, seed2, counter } = draw();
    dispatch({
      program: multinomialProgram(inputs[0]!.dtype),
      inputs: [inputs[0]!],
      outputs: [out],
      uniforms: [out.size, samples, classes, ...randomKey(seed, seed2, counter)],
      workgroups: flatGrid(out.size, limits),
    });
  },
};

/** WebGPU kernels of RandomShuffle and Multinomial, keyed by op type. */
export const RANDOM_MORE_GPU: { RandomShuffle: GpuKernel<'RandomShuffle'>; Multinomial: GpuKernel<'Multinomial'> } = {
  RandomShuffle: randomShuffle,
  Multinomial: multinomial,
};
