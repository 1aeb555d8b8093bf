// WGSL of the optimizers' SparseApply* ops (TF1's training_ops.cc): the dense ops' element updates (training.ts),
// run on the rows the indices name. The variable and its slots are bound read-write, the scalar inputs packed in `s`.
import type { DType } from '../../../framework/dtypes.js';
import { wgslType } from '../dtypes.js';
import type { Program } from '../kernel.js';
import { flatMain, program } from './wgsl.js';

/**
 * A sparse update: the dense op's element update `body` (with `i` the element and `gi` its gradient) applied to
 * element `targets[r]·inner + column` with gradient `g[r·inner + column]`. With `unique` targets, one thread per
 * (row, column); otherwise one thread per column walks the rows in order, so a repeated index updates its row again
 * from the values the earlier one left, as TF1's CPU kernel does (uniforms: rows, inner).
 */
export function sparseApplyProgram(op: string, refs: readonly string[], body: string, dtype: DType, unique: boolean): Program {
  const t = wgslType(dtype);
  const main = unique
    ? flatMain(
        'u.rows * u.inner',
        `  let r = i / u.inner;
  let col = i - r * u.inner;
  let gi = g[i];
  {
    let i = u32(targets[r]) * u.inner + col;
${body}
  }`,
      )
    : flatMain(
        'u.inner',
        `  let col = i;
  for (var r = 0u; r < u.rows; r++) {
    let i = u32(targets[r]) * u.inner + col;
    let gi = g[r * u.inner + col];
${body}
  }`,
      );
  return program(`sparse_apply:${op}:${t}:${unique}:${body}`, () => ({
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
    body: main,
  }));
}
