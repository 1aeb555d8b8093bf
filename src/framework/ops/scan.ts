// Cumsum and Cumprod (tensorflow/core/ops/math_ops.cc: `x: T` of numbertype, `axis: Tidx` int32/int64, attrs
// exclusive and reverse, UnchangedShape), with TF1 r1.12's gradients (python/ops/math_grad.py's _CumsumGrad and
// _CumprodGrad). The kernel checks the axis (a scalar in [-rank, rank)), so the shape rule does not.
import type { OpDef, OpDefs } from '../op_def.js';
import { INDEX, REAL, allowDtypes, inShape, one } from '../shape_util.js';

/** The attributes of Cumsum and Cumprod. */
export interface ScanAttrs {
  Cumsum: { exclusive: boolean; reverse: boolean };
  Cumprod: { exclusive: boolean; reverse: boolean };
}

/** A scan along the axis its second input names. */
const scan = <K extends keyof ScanAttrs>(grad: OpDef<K>['grad']): OpDef<K> => ({
  inputs: [
    { name: 'x', type: { attr: 'T', allowed: REAL } },
    { name: 'axis', type: { attr: 'Tidx', allowed: INDEX } },
  ],
  attrs: { exclusive: 'bool', reverse: 'bool' } as OpDef<K>['attrs'],
  flags: { valueInputs: [1] },
  shape: (c) => {
    allowDtypes(c, 0, 'T', REAL);
    allowDtypes(c, 1, 'Tidx', INDEX);
    return one(c.inputs[0]!.dtype, inShape(c));
  },
  grad,
});

/** Definitions of Cumsum and Cumprod. */
export const SCAN_OPS: OpDefs<ScanAttrs> = {
  // _CumsumGrad: the gradient's cumsum the other way, exclusive as the op.
  Cumsum: scan<'Cumsum'>((op, [g], tf) => [tf.op('Cumsum', [g!, op.inputs[1]!], { exclusive: op.attrs.exclusive, reverse: !op.attrs.reverse }), null]),
  // _CumprodGrad: cumsum(cumprod(x) * grad) the other way, over x (TF1's own TODO: wrong where x has a 0).
  Cumprod: scan<'Cumprod'>((op, [g], tf) => {
    const [x, axis] = [op.inputs[0]!, op.inputs[1]!];
    const { exclusive, reverse } = op.attrs;
    const prod = tf.op('Cumprod', [x, axis], { exclusive, reverse });
    const out = tf.op('Cumsum', [tf.mul(prod, g!), axis], { exclusive, reverse: !reverse });
    return [tf.truediv(out, x), null];
  }),
};
