import { TensorShape, type Dim } from '../../framework/shape.js';
import type { DType } from '../../framework/dtypes.js';
import { TypeError as TFTypeError } from '../../framework/errors.js';
import type { OpType } from '../types.js';
import { ShapeError, type InputInfo, type ShapeCtx, type ShapeRule, type OutputSpec } from './infer.js';
import {
  allowDtypes, broadcastShapes, mergeDim, mergeShapes, reducedShape, sameDtype, shapeFromShapeTensor,
  withRank, withRankAtLeast, withRankAtMost, normaliseAxes,
} from './util.js';
import { transposeRule } from './transpose.js';

const FLOATS: DType[] = ['float32', 'float64'];
const NUMERIC: DType[] = ['float32', 'float64', 'int32', 'int64'];
const INDEX: DType[] = ['int32', 'int64'];

const one = (dtype: DType, shape: TensorShape): OutputSpec[] => [{ dtype, shape }];
const inShape = <K extends OpType>(c: ShapeCtx<K>, i = 0): TensorShape => c.inputs[i]!.shape;

function binary<K extends OpType>(out: 'same' | 'bool', allowed: DType[] = NUMERIC): ShapeRule<K> {
  return (c) => {
    const d = sameDtype(c, ['x', 'y']);
    allowDtypes(c, 0, 'T', out === 'bool' ? [...allowed, 'bool'] : allowed);
    return one(out === 'bool' ? 'bool' : d, broadcastShapes(inShape(c, 0), inShape(c, 1)));
  };
}

function unary<K extends OpType>(allowed: DType[] = FLOATS): ShapeRule<K> {
  return (c) => {
    allowDtypes(c, 0, 'T', allowed);
    return one(c.inputs[0]!.dtype, inShape(c));
  };
}

function pairwise<K extends OpType>(): ShapeRule<K> {
  return (c) => one(sameDtype(c, ['a', 'b']), mergeShapes(inShape(c, 0), inShape(c, 1)));
}

function reduction<K extends 'Sum' | 'Mean' | 'Max' | 'Prod'>(allowed: DType[] = NUMERIC): ShapeRule<K> {
  return (c) => {
    allowDtypes(c, 0, 'T', allowed);
    allowDtypes(c, 1, 'Tidx', INDEX);
    // TF1 (GraphDef version 21 on) takes axes as a scalar or a vector only.
    withRankAtMost(inShape(c, 1), 1);
    return one(c.inputs[0]!.dtype, reducedShape(inShape(c), c.inputs[1]!, c.attrs.keep_dims));
  };
}

function random<K extends 'RandomStandardNormal' | 'TruncatedNormal' | 'RandomUniform'>(): ShapeRule<K> {
  return (c) => {
    allowDtypes(c, 0, 'T', INDEX);
    withRank(inShape(c), 1);
    return one(c.attrs.dtype, shapeFromShapeTensor(c.inputs[0]!));
  };
}

function refUpdate<K extends 'AssignAdd' | 'AssignSub'>(): ShapeRule<K> {
  return (c) => one(sameDtype(c, ['ref', 'value']), mergeShapes(inShape(c, 0), inShape(c, 1)));
}

/** TF1 r1.12's SetOutputShapeForReshape: checks a known element count, and infers one -1 from it. */
function reshapeShape(input: TensorShape, out: TensorShape): TensorShape {
  if (out.dims === null) return out;
  const known = input.num_elements();
  const numOut = out.num_elements();
  if (numOut !== null) {
    if (known !== null && known !== numOut) {
      throw new ShapeError(`Cannot reshape a tensor with ${known} elements to shape ${out.toBracketString()} (${numOut} elements)`);
    }
    return out;
  }
  const unknown = out.dims.flatMap((d, i) => (d === null ? [i] : []));
  const product = (out.dims.filter((d) => d !== null) as number[]).reduce((a, b) => a * b, 1);
  // Two or more unknown sizes, or a zero among the known ones, leave the unknown ones to the kernel.
  if (known === null || unknown.length !== 1 || product === 0) return out;
  if (known % product !== 0) throw new ShapeError(`Dimension size must be evenly divisible by ${product} but is ${known}`);
  return new TensorShape(out.dims.map((d) => d ?? known / product));
}

