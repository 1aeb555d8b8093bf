// MatrixDiag, MatrixDiagPart, MatrixSetDiag, Diag and DiagPart (tensorflow/core/ops/array_ops.cc, r1.12: no
// k or padding attributes yet), with TF1 r1.12's gradients (python/ops/array_grad.py).
import type { DType } from '../dtypes.js';
import { TensorShape } from '../shape.js';
import type { NoAttrs, OpDefs } from '../op_def.js';
import type { Tensor } from '../../graph/tensor.js';
import { ShapeError } from '../op_def.js';
import { DTYPES } from '../dtypes.js';
import { NUMERIC, inShape, mergeDim, mergeShapes, minDim, withRank, withRankAtLeast } from '../shape_util.js';

/** The attributes of the diagonal ops: none beyond T. */
export interface ArrayDiagAttrs {
  MatrixDiag: NoAttrs;
  MatrixDiagPart: NoAttrs;
  MatrixSetDiag: NoAttrs;
  Diag: NoAttrs;
  DiagPart: NoAttrs;
}

const anyT = { attr: 'T', allowed: DTYPES } as const;
// Diag's and DiagPart's T: {bfloat16, half, float, double, int32, int64, complex64, complex128}.
const numT = { attr: 'T', allowed: NUMERIC } as const;

const out = (dtype: DType, shape: TensorShape) => [{ dtype, shape }];

/** Definitions of the diagonal ops. */
export const ARRAY_DIAG_OPS: OpDefs<ArrayDiagAttrs> = {
  // [..., N] → [..., N, N], the vector on each matrix's diagonal.
  MatrixDiag: {
    inputs: [{ name: 'diagonal', type: anyT }],
    attrs: {},
    shape: (c) => {
      const s = inShape(c);
      withRankAtLeast(s, 1);
      return out(c.inputs[0]!.dtype, s.dims === null ? TensorShape.unknown() : new TensorShape([...s.dims, s.dims[s.dims.length - 1]!]));
    },
    // TF1's _MatrixDiagGrad.
    grad: (_op, [g], tf) => [tf.op('MatrixDiagPart', [g!])],
    api: ['matrix_diag'],
  },
  // [..., M, N] → [..., min(M, N)].
  MatrixDiagPart: {
    inputs: [{ name: 'input', type: anyT }],
    attrs: {},
    shape: (c) => {
      const s = inShape(c);
      withRankAtLeast(s, 2);
      if (s.dims === null) return out(c.inputs[0]!.dtype, TensorShape.unknown());
      const r = s.dims.length;
      return out(c.inputs[0]!.dtype, new TensorShape([...s.dims.slice(0, r - 2), minDim(s.dims[r - 2]!, s.dims[r - 1]!)]));
    },
    // TF1's _MatrixDiagPartGrad: MatrixDiag for square matrices of known size, else set into zeros.
    grad: (op, [g], tf) => {
      const m = op.inputs[0]!.shape.dims?.slice(-2);
      if (m && m[0] !== null && m[0] === m[1]) return [tf.op('MatrixDiag', [g!])];
      return [tf.op('MatrixSetDiag', [tf.zeros_like(op.inputs[0]!), g!])];
    },
    api: ['matrix_diag_part'],
  },
  // The input with each matrix's diagonal replaced.
  MatrixSetDiag: {
    inputs: [
      { name: 'input', type: anyT },
      { name: 'diagonal', type: anyT },
    ],
    attrs: {},
    shape: (c) => {
      const input = inShape(c, 0);
      let diag = inShape(c, 1);
      withRankAtLeast(input, 2);
      withRankAtLeast(diag, 1);
      if (input.dims !== null) diag = withRank(diag, input.dims.length - 1);
      const r = input.dims?.length;
      mergeDim(r === undefined ? null : minDim(input.dims![r - 2]!, input.dims![r - 1]!), diag.dims?.[diag.dims.length - 1] ?? null);
      let output = input;
      if (diag.dims !== null && !input.is_fully_defined()) output = mergeShapes(input, new TensorShape([...diag.dims.slice(0, -1), null, null]));
      return out(c.inputs[0]!.dtype, output);
    },
    // TF1's _MatrixSetDiagGrad: the gradient with its diagonals zeroed, and its diagonals.
    grad: (op, [g], tf) => {
      const input = mergeShapes(op.inputs[0]!.shape, g!.shape);
      const diag = op.inputs[1]!.shape;
      const batch = mergeShapes(new TensorShape(input.dims?.slice(0, -2) ?? null), new TensorShape(diag.dims?.slice(0, -1) ?? null));
      const matrix = input.dims?.slice(-2);
      let diagShape: Tensor | number[];
      if (batch.is_fully_defined() && matrix?.every((d) => d !== null)) {
        diagShape = [...(batch.dims as number[]), Math.min(...(matrix as number[]))];
      } else {
        // TF1 concatenates [batch_shape, [min_dim]], packing the list [min_dim]; here tf.stack packs it.
        const gradShape = tf.shape(g!);
        const gradRank = tf.rank(g!);
        const batchShape = tf.slice(gradShape, [0], [tf.sub(gradRank, 2)]);
        const matrixShape = tf.slice(gradShape, [tf.sub(gradRank, 2)], [2]);
        const minDimT = tf.reduce_min(matrixShape);
        diagShape = tf.concat([batchShape, tf.stack([minDimT])], 0);
      }
      const gradInput = tf.op('MatrixSetDiag', [g!, tf.zeros(diagShape, g!.dtype)]);
      return [gradInput, tf.op('MatrixDiagPart', [g!])];
    },
    api: ['matrix_set_diag'],
  },
  // Rank k → rank 2k: out[i1..ik, j1..jk] = diagonal[i1..ik] where i = j, else 0.
  Diag: {
    inputs: [{ name: 'diagonal', type: numT }],
    attrs: {},
    shape: (c) => {
      const s = inShape(c);
      withRankAtLeast(s, 1);
      return out(c.inputs[0]!.dtype, s.dims === null ? TensorShape.unknown() : new TensorShape([...s.dims, ...s.dims]));
    },
    // TF1's _DiagGrad.
    grad: (_op, [g], tf) => [tf.op('DiagPart', [g!])],
    api: ['diag'],
  },
  // Rank 2k → rank k, Diag's inverse.
  DiagPart: {
    inputs: [{ name: 'input', type: numT }],
    attrs: {},
    shape: (c) => {
      const s = inShape(c);
      if (s.dims === null) return out(c.inputs[0]!.dtype, TensorShape.unknown());
      const rank = s.dims.length;
      if (rank % 2 !== 0 || rank <= 0) throw new ShapeError(`Input must have even and non-zero rank, input rank is ${rank}`);
      const mid = rank / 2;
      return out(c.inputs[0]!.dtype, new TensorShape(s.dims.slice(0, mid).map((d, i) => mergeDim(d, s.dims![i + mid]!))));
    },
    // TF1's _DiagPartGrad.
    grad: (_op, [g], tf) => [tf.op('Diag', [g!])],
    api: ['diag_part'],
  },
};
