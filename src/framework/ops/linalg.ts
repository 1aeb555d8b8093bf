// Svd (tensorflow/core/ops/linalg_ops.cc, r1.12: SvdShapeFn), with TF1 r1.12's gradient (python/ops/linalg_grad.py,
// ported in linalg_grad.ts). Complex and half dtypes are not in tf1-ts, so T is float or double.
import { TensorShape } from '../shape.js';
import type { OpDefs } from '../op_def.js';
import { FLOATS, allowDtypes, inShape, minDim, withRankAtLeast } from '../shape_util.js';
import { svdGrad } from './linalg_grad.js';

/** The attributes of the linear-algebra ops. */
export interface LinalgAttrs {
  Svd: { compute_uv: boolean; full_matrices: boolean };
}

/** Definitions of the linear-algebra ops. */
export const LINALG_OPS: OpDefs<LinalgAttrs> = {
  // [..., M, N] → s [..., P], u [..., M, P] (or [..., M, M] full), v [..., N, P] (or [..., N, N]), P = min(M, N);
  // without compute_uv, u and v are the vector [0] (TF1's shape function; its kernel makes them batch + [0]).
  Svd: {
    inputs: [{ name: 'input', type: { attr: 'T', allowed: FLOATS } }],
    attrs: { compute_uv: 'bool', full_matrices: 'bool' },
    shape: (c) => {
      allowDtypes(c, 0, 'T', FLOATS);
      const dtype = c.inputs[0]!.dtype;
      const input = inShape(c);
      withRankAtLeast(input, 2);
      const dims = input.dims;
      const m = dims === null ? null : dims[dims.length - 2]!;
      const n = dims === null ? null : dims[dims.length - 1]!;
      const p = minDim(m, n);
      const batch = dims?.slice(0, -2);
      const withBatch = (tail: (number | null)[]): TensorShape => (batch === undefined ? TensorShape.unknown() : new TensorShape([...batch, ...tail]));
      const [uCols, vCols] = c.attrs.full_matrices ? [m, n] : [p, p];
      const [u, v] = c.attrs.compute_uv ? [withBatch([m, uCols]), withBatch([n, vCols])] : [new TensorShape([0]), new TensorShape([0])];
      return [
        { dtype, shape: withBatch([p]) },
        { dtype, shape: u },
        { dtype, shape: v },
      ];
    },
    grad: svdGrad,
  },
};
