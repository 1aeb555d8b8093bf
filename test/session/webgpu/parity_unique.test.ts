import { UNIQUE_CASES } from './cases_unique.js';
import { describeParity } from './parity_runner.js';

describeParity('WebGPU equals the CPU backend: Unique and UniqueWithCounts', UNIQUE_CASES, 10);
