import type { OpType } from '../types.js';
import type { GradEntry } from './types.js';
import * as mg from './math_grad.js';
import * as rg from './reduce_grad.js';
import * as ng from './nn_grad.js';
import * as ag from './array_grad.js';
import { transposeGrad } from './transpose_grad.js';

/**
 * The gradient rule of every op type: a function, 'none' where TF1 registers the op as not
 * differentiable, or null where TF1 has no gradient at all (a LookupError if reached).
 */
export const GRADIENTS: { [K in OpType]: GradEntry<K> | null } = {
  Placeholder: 'none', Const: 'none', VariableV2: 'none',
  Assign: null, AssignAdd: null, AssignSub: null, ApplyGradientDescent: null,
  RandomStandardNormal: 'none', TruncatedNormal: 'none', RandomUniform: 'none', RandomUniformInt: 'none',
  Identity: ag.identityGrad, StopGradient: 'none', NoOp: 'none',
  Add: mg.addGrad, Sub: mg.subGrad, Mul: mg.mulGrad, RealDiv: mg.realDivGrad,
  Maximum: mg.maximumGrad, Minimum: mg.minimumGrad, FloorDiv: 'none', FloorMod: mg.floorModGrad,
  Equal: 'none', Greater: 'none', GreaterEqual: 'none', Less: 'none', LessEqual: 'none',
  Neg: mg.negGrad, Log: mg.logGrad, Exp: mg.expGrad, Sqrt: mg.sqrtGrad, Square: mg.squareGrad,
  Reciprocal: mg.reciprocalGrad, Relu: ng.reluGrad,
  ReluGrad: ng.reluGradGrad, SqrtGrad: mg.sqrtGradGrad, ReciprocalGrad: mg.reciprocalGradGrad,
  Sum: rg.sumGrad, Mean: rg.meanGrad, Max: rg.maxGrad, Prod: rg.prodGrad, ArgMax: 'none',
  MatMul: mg.matMulGrad, Softmax: ng.softmaxGrad, LogSoftmax: ng.logSoftmaxGrad,
  SoftmaxCrossEntropyWithLogits: ng.xentGrad, AddN: mg.addNGrad,
  Cast: mg.castGrad, Reshape: ag.reshapeGrad, ExpandDims: ag.reshapeGrad,
  Shape: 'none', Size: 'none', Rank: 'none', Fill: ag.fillGrad, ZerosLike: 'none', OnesLike: 'none',
  Tile: ag.tileGrad, Range: 'none', BroadcastGradientArgs: 'none',
  // TF1 differentiates it by gathering the gradient at the indices; without Gather that is a LookupError, not a silent None.
  DynamicStitch: null,
  Transpose: transposeGrad,
};
