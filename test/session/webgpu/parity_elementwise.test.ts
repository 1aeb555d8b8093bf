import { ELEMENTWISE_CASES } from './cases_math.js';
import { describeParity } from './parity_runner.js';

describeParity('WebGPU equals the CPU backend: elementwise ops', ELEMENTWISE_CASES, 12);
