import { SCAN_CASES } from './cases_scan.js';
import { describeParity } from './parity_runner.js';

describeParity('WebGPU equals the CPU backend: Cumsum and Cumprod', SCAN_CASES, 12);
