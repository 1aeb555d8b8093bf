// The candidate samplers and ComputeAccidentalHits run on the host, as TF1 registers them for the CPU only (its GPU
// device places them there): their inputs are small int64 matrices of class ids and their outputs size what follows.
import { NDArray } from '../../../framework/ndarray.js';
import type { OpType } from '../../../framework/op_defs.js';
import type { HostKernel, RandomStream } from '../../kernel.js';
import { CANDIDATE_SAMPLING_KERNELS } from '../../kernels/candidate_sampling.js';
import { makeStream } from '../../random.js';
import type { GpuKernel } from '../kernel.js';

type CandidateOp = keyof typeof CANDIDATE_SAMPLING_KERNELS & OpType;

/** A host step: the inputs read back, the host kernel run, its outputs kept on the host (as Where's are). */
function onHost<K extends CandidateOp>(type: K): GpuKernel<K> {
  const kernel = CANDIDATE_SAMPLING_KERNELS[type] as HostKernel<K>;
  return {
    hostInputs: (n) => Array.from({ length: n }, (_, i) => i),
    run({ name, attrs, inputs, host, hostOutput, random: draw }) {
      const dtypes = type === 'ComputeAccidentalHits' ? (['int32', 'int64', 'float32'] as const) : (['int64', 'float32', 'float32'] as const);
      const outs: NDArray[] = [];
      let stream: RandomStream | null = null;
      kernel({
        name,
        attrs,
        inputs: inputs.map((_, i) => host(i)),
        output: (i, shape) => (outs[i] = NDArray.zeros(shape, dtypes[i]!)),
        // This op's seeds with the run's counter: a new draw each run, the same runs from the same seeds.
        random: () => {
          if (!stream) {
            const { seed, seed2, counter } = draw();
            stream = makeStream(seed, (seed2 + Math.imul(counter, 0x9e3779b9)) >>> 0 || 1);
          }
          return stream;
        },
      });
      outs.forEach((o, i) => hostOutput(i, o));
    },
  };
}

/** WebGPU kernels of the candidate-sampling ops: host steps. */
export const CANDIDATE_SAMPLING_GPU: {
  UniformCandidateSampler: GpuKernel<'UniformCandidateSampler'>;
  LogUniformCandidateSampler: GpuKernel<'LogUniformCandidateSampler'>;
  AllCandidateSampler: GpuKernel<'AllCandidateSampler'>;
  ComputeAccidentalHits: GpuKernel<'ComputeAccidentalHits'>;
} = {
  UniformCandidateSampler: onHost('UniformCandidateSampler'),
  LogUniformCandidateSampler: onHost('LogUniformCandidateSampler'),
  AllCandidateSampler: onHost('AllCandidateSampler'),
  ComputeAccidentalHits: onHost('ComputeAccidentalHits'),
};
