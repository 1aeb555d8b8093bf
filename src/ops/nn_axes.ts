// The axis plumbing of TF1's softmax and cross-entropy wrappers (nn_ops.py `_softmax`, `_swap_axis`,
// `_move_dim_to_end`, `_flatten_outer_dims`): permutations that bring an axis to the end, and the 2-D view
// the ops themselves take. Where the rank is known they are constants; otherwise they are computed from
// Rank and Shape with the ops tf1-ts has (TF1 slices and concatenates; DynamicStitch does both here).
import type { Tensor } from '../graph/tensor.js';
import { InvalidArgumentError } from '../framework/errors.js';
import * as A from './array_ops.js';
import * as M from './math_ops.js';
import type { TensorLike } from './convert.js';

/** TF1's check of a softmax axis against a known rank: InvalidArgumentError, raised while building. */
export function checkAxis(dim: number, ndims: number): number {
  if (dim < -ndims || dim >= ndims) {
    throw new InvalidArgumentError(`Dimension (${dim}) must be in the range [${-ndims}, ${ndims}) where ${ndims} is the number of dimensions in the input.`);
  }
  return dim < 0 ? dim + ndims : dim;
}

const vec = (t: TensorLike): Tensor => A.reshape(t, [1]);

/** The axis `dim` of `x` as a scalar tensor in [0, rank) when the rank is unknown. */
function axisTensor(x: Tensor, dim: number): Tensor {
  return dim < 0 ? M.add(A.rank(x), dim) : A.constant(dim, { dtype: 'int32' });
}

/** The permutation that swaps axis `dim` with the last one (TF1's `_swap_axis`), its own inverse. */
export function swapWithLast(x: Tensor, dim: number): TensorLike {
  const r = x.shape.ndims;
  if (r !== null) {
    const d = checkAxis(dim, r);
    const perm = Array.from({ length: r }, (_, i) => i);
    [perm[d], perm[r - 1]] = [r - 1, d];
    return perm;
  }
  const rank = A.rank(x);
  const last = M.subtract(rank, 1);
  const d = axisTensor(x, dim);
  // Later entries win in DynamicStitch: position d gets last, position last gets d.
  return A.dynamic_stitch([A.range(0, rank), vec(d), vec(last)], [A.range(0, rank), vec(last), vec(d)]);
}

/** The permutation that moves axis `dim` to the end, keeping the others in order (TF1's `_move_dim_to_end`). */
export function moveToEnd(x: Tensor, dim: number): TensorLike {
  const r = x.shape.ndims;
  if (r !== null) {
    const d = checkAxis(dim, r);
    return [...Array.from({ length: r }, (_, i) => i).filter((i) => i !== d), d];
  }
  const rank = A.rank(x);
  const d = axisTensor(x, dim);
  const idx = A.range(0, rank);
  // i for the axes before d, i + 1 from d on; then the last position takes d itself.
  const shifted = M.add(idx, M.cast(M.greater_equal(idx, d), 'int32'));
  return A.dynamic_stitch([idx, vec(M.subtract(rank, 1))], [shifted, vec(d)]);
}

/** TF1's `_flatten_outer_dims`: `[..., C]` viewed as `[-1, C]`, with the static `[prod, C]` when the dims are known. */
export function flattenOuterDims(x: Tensor): Tensor {
  const dims = x.shape.dims;
  const last = dims?.length ? dims[dims.length - 1]! : null;
  let target: TensorLike;
  if (last !== null) target = [-1, last];
  else {
    // [-1, shape[-1]]: the shape's last entry lands at 1 (every other one at 0), then -1 overwrites position 0.
    const rank = A.rank(x);
    const at = M.cast(M.equal(A.range(0, rank), M.subtract(rank, 1)), 'int32');
    target = A.dynamic_stitch([at, A.constant([0], { dtype: 'int32' })], [A.shape(x), A.constant([-1], { dtype: 'int32' })]);
  }
  const out = A.reshape(x, target);
  if (dims?.length && dims.slice(0, -1).every((d) => d !== null)) {
    out.set_shape([(dims.slice(0, -1) as number[]).reduce((a, b) => a * b, 1), last]);
  }
  return out;
}

/**
 * `cost` (one value per row of the flattened `x`) in the shape of `x` without its last axis. TF1 reshapes
 * to `shape(x)[:-1]`; when that is not a constant here, the cost is reshaped to `x`'s shape with a last axis
 * of 1 and summed over that axis, which adds each value to 0 once.
 */
export function unflattenCost(cost: Tensor, x: Tensor): Tensor {
  const dims = x.shape.dims;
  const outer = dims ? dims.slice(0, -1) : null;
  const unknown = outer ? outer.filter((d) => d === null).length : Infinity;
  if (outer && (unknown === 0 || (unknown === 1 && !outer.includes(0))))
    return A.reshape(
      cost,
      outer.map((d) => d ?? -1),
    );
  const rank = A.rank(x);
  const last = M.subtract(rank, 1);
  const kept = A.dynamic_stitch([A.range(0, rank), vec(last)], [A.shape(x), A.constant([1], { dtype: 'int32' })]);
  return M.reduce_sum(A.reshape(cost, kept), { axis: last });
}
