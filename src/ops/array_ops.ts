import { allocHost, type DType } from '../graph/dtypes.js';
import { get_default_graph } from '../graph/graph.js';
import type { Tensor } from '../graph/tensor.js';
import type { ShapeLike } from '../graph/shape.js';
import { asShape } from '../graph/shape.js';
import { ValueError, TypeError as TFTypeError } from '../graph/errors.js';
import { checkAllocation, MAX_TENSOR_BYTES, NDArray, sizeOf } from '../ndarray/ndarray.js';
import { ConversionError, toNDArray, type ArrayLike } from '../ndarray/from_js.js';
import { apply1 } from './apply.js';
import { constOp, convert_to_tensor, graphOf, hasFraction, type TensorLike } from './convert.js';

/** `tf.placeholder(dtype, shape)`: a value the caller must feed; `null` dims are unknown (`?`). */
export function placeholder(dtype: DType, shape?: ShapeLike, name?: string): Tensor {
  const s = asShape(shape);
  return apply1({ type: 'Placeholder', name, defaultName: 'Placeholder', inputs: [], attrs: { dtype, shape: s.dims } });
}

/** `tf.constant(value, dtype, shape)`: a Const op; a scalar value with a shape fills it, as TF1. */
export function constant(value: ArrayLike, opts: { dtype?: DType; shape?: readonly number[]; name?: string } = {}): Tensor {
  if ((opts.dtype === 'int32' || opts.dtype === 'int64') && hasFraction(value)) {
    throw new TFTypeError(`Expected ${opts.dtype}, got ${String(value)} of type '${Array.isArray(value) ? 'list' : typeof value}' instead.`);
  }
  let arr: NDArray;
  try {
    arr = toNDArray(value, opts.dtype);
  } catch (e) {
    if (e instanceof ConversionError) throw new TFTypeError(`Failed to convert object of type ${Array.isArray(value) ? 'list' : typeof value} to Tensor. Contents: ${String(value)}. ${e.message}`);
    throw e;
  }
  if (opts.shape) {
    checkShapeArg(opts.shape, arr.dtype);
    const n = sizeOf(opts.shape);
    if (arr.size === 1 && n !== 1) arr = filledArray(opts.shape, arr.data[0]!, arr.dtype); else if (arr.size === n) arr = new NDArray(arr.data, opts.shape, arr.dtype);
    else if (arr.size > n) throw new TFTypeError(`Too many elements provided. Needed at most ${n}, but received ${arr.size}`);
    else throw new ValueError(`Expected ${n} elements for shape [${opts.shape.join(', ')}], got ${arr.size}`);
  }
  return constOp(get_default_graph(), arr, opts.name ?? 'Const');
}

