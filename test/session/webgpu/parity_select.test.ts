import { SELECT_CASES } from './cases_select.js';
import { describeParity } from './parity_runner.js';

describeParity('WebGPU equals the CPU backend: Select and Where', SELECT_CASES, 10);
