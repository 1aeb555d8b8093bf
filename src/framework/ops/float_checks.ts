// IsNan, IsInf and IsFinite (tensorflow/core/ops/math_ops.cc: `x: T` of the float types, `y: bool`,
// UnchangedShape); TF1's math_grad.py registers no gradient for them.
import type { NoAttrs, OpDef, OpDefs } from '../op_def.js';
import { FLOATS, allowDtypes, inShape, one } from '../shape_util.js';

/** The float checks' attributes (none beyond the inferred `T`). */
export interface FloatCheckAttrs {
  IsNan: NoAttrs;
  IsInf: NoAttrs;
  IsFinite: NoAttrs;
}

/** An elementwise check of a float input `x` with a bool output, the plain op behind the public function `api`. */
const check = <K extends keyof FloatCheckAttrs>(api: string): OpDef<K> => ({
  api: [api],
  inputs: [{ name: 'x', type: { attr: 'T', allowed: FLOATS } }],
  attrs: {} as OpDef<K>['attrs'],
  shape: (c) => {
    allowDtypes(c, 0, 'T', FLOATS);
    return one('bool', inShape(c));
  },
  grad: null,
});

/** Definitions of the float checks. */
export const FLOAT_CHECK_OPS: OpDefs<FloatCheckAttrs> = {
  IsNan: check('is_nan'),
  IsInf: check('is_inf'),
  IsFinite: check('is_finite'),
};
