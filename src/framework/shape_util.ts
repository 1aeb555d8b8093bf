// What shape rules share: TF1's shape-function helpers (broadcast, merge, rank checks, shape vectors,
// reduction axes) with their wording.
import type { DType } from './dtypes.js';
import { TensorShape, type Dim } from './shape.js';
import { TypeError as TFTypeError, ValueError } from './errors.js';
import { ShapeError, type InputInfo, type OutputSpec, type ShapeCtx } from './op_def.js';
import type { OpType } from './op_defs.js';

/** The dtypes tf1-ts has, in groups as TF1's type constraints name them. */
export const FLOATS: readonly DType[] = ['float32', 'float64'];
/** Real numbers. */
export const NUMERIC: readonly DType[] = ['float32', 'float64', 'int32', 'int64'];
/** TF1's realnumbertype: the real numbers with the narrow integers (uint8, int8, int16, uint16). */
export const REAL: readonly DType[] = [...NUMERIC, 'uint8', 'int8', 'int16', 'uint16'];
/** Index types. */
export const INDEX: readonly DType[] = ['int32', 'int64'];

/** One output. */
export const one = (dtype: DType, shape: TensorShape): OutputSpec[] => [{ dtype, shape }];
/** The static shape of input `i`. */
export const inShape = <K extends OpType>(c: ShapeCtx<K>, i = 0): TensorShape => c.inputs[i]!.shape;

/** TF1's broadcast rule for two static shapes, with its error for incompatible dimensions. */
export function broadcastShapes(a: TensorShape, b: TensorShape): TensorShape {
  if (a.dims === null || b.dims === null) return TensorShape.unknown();
  const n = Math.max(a.dims.length, b.dims.length);
  const out: Dim[] = [];
  for (let i = 0; i < n; i++) {
    const ia = a.dims.length - n + i;
    const ib = b.dims.length - n + i;
    const x = ia >= 0 ? a.dims[ia]! : 1;
    const y = ib >= 0 ? b.dims[ib]! : 1;
    if (x === 1) out.push(y);
    else if (y === 1) out.push(x);
    else if (x === null) out.push(y);
    else if (y === null) out.push(x);
    else if (x === y) out.push(x);
    else throw new ShapeError(`Dimensions must be equal, but are ${x} and ${y}`);
  }
  return new TensorShape(out);
}

/** TF1's op-def type check: every listed input must share the first one's dtype. */
export function sameDtype<K extends OpType>(ctx: ShapeCtx<K>, argNames: readonly string[]): DType {
  const first = ctx.inputs[0]!.dtype;
  ctx.inputs.forEach((inp, i) => {
    if (i > 0 && i < argNames.length && inp.dtype !== first) {
      throw new TFTypeError(`Input '${argNames[i]}' of '${ctx.type}' Op has type ${inp.dtype} that does not match type ${first} of argument '${argNames[0]}'.`);
    }
  });
  return first;
}

/** Requires a dtype from a list, with TF1's wording. */
export function allowDtypes<K extends OpType>(ctx: ShapeCtx<K>, idx: number, arg: string, allowed: readonly DType[]): void {
  const d = ctx.inputs[idx]!.dtype;
  if (!allowed.includes(d)) {
    throw new TFTypeError(`Value passed to parameter '${arg}' has DataType ${d} not in list of allowed values: ${allowed.join(', ')}`);
  }
}

/** Requires an exact rank when it is known, with TF1's message. */
export function withRank(s: TensorShape, rank: number): TensorShape {
  if (s.dims === null) return new TensorShape(Array<Dim>(rank).fill(null));
  if (s.dims.length !== rank) throw new ShapeError(`Shape must be rank ${rank} but is rank ${s.dims.length}`);
  return s;
}

/** Requires at most a rank when it is known, with TF1's message. */
export function withRankAtMost(s: TensorShape, rank: number): void {
  if (s.dims !== null && s.dims.length > rank) throw new ShapeError(`Shape must be at most rank ${rank} but is rank ${s.dims.length}`);
}

