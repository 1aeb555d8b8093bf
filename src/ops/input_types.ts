// The input signature of every op type, as TF1's REGISTER_OP declares it (tensorflow/core/ops/*.cc): each
// input's name and the dtype it takes, either fixed (`indices: int32`) or a type attr shared by several
// inputs (`x: T`, `y: T`) with the dtypes the attr allows (TF1's lists, less the dtypes tf1-ts has not, and
// less those no kernel here implements). Graph.create_op checks every op against it, and import_graph_def
// every imported node, so no kernel meets an input of a dtype it does not handle.
import { DTYPES, type DType } from '../framework/dtypes.js';
import type { OpType } from './types.js';

/** The dtype an input takes: a fixed one, or a type attr (`T`) shared by inputs, with its allowed dtypes. */
export type InputType = DType | { readonly attr: string; readonly allowed: readonly DType[] };

/** One input argument, as REGISTER_OP's `.Input("name: type")`; `list` for `N * type`, a list of N >= 1 tensors. */
export interface InputArg {
  readonly name: string;
  readonly type: InputType;
  readonly list?: true;
}

const ALL = DTYPES;
const NUMBER: readonly DType[] = ['float32', 'float64', 'int32', 'int64'];
const FLOAT: readonly DType[] = ['float32', 'float64'];
const INDEX: readonly DType[] = ['int32', 'int64'];

const t = (allowed: readonly DType[], attr = 'T'): InputType => ({ attr, allowed });
const args = (type: InputType, ...names: string[]): InputArg[] => names.map((name) => ({ name, type }));
const binary = (allowed: readonly DType[]): InputArg[] => args(t(allowed), 'x', 'y');
const unary = (allowed: readonly DType[]): InputArg[] => args(t(allowed), 'x');
const reduction = (allowed: readonly DType[]): InputArg[] => [...args(t(allowed), 'input'), ...args(t(INDEX, 'Tidx'), 'reduction_indices')];
const random: InputArg[] = args(t(INDEX), 'shape');

/** Every op type's inputs, in TF1's order (exhaustive: a new op type must declare its inputs here). */
export const INPUT_ARGS: { readonly [K in OpType]: readonly InputArg[] } = {
  Placeholder: [], Const: [], VariableV2: [], NoOp: [],
  Assign: args(t(ALL), 'ref', 'value'),
  AssignAdd: args(t(NUMBER), 'ref', 'value'),
  AssignSub: args(t(NUMBER), 'ref', 'value'),
  ApplyGradientDescent: args(t(FLOAT), 'var', 'alpha', 'delta'),
  RandomStandardNormal: random, TruncatedNormal: random, RandomUniform: random,
  RandomUniformInt: [...random, ...args(t(INDEX, 'Tout'), 'minval', 'maxval')],
  Identity: args(t(ALL), 'input'),
  StopGradient: args(t(ALL), 'input'),
  Add: binary(NUMBER), Sub: binary(NUMBER), Mul: binary(NUMBER), RealDiv: binary(NUMBER),
  Maximum: binary(NUMBER), Minimum: binary(NUMBER), FloorDiv: binary(NUMBER), FloorMod: binary(NUMBER),
  Equal: binary(ALL),
  Greater: binary(NUMBER), GreaterEqual: binary(NUMBER), Less: binary(NUMBER), LessEqual: binary(NUMBER),
  Neg: unary(NUMBER), Square: unary(NUMBER),
  Log: unary(FLOAT), Exp: unary(FLOAT), Sqrt: unary(FLOAT), Reciprocal: unary(FLOAT),
  Relu: args(t(NUMBER), 'features'),
  ReluGrad: args(t(NUMBER), 'gradients', 'features'),
  SqrtGrad: args(t(FLOAT), 'y', 'dy'),
  ReciprocalGrad: args(t(FLOAT), 'y', 'dy'),
  Sum: reduction(NUMBER), Mean: reduction(NUMBER), Max: reduction(NUMBER), Prod: reduction(NUMBER),
  ArgMax: [...args(t(NUMBER), 'input'), ...args(t(INDEX, 'Tidx'), 'dimension')],
  MatMul: args(t(NUMBER), 'a', 'b'),
  Softmax: args(t(FLOAT), 'logits'),
  LogSoftmax: args(t(FLOAT), 'logits'),
  SoftmaxCrossEntropyWithLogits: args(t(FLOAT), 'features', 'labels'),
  AddN: [{ name: 'inputs', type: t(NUMBER), list: true }],
  Cast: args(t(ALL, 'SrcT'), 'x'),
  Reshape: [...args(t(ALL), 'tensor'), ...args(t(INDEX, 'Tshape'), 'shape')],
  ExpandDims: [...args(t(ALL), 'input'), ...args(t(INDEX, 'Tdim'), 'dim')],
  Shape: args(t(ALL), 'input'), Size: args(t(ALL), 'input'), Rank: args(t(ALL), 'input'),
  Fill: [...args(t(INDEX, 'index_type'), 'dims'), ...args(t(ALL), 'value')],
  ZerosLike: args(t(ALL), 'x'), OnesLike: args(t(ALL), 'x'),
  Tile: [...args(t(ALL), 'input'), ...args(t(INDEX, 'Tmultiples'), 'multiples')],
  Range: args(t(NUMBER, 'Tidx'), 'start', 'limit', 'delta'),
  DynamicStitch: [{ name: 'indices', type: 'int32', list: true }, { name: 'data', type: t(ALL), list: true }],
  BroadcastGradientArgs: args(t(INDEX), 's0', 's1'),
  Transpose: [...args(t(ALL), 'x'), ...args(t(INDEX, 'Tperm'), 'perm')],
};
