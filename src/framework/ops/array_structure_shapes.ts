// The shape functions of the structural array ops (ConcatV2, Pack, Unpack, Slice, Pad), as TF1 r1.12's
// tensorflow/core/ops/array_ops.cc words their errors.
import { TensorShape, type Dim } from '../shape.js';
import { ShapeError, type InputInfo, type OutputSpec } from '../op_def.js';
import { mergeWhole } from './array_shapes.js';
import { mergeShapes, one, shapeFromShapeTensor, withRank, withRankAtLeast } from '../shape_util.js';

/** TF1's InferenceContext::Add of two dims: unknown when either is. */
const addDim = (a: Dim, b: Dim): Dim => (a === null || b === null ? null : a + b);

/** The dims of `s` from `start` to `end` (TF1's Subshape; `end` undefined: to the last), of a shape of known rank. */
function subshape(s: TensorShape, start: number, end?: number): TensorShape {
  const r = s.dims!.length;
  const from = start < 0 ? start + r : start;
  const to = end === undefined ? r : end < 0 ? end + r : end;
  if (from < 0 || from > r || to > r) throw new ShapeError(`Subshape must be in range [0, ${r}] but got ${start}`);
  return new TensorShape(s.dims!.slice(from, Math.max(from, to)));
}

/** TF1's ConcatShapeHelper: values are inputs [0, n), the axis input `n`. */
export function concatShape(inputs: readonly InputInfo[]): OutputSpec[] {
  const n = inputs.length - 1;
  const dtype = inputs[0]!.dtype;
  withRank(inputs[n]!.shape, 0);
  const axisValue = inputs[n]!.value;
  if (!axisValue) {
    const rank = inputs.slice(0, n).find((i) => i.shape.dims !== null)?.shape.dims?.length ?? null;
    if (rank === null) return one(dtype, TensorShape.unknown());
    if (rank === 0) throw new ShapeError("Can't concatenate scalars (use tf.stack instead)");
    for (let i = 0; i < n; i++) withRank(inputs[i]!.shape, rank);
    return one(dtype, new TensorShape(Array<Dim>(rank).fill(null)));
  }
  const axis = axisValue.data[0]!;
  const minRank = axis < 0 ? -axis : axis + 1;
  const parts = (s: TensorShape): [TensorShape, Dim, TensorShape] | null => {
    withRankAtLeast(s, minRank);
    if (s.dims === null) return null;
    const at = axis < 0 ? axis + s.dims.length : axis;
    return [subshape(s, 0, axis), s.dims[at]!, axis === -1 ? new TensorShape([]) : subshape(s, axis + 1)];
  };
  let before = TensorShape.unknown();
  let middle: Dim = null;
  let after = TensorShape.unknown();
  const last = parts(inputs[n - 1]!.shape);
  if (last) [before, middle, after] = last;
  for (let i = n - 2; i >= 0; i--) {
    const p = parts(inputs[i]!.shape);
    if (!p) {
      middle = null;
      continue;
    }
    before = mergeWhole(p[0], before);
    middle = addDim(middle, p[1]);
    after = mergeWhole(p[2], after);
  }
  if (before.dims === null || after.dims === null) return one(dtype, TensorShape.unknown());
  return one(dtype, new TensorShape([...before.dims, middle, ...after.dims]));
}

/** TF1's GetAxisForPackAndUnpack: the axis in [-rank, rank), made non-negative. */
export function packAxis(axis: number, rank: number): number {
  if (axis < -rank || axis >= rank) throw new ShapeError(`Invalid axis: ${axis}; must be in [${-rank},${rank})`);
  return axis < 0 ? axis + rank : axis;
}

/** Pack: every input merges into one shape, and the count of inputs is inserted at the axis. */
export function packShape(inputs: readonly InputInfo[], axis: number): OutputSpec[] {
  let cur = inputs[inputs.length - 1]!.shape;
  for (let i = inputs.length - 2; i >= 0; i--) {
    try {
      cur = mergeShapes(inputs[i]!.shape, cur);
    } catch (e) {
      if (e instanceof ShapeError) throw new ShapeError(`${e.message}\n\tFrom merging shape ${i} with other shapes.`);
      throw e;
    }
  }
  if (cur.dims === null) return one(inputs[0]!.dtype, TensorShape.unknown());
  const at = packAxis(axis, cur.dims.length + 1);
  const dims = [...cur.dims];
  dims.splice(at, 0, inputs.length);
  return one(inputs[0]!.dtype, new TensorShape(dims));
}

/** Unpack: `num` outputs of the input's shape without the axis, whose size must be `num`. */
export function unpackShape(input: InputInfo, num: number, axis: number): OutputSpec[] {
  let out = TensorShape.unknown();
  const s = input.shape;
  if (s.dims !== null) {
    const at = packAxis(axis, s.dims.length);
    const d = s.dims[at]!;
    if (d !== null && d !== num) throw new ShapeError(`Dimension must be ${num} but is ${d}`);
    out = new TensorShape(s.dims.filter((_, i) => i !== at));
  }
  return Array.from({ length: num }, () => ({ dtype: input.dtype, shape: out }));
}

