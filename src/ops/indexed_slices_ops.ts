// What the ops layer adds to TF1's IndexedSlices (graph/indexed_slices.ts): its conversion to a dense tensor
// (gradients_impl.py's `_IndexedSlicesToTensor`, registered with convert_to_tensor), `convert_to_tensor_or_indexed_slices`,
// its `-x`, and math_ops' `_as_indexed_slices_list`, which the gradient aggregation and clip_ops use.
import { ValueError, TypeError as TFTypeError } from '../framework/errors.js';
import { opt, req, tf1 } from '../framework/args.js';
import { IndexedSlices } from '../graph/indexed_slices.js';
import { constantValue } from '../graph/infer.js';
import { Tensor } from '../graph/tensor.js';
import { SPARSE_TO_DENSE, toTensor, type ToTensorOptions } from './convert.js';
import { DTYPE, STR, TENSOR } from './kinds.js';
import { unsorted_segment_sum } from './array_index_ops.js';
import { sliceHelper } from './slice_helper.js';
import { neg } from './operators.js';
import { range, shape } from './array_ops.js';
import { cast } from './math_ops.js';
import { apply1 } from './apply.js';

// gradients_impl's _LARGE_SPARSE_NUM_ELEMENTS: a densified IndexedSlices this large is warned about.
const LARGE_SPARSE_NUM_ELEMENTS = 100000000;

// Python's default warning filter shows a warning once per message and place; these come from one place each.
const warned = new Set<string>();
function warnOnce(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  console.warn(message);
}

/** TF1's `_IndexedSlicesToTensor`: the values summed by index into `dense_shape[0]` rows (an UnsortedSegmentSum named `name`). */
function indexedSlicesToTensor(v: IndexedSlices, opts: ToTensorOptions): Tensor {
  if (opts.dtype && opts.dtype !== v.dtype) throw new ValueError(`Tensor conversion requested dtype ${opts.dtype} for IndexedSlices with dtype ${v.dtype}`);
  if (v.dense_shape === null) throw new ValueError(`Tensor conversion requested for IndexedSlices without dense_shape: ${v}`);
  const known = constantValue(v.dense_shape);
  if (known) {
    const n = Array.from(known.data as ArrayLike<number>).reduce((a, b) => a * Number(b), 1);
    if (n >= LARGE_SPARSE_NUM_ELEMENTS)
      warnOnce(`Converting sparse IndexedSlices to a dense Tensor with ${n} elements. This may consume a large amount of memory.`);
  } else {
    warnOnce('Converting sparse IndexedSlices to a dense Tensor of unknown shape. This may consume a large amount of memory.');
  }
  return v.graph.as_default(() => unsorted_segment_sum(v.values, v.indices, sliceHelper(v.dense_shape!, [0]), opts.name));
}
SPARSE_TO_DENSE.convert = indexedSlicesToTensor;

/**
 * `tf.convert_to_tensor_or_indexed_slices(value, dtype, name)`: an IndexedSlices (or Tensor) as it is, after TF1's
 * dtype check; anything else through convert_to_tensor.
 */
export const convert_to_tensor_or_indexed_slices = tf1(
  'convert_to_tensor_or_indexed_slices',
  [req('value', TENSOR), opt('dtype', DTYPE), opt('name', STR)],
  (a): Tensor | IndexedSlices => {
    const v = a.value;
    if (v instanceof IndexedSlices || v instanceof Tensor) {
      if (a.dtype && a.dtype !== v.dtype) throw new ValueError(`Tensor conversion requested dtype ${a.dtype} for Tensor with dtype ${v.dtype}: '${v}'`);
      return v;
    }
    return toTensor(v, { dtype: a.dtype ?? undefined, name: a.name ?? undefined });
  },
);

/** A Shape op of `x`, in the scope `Shape`. */
const rawShape = (x: Tensor): Tensor => apply1({ type: 'Shape', defaultName: 'Shape', inputs: [['input', x]], attrs: { out_type: 'int32' } });

/**
 * TF1's `math_ops._as_indexed_slices`: a Tensor as the IndexedSlices of all its rows (`range(0, shape(x)[0])`);
 * `optimize` false takes the shape from a Shape op even where it is known (shape_internal's optimize).
 */
export function asIndexedSlices(x: Tensor | IndexedSlices, optimize = true): IndexedSlices {
  if (x instanceof IndexedSlices) return x;
  if (!(x instanceof Tensor)) throw new TFTypeError(`Not a Tensor or IndexedSlices: ${typeof x}`);
  const xShape = optimize ? shape(x) : rawShape(x);
  return new IndexedSlices(x, range(0, sliceHelper(xShape, [0])), xShape);
}

/** TF1's `math_ops._as_indexed_slices_list`: each as an IndexedSlices, int32 indices cast to int64 when others are int64. */
export function asIndexedSlicesList(inputs: readonly (Tensor | IndexedSlices)[], optimize = true): IndexedSlices[] {
  const outputs = inputs.map((x) => asIndexedSlices(x, optimize));
  const int32 = outputs.filter((o) => o.indices.dtype === 'int32').length;
  if (int32 === 0 || int32 === outputs.length) return outputs;
  return outputs.map((o) => (o.indices.dtype === 'int32' ? new IndexedSlices(o.values, cast(o.indices, 'int64'), o.dense_shape) : o));
}

/** True for a value an op takes densely: what convert_to_tensor_or_indexed_slices keeps as it is. */
export const isTensorOrSlices = (v: unknown): v is Tensor | IndexedSlices => v instanceof Tensor || v instanceof IndexedSlices;

// Python's `-x` on an IndexedSlices, declared where it is installed: the graph layer knows nothing of ops.
declare module '../graph/indexed_slices.js' {
  interface IndexedSlices {
    /** TF1's `-x`: the same slices with negated values (a Neg node named `Neg`). */
    neg(): IndexedSlices;
  }
}

Object.assign(IndexedSlices.prototype, {
  neg(this: IndexedSlices): IndexedSlices {
    return new IndexedSlices(neg(this.values), this.indices, this.dense_shape);
  },
});