/** TF1's InferenceContext::Merge of two shapes, in its words (a rank or a dimension that differs). */
function mergeWhole(a: TensorShape, b: TensorShape): TensorShape {
  if (a.dims === null) return b;
  if (b.dims === null) return a;
  if (a.dims.length !== b.dims.length) throw new ShapeError(`Shapes must be equal rank, but are ${a.dims.length} and ${b.dims.length}`);
  return new TensorShape(a.dims.map((d, i) => {
    const e = b.dims![i]!;
    if (d !== null && e !== null && d !== e) {
      throw new ShapeError(`Dimension ${i} in both shapes must be equal, but are ${d} and ${e}. Shapes are ${a.toBracketString()} and ${b.toBracketString()}.`);
    }
    return d ?? e;
  }));
}

/**
 * TF1's DynamicStitch shape function: each data[i] starts with indices[i]'s shape, the rest of every data
 * shape agrees, and the first dim is max(indices) + 1 when every index is known (the kernel's count: no
 * index at all gives 0 rows).
 */
function dynamicStitchShape(inputs: readonly InputInfo[]): OutputSpec[] {
  const n = inputs.length / 2;
  let allConst = true;
  let max = -1;
  let extra = TensorShape.unknown();
  for (let i = 0; i < n; i++) {
    const idx = inputs[i]!;
    const data = inputs[i + n]!.shape;
    if (!idx.value) allConst = false;
    if (idx.shape.dims === null) continue;
    const r = idx.shape.dims.length;
    withRankAtLeast(data, r);
    if (data.dims !== null) idx.shape.dims.forEach((d, k) => mergeDim(data.dims![k]!, d));
    extra = mergeWhole(extra, data.dims === null ? TensorShape.unknown() : new TensorShape(data.dims.slice(r)));
    if (idx.value) for (const v of idx.value.data) max = Math.max(max, v);
  }
  const first: Dim = allConst ? max + 1 : null;
  return one(inputs[n]!.dtype, extra.dims === null ? TensorShape.unknown() : new TensorShape([first, ...extra.dims]));
}

/**
 * TF1 r1.12's shape of SoftmaxCrossEntropyWithLogits: matrices of mergeable shapes, else the broadcast of
 * the two, which must have rank 2 (the kernel broadcasts labels and logits against each other).
 */
function xentShape(features: TensorShape, labels: TensorShape): TensorShape {
  try {
    return mergeShapes(withRank(features, 2), labels);
  } catch (e) {
    if (!(e instanceof ShapeError)) throw e;
  }
  const b = broadcastShapes(features, labels);
  if (b.dims === null) throw new ShapeError('Shape must be broadcasted with rank 2, but is rank is unknown.');
  if (b.dims.length !== 2) throw new ShapeError(`Shape must be broadcasted with rank 2, but is rank ${b.dims.length}`);
  return b;
}

