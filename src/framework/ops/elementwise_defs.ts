// The two forms most elementwise definitions take: an op of one input whose output has the input's dtype and shape
// (TF1's UnchangedShape), and a gradient helper op of two inputs of one dtype and mergeable shapes
// (MergeBothInputsShapeFn). The families (unary.ts, math_unary.ts, nn_activations.ts) write their ops with these.
import type { DType } from '../dtypes.js';
import type { OpDef } from '../op_def.js';
import type { OpType } from '../op_defs.js';
import { allowDtypes, inShape, mergeShapes, one, sameDtype } from '../shape_util.js';

/** An op of one input named `input`, of the `allowed` dtypes, wrapped by the public functions `api`. */
export function unaryDef<K extends OpType>(input: string, api: readonly string[], allowed: readonly DType[], grad: OpDef<K>['grad']): OpDef<K> {
  return {
    api,
    inputs: [{ name: input, type: { attr: 'T', allowed } }],
    attrs: {} as OpDef<K>['attrs'],
    shape: (c) => {
      allowDtypes(c, 0, 'T', allowed);
      return one(c.inputs[0]!.dtype, inShape(c));
    },
    grad,
  };
}

/** A gradient helper op of two inputs named `names`, of one of the `allowed` dtypes, with mergeable shapes. */
export function pairDef<K extends OpType>(names: readonly [string, string], allowed: readonly DType[], grad: OpDef<K>['grad']): OpDef<K> {
  return {
    inputs: names.map((name) => ({ name, type: { attr: 'T', allowed } })),
    attrs: {} as OpDef<K>['attrs'],
    shape: (c) => {
      const d = sameDtype(c, [...names]);
      allowDtypes(c, 0, 'T', allowed);
      return one(d, mergeShapes(inShape(c, 0), inShape(c, 1)));
    },
    grad,
  };
}
