// MaxPool, AvgPool and their gradient helpers (tensorflow/core/ops/nn_ops.cc, shape functions from
// framework/common_shape_fns.cc), with TF1 r1.12's gradients (python/ops/nn_grad.py).
import { type Dim, TensorShape } from '../shape.js';
import type { OpDef, OpDefs, ShapeCtx } from '../op_def.js';
import { ShapeError } from '../op_def.js';
import type { OpType } from '../op_defs.js';
import type { DataFormat } from './nn_extra.js';
import { FLOATS, REAL, allowDtypes, inShape, mergeShapes, one, sameDtype, shapeFromShapeTensor, withRank } from '../shape_util.js';

/** TF1's padding attribute (GetPaddingAttrString). */
export type Padding = 'SAME' | 'VALID';

/** The attributes every pooling op carries: the window and strides per dimension of the data format, padding, format. */
export interface PoolAttrs {
  ksize: readonly number[];
  strides: readonly number[];
  padding: Padding;
  data_format: DataFormat;
}

/** The attributes of the pooling ops. */
export interface NnPoolAttrs {
  MaxPool: PoolAttrs;
  AvgPool: PoolAttrs;
  MaxPoolGrad: PoolAttrs;
  AvgPoolGrad: PoolAttrs;
  MaxPoolGradGrad: PoolAttrs;
}

const POOL_ATTRS = { ksize: 'int_list', strides: 'int_list', padding: 'string', data_format: 'string' } as const;

/** The index of dimension 'N', 'H', 'W' or 'C' in a 4-D value (or attribute list) of the format. */
export const dimIndex = (f: DataFormat, d: 'N' | 'H' | 'W' | 'C'): number => (f === 'NCHW' ? 'NCHW' : 'NHWC').indexOf(d);

/** TF1's GetWindowedOutputSizeFromDims: the output size along one dimension (null when the input's is unknown). */
export function windowedOutputSize(input: Dim, k: number, stride: number, padding: Padding): Dim {
  if (stride <= 0) throw new ShapeError(`Stride must be > 0, but got ${stride}`);
  if (input === null) return null;
  if (padding === 'SAME') return Math.floor((input + stride - 1) / stride);
  if (input - k < 0) throw new ShapeError(`Negative dimension size caused by subtracting ${k} from ${input}`);
  return Math.floor((input - k + stride) / stride);
}

/** TF1's MaxPoolShape / AvgPoolShape: rank 4, 4 strides and sizes, windowed H and W (and C for MaxPool). */
function poolShape(kind: 'MaxPool' | 'AvgPool') {
  return (c: ShapeCtx<'MaxPool' | 'AvgPool' | 'MaxPoolGradGrad'>) => {
    allowDtypes(c, 0, 'T', kind === 'MaxPool' ? REAL : FLOATS);
    const { ksize, strides, padding, data_format: f } = c.attrs;
    const input = withRank(inShape(c, 0), 4);
    if (strides.length !== 4) throw new ShapeError(`${kind} requires the stride attribute to contain 4 values, but got: ${strides.length}`);
    if (ksize.length !== 4) throw new ShapeError(`${kind} requires the ksize attribute to contain 4 values, but got: ${ksize.length}`);
    const dim = (d: 'H' | 'W' | 'C') => windowedOutputSize(input.dims![dimIndex(f, d)]!, ksize[dimIndex(f, d)]!, strides[dimIndex(f, d)]!, padding);
    const dims: Dim[] = [...input.dims!];
    dims[dimIndex(f, 'H')] = dim('H');
    dims[dimIndex(f, 'W')] = dim('W');
    if (kind === 'MaxPool') dims[dimIndex(f, 'C')] = dim('C');
    return one(c.inputs[0]!.dtype, new TensorShape(dims));
  };
}

const maxPoolShape = poolShape('MaxPool');

type Grad<K extends OpType> = OpDef<K>['grad'];

const attrsOf = (a: PoolAttrs): PoolAttrs => ({ ksize: a.ksize, strides: a.strides, padding: a.padding, data_format: a.data_format });

