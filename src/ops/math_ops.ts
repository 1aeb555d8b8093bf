// tf.add and the other elementwise math, casts, reductions, argmax, matmul and add_n, in TF1's calling convention.
import { isFloating, type DType } from '../framework/dtypes.js';
import { Tensor } from '../graph/tensor.js';
import { opt, req, tf1 } from '../framework/args.js';
import { TypeError as TFTypeError, ValueError } from '../framework/errors.js';
import { apply1 } from './apply.js';
import { convertInputs, toTensor, graphOf, type TensorLike } from './convert.js';
import { binary, truediv as truedivOp, type BinaryOp } from './operators.js';
import { range, rank } from './array_ops.js';
import { AXIS, BOOL, DTYPE, STR, TENSOR, isVariable, kind, list } from './kinds.js';
import { unaryWrapper } from './wrappers.js';

const BINARY = [req('x', TENSOR), req('y', TENSOR), opt('name', STR)] as const;
const bin = (fn: string, type: BinaryOp, defaultName: string = type) => tf1(fn, BINARY, (a) => binary(type, defaultName, a.x, a.y, a.name ?? undefined));

/** `tf.add(x, y, name)`: an Add op named `Add`. */
export const add = bin('add', 'Add');
/** `tf.subtract(x, y, name)`: a Sub op named `Sub`. */
export const subtract = bin('subtract', 'Sub');
/** `tf.multiply(x, y, name)`: a Mul op named `Mul`. */
export const multiply = bin('multiply', 'Mul');
/** `tf.realdiv(x, y, name)`: a RealDiv op. */
export const realdiv = bin('realdiv', 'RealDiv');
/** `tf.maximum(x, y, name)`. */
export const maximum = bin('maximum', 'Maximum');
/** `tf.minimum(x, y, name)`. */
export const minimum = bin('minimum', 'Minimum');
/** `tf.floordiv(x, y, name)` (`x // y`), named `floordiv`. */
export const floordiv = bin('floordiv', 'FloorDiv', 'floordiv');
/** `tf.floor_div(x, y, name)`: the FloorDiv op itself, named `FloorDiv`. */
export const floor_div = bin('floor_div', 'FloorDiv');
/** `tf.floormod(x, y, name)` (`x % y`). */
export const floormod = bin('floormod', 'FloorMod');
/** `tf.mod(x, y, name)`: TF1's alias of `floormod`. */
export const mod = bin('mod', 'FloorMod');
/** `tf.equal(x, y, name)`: elementwise `==`, bool. */
export const equal = bin('equal', 'Equal');
/** `tf.greater(x, y, name)`. */
export const greater = bin('greater', 'Greater');
/** `tf.greater_equal(x, y, name)`. */
export const greater_equal = bin('greater_equal', 'GreaterEqual');
/** `tf.less(x, y, name)`. */
export const less = bin('less', 'Less');
/** `tf.less_equal(x, y, name)`. */
export const less_equal = bin('less_equal', 'LessEqual');
/** `tf.not_equal(x, y, name)`: elementwise `!=`, bool. */
export const not_equal = bin('not_equal', 'NotEqual');
/** `tf.pow(x, y, name)`: a Pow op named `Pow` (`x ** y` names it `pow`). */
export const pow = bin('pow', 'Pow');
/** `tf.squared_difference(x, y, name)`: (x - y)², a SquaredDifference op. */
export const squared_difference = bin('squared_difference', 'SquaredDifference');
/** `tf.truediv(x, y, name)`: true division (`x / y`); integers are cast to floats first. */
export const truediv = tf1('truediv', BINARY, (a) => truedivOp(a.x, a.y, a.name ?? undefined));
/** `tf.divide(x, y, name)`: true division, as `x / y` (`truediv`). */
export const divide = tf1('divide', BINARY, (a) => truedivOp(a.x, a.y, a.name ?? undefined));
/** `tf.div(x, y, name)`: Python 2's division, named `div`: RealDiv for floats, FloorDiv for integers. */
export const div = tf1('div', BINARY, (a) => div2(a.x, a.y, a.name ?? undefined));