/** The shape rule of every op type: an exhaustive table, so a new op without one does not compile. */
export const SHAPE_RULES: { [K in OpType]: ShapeRule<K> } = {
  Placeholder: (c) => one(c.attrs.dtype, new TensorShape(c.attrs.shape)),
  Const: (c) => one(c.attrs.value.dtype, new TensorShape(c.attrs.value.shape)),
  VariableV2: (c) => one(c.attrs.dtype, new TensorShape(c.attrs.shape)),
  Assign: (c) => {
    const d = sameDtype(c, ['ref', 'value']);
    return one(d, c.attrs.validate_shape ? mergeShapes(inShape(c, 0), inShape(c, 1)) : inShape(c, 1));
  },
  AssignAdd: refUpdate(),
  AssignSub: refUpdate(),
  ApplyGradientDescent: (c) => {
    const d = sameDtype(c, ['var', 'alpha', 'delta']);
    allowDtypes(c, 0, 'T', FLOATS);
    withRank(inShape(c, 1), 0);
    return one(d, mergeShapes(inShape(c, 0), inShape(c, 2)));
  },
  RandomStandardNormal: random(),
  TruncatedNormal: random(),
  RandomUniform: random(),
  RandomUniformInt: (c) => {
    // INPUT_ARGS has checked the dtypes against each other; the attr must name the same one.
    const d = c.inputs[1]!.dtype;
    if (d !== c.attrs.Tout) throw new TFTypeError(`Input 'minval' of 'RandomUniformInt' Op has type ${d} that does not match its attr Tout=${c.attrs.Tout}.`);
    withRank(inShape(c, 1), 0);
    withRank(inShape(c, 2), 0);
    withRank(inShape(c), 1);
    return one(c.attrs.Tout, shapeFromShapeTensor(c.inputs[0]!));
  },
  Identity: (c) => one(c.inputs[0]!.dtype, inShape(c)),
  StopGradient: (c) => one(c.inputs[0]!.dtype, inShape(c)),
  NoOp: () => [],
  Add: binary('same'),
  Sub: binary('same'),
  Mul: binary('same'),
  RealDiv: binary('same'),
  Maximum: binary('same'),
  Minimum: binary('same'),
  FloorDiv: binary('same'),
  FloorMod: binary('same'),
  Equal: binary('bool'),
  Greater: binary('bool'),
  GreaterEqual: binary('bool'),
  Less: binary('bool'),
  LessEqual: binary('bool'),
  Neg: unary(NUMERIC),
  Log: unary(),
  Exp: unary(),
  Sqrt: unary(),
  Square: unary(NUMERIC),
  Reciprocal: unary(),
  Relu: unary(NUMERIC),
  ReluGrad: (c) => one(sameDtype(c, ['gradients', 'features']), mergeShapes(inShape(c, 0), inShape(c, 1))),
  SqrtGrad: pairwise(),
  ReciprocalGrad: pairwise(),
  Sum: reduction(),
  Mean: reduction(),
  Max: reduction(),
  Prod: reduction(),
  ArgMax: (c) => {
    allowDtypes(c, 0, 'T', NUMERIC);
    allowDtypes(c, 1, 'Tidx', INDEX);
    const s = inShape(c);
    const axis = c.inputs[1]!;
    if (axis.shape.ndims !== null && axis.shape.ndims !== 0) throw new ShapeError(`Shape must be rank 0 but is rank ${axis.shape.ndims}`);
    if (s.dims === null || !axis.value) return one(c.attrs.output_type, s.dims === null ? s : new TensorShape(Array<Dim>(Math.max(0, s.dims.length - 1)).fill(null)));
    const a = axis.value.data[0]!;
    if (a < -s.dims.length || a >= s.dims.length) throw new ShapeError(`Expected dimension in the range [${-s.dims.length}, ${s.dims.length}), but got ${a}`);
    const ax = a < 0 ? a + s.dims.length : a;
    return one(c.attrs.output_type, new TensorShape(s.dims.filter((_, i) => i !== ax)));
  },
  MatMul: (c) => {
    const d = sameDtype(c, ['a', 'b']);
    allowDtypes(c, 0, 'T', NUMERIC);
    const a = withRank(inShape(c, 0), 2).dims!;
    const b = withRank(inShape(c, 1), 2).dims!;
    const [m, ka] = c.attrs.transpose_a ? [a[1]!, a[0]!] : [a[0]!, a[1]!];
    const [kb, n] = c.attrs.transpose_b ? [b[1]!, b[0]!] : [b[0]!, b[1]!];
    mergeDim(ka, kb);
    return one(d, new TensorShape([m, n]));
  },
  Softmax: (c) => { allowDtypes(c, 0, 'T', FLOATS); withRankAtLeast(inShape(c), 1); return one(c.inputs[0]!.dtype, inShape(c)); },
  LogSoftmax: (c) => { allowDtypes(c, 0, 'T', FLOATS); withRankAtLeast(inShape(c), 1); return one(c.inputs[0]!.dtype, inShape(c)); },
  SoftmaxCrossEntropyWithLogits: (c) => {
    const d = sameDtype(c, ['features', 'labels']);
    allowDtypes(c, 0, 'T', FLOATS);
    const s = xentShape(inShape(c, 0), inShape(c, 1));
    return [{ dtype: d, shape: new TensorShape([s.dims![0]!]) }, { dtype: d, shape: s }];
  },
  AddN: (c) => {
    if (c.inputs.length === 0) throw new ShapeError('AddN needs at least one input');
    const d = sameDtype(c, c.inputs.map((_, i) => `inputs[${i}]`));
    allowDtypes(c, 0, 'T', NUMERIC);
    return one(d, c.inputs.reduce((s, i) => mergeShapes(s, i.shape), TensorShape.unknown()));
  },
  Cast: (c) => one(c.attrs.DstT, inShape(c)),
  Reshape: (c) => {
    allowDtypes(c, 1, 'Tshape', INDEX);
    withRank(inShape(c, 1), 1);
    return one(c.inputs[0]!.dtype, reshapeShape(inShape(c), shapeFromShapeTensor(c.inputs[1]!)));
  },
  ExpandDims: (c) => {
    allowDtypes(c, 1, 'Tdim', INDEX);
    const n = inShape(c, 1).num_elements();
    if (n !== null && n !== 1) throw new ShapeError("'dim' input must be a tensor with a single value");
    const s = inShape(c);
    const dim = c.inputs[1]!.value;
    if (s.dims === null || !dim) return one(c.inputs[0]!.dtype, TensorShape.unknown());
    const r = s.dims.length;
    const d = dim.data[0]!;
    if (d < -r - 1 || d > r) throw new ShapeError(`Tried to expand dim index ${d} for tensor with ${r} dimensions.`);
    const at = d < 0 ? d + r + 1 : d;
    const dims = [...s.dims];
    dims.splice(at, 0, 1);
    return one(c.inputs[0]!.dtype, new TensorShape(dims));
  },
  Shape: (c) => one(c.attrs.out_type, new TensorShape([inShape(c).ndims])),
  Size: (c) => one(c.attrs.out_type, new TensorShape([])),
  Rank: () => one('int32', new TensorShape([])),
  Fill: (c) => {
    allowDtypes(c, 0, 'index_type', INDEX);
    withRank(inShape(c, 0), 1);
    withRank(inShape(c, 1), 0);
    const out = shapeFromShapeTensor(c.inputs[0]!);
    if (c.inputs[0]!.value?.data.some((d) => d < 0)) throw new ShapeError('Fill dimensions must be >= 0');
    return one(c.inputs[1]!.dtype, out);
  },
  ZerosLike: (c) => one(c.inputs[0]!.dtype, inShape(c)),
  OnesLike: (c) => one(c.inputs[0]!.dtype, inShape(c)),
  Tile: (c) => {
    allowDtypes(c, 1, 'Tmultiples', INDEX);
    const s = inShape(c);
    const m = c.inputs[1]!;
    withRank(m.shape, 1);
    const mult = shapeFromShapeTensor(m);
    if (s.dims !== null && mult.dims !== null && mult.dims.length !== s.dims.length) {
      throw new ShapeError(`Shape must be rank ${s.dims.length} but is rank ${mult.dims.length}`);
    }
    if (s.dims === null) return one(c.inputs[0]!.dtype, mult.dims === null ? s : new TensorShape(mult.dims.map(() => null)));
    return one(c.inputs[0]!.dtype, new TensorShape(s.dims.map((d, i) => {
      const k = mult.dims?.[i] ?? null;
      return d === null || k === null ? null : d * k;
    })));
  },
  Range: (c) => {
    allowDtypes(c, 0, 'Tidx', NUMERIC);
    for (const i of c.inputs) withRank(i.shape, 0);
    const [s, l, d] = c.inputs.map((i) => i.value?.data[0]);
    if (s === undefined || l === undefined || d === undefined) return one(c.inputs[0]!.dtype, new TensorShape([null]));
    if (d === 0) throw new ShapeError('Requires delta != 0');
    return one(c.inputs[0]!.dtype, new TensorShape([Math.max(0, Math.ceil((l - s) / d))]));
  },
  DynamicStitch: (c) => dynamicStitchShape(c.inputs),
  BroadcastGradientArgs: (c) => {
    const s = new TensorShape([null]);
    return [{ dtype: c.inputs[0]!.dtype, shape: s }, { dtype: c.inputs[0]!.dtype, shape: s }];
  },
  Transpose: transposeRule,
};

/** Exported for kernels that need the same axis normalisation as the shape rules. */
export { normaliseAxes };
