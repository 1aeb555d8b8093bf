import type { Tensor } from '../../graph/tensor.js';
import { NDArray } from '../../framework/ndarray.js';
import * as A from '../array_ops.js';
import * as M from '../math_ops.js';
import { constantValue } from '../shapes/infer.js';
import { transpose } from '../transpose.js';
import type { GradFn } from './types.js';

/** The inverse of a known permutation, or null when the values are none (the forward op fails on them). */
function invertKnown(p: NDArray): NDArray | null {
  const n = p.size;
  const inv = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const d = p.data[i]!;
    if (!(d >= 0 && d < n) || inv[d] !== -1) return null;
    inv[d] = i;
  }
  return new NDArray(inv, [n], 'int32');
}

/**
 * d transpose: the gradient transposed by the inverse permutation (TF1's `_TransposeGrad`). TF1 inverts with
 * InvertPermutation; here a known perm is inverted while building, and a computed one by DynamicStitch,
 * which scatters i to position perm[i].
 */
export const transposeGrad: GradFn<'Transpose'> = (op, [g]) => {
  const p = op.inputs[1]!;
  const known = constantValue(p);
  const inv = known ? invertKnown(known) : null;
  let perm: Tensor;
  if (inv) perm = A.constant(inv);
  else {
    const idx = p.dtype === 'int32' ? p : M.cast(p, 'int32');
    perm = A.dynamic_stitch([idx], [A.range(0, A.size(idx))]);
  }
  return [transpose(g!, perm), null];
};
