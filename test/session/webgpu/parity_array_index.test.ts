import { ARRAY_INDEX_CASES } from './cases_array_index.js';
import { describeParity } from './parity_runner.js';

describeParity('WebGPU equals the CPU backend: GatherV2, UnsortedSegmentSum, OneHot, StridedSlice(Grad)', ARRAY_INDEX_CASES, 40);
