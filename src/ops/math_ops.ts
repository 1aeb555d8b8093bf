import type { DType } from '../graph/dtypes.js';
import type { Tensor } from '../graph/tensor.js';
import { ValueError } from '../graph/errors.js';
import { apply1 } from './apply.js';
import { convert_to_tensor, graphOf, type TensorLike } from './convert.js';
import { binary, truediv } from './operators.js';
import { range, rank } from './array_ops.js';

type Named = { name?: string };

/** `tf.add`: an Add op named `Add`. */
export const add = (x: TensorLike, y: TensorLike, name?: string): Tensor => binary('Add', 'Add', x, y, name);
/** `tf.subtract`: a Sub op named `Sub`. */
export const subtract = (x: TensorLike, y: TensorLike, name?: string): Tensor => binary('Sub', 'Sub', x, y, name);
/** `tf.multiply`: a Mul op named `Mul`. */
export const multiply = (x: TensorLike, y: TensorLike, name?: string): Tensor => binary('Mul', 'Mul', x, y, name);
/** `tf.divide`: true division, as `x / y` (`truediv`). */
export const divide = (x: TensorLike, y: TensorLike, name?: string): Tensor => truediv(x, y, name);
/** `tf.realdiv`: a RealDiv op. */
export const realdiv = (x: TensorLike, y: TensorLike, name?: string): Tensor => binary('RealDiv', 'RealDiv', x, y, name);
/** `tf.maximum`. */
export const maximum = (x: TensorLike, y: TensorLike, name?: string): Tensor => binary('Maximum', 'Maximum', x, y, name);
/** `tf.minimum`. */
export const minimum = (x: TensorLike, y: TensorLike, name?: string): Tensor => binary('Minimum', 'Minimum', x, y, name);
/** `tf.floordiv` (`x // y`). */
export const floordiv = (x: TensorLike, y: TensorLike, name?: string): Tensor => binary('FloorDiv', 'floordiv', x, y, name);
/** `tf.floormod` (`x % y`). */
export const floormod = (x: TensorLike, y: TensorLike, name?: string): Tensor => binary('FloorMod', 'FloorMod', x, y, name);
/** `tf.equal`: elementwise `==`, bool. */
export const equal = (x: TensorLike, y: TensorLike, name?: string): Tensor => binary('Equal', 'Equal', x, y, name);
/** `tf.greater`. */
export const greater = (x: TensorLike, y: TensorLike, name?: string): Tensor => binary('Greater', 'Greater', x, y, name);
/** `tf.greater_equal`. */
export const greater_equal = (x: TensorLike, y: TensorLike, name?: string): Tensor => binary('GreaterEqual', 'GreaterEqual', x, y, name);
/** `tf.less`. */
export const less = (x: TensorLike, y: TensorLike, name?: string): Tensor => binary('Less', 'Less', x, y, name);
/** `tf.less_equal`. */
export const less_equal = (x: TensorLike, y: TensorLike, name?: string): Tensor => binary('LessEqual', 'LessEqual', x, y, name);

type UnaryOp = 'Neg' | 'Log' | 'Exp' | 'Sqrt' | 'Square' | 'Reciprocal';
const unary = (type: UnaryOp) => (x: TensorLike, name?: string): Tensor =>
  apply1({ type, name, defaultName: type, inputs: [['x', x]], fallback: 'float32', attrs: {} });

/** `tf.negative`: a Neg op. */
export const negative = unary('Neg');
/** `tf.log`: natural logarithm. */
export const log = unary('Log');
/** `tf.exp`. */
export const exp = unary('Exp');
/** `tf.sqrt`. */
export const sqrt = unary('Sqrt');
/** `tf.square`. */
export const square = unary('Square');
/** `tf.reciprocal`: 1/x. */
export const reciprocal = unary('Reciprocal');

/** `tf.cast`: a Cast op, or the input itself when it already has `dtype` (as TF1). */
export function cast(x: TensorLike, dtype: DType, name?: string): Tensor {
  const t = convert_to_tensor(x, { graph: graphOf([x]) });
  if (t.dtype === dtype) return t;
  return apply1({ type: 'Cast', name, defaultName: 'Cast', inputs: [['x', t]], attrs: { DstT: dtype } });
}

