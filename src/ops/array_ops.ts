// tf.placeholder, tf.constant and the filled tensors (zeros, ones, fill, *_like), in TF1's calling convention.
import { allocHost, type DType } from '../framework/dtypes.js';
import { get_default_graph, type Graph } from '../graph/graph.js';
import type { Tensor } from '../graph/tensor.js';
import { asShape } from '../framework/shape.js';
import { opt, req, tf1 } from '../framework/args.js';
import { ValueError, TypeError as TFTypeError } from '../framework/errors.js';
import { checkAllocation, MAX_TENSOR_BYTES, NDArray, sizeOf } from '../framework/ndarray.js';
import { toNDArray, type ArrayLike } from '../framework/from_js.js';
import { apply1 } from './apply.js';
import { constOp, toTensor, convertValue, graphOf } from './convert.js';
import { BOOL, DTYPE, SHAPE, STR, TENSOR, kind } from './kinds.js';

export {
  broadcast_gradient_args,
  dynamic_stitch,
  expand_dims,
  identity,
  range,
  rank,
  reshape,
  shape,
  size,
  stop_gradient,
  tile,
} from './array_shape_ops.js';

/** `tf.placeholder(dtype, shape, name)`: a value the caller must feed; `null` dims are unknown (`?`). */
export const placeholder = tf1('placeholder', [req('dtype', DTYPE), opt('shape', SHAPE), opt('name', STR)], (a) => {
  const s = asShape(a.shape);
  return apply1({ type: 'Placeholder', name: a.name ?? undefined, defaultName: 'Placeholder', inputs: [], attrs: { dtype: a.dtype, shape: s.dims } });
});

/** The sizes of a shape given as a JS list, checked as TF1's TensorShape does (ValueError for impossible ones). */
function shapeList(shape: unknown): number[] {
  const s = asShape(shape as number[]);
  if (s.dims === null || !s.is_fully_defined()) throw new ValueError(`Shape ${s} must be fully defined`);
  return s.dims as number[];
}

function checkSize(dims: readonly number[], dtype: DType): void {
  try {
    checkAllocation(dims, dtype);
  } catch {
    throw new ValueError(`Cannot create a tensor proto whose content is larger than ${MAX_TENSOR_BYTES} bytes (shape [${dims.join(', ')}], dtype ${dtype}).`);
  }
}

function filledArray(shape: readonly number[], value: number, dtype: DType): NDArray {
  const data = allocHost(dtype, sizeOf(shape));
  data.fill(value);
  return new NDArray(data, shape, dtype);
}

const VALUE = kind<ArrayLike>(
  'a value convertible to a Tensor',
  (v) =>
    typeof v === 'number' ||
    typeof v === 'boolean' ||
    typeof v === 'string' ||
    Array.isArray(v) ||
    v instanceof NDArray ||
    (ArrayBuffer.isView(v) && !(v instanceof DataView)),
);

/**
 * `tf.constant(value, dtype, shape, name, verify_shape)`: a Const op. With a shape, a single value fills it
 * and fewer values are padded with the last one, as TF1's make_tensor_proto does; more values are a ValueError.
 */
export const constant = tf1('constant', [req('value', VALUE), opt('dtype', DTYPE), opt('shape', SHAPE), opt('name', STR), opt('verify_shape', BOOL)], (a) => {
  // make_tensor_proto: a shape of no elements is np.empty(shape, dtype) whatever a non-NumPy value holds
  if (a.shape !== undefined && a.shape !== null && !(a.value instanceof NDArray) && sizeOf(shapeList(a.shape)) === 0) {
    return constOp(get_default_graph(), NDArray.zeros(shapeList(a.shape), a.dtype ?? 'float64'), a.name ?? 'Const');
  }
  let arr = convertValue(a.value, a.dtype ?? undefined);
  if (a.shape !== undefined && a.shape !== null) {
    const dims = shapeList(a.shape);
    checkSize(dims, arr.dtype);
    const n = sizeOf(dims);
    // TF1's make_tensor_proto: a shape with no elements makes np.empty(shape, dtype) of a non-array value (float64 by default).
    if (n === 0 && !(a.value instanceof NDArray) && !ArrayBuffer.isView(a.value)) arr = NDArray.zeros(dims, a.dtype ?? 'float64');
    if (a.verify_shape && (arr.shape.length !== dims.length || arr.shape.some((d, i) => d !== dims[i]))) {
      throw new TFTypeError(
        `Expected Tensor's shape: (${dims.join(', ')}${dims.length === 1 ? ',' : ''}), got (${arr.shape.join(', ')}${arr.shape.length === 1 ? ',' : ''}).`,
      );
    }
    if (arr.size > n) throw new ValueError(`Too many elements provided. Needed at most ${n}, but received ${arr.size}`);
    if (arr.size === n) arr = arr.dtype === 'string' ? new NDArray(arr.strings, dims, 'string') : new NDArray(arr.data, dims, arr.dtype);
    else if (arr.dtype === 'string') {
      const s = arr.strings;
      arr = new NDArray(
        Array.from({ length: n }, (_, i) => s[Math.min(i, s.length - 1)] ?? new Uint8Array(0)),
        dims,
        'string',
      );
    } else {
      const out = allocHost(arr.dtype, n);
      out.set(arr.data);
      out.fill(arr.data[arr.size - 1] ?? 0, arr.size);
      arr = new NDArray(out, dims, arr.dtype);
    }
  }
  return constOp(get_default_graph(), arr, a.name ?? 'Const', a.dtype === undefined || a.dtype === null ? a.value : undefined);
});

