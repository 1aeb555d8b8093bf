import type { GpuKernelTable } from '../kernel.js';
import { ARRAY_GPU as A } from './array.js';
import { ELEMENTWISE_GPU as E } from './elementwise.js';
import { NN_GPU as N } from './nn.js';
import { REDUCE_GPU as D } from './reduce.js';
import { STATE_GPU as S } from './state.js';
import { transposeGpu } from './transpose.js';

/**
 * The WebGPU kernel of every op type, as an exhaustive table: a new op type without an entry here
 * does not compile. `null` marks what the executor does itself, as in the CPU table: sources (fed,
 * constant or variable storage), NoOp, the views whose output shares input 0's buffer, and
 * Assign, which is a buffer copy into the variable's storage rather than a program.
 */
export const WGSL_KERNELS: GpuKernelTable = {
  Placeholder: null,
  Const: null,
  VariableV2: null,
  NoOp: null,
  Identity: null,
  StopGradient: null,
  Reshape: null,
  ExpandDims: null,
  Assign: null,
  AssignAdd: S.AssignAdd,
  AssignSub: S.AssignSub,
  ApplyGradientDescent: S.ApplyGradientDescent,
  RandomStandardNormal: S.RandomStandardNormal,
  TruncatedNormal: S.TruncatedNormal,
  RandomUniform: S.RandomUniform,
  RandomUniformInt: S.RandomUniformInt,
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
  MatMul: N.MatMul,
  Softmax: N.Softmax,
  LogSoftmax: N.LogSoftmax,
  SoftmaxCrossEntropyWithLogits: N.SoftmaxCrossEntropyWithLogits,
  AddN: A.AddN,
  Cast: E.Cast,
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
  Transpose: transposeGpu,
};
