import { VARIABLE_CHECK_CASES } from './cases_variable_checks.js';
import { describeParity } from './parity_runner.js';

describeParity('WebGPU equals the CPU backend: IsVariableInitialized', VARIABLE_CHECK_CASES, 10);
