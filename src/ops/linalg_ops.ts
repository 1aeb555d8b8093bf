// tf.matrix_diag, tf.matrix_diag_part, tf.matrix_set_diag, tf.diag, tf.diag_part (the ops' plain wrappers, as
// TF1 r1.12 exports gen_array_ops'), tf.eye as TF1 r1.12's linalg_ops_impl.eye builds it from them, and tf.svd
// (linalg_ops.svd).
import type { DType } from '../framework/dtypes.js';
import { opt, req, tf1 } from '../framework/args.js';
import { TypeError as TFTypeError } from '../framework/errors.js';
import type { Graph } from '../graph/graph.js';
import { Tensor } from '../graph/tensor.js';
import { ones, zeros } from './array_ops.js';
import { packedArg, type Packable } from './array_structure_ops.js';
import { graphOf, toTensor, type TensorLike } from './convert.js';
import { BOOL, DTYPE, STR, TENSOR } from './kinds.js';
import { applyOp } from './apply.js';
import { minimum } from './math_ops.js';
import { binaryWrapper, unaryWrapper } from './wrappers.js';

/** `tf.matrix_diag(diagonal, name)`: [..., N] → [..., N, N] with the vectors on the diagonals. */
export const matrix_diag = unaryWrapper('matrix_diag', 'diagonal');
/** `tf.matrix_diag_part(input, name)`: [..., M, N] → [..., min(M, N)], the matrices' diagonals. */
export const matrix_diag_part = unaryWrapper('matrix_diag_part', 'input');
/** `tf.matrix_set_diag(input, diagonal, name)`: the matrices with their diagonals replaced. */
export const matrix_set_diag = binaryWrapper('matrix_set_diag', 'input', 'diagonal');
/** `tf.diag(diagonal, name)`: a rank-k diagonal → the rank-2k tensor with it on its diagonal. */
export const diag = unaryWrapper('diag', 'diagonal');
/** `tf.diag_part(input, name)`: the inverse of tf.diag. */
export const diag_part = unaryWrapper('diag_part', 'input');

/** `array_ops.concat((first, second), axis=0)` as TF1 converts it: each value named `values_i`, a list holding Tensors packed. */
function concat2(graph: Graph, first: Tensor, second: Packable): Tensor {
  return graph.name_scope('concat', (scope) => {
    const b = toTensor(packedArg(second, 'values_1'), { name: 'values_1', dtype: 'int32', graph });
    const axis = toTensor(0, { name: 'axis', graph });
    return graph.create_op('ConcatV2', [first, b, axis], {}, scope).outputs[0]!;
  });
}

/**
 * `tf.eye(num_rows, num_columns, batch_shape, dtype, name)`: a (batch of) num_rows × num_columns identity
 * matrices: MatrixDiag of ones when square, else ones set on the diagonals of zeros (MatrixSetDiag); shapes
 * known while building are lists, Tensor sizes are concatenated in the graph.
 */
export const eye = tf1(
  'eye',
  [req('num_rows', TENSOR), opt('num_columns', TENSOR), opt('batch_shape', TENSOR), opt('dtype', DTYPE), opt('name', STR)],
  (a): Tensor => {
    const dtype: DType = a.dtype ?? 'float32';
    const graph = graphOf([a.num_rows, a.num_columns, a.batch_shape]);
    return graph.name_scope(a.name ?? 'eye', () => {
      let isSquare = a.num_columns === undefined || a.num_columns === null;
      const rows = a.num_rows;
      const cols = isSquare ? rows : (a.num_columns as TensorLike);
      let diagSize: Tensor | number;
      if (rows instanceof Tensor || cols instanceof Tensor) {
        diagSize = minimum(rows, cols);
      } else {
        if (!Number.isInteger(rows) || !Number.isInteger(cols)) throw new TFTypeError('num_rows and num_columns must be positive integer values.');
        isSquare = rows === cols;
        diagSize = Math.min(rows as number, cols as number);
      }
      const batch = a.batch_shape ?? [];
      let diagShape: TensorLike;
      let shape: TensorLike | null = null;
      if (batch instanceof Tensor || diagSize instanceof Tensor) {
        // The shape cannot be known while building: concatenated in the graph.
        const batchT = toTensor(batch, { name: 'shape', dtype: 'int32', graph });
        diagShape = concat2(graph, batchT, [diagSize]);
        if (!isSquare) shape = concat2(graph, batchT, [rows as Packable, cols as Packable]);
      } else {
        const b = Array.from(batch as ArrayLike<number>);
        diagShape = [...b, diagSize];
        if (!isSquare) shape = [...b, rows as number, cols as number];
      }
      const diagOnes = ones(diagShape, dtype);
      if (isSquare) return matrix_diag(diagOnes);
      return matrix_set_diag(zeros(shape!, dtype), diagOnes);
    });
  },
);

/**
 * `tf.svd(tensor, full_matrices, compute_uv, name)` (also `tf.linalg.svd`): an Svd op; `[s, u, v]` with
 * compute_uv (the default), else s alone. TF1 passes s through math_ops.real, which for real dtypes only opens
 * (and so takes) the name scope `Real`.
 */
export const svd = tf1(
  'svd',
  [req('tensor', TENSOR), opt('full_matrices', BOOL), opt('compute_uv', BOOL), opt('name', STR)],
  (a): Tensor | [Tensor, Tensor, Tensor] => {
    const computeUv = a.compute_uv ?? true;
    const op = applyOp({
      type: 'Svd',
      name: a.name ?? undefined,
      defaultName: 'Svd',
      inputs: [['input', a.tensor]],
      attrs: { compute_uv: computeUv, full_matrices: a.full_matrices ?? false },
    });
    const [s, u, v] = op.outputs as unknown as [Tensor, Tensor, Tensor];
    op.graph.name_scope('Real', () => undefined);
    return computeUv ? [s, u, v] : s;
  },
);
