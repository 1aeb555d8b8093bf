import { REDUCE_NN_CASES } from './cases_math.js';
import { describeParity } from './parity_runner.js';

describeParity('WebGPU equals the CPU backend: reductions, MatMul, softmax', REDUCE_NN_CASES, 10);
