import { TRAINING_CASES } from './cases_training.js';
import { describeParity } from './parity_runner.js';

describeParity("WebGPU equals the CPU backend: the optimizers' Apply* ops (variable and slots written in place)", TRAINING_CASES, 10);
