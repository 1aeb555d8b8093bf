import { SUMMARY_CASES } from './cases_summary.js';
import { describeParity } from './parity_runner.js';

describeParity('WebGPU equals the CPU backend: the summary ops', SUMMARY_CASES, 10);
