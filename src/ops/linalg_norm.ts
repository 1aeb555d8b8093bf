// tf.norm (also tf.linalg.norm) as TF1 r1.12's linalg_ops.norm builds it: its checks of ord and axis with their
// ValueErrors, then vector p-norms and the matrix 1-, inf-, Frobenius and (through Svd) 2-norms from the public
// builders, in a scope `norm`; its gradient is that of the ops it builds.
import { opt, repr, req, tf1 } from '../framework/args.js';
import { ValueError } from '../framework/errors.js';
import type { Tensor } from '../graph/tensor.js';
import { boolean_mask } from './boolean_mask.js';
import { convert_to_tensor, graphOf } from './convert.js';
import { ANY, BOOL, STR, TENSOR } from './kinds.js';
import { svd } from './linalg_ops.js';
import { equal, floormod, pow, reduce_max, reduce_sum, sqrt } from './math_ops.js';
import { abs } from './math_unary_ops.js';
import { dynamic_stitch, expand_dims, range, rank } from './array_ops.js';
import { concat, squeeze } from './array_structure_ops.js';
import { logical_not, logical_or } from './logical_ops.js';
import { transpose } from './transpose.js';
import './slice_helper.js';

/** Python's `%s` of an ord: np.inf is `inf`. */
const ordStr = (o: unknown): string => (o === Infinity ? 'inf' : o === -Infinity ? '-inf' : typeof o === 'string' ? o : repr(o));

const AXIS_ERROR = "'axis' must be None, an integer, or a tuple of 2 unique integers";
const MATRIX_NORMS: readonly unknown[] = ['euclidean', 'fro', 1, 2, Infinity];
const VECTOR_NORMS: readonly unknown[] = ['euclidean', 1, 2, Infinity];

/**
 * The matrix 2-norm: the largest singular value over the two axes. TF1 moves the axes last with a permutation it
 * computes in the graph (map_fn over a cond, setdiff1d; then where to invert it), keeps the reduced axes as
 * size 1 and moves them back; tf1-ts computes the same permutations with floormod, boolean_mask and
 * dynamic_stitch (it has no ListDiff), so the node names there differ from TF1's.
 */
function matrix2Norm(tensor: Tensor, axis: readonly [number, number]): Tensor {
  const r = rank(tensor);
  const positiveAxis = floormod(convert_to_tensor(axis), r);
  const axes = range(r);
  const [a0, a1] = [positiveAxis.at(0), positiveAxis.at(1)];
  const rest = boolean_mask(axes, logical_not(logical_or(equal(axes, a0), equal(axes, a1))));
  const permBefore = concat([rest, positiveAxis], 0);
  const permAfter = dynamic_stitch([permBefore], [axes]);
  const permed = transpose(tensor, permBefore);
  const s = svd(permed, { compute_uv: false }) as Tensor;
  const matrix2 = expand_dims(reduce_max(abs(s), { axis: -1, keepdims: true }), -1);
  return transpose(matrix2, permAfter);
}

/** `tf.norm(tensor, ord, axis, keepdims, name, keep_dims)`: the vector or matrix norm of `tensor` (TF1 r1.12's linalg_ops.norm). */
export const norm = tf1(
  'norm',
  [req('tensor', TENSOR), opt('ord', ANY), opt('axis', ANY), opt('keepdims', BOOL), opt('name', STR), opt('keep_dims', BOOL)],
  (a): Tensor => {
    if (a.keep_dims != null && a.keepdims != null) throw new ValueError("Cannot specify both 'keep_dims' and 'keepdims'");
    const keepdims = a.keep_dims ?? a.keepdims ?? false;
    const ord = a.ord ?? 'euclidean';
    const rawAxis = a.axis ?? null;
    const isMatrixNorm = Array.isArray(rawAxis) && rawAxis.length === 2;
    let axis: number[] | null = null;
    if (isMatrixNorm) {
      const [x, y] = rawAxis as unknown[];
      if (!Number.isInteger(x) || !Number.isInteger(y) || x === y) throw new ValueError(AXIS_ERROR);
      if (!MATRIX_NORMS.includes(ord)) throw new ValueError(`'ord' must be a supported matrix norm in ['euclidean', 'fro', 1, 2, inf], got ${ordStr(ord)}`);
      axis = [x as number, y as number];
    } else {
      if (!(rawAxis === null || Number.isInteger(rawAxis))) throw new ValueError(AXIS_ERROR);
      // TF1: (not np.isreal(ord) or ord <= 0) and ord not in the supported vector norms.
      if ((typeof ord !== 'number' || ord <= 0) && !VECTOR_NORMS.includes(ord))
        throw new ValueError(`'ord' must be a supported vector norm, got ${ordStr(ord)}`);
      if (rawAxis !== null) axis = [rawAxis as number];
    }
    const graph = graphOf([a.tensor]);
    return graph.as_default(() =>
      graph.name_scope(a.name ?? 'norm', () => {
        const tensor = convert_to_tensor(a.tensor);
        let result: Tensor;
        if (ord === 'fro' || ord === 'euclidean' || ord === 2) {
          // TF1's tensor * conj(tensor): conj is the tensor itself for real dtypes.
          result = isMatrixNorm && ord === 2 ? matrix2Norm(tensor, axis as [number, number]) : sqrt(reduce_sum(tensor.mul(tensor), { axis, keepdims: true }));
        } else {
          result = abs(tensor);
          if (ord === 1) {
            result = reduce_sum(result, { axis: axis === null ? null : axis[0]!, keepdims: true });
            if (isMatrixNorm) result = reduce_max(result, { axis: axis![1]!, keepdims: true });
          } else if (ord === Infinity) {
            if (isMatrixNorm) result = reduce_sum(result, { axis: axis![1]!, keepdims: true });
            result = reduce_max(result, { axis: axis === null ? null : axis[0]!, keepdims: true });
          } else {
            // General p-norms (positive p only).
            result = pow(reduce_sum(pow(result, ord as number), { axis, keepdims: true }), 1.0 / (ord as number));
          }
        }
        if (!keepdims) result = squeeze(result, axis);
        return result;
      }),
    );
  },
);