/** Requires at least a rank when it is known. */
export function withRankAtLeast(s: TensorShape, rank: number): void {
  if (s.dims !== null && s.dims.length < rank) throw new ShapeError(`Shape must be at least rank ${rank} but is rank ${s.dims.length}`);
}

/** TF1's InferenceContext::Min: a known 0 wins, else unknown when either is. */
export function minDim(a: Dim, b: Dim): Dim {
  if (a === 0 || b === 0) return 0;
  return a === null || b === null ? null : Math.min(a, b);
}

/** Merges two dims, with TF1's message when they differ. */
export function mergeDim(a: Dim, b: Dim): Dim {
  if (a === null) return b;
  if (b === null || a === b) return a;
  throw new ShapeError(`Dimensions must be equal, but are ${a} and ${b}`);
}

/** Merges two shapes, with TF1's messages for a rank or dimension conflict. */
export function mergeShapes(a: TensorShape, b: TensorShape): TensorShape {
  if (a.dims === null) return b;
  if (b.dims === null) return a;
  if (a.dims.length !== b.dims.length) throw new ShapeError(`Shapes must be equal rank, but are ${a.dims.length} and ${b.dims.length}`);
  return new TensorShape(a.dims.map((d, i) => mergeDim(d, b.dims![i]!)));
}

/** TF1's largest rank (TensorShape::MaxDimensions); a shape vector longer than this is an error, not a huge array. */
export const MAX_RANK = 254;

/**
 * A shape vector input turned into a static shape (TF1's MakeShapeFromShapeTensor): known entries, nulls
 * for unknown ones and -1. The result is noted on `info`, for the error context; a size below -1 is TF1's
 * ValueError from evaluating the shape, which carries no op context.
 */
export function shapeFromShapeTensor(info: InputInfo): TensorShape {
  const len = info.partial?.length ?? (info.value?.shape.length === 1 ? info.value.size : null) ?? info.shape.dims?.[0] ?? 0;
  if (len !== null && len > MAX_RANK) throw new ShapeError(`Shape of rank ${len} has too many dimensions (at most ${MAX_RANK})`);
  const known = info.partial ?? (info.value && info.value.shape.length === 1 ? Array.from(info.value.data) : null);
  let out: TensorShape;
  if (known) {
    const bad = known.find((d) => d !== null && d < -1);
    if (bad !== undefined) throw new ValueError(`Invalid value in tensor used for shape: ${bad}`);
    out = new TensorShape(known.map((d) => (d === null || d < 0 ? null : d)));
  } else {
    const n = info.shape.dims?.[0];
    out =
      info.shape.dims !== null && info.shape.dims.length === 1 && n !== null && n !== undefined
        ? new TensorShape(Array<Dim>(n).fill(null))
        : TensorShape.unknown();
  }
  info.asShape = out;
  return out;
}

/** Normalises reduction axes against a rank, with TF1's error for out-of-range axes. */
export function normaliseAxes(axes: ArrayLike<number>, rank: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < axes.length; i++) {
    const a = axes[i]!;
    if (a < -rank || a >= rank) throw new ShapeError(`Invalid reduction dimension ${a} for input with ${rank} dimensions.`);
    const n = a < 0 ? a + rank : a;
    if (!out.includes(n)) out.push(n);
  }
  return out.sort((x, y) => x - y);
}

/** Static shape of a reduction's output. */
export function reducedShape(input: TensorShape, axesInfo: InputInfo, keepDims: boolean): TensorShape {
  if (input.dims === null) return TensorShape.unknown();
  const rank = input.dims.length;
  if (!axesInfo.value) {
    return keepDims ? new TensorShape(Array<Dim>(rank).fill(null)) : TensorShape.unknown();
  }
  const axes = normaliseAxes(axesInfo.value.data, rank);
  const out: Dim[] = [];
  input.dims.forEach((d, i) => {
    if (!axes.includes(i)) out.push(d);
    else if (keepDims) out.push(1);
  });
  return new TensorShape(out);
}