/** TF1's `_div_python2`: both sides must have one dtype, which picks the op. */
function div2(x: TensorLike, y: TensorLike, name: string | undefined): Tensor {
  const graph = graphOf([x, y]);
  return graph.name_scope(name ?? 'div', (scope) => {
    const [a, b] = convertInputs(
      graph,
      [
        ['x', x],
        ['y', y],
      ],
      ['x', 'y'],
    ) as [Tensor, Tensor];
    if (a.dtype !== b.dtype) throw new TFTypeError(`x and y must have the same dtype, got tf.${a.dtype} != tf.${b.dtype}`);
    return graph.create_op(isFloating(a.dtype) ? 'RealDiv' : 'FloorDiv', [a, b], {}, scope).outputs[0]!;
  });
}

/** `tf.negative(x, name)`: a Neg op. */
export const negative = unaryWrapper('negative', 'x');
/** `tf.log(x, name)`: natural logarithm. */
export const log = unaryWrapper('log', 'x');
/** `tf.exp(x, name)`. */
export const exp = unaryWrapper('exp', 'x');
/** `tf.sqrt(x, name)`. */
export const sqrt = unaryWrapper('sqrt', 'x');
/** `tf.square(x, name)`. */
export const square = unaryWrapper('square', 'x');
/** `tf.reciprocal(x, name)`: 1/x. */
export const reciprocal = unaryWrapper('reciprocal', 'x');
/** `tf.sigmoid(x, name)`, also `tf.nn.sigmoid`: 1 / (1 + exp(-x)). */
export const sigmoid = unaryWrapper('sigmoid', 'x');

/** The Cast op, or the input itself when it already has `dtype` (as TF1). */
function castTo(x: TensorLike, dtype: DType, name: string | undefined, defaultName: string): Tensor {
  const t = toTensor(x, { graph: graphOf([x]) });
  if (t.dtype === dtype) return t;
  return apply1({ type: 'Cast', name, defaultName, inputs: [['x', t]], attrs: { DstT: dtype } });
}

/** `tf.cast(x, dtype, name)`: a Cast op, or the input itself when it already has `dtype` (as TF1). */
export const cast = tf1('cast', [req('x', TENSOR), req('dtype', DTYPE), opt('name', STR)], (a) => castTo(a.x, a.dtype, a.name ?? undefined, 'Cast'));

/** TF1's `to_float(x, name)`: cast to float32, named `ToFloat`. */
export const to_float = tf1('to_float', [req('x', TENSOR), opt('name', STR)], (a) => castTo(a.x, 'float32', a.name ?? 'ToFloat', 'ToFloat'));

/** Options of the reductions, with TF1's names (`keep_dims` and `keepdims` both accepted, as in r1.12). */
export interface ReduceOptions {
  axis?: number | readonly number[] | Tensor | null;
  reduction_indices?: number | readonly number[] | Tensor | null;
  keep_dims?: boolean | null;
  keepdims?: boolean | null;
  name?: string | null;
}

const REDUCE = [
  req('input_tensor', TENSOR),
  opt('axis', AXIS),
  opt('keepdims', BOOL),
  opt('name', STR),
  opt('reduction_indices', AXIS),
  opt('keep_dims', BOOL),
] as const;

function reductionDims(x: Tensor, axis: ReduceOptions['axis'], indices: ReduceOptions['axis']): number | readonly number[] | Tensor {
  if (axis != null && indices != null) throw new ValueError("Can not specify both 'axis' and 'reduction_indices'.");
  const dims = axis ?? indices;
  if (dims != null) return dims;
  const r = x.shape.ndims;
  if (r !== null)
    return toTensor(
      Int32Array.from({ length: r }, (_, i) => i),
      { graph: x.graph, dtype: 'int32' },
    );
  return range(0, rank(x), 1);
}

