import { ARRAY_DIAG_CASES } from './cases_array_diag.js';
import { describeParity } from './parity_runner.js';

describeParity('WebGPU equals the CPU backend: diagonal ops', ARRAY_DIAG_CASES, 30);
