// DepthwiseConv2dNative and its two backprops (tensorflow/core/ops/nn_ops.cc; the shape function is r1.12's
// common_shape_fns.cc DepthwiseConv2DNativeShape, which does not read the dilations), with TF1 r1.12's gradient
// (python/ops/nn_grad.py registers one for the forward op only).
import type { Dim } from '../shape.js';
import { TensorShape } from '../shape.js';
import type { OpDefs, ShapeCtx } from '../op_def.js';
import { ShapeError } from '../op_def.js';
import type { OpType } from '../op_defs.js';
import type { DataFormat } from './nn_extra.js';
import type { ConvPadding } from './nn_conv.js';
import { windowedOutputDim } from './nn_conv.js';
import { FLOATS, allowDtypes, inShape, mergeDim, one, sameDtype, shapeFromShapeTensor, withRank } from '../shape_util.js';

/** The attributes DepthwiseConv2dNative and its backprops share (r1.12's kernels never read `dilations`). */
export interface DepthwiseAttrs {
  strides: readonly number[];
  padding: ConvPadding;
  data_format: DataFormat;
  dilations: readonly number[];
}

/** The attributes of DepthwiseConv2dNative, DepthwiseConv2dNativeBackpropInput and DepthwiseConv2dNativeBackpropFilter. */
export interface NnDepthwiseAttrs {
  DepthwiseConv2dNative: DepthwiseAttrs;
  DepthwiseConv2dNativeBackpropInput: DepthwiseAttrs;
  DepthwiseConv2dNativeBackpropFilter: DepthwiseAttrs;
}

/** InferenceContext::Multiply: 0 or 1 times anything is known, else unknown when either is. */
function mulDim(a: Dim, b: Dim): Dim {
  if (a === 0 || b === 0) return 0;
  if (a === 1) return b;
  if (b === 1) return a;
  return a === null || b === null ? null : a * b;
}

/** r1.12's DepthwiseConv2DNativeShape: NHWC (or NCHW) input, [FH, FW, C, multiplier] filter, C·multiplier channels out. */
function depthwiseShape(c: ShapeCtx<'DepthwiseConv2dNative'>) {
  const d = sameDtype(c, ['input', 'filter']);
  allowDtypes(c, 0, 'T', FLOATS);
  const { data_format: format, strides, padding } = c.attrs;
  const input = withRank(inShape(c, 0), 4).dims!;
  const filter = withRank(inShape(c, 1), 4).dims!;
  if (strides.length !== 4) throw new ShapeError(`DepthwiseConv2D requires the stride attribute to contain 4 values, but got: ${strides.length}`);
  const nchw = format === 'NCHW';
  // Canonicalised to NHWC, as TF1's shape function does.
  const [b, h, w, ch] = nchw ? [input[0]!, input[2]!, input[3]!, input[1]!] : [input[0]!, input[1]!, input[2]!, input[3]!];
  const [sh, sw] = nchw ? [strides[2]!, strides[3]!] : [strides[1]!, strides[2]!];
  const depth = mergeDim(ch, filter[2]!);
  const outDepth = mulDim(depth, filter[3]!);
  const rows = windowedOutputDim(h, filter[0]!, 1, sh, padding);
  const cols = windowedOutputDim(w, filter[1]!, 1, sw, padding);
  return one(d, new TensorShape(nchw ? [b, outDepth, rows, cols] : [b, rows, cols, outDepth]));
}

/** The backprops' shape: the sizes input as a rank-4 shape (MakeShapeFromShapeTensor, WithRank 4). */
function sizesShape<K extends OpType>(c: ShapeCtx<K>, sizes: number) {
  const t = sizes === 0 ? 1 : 0;
  allowDtypes(c, t, 'T', FLOATS);
  return one(c.inputs[t]!.dtype, withRank(shapeFromShapeTensor(c.inputs[sizes]!), 4));
}

const T = { attr: 'T', allowed: FLOATS } as const;
const ATTRS = { strides: 'int_list', padding: 'string', data_format: 'string', dilations: 'int_list' } as const;

/** Definitions of DepthwiseConv2dNative, DepthwiseConv2dNativeBackpropInput and DepthwiseConv2dNativeBackpropFilter. */
export const NN_DEPTHWISE_OPS: OpDefs<NnDepthwiseAttrs> = {
  DepthwiseConv2dNative: {
    inputs: [
      { name: 'input', type: T },
      { name: 'filter', type: T },
    ],
    attrs: ATTRS,
    shape: depthwiseShape,
    // TF1's _DepthwiseConv2dNativeGrad: each backprop with the other input's Shape, strides, padding and data_format.
    grad: (op, [g], tf) => {
      const { strides, padding, data_format } = op.attrs;
      const attrs = { strides: [...strides], padding, data_format, dilations: [1, 1, 1, 1] };
      return [
        tf.op('DepthwiseConv2dNativeBackpropInput', [tf.shape(op.inputs[0]!), op.inputs[1]!, g!], attrs),
        tf.op('DepthwiseConv2dNativeBackpropFilter', [op.inputs[0]!, tf.shape(op.inputs[1]!), g!], { ...attrs }),
      ];
    },
  },
  // r1.12 registers no gradient for either backprop (nn_grad.py gained them in TF 2).
  DepthwiseConv2dNativeBackpropInput: {
    inputs: [
      { name: 'input_sizes', type: 'int32' },
      { name: 'filter', type: T },
      { name: 'out_backprop', type: T },
    ],
    attrs: ATTRS,
    flags: { valueInputs: [0] },
    shape: (c) => sizesShape(c, 0),
    grad: null,
  },
  DepthwiseConv2dNativeBackpropFilter: {
    inputs: [
      { name: 'input', type: T },
      { name: 'filter_sizes', type: 'int32' },
      { name: 'out_backprop', type: T },
    ],
    attrs: ATTRS,
    flags: { valueInputs: [1] },
    shape: (c) => sizesShape(c, 1),
    grad: null,
  },
};
