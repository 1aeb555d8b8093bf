import { TRAINING_CASES } from './cases_training.js';
import { TRAINING_MORE_CASES } from './cases_training_more.js';
import { TRAINING_SPARSE_CASES } from './cases_training_sparse.js';
import { describeParity } from './parity_runner.js';

describeParity("WebGPU equals the CPU backend: the optimizers' Apply* ops (variable and slots written in place)", TRAINING_CASES, 10);

describeParity("WebGPU equals the CPU backend: more of the optimizers' Apply* ops", TRAINING_MORE_CASES, 10);

describeParity("WebGPU equals the CPU backend: the optimizers' SparseApply* ops (indexed rows, repeated indices in order)", TRAINING_SPARSE_CASES, 10);
