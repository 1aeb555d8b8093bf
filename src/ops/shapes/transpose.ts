// Transpose's shape rule, as TF1's TransposeShapeFn (core/ops/array_ops.cc): the rank from the input, else
// from perm's length; the dims from perm's value when it is known. Duplicate or negative entries pass here,
// as in TF1: the kernel refuses them with its own messages.
import { TensorShape, type Dim } from '../../framework/shape.js';
import { ShapeError, type ShapeRule } from './infer.js';
import { allowDtypes, withRank } from './util.js';

/** Static shape of `transpose(x, perm)`, with TF1's shape-function errors. */
export const transposeRule: ShapeRule<'Transpose'> = (c) => {
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