/** Slice(input, begin, size): TF1's shape function, exact where begin and size are known (size -1: to the end). */
export function sliceShape(inputs: readonly InputInfo[]): OutputSpec[] {
  const [input, begin, size] = inputs as [InputInfo, InputInfo, InputInfo];
  const dtype = input.dtype;
  const lengths = mergeShapes(withRank(begin.shape, 1), withRank(size.shape, 1));
  let s = input.shape;
  const ndims = lengths.dims![0]!;
  if (ndims !== null) s = withRank(s, ndims);
  let beginValue = shapeFromShapeTensor(begin);
  if (size.value) {
    const sizes = size.value.data;
    beginValue = withRank(beginValue, sizes.length);
    const dims: Dim[] = [];
    for (let i = 0; i < sizes.length; i++) {
      const d = s.dims?.[i] ?? null;
      const k = sizes[i]!;
      if (k !== -1) {
        if (k < 0) throw new ShapeError(`Out of bounds slicing on dimension ${i} of length ${d ?? -1}: sizes vector cannot be < -1, but was ${k}`);
        dims.push(k);
      } else {
        const b = beginValue.dims![i]!;
        if (d === null || b === null) dims.push(null);
        else if (d - b < 0) throw new ShapeError(`Negative dimension size caused by subtracting ${b} from ${d}`);
        else dims.push(d - b);
      }
    }
    return one(dtype, new TensorShape(dims));
  }
  const sizeValue = shapeFromShapeTensor(size);
  if (sizeValue.dims !== null) {
    withRank(beginValue, sizeValue.dims.length);
    return one(dtype, sizeValue);
  }
  return one(dtype, s.dims === null ? TensorShape.unknown() : new TensorShape(Array<Dim>(s.dims.length).fill(null)));
}

/** TF1's PadShapeFn: paddings is [rank, 2]; each known dim grows by its two paddings. */
export function padShape(inputs: readonly InputInfo[]): OutputSpec[] {
  const [input, paddings] = inputs as [InputInfo, InputInfo];
  const dtype = input.dtype;
  const p = withRank(paddings.shape, 2);
  const cols = p.dims![1]!;
  if (cols !== null && cols !== 2) throw new ShapeError(`Dimension must be 2 but is ${cols}`);
  let s = input.shape;
  let n = p.dims![0]!;
  if (n !== null) s = withRank(s, n);
  else if (s.dims !== null) n = s.dims.length;
  const v = paddings.value;
  if (!v) return one(dtype, n === null ? TensorShape.unknown() : new TensorShape(Array<Dim>(n).fill(null)));
  const rank = v.shape[0]!;
  s = withRank(s, rank);
  if (n !== null && n !== rank) throw new ShapeError(`Dimension must be ${rank} but is ${n}`);
  const dims: Dim[] = [];
  for (let i = 0; i < rank; i++) {
    const before = v.data[2 * i]!;
    const after = v.data[2 * i + 1]!;
    if (before < 0 || after < 0) throw new ShapeError('Paddings must be non-negative');
    dims.push(addDim(s.dims![i]!, before + after));
  }
  return one(dtype, new TensorShape(dims));
}

/** TF1's MakeDimForScalarInputWithNegativeIndexing: the split axis, made non-negative when the rank is known. */
function splitAxis(axisInput: InputInfo, rank: number | null): number | null {
  withRank(axisInput.shape, 0);
  const v = axisInput.value?.data[0];
  if (v === undefined) return null;
  if (rank === null) return v < 0 ? null : v;
  if (v < -rank || v >= rank) throw new ShapeError(`Dimension size, given by scalar input ${v} must be in range [${-rank}, ${rank})`);
  return v < 0 ? v + rank : v;
}

/** Split(split_dim, value): `num` equal parts along the axis, which must divide its size. */
export function splitShape(axisInput: InputInfo, input: InputInfo, num: number): OutputSpec[] {
  const s = input.shape;
  const axis = splitAxis(axisInput, s.ndims);
  let out: TensorShape;
  if (axis === null) out = s.dims === null ? TensorShape.unknown() : new TensorShape(Array<Dim>(s.dims.length).fill(null));
  else {
    withRankAtLeast(s, axis + 1);
    if (s.dims === null) out = TensorShape.unknown();
    else {
      const d = s.dims[axis]!;
      if (d !== null && d % num !== 0) {
        throw new ShapeError(
          `Dimension size must be evenly divisible by ${num} but is ${d}\n\tNumber of ways to split should evenly divide the split dimension`,
        );
      }
      out = new TensorShape(s.dims.map((x, i) => (i === axis ? (d === null ? null : d / num) : x)));
    }
  }
  return Array.from({ length: num }, () => ({ dtype: input.dtype, shape: out }));
}

