import { NN_CONV_CASES } from './cases_nn_conv.js';
import { describeParity } from './parity_runner.js';

describeParity('WebGPU equals the CPU backend: Conv2D, Conv2DBackpropInput, Conv2DBackpropFilter', NN_CONV_CASES, 10);
