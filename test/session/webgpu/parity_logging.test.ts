import { LOGGING_CASES } from './cases_logging.js';
import { describeParity } from './parity_runner.js';

describeParity('WebGPU equals the CPU backend: Assert, Print, StringFormat, PrintV2', LOGGING_CASES, 10);
