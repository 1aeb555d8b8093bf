// Unique and UniqueWithCounts (tensorflow/core/ops/array_ops.cc): a vector's distinct values in order of first
// appearance, each element's position among them, and (WithCounts) how often each appears. TF1 r1.12 registers no
// gradient for either.
import { ALL_DTYPES } from '../dtypes.js';
import type { OpDef, OpDefs } from '../op_def.js';
import { TensorShape } from '../shape.js';
import { inShape, withRank } from '../shape_util.js';

/** The attributes of Unique and UniqueWithCounts (beyond the inferred `T`). */
export interface UniqueAttrs {
  Unique: { out_idx: 'int32' | 'int64' };
  UniqueWithCounts: { out_idx: 'int32' | 'int64' };
}

/**
 * The definition of either: TF1's shape function gives y a vector of unknown length, idx the input's shape (set
 * before the input's rank is checked to be 1), and count (WithCounts) another vector of unknown length.
 */
function uniqueDef<K extends keyof UniqueAttrs>(counts: boolean): OpDef<K> {
  return {
    inputs: [{ name: 'x', type: { attr: 'T', allowed: ALL_DTYPES } }],
    attrs: { out_idx: 'index_dtype' } as OpDef<K>['attrs'],
    shape: (c) => {
      const x = inShape(c, 0);
      withRank(x, 1);
      const { out_idx } = c.attrs as UniqueAttrs[K];
      const outs = [
        { dtype: c.inputs[0]!.dtype, shape: new TensorShape([null]) },
        { dtype: out_idx, shape: x },
      ];
      return counts ? [...outs, { dtype: out_idx, shape: new TensorShape([null]) }] : outs;
    },
    grad: null,
  };
}

/** Definitions of Unique and UniqueWithCounts. */
export const UNIQUE_OPS: OpDefs<UniqueAttrs> = { Unique: uniqueDef<'Unique'>(false), UniqueWithCounts: uniqueDef<'UniqueWithCounts'>(true) };
