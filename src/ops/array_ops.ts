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
import { constOp, toTensor, convertValue, graphOf, type TensorLike } from './convert.js';
import { BOOL, DTYPE, SHAPE, STR, TENSOR, kind, list } from './kinds.js';

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

// ---- shapes and views

/** `tf.reshape(tensor, shape, name)`; one entry of `shape` may be -1. */
export const reshape = tf1('reshape', [req('tensor', TENSOR), req('shape', TENSOR), opt('name', STR)], (a) =>
  apply1({
    type: 'Reshape',
    name: a.name ?? undefined,
    defaultName: 'Reshape',
    inputs: [
      ['tensor', a.tensor],
      ['shape', a.shape],
    ],
    shared: ['tensor'],
    attrs: {},
  }),
);

/** `tf.identity(input, name)`. */
export const identity = tf1('identity', [req('input', TENSOR), opt('name', STR)], (a) =>
  apply1({ type: 'Identity', name: a.name ?? undefined, defaultName: 'Identity', inputs: [['input', a.input]], attrs: {} }),
);

/** `tf.stop_gradient(input, name)`: the value, with no gradient flowing back. */
export const stop_gradient = tf1('stop_gradient', [req('input', TENSOR), opt('name', STR)], (a) =>
  apply1({ type: 'StopGradient', name: a.name ?? undefined, defaultName: 'StopGradient', inputs: [['input', a.input]], attrs: {} }),
);

const INDEX_DTYPE = kind<'int32' | 'int64'>('int32 or int64', (v) => v === 'int32' || v === 'int64');

/** `tf.shape(input, name, out_type)`: a Const when the static shape is fully known (as TF1 optimises), else a Shape op. */
export const shape = tf1('shape', [req('input', TENSOR), opt('name', STR), opt('out_type', INDEX_DTYPE)], (a) => {
  const t = toTensor(a.input, { graph: graphOf([a.input]) });
  const outType = a.out_type ?? 'int32';
  if (t.shape.is_fully_defined()) {
    return t.graph.name_scope(a.name ?? 'Shape', (scope) => constOp(t.graph, toNDArray(t.shape.as_list() as number[], outType), scope));
  }
  return apply1({ type: 'Shape', name: a.name ?? undefined, defaultName: 'Shape', inputs: [['input', t]], attrs: { out_type: outType } });
});

/** `tf.size(input, name, out_type)`: number of elements (a Const when known). */
export const size = tf1('size', [req('input', TENSOR), opt('name', STR), opt('out_type', INDEX_DTYPE)], (a) => {
  const t = toTensor(a.input, { graph: graphOf([a.input]) });
  const outType = a.out_type ?? 'int32';
  const n = t.shape.num_elements();
  if (n !== null) return t.graph.name_scope(a.name ?? 'Size', (scope) => constOp(t.graph, toNDArray(n, outType), scope));
  return apply1({ type: 'Size', name: a.name ?? undefined, defaultName: 'Size', inputs: [['input', t]], attrs: { out_type: outType } });
});

/** `tf.rank(input, name)`: number of dimensions (a Const when known). */
export const rank = tf1('rank', [req('input', TENSOR), opt('name', STR)], (a) => {
  const t = toTensor(a.input, { graph: graphOf([a.input]) });
  const r = t.shape.ndims;
  if (r !== null) return t.graph.name_scope(a.name ?? 'Rank', (scope) => constOp(t.graph, toNDArray(r, 'int32'), scope));
  return apply1({ type: 'Rank', name: a.name ?? undefined, defaultName: 'Rank', inputs: [['input', t]], attrs: {} });
});

/** `tf.tile(input, multiples, name)`. */
export const tile = tf1('tile', [req('input', TENSOR), req('multiples', TENSOR), opt('name', STR)], (a) =>
  apply1({
    type: 'Tile',
    name: a.name ?? undefined,
    defaultName: 'Tile',
    inputs: [
      ['input', a.input],
      ['multiples', a.multiples],
    ],
    shared: ['input'],
    attrs: {},
  }),
);