/** TF1's `zeros`/`ones`: a Const when small, else `Fill` with `shape_as_tensor` and `Const` inside the scope. */
function filled(graph: Graph, given: number | readonly number[] | Tensor, value: number, dtype: DType, defaultName: string, name: string | undefined): Tensor {
  // TF1's TensorShape takes a lone number as a singleton dimension: tf.ones(5) has shape [5]
  const shape = typeof given === 'number' ? [given] : given;
  return graph.name_scope(name ?? defaultName, (scope) => {
    if (Array.isArray(shape)) {
      const dims = shapeList(shape);
      if (sizeOf(dims) < 1000) return constOp(graph, filledArray(dims, value, dtype), scope);
      // As TF1, dimensions past int32 take an int64 shape tensor rather than wrapping around.
      const big = dims.some((d) => d > 2 ** 31 - 1);
      const dimsT = constOp(
        graph,
        big ? new NDArray(Float64Array.from(dims), [dims.length], 'int64') : new NDArray(Int32Array.from(dims), [dims.length], 'int32'),
        'shape_as_tensor',
      );
      const v = constOp(graph, toNDArray(value, dtype), 'Const');
      return graph.create_op('Fill', [dimsT, v], {}, scope).outputs[0]!;
    }
    const v = constOp(graph, toNDArray(value, dtype), 'Const');
    return graph.create_op('Fill', [toTensor(shape as Tensor, { graph }), v], {}, scope).outputs[0]!;
  });
}

const FILLED = [req('shape', TENSOR), opt('dtype', DTYPE), opt('name', STR)] as const;

/** `tf.zeros(shape, dtype, name)`. */
export const zeros = tf1('zeros', FILLED, (a) =>
  filled(graphOf([a.shape]), a.shape as number | readonly number[] | Tensor, 0, a.dtype ?? 'float32', 'zeros', a.name ?? undefined),
);
/** `tf.ones(shape, dtype, name)`. */
export const ones = tf1('ones', FILLED, (a) =>
  filled(graphOf([a.shape]), a.shape as number | readonly number[] | Tensor, 1, a.dtype ?? 'float32', 'ones', a.name ?? undefined),
);

/** `tf.fill(dims, value, name)`: the value's dtype is its own (`tf.fill([2], 0)` is int32, as TF1). */
export const fill = tf1('fill', [req('dims', TENSOR), req('value', TENSOR), opt('name', STR)], (a) => {
  // Bad dims (negative, not a vector) are the shape function's ValueError, as in TF1.
  return apply1({
    type: 'Fill',
    name: a.name ?? undefined,
    defaultName: 'Fill',
    inputs: [
      ['dims', a.dims],
      ['value', a.value],
    ],
    shared: ['value'],
    attrs: {},
  });
});

const LIKE = [req('tensor', TENSOR), opt('dtype', DTYPE), opt('name', STR), opt('optimize', BOOL)] as const;

function like(type: 'ZerosLike' | 'OnesLike', defaultName: string, a: { tensor: unknown; dtype?: DType | null; name?: string | null }): Tensor {
  const graph = graphOf([a.tensor]);
  return graph.name_scope(a.name ?? defaultName, (scope) => {
    const t = toTensor(a.tensor as Tensor, { graph, name: 'tensor' });
    if (a.dtype && a.dtype !== t.dtype) {
      // TF1: a filled tensor of the other dtype, with the input's shape.
      const s = t.shape.is_fully_defined() ? (t.shape.dims as number[]) : graph.create_op('Shape', [t], { out_type: 'int32' }, 'Shape').outputs[0]!;
      return filled(graph, s, type === 'ZerosLike' ? 0 : 1, a.dtype, scope, undefined);
    }
    return graph.create_op(type, [t], {}, scope).outputs[0]!;
  });
}

/** `tf.zeros_like(tensor, dtype, name, optimize)`. */
export const zeros_like = tf1('zeros_like', LIKE, (a) => like('ZerosLike', 'zeros_like', a));
/** `tf.ones_like(tensor, dtype, name, optimize)`. */
export const ones_like = tf1('ones_like', LIKE, (a) => like('OnesLike', 'ones_like', a));

/**
 * `tf.placeholder_with_default(input, shape, name)`: `input` unless the result is fed; a fed value must have `shape`
 * (which must be compatible with the input's).
 */
export const placeholder_with_default = tf1('placeholder_with_default', [req('input', TENSOR), req('shape', SHAPE), opt('name', STR)], (a) =>
  apply1({
    type: 'PlaceholderWithDefault',
    name: a.name ?? undefined,
    defaultName: 'PlaceholderWithDefault',
    inputs: [['input', a.input]],
    attrs: { shape: asShape(a.shape).dims },
  }),
);
