import { LINALG_CASES } from './cases_linalg.js';
import { describeParity } from './parity_runner.js';

describeParity('WebGPU equals the CPU backend: Svd', LINALG_CASES, 12);
