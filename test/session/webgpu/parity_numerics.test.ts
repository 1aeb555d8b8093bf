import { NUMERICS_CASES } from './cases_numerics.js';
import { describeParity } from './parity_runner.js';

describeParity('WebGPU equals the CPU backend: CheckNumerics', NUMERICS_CASES, 10);