const RANGE_ORDER: readonly DType[] = ['int32', 'int64', 'float32', 'float64'];

/**
 * `tf.range(start, limit, delta, dtype, name)`: `tf.range(5)` counts from 0; without a dtype the arguments
 * take the widest of their dtypes (int32 < int64 < float32 < float64), so `tf.range(0, 2, 0.5)` is float32.
 */
export const range = tf1('range', [req('start', TENSOR), opt('limit', TENSOR), opt('delta', TENSOR), opt('dtype', DTYPE), opt('name', STR)], (a) => {
  let start = a.start;
  let limit = a.limit;
  if (limit === undefined || limit === null) [start, limit] = [0, start];
  const delta = a.delta ?? 1;
  const graph = graphOf([start, limit, delta]);
  return graph.name_scope(a.name ?? 'range', (scope) => {
    const dtype = a.dtype ?? undefined;
    let ts = (
      [
        ['start', start],
        ['limit', limit],
        ['delta', delta],
      ] as const
    ).map(([n, v]) => toTensor(v, { dtype, name: n, graph }));
    if (!dtype) {
      const bad = ts.find((t) => !RANGE_ORDER.includes(t.dtype));
      if (bad) throw new TFTypeError(`Value passed to parameter 'start' has DataType ${bad.dtype} not in list of allowed values: ${RANGE_ORDER.join(', ')}`);
      const widest = RANGE_ORDER[Math.max(...ts.map((t) => RANGE_ORDER.indexOf(t.dtype)))]!;
      ts = ts.map((t) => (t.dtype === widest ? t : graph.create_op('Cast', [t], { DstT: widest }, 'Cast').outputs[0]!));
    }
    return graph.create_op('Range', ts, {}, scope).outputs[0]!;
  });
});

/** `tf.expand_dims(input, axis, name, dim)`: `dim` is TF1's deprecated name for `axis`. */
export const expand_dims = tf1('expand_dims', [req('input', TENSOR), opt('axis', TENSOR), opt('name', STR), opt('dim', TENSOR)], (a) => {
  if (a.axis != null && a.dim != null) throw new ValueError("Cannot specify both 'axis' and 'dim'");
  const axis = a.axis ?? a.dim;
  if (axis == null) throw new ValueError('None values not supported.');
  return apply1({
    type: 'ExpandDims',
    name: a.name ?? undefined,
    defaultName: 'ExpandDims',
    inputs: [
      ['input', a.input],
      ['dim', axis],
    ],
    shared: ['input'],
    attrs: {},
  });
});

/** `tf.dynamic_stitch(indices, data, name)`: interleaves `data` by `indices` (gradients use it for shapes). */
export const dynamic_stitch = tf1('dynamic_stitch', [req('indices', list(TENSOR)), req('data', list(TENSOR)), opt('name', STR)], (a) => {
  const { indices, data } = a;
  if (indices.length !== data.length)
    throw new ValueError(`List argument 'indices' to 'DynamicStitch' Op with length ${indices.length} must match length ${data.length} of argument 'data'.`);
  const ins: [string, TensorLike][] = [
    ...indices.map((v, i) => [`indices_${i}`, v] as [string, TensorLike]),
    ...data.map((v, i) => [`data_${i}`, v] as [string, TensorLike]),
  ];
  return apply1({
    type: 'DynamicStitch',
    name: a.name ?? undefined,
    defaultName: 'DynamicStitch',
    inputs: ins,
    shared: data.map((_, i) => `data_${i}`),
    attrs: {},
  });
});

/** TF1's `broadcast_gradient_args(s0, s1)`: the axes each side was broadcast along (internal, for gradients). */
export function broadcast_gradient_args(s0: Tensor, s1: Tensor, name?: string): [Tensor, Tensor] {
  const g = s0.graph;
  return g.name_scope(name ?? 'BroadcastGradientArgs', (scope) => {
    const op = g.create_op('BroadcastGradientArgs', [s0, s1], {}, scope);
    return [op.outputs[0]!, op.outputs[1]!];
  });
}

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
