// Unique and UniqueWithCounts (tensorflow/core/ops/array_ops.cc): a vector's distinct values in order of first
// appearance, each element's position among them, and (WithCounts) how often each appears. TF1 r1.12 registers no
// gradient for either.
import { ALL_DTYPES } from '../dtypes.js';
import type { OpDefs } from '../op_def.js';
import { TensorShape } from '../shape.js';
import { inShape, withRank } from '../shape_util.js';

/** The attributes of Unique and UniqueWithCounts (beyond the inferred `T`). */
export interface UniqueAttrs {
  Unique: { out_idx: 'int32' | 'int64' };
  UniqueWithCounts: { out_idx: 'int32' | 'int64' };
}

/** Definitions of Unique and UniqueWithCounts. */
export const UNIQUE_OPS: OpDefs<UniqueAttrs> = {
  Unique: {
    inputs: [{ name: 'x', type: { attr: 'T', allowed: ALL_DTYPES } }],
    attrs: { out_idx: 'index_dtype' },
    // TF1's shape function: y a vector of unknown length, idx the input's shape, the input of rank 1.
    shape: (c) => {
      const x = inShape(c, 0);
      withRank(x, 1);
      return [
        { dtype: c.inputs[0]!.dtype, shape: new TensorShape([null]) },
        { dtype: c.attrs.out_idx, shape: x },
      ];
    },
    grad: null,
  },
  UniqueWithCounts: {
    inputs: [{ name: 'x', type: { attr: 'T', allowed: ALL_DTYPES } }],
    attrs: { out_idx: 'index_dtype' },
    shape: (c) => {
      const x = inShape(c, 0);
      withRank(x, 1);
      return [
        { dtype: c.inputs[0]!.dtype, shape: new TensorShape([null]) },
        { dtype: c.attrs.out_idx, shape: x },
        { dtype: c.attrs.out_idx, shape: new TensorShape([null]) },
      ];
    },
    grad: null,
  },
};
