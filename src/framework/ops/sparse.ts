// SparseToDense (tensorflow/core/ops/sparse_ops.cc), which TF1 r1.12 registers NotDifferentiable (python/ops/sparse_grad.py).
import type { DType } from '../dtypes.js';
import { DTYPES } from '../dtypes.js';
import type { OpDefs } from '../op_def.js';
import { INDEX, allowDtypes, inShape, one, shapeFromShapeTensor, withRank } from '../shape_util.js';

/** The attributes of SparseToDense. */
export interface SparseAttrs {
  SparseToDense: { validate_indices: boolean };
}

const t = (allowed: readonly DType[], attr: string) => ({ attr, allowed });

/** Definitions of the sparse ops. */
export const SPARSE_OPS: OpDefs<SparseAttrs> = {
  SparseToDense: {
    inputs: [
      { name: 'sparse_indices', type: t(INDEX, 'Tindices') },
      { name: 'output_shape', type: t(INDEX, 'Tindices') },
      { name: 'sparse_values', type: t(DTYPES, 'T') },
      { name: 'default_value', type: t(DTYPES, 'T') },
    ],
    attrs: { validate_indices: 'bool' },
    flags: { valueInputs: [1], valueChecked: true },
    // TF1: the output's shape is output_shape's value (MakeShapeFromShapeTensor), its dtype the values'.
    shape: (c) => {
      allowDtypes(c, 0, 'Tindices', INDEX);
      withRank(inShape(c, 1), 1);
      return one(c.inputs[2]!.dtype, shapeFromShapeTensor(c.inputs[1]!));
    },
    grad: 'none',
  },
};
