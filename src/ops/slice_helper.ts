// Python's indexing of a Tensor (TF1's `_slice_helper`, installed as `Tensor.__getitem__`): `x[:, 0]`,
// `x[..., 1:3]`, `x[tf.newaxis]` are `x.at(':', 0)`, `x.at('...', '1:3')`, `x.at(tf.newaxis)` here, one argument per
// Python index: an integer (the dim is removed), a slice written as Python writes it ('1:3', '::-1', ':'), '...'
// (Python's Ellipsis) or tf.newaxis (null, as TF1's is None). They build TF1's strided_slice node with its masks.
import { TypeError as TFTypeError } from '../framework/errors.js';
import { NDArray } from '../framework/ndarray.js';
import { Tensor } from '../graph/tensor.js';
import { constOp } from './convert.js';
import { strided_slice } from './array_index_ops.js';
import { RefVariable } from './variables.js';

/** TF1's `tf.newaxis` (Python's None): a new dim of size 1 at its place in an index. */
export const newaxis = null;

/** A Python slice as a string: `start:stop` or `start:stop:step`, each part an integer or empty. */
export type SliceString = `${number | ''}:${number | ''}` | `${number | ''}:${number | ''}:${number | ''}`;

/** One Python index: an integer, a slice string, '...' (Ellipsis) or tf.newaxis (null). */
export type Index = number | SliceString | '...' | null;

const SLICE = /^(-?\d+)?:(-?\d+)?(?::(-?\d+)?)?$/;

/** TF1's _SLICE_TYPE_ERROR for an index of no kind TF1 takes. */
const typeError = (v: unknown): TFTypeError =>
  new TFTypeError(
    `Only integers, slices (\`:\`), ellipsis (\`...\`), tf.newaxis (\`None\`) and scalar tf.int32/tf.int64 tensors are valid indices, got ${typeof v === 'string' ? `'${v}'` : String(v)}`,
  );

/** TF1's `_slice_helper`: begin, end, strides and the masks from the indices, then `strided_slice` in its scope. */
export function sliceHelper(tensor: Tensor, spec: readonly Index[]): Tensor {
  const begin: number[] = [];
  const end: number[] = [];
  const strides: number[] = [];
  let beginMask = 0;
  let endMask = 0;
  let ellipsisMask = 0;
  let newAxisMask = 0;
  let shrinkMask = 0;
  spec.forEach((s, index) => {
    const bit = 1 << index;
    if (s === null) {
      begin.push(0);
      end.push(0);
      strides.push(1);
      newAxisMask |= bit;
    } else if (s === '...') {
      begin.push(0);
      end.push(0);
      strides.push(1);
      ellipsisMask |= bit;
    } else if (typeof s === 'number') {
      if (!Number.isSafeInteger(s)) throw typeError(s);
      begin.push(s);
      end.push(s + 1);
      strides.push(1);
      shrinkMask |= bit;
    } else if (typeof s === 'string' && SLICE.test(s)) {
      const [, start, stop, step] = SLICE.exec(s)!;
      if (start === undefined) beginMask |= bit;
      begin.push(start === undefined ? 0 : Number(start));
      if (stop === undefined) endMask |= bit;
      end.push(stop === undefined ? 0 : Number(stop));
      strides.push(step === undefined ? 1 : Number(step));
    } else if ((s as unknown) instanceof Tensor) {
      throw new TFTypeError('A Tensor index needs tf.stack (Pack) to build the slice spec, which tf1-ts does not have yet: use tf.strided_slice or a number');
    } else {
      throw typeError(s);
    }
  });
  const graph = tensor.graph;
  return graph.name_scope('strided_slice', (scope) => {
    // TF1 packs the Python lists with stack(), a Const each (stack, stack_1, stack_2); an empty spec is one int32 [].
    const vec = (v: number[], name: string) => constOp(graph, new NDArray(Int32Array.from(v), [v.length], 'int32'), name);
    const [b, e, st] = begin.length > 0 ? [vec(begin, 'stack'), vec(end, 'stack_1'), vec(strides, 'stack_2')] : Array(3).fill(vec([], 'Const'));
    return strided_slice(tensor, b, e, st, {
      begin_mask: beginMask,
      end_mask: endMask,
      shrink_axis_mask: shrinkMask,
      new_axis_mask: newAxisMask,
      ellipsis_mask: ellipsisMask,
      name: scope,
    });
  });
}

// Python's `x[...]` on a Tensor and on a Variable (which slices its value), declared where it is installed.
declare module '../graph/tensor.js' {
  interface Tensor {
    /** Python's `x[i, j, ...]`: `x.at(':', 0)` is `x[:, 0]`, `x.at('...', '1:3')` is `x[..., 1:3]`, `x.at(tf.newaxis)` is `x[tf.newaxis]`. */
    at(...spec: Index[]): Tensor;
  }
}
declare module './variables.js' {
  interface RefVariable {
    /** Python's `v[i, j, ...]` on a Variable: its value sliced (see Tensor.at). */
    at(...spec: Index[]): Tensor;
  }
}

Object.assign(Tensor.prototype, {
  at(this: Tensor, ...spec: Index[]): Tensor {
    return sliceHelper(this, spec);
  },
});
Object.assign(RefVariable.prototype, {
  at(this: RefVariable, ...spec: Index[]): Tensor {
    return sliceHelper(this.value(), spec);
  },
});