// Shapes given as JS arrays are checked while building, as TF1's TensorShape does, so that a negative,
// fractional or oversized dimension is a ValueError here and never reaches a typed-array constructor.
function checkShapeArg(dims: readonly number[], dtype: DType): void {
  if (!Array.isArray(dims)) throw new TFTypeError(`shape must be a list of integers, got ${String(dims)}`);
  for (const d of dims) {
    if (typeof d !== 'number' || !Number.isSafeInteger(d)) throw new TFTypeError(`Dimension value must be integer or None, got ${String(d)}`);
    if (d < 0) throw new ValueError(`Dimension ${d} must be >= 0`);
  }
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

/** TF1's `zeros`/`ones`: a Const when small, else `Fill` with `shape_as_tensor` and `Const` inside the scope. */
function filled(shape: readonly number[] | Tensor, value: number, dtype: DType, defaultName: string, name?: string): Tensor {
  const graph = get_default_graph();
  return graph.name_scope(name ?? defaultName, (scope) => {
    if (Array.isArray(shape)) {
      const dims = shape as readonly number[];
      for (const d of dims) {
        if (typeof d !== 'number' || !Number.isSafeInteger(d)) throw new TFTypeError(`Dimension value must be integer or None, got ${String(d)}`);
        if (d < 0) throw new ValueError(`Dimension ${d} must be >= 0`);
      }
      if (sizeOf(dims) < 1000) {
        return constOp(graph, filledArray(dims, value, dtype), scope);
      }
      // As TF1, dimensions past int32 take an int64 shape tensor rather than wrapping around.
      const big = dims.some((d) => d > 2 ** 31 - 1);
      const dimsT = constOp(graph, big ? new NDArray(Float64Array.from(dims), [dims.length], 'int64') : new NDArray(Int32Array.from(dims), [dims.length], 'int32'), 'shape_as_tensor');
      const v = constOp(graph, toNDArray(value, dtype), 'Const');
      return graph.create_op('Fill', [dimsT, v], {}, scope).outputs[0]!;
    }
    const v = constOp(graph, toNDArray(value, dtype), 'Const');
    return graph.create_op('Fill', [shape as Tensor, v], {}, scope).outputs[0]!;
  });
}

/** `tf.zeros(shape, dtype)`. */
export const zeros = (shape: readonly number[] | Tensor, dtype: DType = 'float32', name?: string): Tensor => filled(shape, 0, dtype, 'zeros', name);
/** `tf.ones(shape, dtype)`. */
export const ones = (shape: readonly number[] | Tensor, dtype: DType = 'float32', name?: string): Tensor => filled(shape, 1, dtype, 'ones', name);

/** `tf.fill(dims, value)`. */
export function fill(dims: TensorLike, value: TensorLike, name?: string): Tensor {
  return apply1({ type: 'Fill', name, defaultName: 'Fill', inputs: [['dims', dims], ['value', value]], shared: ['value'], fallback: 'float32', attrs: {} });
}

/** `tf.zeros_like`. */
export const zeros_like = (x: TensorLike, name?: string): Tensor => apply1({ type: 'ZerosLike', name, defaultName: 'zeros_like', inputs: [['x', x]], attrs: {} });
/** `tf.ones_like`. */
export const ones_like = (x: TensorLike, name?: string): Tensor => apply1({ type: 'OnesLike', name, defaultName: 'ones_like', inputs: [['x', x]], attrs: {} });

/** `tf.reshape(tensor, shape)`; one entry of `shape` may be -1. */
export function reshape(tensor: TensorLike, shape: TensorLike, name?: string): Tensor {
  return apply1({ type: 'Reshape', name, defaultName: 'Reshape', inputs: [['tensor', tensor], ['shape', shape]], shared: ['tensor'], attrs: {} });
}

/** `tf.identity`. */
export const identity = (x: TensorLike, name?: string): Tensor => apply1({ type: 'Identity', name, defaultName: 'Identity', inputs: [['input', x]], attrs: {} });

/** `tf.stop_gradient`: the value, with no gradient flowing back. */
export const stop_gradient = (x: TensorLike, name?: string): Tensor => apply1({ type: 'StopGradient', name, defaultName: 'StopGradient', inputs: [['input', x]], attrs: {} });

/** `tf.shape`: a Const when the static shape is fully known (as TF1 optimises), else a Shape op. */
export function shape(input: TensorLike, opts: { name?: string; out_type?: 'int32' | 'int64' } = {}): Tensor {
  const t = convert_to_tensor(input, { graph: graphOf([input]) });
  const outType = opts.out_type ?? 'int32';
  if (t.shape.is_fully_defined()) {
    return t.graph.name_scope(opts.name ?? 'Shape', (scope) => constOp(t.graph, toNDArray(t.shape.as_list() as number[], outType), scope));
  }
  return apply1({ type: 'Shape', name: opts.name, defaultName: 'Shape', inputs: [['input', t]], attrs: { out_type: outType } });
}

/** `tf.size`: number of elements (a Const when known). */
export function size(input: TensorLike, name?: string): Tensor {
  const t = convert_to_tensor(input, { graph: graphOf([input]) });
  const n = t.shape.num_elements();
  if (n !== null) return t.graph.name_scope(name ?? 'Size', (scope) => constOp(t.graph, toNDArray(n, 'int32'), scope));
  return apply1({ type: 'Size', name, defaultName: 'Size', inputs: [['input', t]], attrs: { out_type: 'int32' } });
}

/** `tf.rank`: number of dimensions (a Const when known). */
export function rank(input: TensorLike, name?: string): Tensor {
  const t = convert_to_tensor(input, { graph: graphOf([input]) });
  const r = t.shape.ndims;
  if (r !== null) return t.graph.name_scope(name ?? 'Rank', (scope) => constOp(t.graph, toNDArray(r, 'int32'), scope));
  return apply1({ type: 'Rank', name, defaultName: 'Rank', inputs: [['input', t]], attrs: {} });
}

/** `tf.tile(input, multiples)`. */
export function tile(input: TensorLike, multiples: TensorLike, name?: string): Tensor {
  return apply1({ type: 'Tile', name, defaultName: 'Tile', inputs: [['input', input], ['multiples', multiples]], shared: ['input'], attrs: {} });
}

/** `tf.range(start, limit, delta)` (int32 unless a float is given), in a scope named `range`. */
export function range(start: TensorLike, limit: TensorLike, delta: TensorLike = 1, name?: string): Tensor {
  return apply1({ type: 'Range', name, defaultName: 'range', inputs: [['start', start], ['limit', limit], ['delta', delta]], fallback: 'int32', attrs: {} });
}

/** `tf.expand_dims(input, axis)`. */
export function expand_dims(input: TensorLike, axis: TensorLike, name?: string): Tensor {
  return apply1({ type: 'ExpandDims', name, defaultName: 'ExpandDims', inputs: [['input', input], ['dim', axis]], shared: ['input'], attrs: {} });
}

/** TF1's `dynamic_stitch(indices, data)`: interleaves data by indices (gradients use it for shapes). */
export function dynamic_stitch(indices: readonly TensorLike[], data: readonly TensorLike[], name?: string): Tensor {
  if (indices.length !== data.length) throw new ValueError('List argument \'indices\' to \'DynamicStitch\' Op with length ' + indices.length + ' must match length ' + data.length + ' of argument \'data\'.');
  const ins: [string, TensorLike][] = [...indices.map((v, i) => [`indices_${i}`, v] as [string, TensorLike]), ...data.map((v, i) => [`data_${i}`, v] as [string, TensorLike])];
  return apply1({ type: 'DynamicStitch', name, defaultName: 'DynamicStitch', inputs: ins, shared: data.map((_, i) => `data_${i}`), attrs: {} });
}

/** TF1's `broadcast_gradient_args(s0, s1)`: the axes each side was broadcast along. */
export function broadcast_gradient_args(s0: Tensor, s1: Tensor, name?: string): [Tensor, Tensor] {
  const g = s0.graph;
  return g.name_scope(name ?? 'BroadcastGradientArgs', (scope) => {
    const op = g.create_op('BroadcastGradientArgs', [s0, s1], {}, scope);
    return [op.outputs[0]!, op.outputs[1]!];
  });
}
