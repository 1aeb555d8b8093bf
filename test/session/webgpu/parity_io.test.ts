import { IO_CASES } from './cases_io.js';
import { describeParity } from './parity_runner.js';

describeParity('WebGPU equals the CPU backend: SaveV2 and RestoreV2', IO_CASES, 5);
