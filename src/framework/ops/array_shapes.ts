// The shape functions of the array ops that take more than a line: Reshape's, DynamicStitch's and Transpose's,
// as TF1 r1.12 words their errors (tensorflow/core/ops/array_ops.cc, data_flow_ops.cc).
import { TensorShape, type Dim } from '../shape.js';
import { ShapeError, type InputInfo, type OutputSpec, type ShapeRule } from '../op_def.js';
import { allowDtypes, mergeDim, one, withRank, withRankAtLeast } from '../shape_util.js';

/** TF1 r1.12's SetOutputShapeForReshape: checks a known element count, and infers one -1 from it. */
export function reshapeShape(input: TensorShape, out: TensorShape): TensorShape {
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
export function mergeWhole(a: TensorShape, b: TensorShape): TensorShape {
  if (a.dims === null) return b;
  if (b.dims === null) return a;
  if (a.dims.length !== b.dims.length) throw new ShapeError(`Shapes must be equal rank, but are ${a.dims.length} and ${b.dims.length}`);
  return new TensorShape(
    a.dims.map((d, i) => {
      const e = b.dims![i]!;
      if (d !== null && e !== null && d !== e) {
        throw new ShapeError(
          `Dimension ${i} in both shapes must be equal, but are ${d} and ${e}. Shapes are ${a.toBracketString()} and ${b.toBracketString()}.`,
        );
      }
      return d ?? e;
    }),
  );
}

/**
 * TF1's DynamicStitch shape function: each data[i] starts with indices[i]'s shape, the rest of every data
 * shape agrees, and the first dim is max(indices) + 1 when every index is known (the kernel's count: no
 * index at all gives 0 rows).
 */
export function dynamicStitchShape(inputs: readonly InputInfo[]): OutputSpec[] {
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
 * Transpose's shape rule, as TF1's TransposeShapeFn: the rank from the input, else from perm's length; the dims
 * from perm's value when it is known. Duplicate or negative entries pass here, as in TF1: the kernel refuses them.
 */
export const transposeShape: ShapeRule<'Transpose'> = (c) => {
  allowDtypes(c, 1, 'Tperm', ['int32', 'int64']);
  const dtype = c.inputs[0]!.dtype;
  const input = c.inputs[0]!.shape;
  const permShape = c.inputs[1]!.shape;
  const perm = c.inputs[1]!.value;
  const permElems = permShape.dims === null ? null : permShape.num_elements();
  if (input.dims === null && permElems === null && !perm) return [{ dtype, shape: TensorShape.unknown() }];
  const rank = input.dims?.length ?? permElems ?? perm!.size;
  // One perm entry stands for a scalar or a vector alike, both returned unchanged.
  if (input.dims === null && rank < 2) return [{ dtype, shape: input }];
  const dims = withRank(input, rank).dims!;
  withRank(permShape, 1);
  if (permElems !== null && permElems !== rank) throw new ShapeError(`Dimension must be ${rank} but is ${permElems}`);
  if (!perm) return [{ dtype, shape: new TensorShape(Array<Dim>(rank).fill(null)) }];
  const out: Dim[] = [];
  for (let i = 0; i < rank; i++) {
    const p = perm.data[i]!;
    if (p >= rank) throw new ShapeError(`perm dim ${p} is out of range of input rank ${rank}`);
    // TF1 reads a negative entry from the end; the kernel refuses it when the op runs.
    out.push(p >= 0 ? dims[p]! : p >= -rank ? dims[rank + p]! : null);
  }
  return [{ dtype, shape: new TensorShape(out) }];
};
