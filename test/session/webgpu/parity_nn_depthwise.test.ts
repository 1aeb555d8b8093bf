import { NN_DEPTHWISE_CASES } from './cases_nn_depthwise.js';
import { describeParity } from './parity_runner.js';

describeParity(
  'WebGPU equals the CPU backend: DepthwiseConv2dNative, DepthwiseConv2dNativeBackpropInput, DepthwiseConv2dNativeBackpropFilter',
  NN_DEPTHWISE_CASES,
  10,
);
