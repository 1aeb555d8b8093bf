import { SPACE_BATCH_CASES } from './cases_space_batch.js';
import { describeParity } from './parity_runner.js';

describeParity('WebGPU equals the CPU backend: SpaceToBatchND, BatchToSpaceND and their legacy forms', SPACE_BATCH_CASES, 30);
