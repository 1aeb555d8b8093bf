// The elementwise unary ops, their gradient helper ops, Cast and AddN (tensorflow/core/ops/math_ops.cc), with
// TF1's gradients (python/ops/math_grad.py).
import type { DType } from '../dtypes.js';
import type { NoAttrs, OpDef, OpDefs } from '../op_def.js';
import { pairDef, unaryDef } from './elementwise_defs.js';
import { DTYPES } from '../dtypes.js';
import { TensorShape } from '../shape.js';
import { ShapeError } from '../op_def.js';
import { FLOATS, NUMERIC, REAL, allowDtypes, inShape, mergeShapes, one, sameDtype } from '../shape_util.js';

/** The unary ops' attributes. */
export interface UnaryAttrs {
  Neg: NoAttrs;
  Log: NoAttrs;
  Exp: NoAttrs;
  Sqrt: NoAttrs;
  Square: NoAttrs;
  Reciprocal: NoAttrs;
  Sigmoid: NoAttrs;
  SqrtGrad: NoAttrs;
  ReciprocalGrad: NoAttrs;
  SigmoidGrad: NoAttrs;
  Cast: { DstT: DType };
  AddN: NoAttrs;
}

type Unary = 'Neg' | 'Log' | 'Exp' | 'Sqrt' | 'Square' | 'Reciprocal' | 'Sigmoid';

/** An elementwise op of one input `x`, wrapped by the public functions `api`. */
const unary = <K extends Unary>(api: readonly string[], allowed: readonly DType[], grad: OpDef<K>['grad']): OpDef<K> => unaryDef<K>('x', api, allowed, grad);

/** A gradient helper `(y, dy)`. */
const helper = <K extends 'SqrtGrad' | 'ReciprocalGrad' | 'SigmoidGrad'>(grad: OpDef<K>['grad']): OpDef<K> => pairDef<K>(['y', 'dy'], FLOATS, grad);

const floating = (d: string): boolean => d === 'float32' || d === 'float64';

/** Definitions of the unary ops, their gradient helpers, Cast and AddN. */
export const UNARY_OPS: OpDefs<UnaryAttrs> = {
  Neg: unary(['negative'], NUMERIC, (_op, [g], tf) => [tf.neg(g!)]),
  // d log x = g / x, computed after g as TF1 does.
  Log: unary(['log'], FLOATS, (op, [g], tf) => tf.control_dependencies([g!], () => [tf.mul(g!, tf.reciprocal(op.inputs[0]!))])),
  Exp: unary(['exp'], FLOATS, (op, [g], tf) => tf.control_dependencies([g!], () => [tf.mul(g!, op.outputs[0]!)])),
  Sqrt: unary(['sqrt'], FLOATS, (op, [g], tf) => [tf.op('SqrtGrad', [op.outputs[0]!, g!])]),
  Square: unary(['square'], NUMERIC, (op, [g], tf) => {
    const x = op.inputs[0]!;
    return tf.control_dependencies([g!], () => [tf.multiply(g!, tf.multiply(x, tf.constant(2, { dtype: x.dtype })))]);
  }),
  Reciprocal: unary(['reciprocal'], FLOATS, (op, [g], tf) => [tf.op('ReciprocalGrad', [op.outputs[0]!, g!])]),
  // d sigmoid x = g * y * (1 - y), from the output y, after g (TF1's _SigmoidGrad).
  Sigmoid: unary(['sigmoid', 'nn.sigmoid'], FLOATS, (op, [g], tf) => tf.control_dependencies([g!], () => [tf.op('SigmoidGrad', [op.outputs[0]!, g!])])),
  // SqrtGrad(y, dy) = dy * 0.5 / y, differentiated by both inputs.
  SqrtGrad: helper((op, [g], tf) => {
    const y = op.inputs[0]!;
    return tf.control_dependencies([g!], () => {
      const ga = tf.realdiv(g!, y);
      return [tf.mul(tf.neg(ga), op.outputs[0]!), tf.mul(tf.constant(0.5, { dtype: y.dtype }), ga)];
    });
  }),
  // ReciprocalGrad(y, dy) = -dy * y^2, differentiated by both inputs.
  ReciprocalGrad: helper((op, [g], tf) => {
    const [y, dy] = op.inputs as [(typeof op.inputs)[0], (typeof op.inputs)[0]];
    return [tf.mul(tf.mul(tf.mul(g!, dy!), tf.constant(-2, { dtype: y!.dtype })), y!), tf.neg(tf.mul(g!, tf.square(y!)))];
  }),
  // SigmoidGrad(y, dy) = dy * y * (1 - y): by y, g * dy * (1 - 2 y); by dy, SigmoidGrad(y, g) (TF1's _SigmoidGradGrad).
  SigmoidGrad: helper((op, [g], tf) => {
    const [y, dy] = op.inputs as [(typeof op.inputs)[0], (typeof op.inputs)[0]];
    return tf.control_dependencies([g!], () => {
      const gb = tf.mul(g!, dy!);
      return [tf.sub(gb, tf.mul(tf.mul(2, gb), y!)), tf.op('SigmoidGrad', [y!, g!])];
    });
  }),
  Cast: {
    inputs: [{ name: 'x', type: { attr: 'SrcT', allowed: DTYPES } }],
    attrs: { DstT: 'dtype' },
    // Added in TF 1.11: graphs from 1.11 on carry Truncate=false on every Cast.
    defaults: { Truncate: { value: false, kind: 'bool' } },
    shape: (c) => one(c.attrs.DstT, inShape(c)),
    // Cast back when both sides are floating, else no gradient.
    grad: (op, [g], tf) => [floating(op.inputs[0]!.dtype) && floating(op.attrs.DstT) ? tf.cast(g!, op.inputs[0]!.dtype) : null],
  },
  AddN: {
    inputs: [{ name: 'inputs', type: { attr: 'T', allowed: REAL }, list: true }],
    attrs: {},
    shape: (c) => {
      if (c.inputs.length === 0) throw new ShapeError('AddN needs at least one input');
      const d = sameDtype(
        c,
        c.inputs.map((_, i) => `inputs[${i}]`),
      );
      allowDtypes(c, 0, 'T', REAL);
      return one(
        d,
        c.inputs.reduce((s, i) => mergeShapes(s, i.shape), TensorShape.unknown()),
      );
    },
    // The same gradient to every input.
    grad: (op, [g]) => op.inputs.map(() => g!),
  },
};
