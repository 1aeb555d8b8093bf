import type { DType } from '../../../framework/dtypes.js';
import type { ScatterMode } from '../../../framework/ops/scatter.js';
import { wgslType } from '../dtypes.js';
import type { Program } from '../kernel.js';
import { flatMain, program } from './wgsl.js';

const COMBINE: Record<ScatterMode, string> = {
  update: 'w',
  add: 'v[d] + w',
  sub: 'v[d] - w',
  mul: 'v[d] * w',
  div: 'v[d] / w',
  min: 'min(v[d], w)',
  max: 'max(v[d], w)',
};

/**
 * A scatter into the variable `v`, seen as [slices, inner]: update row i (or the one scalar, when `scalar` is 1) goes
 * into slice targets[i]. One thread per inner element walks the rows in order, so repeated targets combine in index
 * order, as on the CPU (uniforms: rows, inner, scalar).
 */
export function scatterProgram(mode: ScatterMode, dtype: DType): Program {
  const t = wgslType(dtype);
  return program(`scatter:${mode}:${t}`, () => ({
    fields: [
      ['rows', 'u32'],
      ['inner', 'u32'],
      ['scalar', 'u32'],
    ],
    inputs: [
      ['targets', 'i32'],
      ['upd', t],
    ],
    outputs: [['v', t]],
    body: flatMain(
      'u.inner',
      `  for (var r = 0u; r < u.rows; r++) {
    let d = u32(targets[r]) * u.inner + i;
    let w = upd[select(r * u.inner + i, 0u, u.scalar == 1u)];
    v[d] = ${COMBINE[mode]};
  }`,
    ),
  }));
}
