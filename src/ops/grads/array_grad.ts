import type { Tensor } from '../../graph/tensor.js';
import * as A from '../array_ops.js';
import * as M from '../math_ops.js';
import type { GradFn } from './types.js';

/** d identity: the gradient itself, no op (as TF1's `_IdGrad`). */
export const identityGrad: GradFn<'Identity'> = (_op, [g]) => [g!];

/** d reshape / expand_dims: the gradient reshaped to the input's shape. */
export const reshapeGrad: GradFn<'Reshape' | 'ExpandDims'> = (op, [g]) => [A.reshape(g!, A.shape(op.inputs[0]!)), null];

/** d fill: the value gets the sum of the gradient. */
export const fillGrad: GradFn<'Fill'> = (_op, [g]) => [null, M.reduce_sum(g!)];

/** d tile: the gradient split into the tiles and summed over them. */
export const tileGrad: GradFn<'Tile'> = (op, [g]) => {
  const [input, multiples] = op.inputs as [Tensor, Tensor];
  // In the multiples' dtype, so int64 multiples stitch with it (as TF1's _TileGrad).
  const inputShape = A.shape(input, { out_type: multiples.dtype as 'int32' | 'int64' });
  const r = A.size(inputShape);
  const twoR = M.multiply(r, 2);
  // range(1, 2r + 1, 2), not range(1, 2r, 2): the latter is range(1, 0, 2) for a scalar, which Range rejects.
  const split = A.dynamic_stitch([A.range(0, twoR, 2), A.range(1, M.add(twoR, 1), 2)], [multiples, inputShape]);
  const axes = A.range(0, A.size(split), 2);
  const inputGrad = M.reduce_sum(A.reshape(g!, split), { axis: axes });
  // As TF1's _TileGrad: the sum's static shape is lost in the reshape, and is the input's.
  inputGrad.set_shape(input.shape);
  return [inputGrad, null];
};
