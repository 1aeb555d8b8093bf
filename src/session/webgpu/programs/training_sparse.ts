// WGSL of the optimizers' SparseApply* ops (TF1's training_ops.cc): the dense ops' element updates (training.ts),
// run on the rows the indices name. The variable and its slots are bound read-write, the scalar inputs packed in `s`.
import type { DType } from '../../../framework/dtypes.js';
import { wgslType } from '../dtypes.js';
import type { Program } from '../kernel.js';
import { flatMain, program } from './wgsl.js';

/**
 * A sparse update: one thread per column of a row walks the indexed rows in order, applying `body` (the dense op's
 * element update, with `i` the element and `gi` its gradient) to element `targets[r]·inner + column` with gradient
 * `g[r·inner + column]`. Walking in order, a repeated index updates its row again from the values the earlier one
 * left, as TF1's CPU kernel does (uniforms: rows, inner).
 */
export function sparseApplyProgram(op: string, refs: readonly string[], body: string, dtype: DType): Program {
  const t = wgslType(dtype);
  return program(`sparse_apply:${op}:${t}:${body}`, () => ({
    fields: [
      ['rows', 'u32'],
      ['inner', 'u32'],
    ],
    inputs: [
      ['s', t],
      ['targets', 'i32'],
      ['g', t],
    ],
    outputs: refs.map((name) => [name, t] as const),
    body: flatMain(
      'u.inner',
      `  let col = i;
  for (var r = 0u; r < u.rows; r++) {
    let i = u32(targets[r]) * u.inner + col;
    let gi = g[r * u.inner + col];
${body}
  }`,
    ),
  }));
}
