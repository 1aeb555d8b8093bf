import { ARRAY_STRUCTURE_CASES } from './cases_array_structure.js';
import { describeParity } from './parity_runner.js';

describeParity('WebGPU equals the CPU backend: structural array ops', ARRAY_STRUCTURE_CASES, 30);
