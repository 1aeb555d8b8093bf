// TF1 r1.12's `_SvdGrad` (python/ops/linalg_grad.py): the singular values' gradient alone through a second Svd
// with compute_uv (Giles), and with u and v the full_matrices=False derivation of j-towns.github.io/papers/
// svd-derivative.pdf, with Giles' extra term for full_matrices and |m - n| = 1.
import { RuntimeError } from '../errors.js';
import type { Operation } from '../../graph/operation.js';
import type { Tensor } from '../../graph/tensor.js';
import type { GradKit } from '../../ops/grad_kit.js';
import { TensorShape } from '../shape.js';

/**
 * TF1's math_ops.matmul with adjoint flags (real dtypes: transposes). Two matrices are a MatMul as in TF1; TF1
 * runs a batch of them as BatchMatMul, which tf1-ts lacks, so a batch (or an unknown rank) is the broadcast
 * product summed over the shared axis.
 */
function matmul(tf: GradKit, a: Tensor, b: Tensor, adjA = false, adjB = false): Tensor {
  if (a.shape.dims?.length === 2 && b.shape.dims?.length === 2) return tf.matmul(a, b, { adjoint_a: adjA, adjoint_b: adjB });
  if (adjA && adjB) throw new Error('matmul: both adjoints are not used by the Svd gradient');
  if (adjA) return tf.reduce_sum(tf.mul(tf.expand_dims(a, -1), tf.expand_dims(b, -2)), -3);
  if (adjB) return tf.reduce_sum(tf.mul(tf.expand_dims(a, -2), tf.expand_dims(b, -3)), -1);
  return tf.reduce_sum(tf.mul(tf.expand_dims(a, -1), tf.expand_dims(b, -3)), -2);
}

/** TF1's array_ops.matrix_transpose of a tensor of known rank: a Transpose of the last two dims in its scope. */
function matrixTranspose(tf: GradKit, a: Tensor): Tensor {
  return a.graph.name_scope('matrix_transpose', () => {
    const r = a.shape.dims!.length;
    return tf.transpose(a, [...Array.from({ length: r - 2 }, (_, i) => i), r - 1, r - 2]);
  });
}

/** TF1's linalg.adjoint: the conjugate transpose, for real dtypes the matrix transpose, in a scope `adjoint`. */
const adjoint = (tf: GradKit, a: Tensor): Tensor => a.graph.name_scope('adjoint', () => matrixTranspose(tf, a));

const notImplemented = (what: string): Error => new RuntimeError(`NotImplementedError: ${what}`);

/** TF1's `_SvdGrad`: the gradient of Svd's input from those of s, u and v. */
export function svdGrad(op: Operation<'Svd'>, grads: readonly (Tensor | null)[], tf: GradKit): (Tensor | null)[] {
  const a = op.inputs[0]!;
  const [gradS, gradUIn, gradVIn] = grads as [Tensor, Tensor, Tensor];
  let aShape = a.shape.with_rank_at_least(2);
  const gradSMat = tf.op('MatrixDiag', [gradS]);

  if (!op.attrs.compute_uv) {
    const [, u, v] = tf.op_outputs('Svd', [a], { compute_uv: true, full_matrices: false }) as [Tensor, Tensor, Tensor];
    const gradA = matmul(tf, u, matmul(tf, gradSMat, v, false, true));
    gradA.set_shape(aShape);
    return [gradA];
  }
  const fullMatrices = op.attrs.full_matrices;
  const dimAt = (s: TensorShape, i: number) => (s.dims === null ? null : s.dims[s.dims.length + i]!);
  const batchOf = (s: TensorShape) => new TensorShape(s.dims === null ? null : s.dims.slice(0, -2));
  const gradUShape = gradUIn.shape.with_rank_at_least(2);
  const gradVShape = gradVIn.shape.with_rank_at_least(2);
  const mDim = new TensorShape([dimAt(aShape, -2)]).merge_with([dimAt(gradUShape, -2)]).dims![0]!;
  const nDim = new TensorShape([dimAt(aShape, -1)]).merge_with([dimAt(gradVShape, -2)]).dims![0]!;
  const batch = batchOf(aShape).merge_with(batchOf(gradUShape)).merge_with(batchOf(gradVShape));
  aShape = batch.concatenate([mDim, nDim]);
  let m = dimAt(aShape, -2);
  let n = dimAt(aShape, -1);
  if (m === null || n === null) throw notImplemented('SVD gradient has not been implemented for input with unknown inner matrix shape.');

  let [, u, v] = op.outputs as unknown as [Tensor, Tensor, Tensor];
  const s = op.outputs[0]!;
  let [gradU, gradV] = [gradUIn, gradVIn];
  // For m > n, the gradient of A^H = V S^T U^H, transposed at the end.
  const useAdjoint = m > n;
  if (useAdjoint) {
    [m, n] = [n, m];
    [u, v] = [v, u];
    [gradU, gradV] = [gradV, gradU];
  }
  const [M, N] = [m, n];
  return tf.control_dependencies([gradS, gradU, gradV], () => {
    if (fullMatrices && Math.abs(M - N) > 1) throw notImplemented('svd gradient is not implemented for abs(m - n) > 1 when full_matrices is True');
    const sMat = tf.op('MatrixDiag', [s]);
    const s2 = tf.square(s);
    // f[i, j] = 1 / (s_j^2 - s_i^2) off the diagonal: infinite where singular values repeat, as in TF1.
    const f = tf.op('MatrixSetDiag', [tf.reciprocal(tf.sub(tf.expand_dims(s2, -2), tf.expand_dims(s2, -1))), tf.zeros_like(s)]);
    const sInvMat = tf.op('MatrixDiag', [tf.reciprocal(s)]);

    const v1 = tf.getitem(v, ['...', ':', `:${M}`]);
    const gradV1 = tf.getitem(gradV, ['...', ':', `:${M}`]);

    const uGu = matmul(tf, u, gradU, true);
    const vGv = matmul(tf, v1, gradV1, true);

    const fU = tf.mul(f, uGu);
    const fV = tf.mul(f, vGv);

    const term1Nouv = tf.plus(tf.plus(gradSMat, matmul(tf, tf.plus(fU, adjoint(tf, fU)), sMat)), matmul(tf, sMat, tf.plus(fV, adjoint(tf, fV))));
    const term1 = matmul(tf, u, matmul(tf, term1Nouv, v1, false, true));

    let before = term1;
    if (M !== N) {
      const gv1t = matrixTranspose(tf, gradV1);
      const gv1tV1 = matmul(tf, gv1t, v1);
      let term2Nous = tf.sub(gv1t, matmul(tf, gv1tV1, v1, false, true));
      if (fullMatrices) {
        const v2 = tf.getitem(v, ['...', ':', `${M}:${N}`]);
        const gradV2 = tf.getitem(gradV, ['...', ':', `${M}:${N}`]);
        const v1tGv2 = matmul(tf, v1, gradV2, true);
        term2Nous = tf.sub(term2Nous, matmul(tf, v1tGv2, v2, false, true));
      }
      const uSInv = matmul(tf, u, sInvMat);
      before = tf.plus(term1, matmul(tf, uSInv, term2Nous));
    }
    const gradA = useAdjoint ? matrixTranspose(tf, before) : before;
    gradA.set_shape(aShape);
    return [gradA];
  });
}
