// Programs of the diagonal ops: one thread per output element of a batch of [rows, cols] matrices.
import type { DType } from '../../../framework/dtypes.js';
import { wgslType } from '../dtypes.js';
import type { Program } from '../kernel.js';
import { flatMain, lit, program } from './wgsl.js';

/** MatrixDiag (and Diag, one matrix): out[b, r, c] = r == c ? diag[b, r] : 0. Uniforms: n (output elements), k. */
export function matrixDiagProgram(dtype: DType): Program {
  const t = wgslType(dtype);
  return program(`matrix_diag:${t}`, () => ({
    fields: [
      ['n', 'u32'],
      ['k', 'u32'],
    ],
    inputs: [['diag', t]],
    outputs: [['out', t]],
    body: flatMain(
      'u.n',
      `  let c = i % u.k;
  let br = i / u.k;
  out[i] = select(${lit(t, 0)}, diag[br], br % u.k == c);`,
    ),
  }));
}

/** MatrixDiagPart (and DiagPart): out[b, j] = x[b, j, j] of [rows, cols] matrices. Uniforms: n, k (diagonal length), rows, cols. */
export function matrixDiagPartProgram(dtype: DType): Program {
  const t = wgslType(dtype);
  return program(`matrix_diag_part:${t}`, () => ({
    fields: [
      ['n', 'u32'],
      ['k', 'u32'],
      ['rows', 'u32'],
      ['cols', 'u32'],
    ],
    inputs: [['x', t]],
    outputs: [['out', t]],
    body: flatMain(
      'u.n',
      `  let j = i % u.k;
  let b = i / u.k;
  out[i] = x[(b * u.rows + j) * u.cols + j];`,
    ),
  }));
}

/** MatrixSetDiag: out[b, r, c] = r == c ? diag[b, r] : x[b, r, c]. Uniforms: n, k (diagonal length), rows, cols. */
export function matrixSetDiagProgram(dtype: DType): Program {
  const t = wgslType(dtype);
  return program(`matrix_set_diag:${t}`, () => ({
    fields: [
      ['n', 'u32'],
      ['k', 'u32'],
      ['rows', 'u32'],
      ['cols', 'u32'],
    ],
    inputs: [
      ['x', t],
      ['diag', t],
    ],
    outputs: [['out', t]],
    body: flatMain(
      'u.n',
      `  let c = i % u.cols;
  let r = (i / u.cols) % u.rows;
  let b = i / (u.cols * u.rows);
  if (r == c) { out[i] = diag[b * u.k + r]; } else { out[i] = x[i]; }`,
    ),
  }));
}
