import { NN_EXTRA_CASES } from './cases_nn_extra.js';
import { describeParity } from './parity_runner.js';

describeParity('WebGPU equals the CPU backend: BiasAdd, BiasAddGrad, TopKV2, InTopKV2', NN_EXTRA_CASES, 10);
