import { SCRIPT_CASES } from './cases_script.js';
import { describeParity } from './parity_runner.js';

describeParity('WebGPU equals the CPU backend: PyFunc and PyFuncStateless', SCRIPT_CASES, 10);
