// Transpose as a gather: each output element reads the input element its coordinates name through perm.
// The host coalesces the permutation first (session/kernels/util.ts transposeLayout), so the text depends only
// on the dtype and the number of output dims left.
import type { DType } from '../../../framework/dtypes.js';
import { wgslType } from '../dtypes.js';
import type { Program } from '../kernel.js';
import { dimFields, flatMain, program, unravel } from './wgsl.js';

/** Transpose over `rank` coalesced output dims. Uniforms: n, o* (output dims), s* (the input stride of each). */
export function transposeProgram(dtype: DType, rank: number): Program {
  const t = wgslType(dtype);
  return program(`transpose:${t}:${rank}`, () => ({
    fields: [['n', 'u32'], ...dimFields('o', rank), ...dimFields('s', rank)],
    inputs: [['x', t]],
    outputs: [['out', t]],
    body: flatMain('u.n', `${unravel('i', rank, 'o', [['off', 's']])}\n  out[i] = x[off];`),
  }));
}