/** TF1's `to_float`: cast to float32, named `ToFloat`. */
export const to_float = (x: TensorLike, name = 'ToFloat'): Tensor => cast(x, 'float32', name);

/** Options of the reductions, with TF1's names (`keep_dims` and `keepdims` both accepted, as in r1.12). */
export interface ReduceOptions extends Named {
  axis?: number | number[] | Tensor | null;
  reduction_indices?: number | number[] | Tensor | null;
  keep_dims?: boolean;
  keepdims?: boolean;
}

function reductionDims(x: Tensor, opts: ReduceOptions): number | number[] | Tensor {
  if (opts.axis !== undefined && opts.axis !== null && opts.reduction_indices !== undefined && opts.reduction_indices !== null) {
    throw new ValueError("Can not specify both 'axis' and 'reduction_indices'.");
  }
  const axis = opts.axis ?? opts.reduction_indices;
  if (axis !== undefined && axis !== null) return axis;
  const r = x.shape.ndims;
  if (r !== null) return convert_to_tensor(Int32Array.from({ length: r }, (_, i) => i), { graph: x.graph, dtype: 'int32' });
  return range(0, rank(x), 1);
}

type ReduceOp = 'Sum' | 'Mean' | 'Max' | 'Prod';
const reduce = (type: ReduceOp) => (input: TensorLike, opts: ReduceOptions = {}): Tensor => {
  if (opts.keep_dims !== undefined && opts.keepdims !== undefined) throw new ValueError('keep_dims and keepdims cannot both be specified.');
  const x = convert_to_tensor(input, { graph: graphOf([input]) });
  const axes = reductionDims(x, opts);
  return apply1({
    type, name: opts.name, defaultName: type, inputs: [['input', x], ['reduction_indices', axes]],
    shared: ['input'], attrs: { keep_dims: opts.keep_dims ?? opts.keepdims ?? false },
  });
};

/** `tf.reduce_sum`. */
export const reduce_sum = reduce('Sum');
/** `tf.reduce_mean`. */
export const reduce_mean = reduce('Mean');
/** `tf.reduce_max`. */
export const reduce_max = reduce('Max');
/** `tf.reduce_prod`. */
export const reduce_prod = reduce('Prod');

/** `tf.argmax(input, axis)`: index of the largest value along `axis` (int64 by default, as TF1). */
export function argmax(input: TensorLike, axis: number | Tensor = 0, opts: Named & { output_type?: 'int32' | 'int64'; dimension?: number } = {}): Tensor {
  return apply1({
    type: 'ArgMax', name: opts.name, defaultName: 'ArgMax', inputs: [['input', input], ['dimension', opts.dimension ?? axis]],
    shared: ['input'], attrs: { output_type: opts.output_type ?? 'int64' },
  });
}

/** `tf.matmul(a, b, { transpose_a, transpose_b })`: a MatMul op named `MatMul`. */
export function matmul(a: TensorLike, b: TensorLike, opts: Named & { transpose_a?: boolean; transpose_b?: boolean } = {}): Tensor {
  return apply1({
    type: 'MatMul', name: opts.name, defaultName: 'MatMul', inputs: [['a', a], ['b', b]],
    attrs: { transpose_a: opts.transpose_a ?? false, transpose_b: opts.transpose_b ?? false },
  });
}

/** `tf.add_n`: the sum of same-shaped tensors; a single input comes back as is, as TF1. */
export function add_n(inputs: readonly TensorLike[], name?: string): Tensor {
  if (inputs.length === 0) throw new ValueError('inputs must be a list of at least one Tensor/IndexedSlices with the same dtype and shape');
  const graph = graphOf(inputs);
  if (inputs.length === 1) {
    const t = convert_to_tensor(inputs[0]!, { graph });
    return name ? apply1({ type: 'Identity', name, defaultName: 'Identity', inputs: [['input', t]], attrs: {} }) : t;
  }
  return apply1({ type: 'AddN', name, defaultName: 'AddN', inputs: inputs.map((v, i) => [`inputs_${i}`, v] as [string, TensorLike]), attrs: {} });
}