/** SplitV(value, size_splits, split_dim): parts of the given sizes along the axis (one may be -1: the rest). */
export function splitVShape(input: InputInfo, sizes: InputInfo, axisInput: InputInfo, num: number): OutputSpec[] {
  const s = input.shape;
  const axis = splitAxis(axisInput, s.ndims);
  const all = (shape: TensorShape): OutputSpec[] => Array.from({ length: num }, () => ({ dtype: input.dtype, shape }));
  if (s.dims === null) return all(TensorShape.unknown());
  if (s.dims.length === 0) throw new ShapeError("Can't split scalars");
  const v = sizes.value;
  if (!v) {
    return all(new TensorShape(axis === null ? Array<Dim>(s.dims.length).fill(null) : s.dims.map((d, i) => (i === axis ? null : d))));
  }
  if (axis === null) return all(new TensorShape(Array<Dim>(s.dims.length).fill(null)));
  withRankAtLeast(s, axis + 1);
  const data = Array.from(v.data);
  if (data.length !== num) throw new ShapeError('Length of size_splits should be equal to num_outputs');
  let total = 0;
  let negOne = false;
  for (const k of data) {
    if (k === -1) {
      if (negOne) throw new ShapeError('size_splits can only have one -1');
      negOne = true;
    } else total += k;
  }
  const d = s.dims[axis]!;
  const outs = data.map((k) => {
    const size: Dim = k === -1 ? (d === null ? null : d - total) : k;
    return { dtype: input.dtype, shape: new TensorShape(s.dims!.map((x, i) => (i === axis ? size : x))) };
  });
  if (d !== null && (negOne ? total > d : total !== d)) throw new ShapeError(`can't split axis of size ${d} into pieces of size [${data.join(',')}]`);
  return outs;
}

/** Squeeze: the dims of size 1 removed (all of them, or those listed), with TF1's errors. */
export function squeezeShape(input: InputInfo, squeezeDims: readonly number[]): OutputSpec[] {
  const s = input.shape;
  if (s.dims === null) return one(input.dtype, TensorShape.unknown());
  const r = s.dims.length;
  const wanted = squeezeDims.map((d, i) => {
    if (d < -r || d >= r) throw new ShapeError(`squeeze_dims[${i}] not in [${-r},${r}).`);
    return d < 0 ? d + r : d;
  });
  const out: Dim[] = [];
  for (let i = 0; i < r; i++) {
    const explicit = wanted.includes(i);
    const d = s.dims[i]!;
    if (d === null) {
      if (explicit) continue;
      if (wanted.length === 0) return one(input.dtype, TensorShape.unknown());
    } else if (d === 1) {
      if (explicit || wanted.length === 0) continue;
    } else if (explicit) throw new ShapeError(`Can not squeeze dim[${i}], expected a dimension of 1, got ${d}`);
    out.push(d);
  }
  return one(input.dtype, new TensorShape(out));
}

/** ReverseV2: the input's shape; known axes checked against the rank. */
export function reverseShape(input: InputInfo, axis: InputInfo): OutputSpec[] {
  withRank(axis.shape, 1);
  const s = input.shape;
  if (s.dims !== null && s.dims.length > 8) throw new ShapeError('reverse does not work on tensors with more than 8 dimensions');
  if (axis.value && s.dims !== null) {
    const r = s.dims.length;
    const seen = new Set<number>();
    Array.from(axis.value.data).forEach((a, i) => {
      const c = a < 0 ? a + r : a;
      if (c < 0 || c >= r) throw new ShapeError(`'axis'[${i}] = ${a} is out of valid range [0, ${r - 1}`);
      if (seen.has(c)) throw new ShapeError(`axis ${c} specified more than once.`);
      seen.add(c);
    });
  }
  return one(input.dtype, s);
}

/** MirrorPad's (`sign` 1) and MirrorPadGrad's (`sign` -1) shape functions: each known dim grows (shrinks) by its paddings. */
export function mirrorPadShape(inputs: readonly InputInfo[], sign: 1 | -1): OutputSpec[] {
  const [input, paddings] = inputs as [InputInfo, InputInfo];
  const p = withRank(paddings.shape, 2);
  const rank = p.dims![0]!;
  if (rank === null) return one(input.dtype, TensorShape.unknown());
  const s = withRank(input.shape, rank);
  const cols = p.dims![1]!;
  if (cols !== null && cols !== 2)
    throw new ShapeError(`Dimension 1 in both shapes must be equal, but are ${cols} and 2. Shapes are ${p.toBracketString()} and [${rank},2].`);
  const v = paddings.value;
  if (!v) return one(input.dtype, new TensorShape(Array<Dim>(rank).fill(null)));
  const dims: Dim[] = [];
  for (let i = 0; i < rank; i++) {
    const [before, after] = [v.data[2 * i]!, v.data[2 * i + 1]!];
    if (before < 0 || after < 0) throw new ShapeError('Paddings must be non-negative');
    const d = s.dims![i]!;
    const out = d === null ? null : d + sign * (before + after);
    if (out !== null && out < 0) throw new ShapeError(`Negative dimension size caused by subtracting ${before + after} from ${d}`);
    dims.push(out);
  }
  return one(input.dtype, new TensorShape(dims));
}