/** TF1's _MaxPoolGrad: MaxPoolGrad(input, output, grad). */
const maxPoolGrad: Grad<'MaxPool'> = (op, [g], tf) => [tf.op('MaxPoolGrad', [op.inputs[0]!, op.outputs[0]!, g!], attrsOf(op.attrs))];
/** TF1's _AvgPoolGrad: AvgPoolGrad(shape(input), grad). */
const avgPoolGrad: Grad<'AvgPool'> = (op, [g], tf) => [tf.op('AvgPoolGrad', [tf.shape(op.inputs[0]!), g!], attrsOf(op.attrs))];
/** TF1's _AvgPoolGradGrad: no gradient for the shape (TF1's stop_gradient of an int32 vector), AvgPool of the gradient. */
const avgPoolGradGrad: Grad<'AvgPoolGrad'> = (op, [g], tf) => [null, tf.op('AvgPool', [g!], attrsOf(op.attrs))];
/** TF1's _MaxPoolGradGrad: zeros for the input and output, MaxPoolGradGrad(input, output, grad) for the gradient. */
const maxPoolGradGrad: Grad<'MaxPoolGrad'> = (op, [g], tf) => [
  tf.zeros(tf.shape(op.inputs[0]!), op.inputs[0]!.dtype),
  tf.zeros(tf.shape(op.inputs[1]!), op.inputs[1]!.dtype),
  tf.op('MaxPoolGradGrad', [op.inputs[0]!, op.inputs[1]!, g!], attrsOf(op.attrs)),
];
/** TF1's _MaxPoolGradGradGrad: zeros for the input and output, MaxPoolGrad(input, output, grad) for the gradient. */
const maxPoolGradGradGrad: Grad<'MaxPoolGradGrad'> = (op, [g], tf) => [
  tf.zeros(tf.shape(op.inputs[0]!), op.inputs[0]!.dtype),
  tf.zeros(tf.shape(op.inputs[1]!), op.inputs[1]!.dtype),
  tf.op('MaxPoolGrad', [op.inputs[0]!, op.inputs[1]!, g!], attrsOf(op.attrs)),
];

const t = (name: string, allowed: readonly import('../dtypes.js').DType[]) => ({ name, type: { attr: 'T', allowed } });

/** Definitions of MaxPool, AvgPool, MaxPoolGrad, AvgPoolGrad and MaxPoolGradGrad. */
export const NN_POOL_OPS: OpDefs<NnPoolAttrs> = {
  MaxPool: { inputs: [t('input', REAL)], attrs: POOL_ATTRS, shape: maxPoolShape, grad: maxPoolGrad },
  AvgPool: { inputs: [t('value', FLOATS)], attrs: POOL_ATTRS, shape: poolShape('AvgPool'), grad: avgPoolGrad },
  MaxPoolGrad: {
    inputs: [t('orig_input', REAL), t('orig_output', REAL), t('grad', REAL)],
    attrs: POOL_ATTRS,
    // TF1: UnchangedShapeWithRank(c, 4).
    shape: (c) => {
      const d = sameDtype(c, ['orig_input', 'orig_output', 'grad']);
      allowDtypes(c, 0, 'T', REAL);
      return one(d, withRank(inShape(c, 0), 4));
    },
    grad: maxPoolGradGrad,
  },
  AvgPoolGrad: {
    inputs: [{ name: 'orig_input_shape', type: 'int32' }, t('grad', FLOATS)],
    attrs: POOL_ATTRS,
    flags: { valueInputs: [0] },
    // TF1: MakeShapeFromShapeTensor(0) with rank 4.
    shape: (c) => {
      allowDtypes(c, 1, 'T', FLOATS);
      withRank(inShape(c, 1), 4);
      return one(c.inputs[1]!.dtype, withRank(shapeFromShapeTensor(c.inputs[0]!), 4));
    },
    grad: avgPoolGradGrad,
  },
  MaxPoolGradGrad: {
    inputs: [t('orig_input', REAL), t('orig_output', REAL), t('grad', REAL)],
    attrs: POOL_ATTRS,
    // TF1: MaxPoolShape of the input, the input merged with the gradient, the original output with the result.
    shape: (c) => {
      sameDtype(c, ['orig_input', 'orig_output', 'grad']);
      const [out] = maxPoolShape(c);
      mergeShapes(inShape(c, 0), inShape(c, 2));
      return one(out!.dtype, mergeShapes(inShape(c, 1), out!.shape));
    },
    grad: maxPoolGradGradGrad,
  },
};
