import { NN_BATCHNORM_CASES } from './cases_nn_batchnorm.js';
import { describeParity } from './parity_runner.js';

describeParity('WebGPU equals the CPU backend: FusedBatchNorm, FusedBatchNormGrad', NN_BATCHNORM_CASES, 10);