type ReduceOp = 'Sum' | 'Mean' | 'Max' | 'Prod' | 'Min' | 'Any' | 'All';
const reduce = (fn: string, type: ReduceOp) =>
  tf1(fn, REDUCE, (a) => {
    if (a.keep_dims != null && a.keepdims != null) throw new ValueError('keep_dims and keepdims cannot both be specified.');
    const v = a.input_tensor;
    // Any and All take bools: other values convert to bool, as TF1's op_def_library converts a fixed-type input.
    const bools = (type === 'Any' || type === 'All') && !(v instanceof Tensor) && !isVariable(v);
    const x = toTensor(v, { graph: graphOf([v]), ...(bools ? { dtype: 'bool' as const } : {}) });
    const axes = reductionDims(x, a.axis, a.reduction_indices);
    const keepDims = a.keepdims ?? a.keep_dims ?? false;
    const out = apply1({
      type,
      name: a.name ?? undefined,
      defaultName: type,
      inputs: [
        ['input', x],
        ['reduction_indices', axes as TensorLike],
      ],
      shared: ['input'],
      attrs: { keep_dims: keepDims },
    });
    // TF1's _may_reduce_to_scalar: reducing every axis of an input of unknown rank is still a scalar.
    if (a.axis == null && a.reduction_indices == null && !keepDims && !out.shape.is_fully_defined()) out.set_shape([]);
    return out;
  });

/** `tf.reduce_sum(input_tensor, axis, keepdims, name, reduction_indices, keep_dims)`. */
export const reduce_sum = reduce('reduce_sum', 'Sum');
/** `tf.reduce_mean(input_tensor, axis, keepdims, name, reduction_indices, keep_dims)`. */
export const reduce_mean = reduce('reduce_mean', 'Mean');
/** `tf.reduce_max(input_tensor, axis, keepdims, name, reduction_indices, keep_dims)`. */
export const reduce_max = reduce('reduce_max', 'Max');
/** `tf.reduce_prod(input_tensor, axis, keepdims, name, reduction_indices, keep_dims)`. */
export const reduce_prod = reduce('reduce_prod', 'Prod');
/** `tf.reduce_min(input_tensor, axis, keepdims, name, reduction_indices, keep_dims)`. */
export const reduce_min = reduce('reduce_min', 'Min');
/** `tf.reduce_any(input_tensor, axis, keepdims, name, reduction_indices, keep_dims)`: logical or of bools. */
export const reduce_any = reduce('reduce_any', 'Any');
/** `tf.reduce_all(input_tensor, axis, keepdims, name, reduction_indices, keep_dims)`: logical and of bools. */
export const reduce_all = reduce('reduce_all', 'All');

// Typed to take any DType, as `tf.int32` is one: the run-time check refuses the others.
const INDEX_TYPE = kind<'int32' | 'int64', DType>('int32 or int64', (v) => v === 'int32' || v === 'int64');

/** TF1's argmax/argmin: `axis` (or the deprecated `dimension`, 0 by default), the ArgMax or ArgMin op. */
const argExtreme = (fn: string, type: 'ArgMax' | 'ArgMin') =>
  tf1(fn, [req('input', TENSOR), opt('axis', TENSOR), opt('name', STR), opt('dimension', TENSOR), opt('output_type', INDEX_TYPE)], (a) => {
    if (a.axis != null && a.dimension != null) throw new ValueError("Cannot specify both 'axis' and 'dimension'");
    return argOp(type, a.input, a.axis ?? a.dimension ?? 0, a.output_type, a.name);
  });

function argOp(
  type: 'ArgMax' | 'ArgMin',
  input: TensorLike,
  dimension: TensorLike,
  outputType: 'int32' | 'int64' | null | undefined,
  name: string | null | undefined,
): Tensor {
  return apply1({
    type,
    name: name ?? undefined,
    defaultName: type,
    inputs: [
      ['input', input],
      ['dimension', dimension],
    ],
    shared: ['input'],
    attrs: { output_type: outputType ?? 'int64' },
  });
}

/** `tf.argmax(input, axis, name, dimension, output_type)`: index of the largest value along `axis` (int64 by default, as TF1). */
export const argmax = argExtreme('argmax', 'ArgMax');
/** `tf.argmin(input, axis, name, dimension, output_type)`: index of the smallest value along `axis`. */
export const argmin = argExtreme('argmin', 'ArgMin');

