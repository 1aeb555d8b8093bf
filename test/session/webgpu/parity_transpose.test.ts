import { TRANSPOSE_CASES } from './cases_transpose.js';
import { describeParity } from './parity_runner.js';

describeParity('WebGPU equals the CPU backend: Transpose', TRANSPOSE_CASES, 60);
