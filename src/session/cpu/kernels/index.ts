import type { CpuKernelTable } from '../kernel.js';
import { ARRAY_KERNELS as A } from './array.js';
import { ELEMENTWISE_KERNELS as E } from './elementwise.js';
import { matMul } from './matmul.js';
import { NN_KERNELS as N } from './nn.js';
import { RANDOM_KERNELS as R } from './random.js';
import { REDUCE_KERNELS as D } from './reduce.js';
import { STATE_KERNELS as S } from './state.js';
import { transpose } from './transpose.js';

/**
 * The CPU kernel of every op type, as an exhaustive table: a new op type without an entry here
 * does not compile. `null` marks the ops the executor runs itself: sources (fed, constant or
 * variable storage), NoOp, and the pure views whose output aliases input 0.
 */
export const CPU_KERNELS: CpuKernelTable = {
  Placeholder: null,
  Const: null,
  VariableV2: null,
  NoOp: null,
  Identity: null,
  StopGradient: null,
  Reshape: null,
  ExpandDims: null,
  Assign: S.Assign,
  AssignAdd: S.AssignAdd,
  AssignSub: S.AssignSub,
  ApplyGradientDescent: S.ApplyGradientDescent,
  RandomStandardNormal: R.RandomStandardNormal,
  TruncatedNormal: R.TruncatedNormal,
  RandomUniform: R.RandomUniform,
  RandomUniformInt: R.RandomUniformInt,
  Add: E.Add,
  Sub: E.Sub,
  Mul: E.Mul,
  RealDiv: E.RealDiv,
  Maximum: E.Maximum,
  Minimum: E.Minimum,
  FloorDiv: E.FloorDiv,
  FloorMod: E.FloorMod,
  Equal: E.Equal,
  Greater: E.Greater,
  GreaterEqual: E.GreaterEqual,
  Less: E.Less,
  LessEqual: E.LessEqual,
  Neg: E.Neg,
  Log: E.Log,
  Exp: E.Exp,
  Sqrt: E.Sqrt,
  Square: E.Square,
  Reciprocal: E.Reciprocal,
  Relu: E.Relu,
  ReluGrad: E.ReluGrad,
  SqrtGrad: E.SqrtGrad,
  ReciprocalGrad: E.ReciprocalGrad,
  Sum: D.Sum,
  Mean: D.Mean,
  Max: D.Max,
  Prod: D.Prod,
  ArgMax: D.ArgMax,
  MatMul: matMul,
  Softmax: N.Softmax,
  LogSoftmax: N.LogSoftmax,
  SoftmaxCrossEntropyWithLogits: N.SoftmaxCrossEntropyWithLogits,
  AddN: A.AddN,
  Cast: A.Cast,
  Shape: A.Shape,
  Size: A.Size,
  Rank: A.Rank,
  Fill: A.Fill,
  ZerosLike: A.ZerosLike,
  OnesLike: A.OnesLike,
  Tile: A.Tile,
  Range: A.Range,
  DynamicStitch: A.DynamicStitch,
  BroadcastGradientArgs: A.BroadcastGradientArgs,
  Transpose: transpose,
};