/** TF1's deprecated gen_math_ops.arg_max/arg_min: `(input, dimension, output_type, name)`, the op itself. */
const genArg = (fn: string, type: 'ArgMax' | 'ArgMin') =>
  tf1(fn, [req('input', TENSOR), req('dimension', TENSOR), opt('output_type', INDEX_TYPE), opt('name', STR)], (a) =>
    argOp(type, a.input, a.dimension, a.output_type, a.name),
  );
/** `tf.arg_max(input, dimension, output_type, name)`: TF1's deprecated ArgMax wrapper. */
export const arg_max = genArg('arg_max', 'ArgMax');
/** `tf.arg_min(input, dimension, output_type, name)`: TF1's deprecated ArgMin wrapper. */
export const arg_min = genArg('arg_min', 'ArgMin');

/**
 * `tf.matmul(a, b, transpose_a, transpose_b, adjoint_a, adjoint_b, a_is_sparse, b_is_sparse, name)`: a MatMul op
 * named `MatMul` (for real inputs the adjoint is the transpose; the sparsity hints change nothing here).
 */
export const matmul = tf1(
  'matmul',
  [
    req('a', TENSOR),
    req('b', TENSOR),
    opt('transpose_a', BOOL),
    opt('transpose_b', BOOL),
    opt('adjoint_a', BOOL),
    opt('adjoint_b', BOOL),
    opt('a_is_sparse', BOOL),
    opt('b_is_sparse', BOOL),
    opt('name', STR),
  ],
  (a) => {
    if (a.transpose_a && a.adjoint_a) throw new ValueError('Only one of transpose_a and adjoint_a can be True.');
    if (a.transpose_b && a.adjoint_b) throw new ValueError('Only one of transpose_b and adjoint_b can be True.');
    return apply1({
      type: 'MatMul',
      name: a.name ?? undefined,
      defaultName: 'MatMul',
      inputs: [
        ['a', a.a],
        ['b', a.b],
      ],
      attrs: { transpose_a: (a.transpose_a || a.adjoint_a) ?? false, transpose_b: (a.transpose_b || a.adjoint_b) ?? false },
    });
  },
);

/** `tf.add_n(inputs, name)`: the sum of same-shaped tensors; a single input comes back as is, as TF1. */
export const add_n = tf1('add_n', [req('inputs', list(TENSOR)), opt('name', STR)], (a) => {
  const { inputs } = a;
  const name = a.name ?? undefined;
  if (inputs.length === 0) throw new ValueError('inputs must be a list of at least one Tensor/IndexedSlices with the same dtype and shape');
  const graph = graphOf(inputs);
  if (inputs.length === 1) {
    const t = toTensor(inputs[0]!, { graph });
    return name ? apply1({ type: 'Identity', name, defaultName: 'Identity', inputs: [['input', t]], attrs: {} }) : t;
  }
  return apply1({ type: 'AddN', name, defaultName: 'AddN', inputs: inputs.map((v, i) => [`inputs_${i}`, v] as [string, TensorLike]), attrs: {} });
});

/** TF1's `to_double(x, name)`: cast to float64, named `ToDouble`. */
export const to_double = tf1('to_double', [req('x', TENSOR), opt('name', STR)], (a) => castTo(a.x, 'float64', a.name ?? 'ToDouble', 'ToDouble'));
/** TF1's `to_int32(x, name)`: cast to int32, named `ToInt32`. */
export const to_int32 = tf1('to_int32', [req('x', TENSOR), opt('name', STR)], (a) => castTo(a.x, 'int32', a.name ?? 'ToInt32', 'ToInt32'));
/** TF1's `to_int64(x, name)`: cast to int64, named `ToInt64`. */
export const to_int64 = tf1('to_int64', [req('x', TENSOR), opt('name', STR)], (a) => castTo(a.x, 'int64', a.name ?? 'ToInt64', 'ToInt64'));
