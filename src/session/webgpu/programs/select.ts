// Select: each output element takes t's or e's element by its choice in the condition (one per element, per
// row, or one for all). Uniforms: n (elements), width (elements per choice).
import type { DType } from '../../../framework/dtypes.js';
import { wgslType } from '../dtypes.js';
import type { Program } from '../kernel.js';
import { flatMain, program } from './wgsl.js';

/** The Select program for a dtype. */
export function selectProgram(dtype: DType): Program {
  const t = wgslType(dtype);
  return program(`select:${t}`, () => ({
    fields: [
      ['n', 'u32'],
      ['width', 'u32'],
    ],
    inputs: [
      ['cond', 'u32'],
      ['t', t],
      ['e', t],
    ],
    outputs: [['out', t]],
    body: flatMain('u.n', '  out[i] = select(e[i], t[i], cond[i / u.width] != 0u);'),
  }));
}
