import { NN_POOL_CASES } from './cases_nn_pool.js';
import { describeParity } from './parity_runner.js';

describeParity('WebGPU equals the CPU backend: MaxPool, AvgPool, MaxPoolGrad, AvgPoolGrad, MaxPoolGradGrad', NN_POOL_CASES, 10);
