// PyFunc and PyFuncStateless (tensorflow/core/ops/script_ops.cc): a function of the program, named by `token`,
// called on the inputs' values when the node runs; `Tin` and `Tout` the lists of input and output dtypes, every
// output of unknown shape (shape_inference::UnknownShape). TF1 r1.12's script_ops.py makes both NotDifferentiable.
import { ALL_DTYPES, type DType } from '../dtypes.js';
import type { OpDefs } from '../op_def.js';
import { TensorShape } from '../shape.js';

/** The attributes of PyFunc and PyFuncStateless (beyond the inferred `Tin`). */
export interface ScriptAttrs {
  PyFunc: { token: string; Tout: readonly DType[] };
  PyFuncStateless: { token: string; Tout: readonly DType[] };
}

const def = {
  inputs: [{ name: 'input', type: { attr: 'Tin', allowed: ALL_DTYPES }, typeList: true }],
  attrs: { token: 'string', Tout: 'type_list' },
  shape: (c: { attrs: { Tout: readonly DType[] } }) => c.attrs.Tout.map((dtype) => ({ dtype, shape: TensorShape.unknown() })),
  grad: 'none',
} as const;

/** Definitions of PyFunc (stateful: never folded, cached or pruned as a duplicate) and PyFuncStateless. */
export const SCRIPT_OPS: OpDefs<ScriptAttrs> = {
  PyFunc: { ...def, flags: { stateful: true } },
  PyFuncStateless: def,
};
