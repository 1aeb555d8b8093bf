// CheckNumerics on the GPU (see kernels/numerics.ts on the host): a pass that copies the input and marks what it
// saw, then one thread that turns the marks into the run's error flag, so only that flag is read back.
import type { Program } from '../kernel.js';
import { flatMain, program } from './wgsl.js';

/**
 * One thread per element: out = x, and bits[0] = 1 on an infinity, bits[1] = 1 on a NaN (tested on the bits:
 * WGSL has no isinf/isnan). Uniform: n.
 */
export function checkNumericsProgram(): Program {
  return program('check_numerics', () => ({
    fields: [['n', 'u32']],
    inputs: [['x', 'f32']],
    outputs: [
      ['out', 'f32'],
      ['bits', 'u32'],
    ],
    body: flatMain(
      'u.n',
      `  let v = x[i];
  out[i] = v;
  let b = bitcast<u32>(v) & 0x7fffffffu;
  if (b == 0x7f800000u) { bits[0] = 1u; } else if (b > 0x7f800000u) { bits[1] = 1u; }`,
    ),
  }));
}

/**
 * One thread: the marks as k = 1 (Inf), 2 (NaN) or 3 (both), stored in the run's error flag as id base + k - 1
 * unless an earlier step already stored one. Uniform: base (the id of the Inf message).
 */
export function checkNumericsFlagProgram(): Program {
  return program('check_numerics_flag', () => ({
    fields: [['base', 'u32']],
    inputs: [['bits', 'u32']],
    outputs: [['err', 'u32']],
    body: `@compute @workgroup_size(1)
fn main() {
  let k = select(0u, 1u, bits[0] != 0u) | select(0u, 2u, bits[1] != 0u);
  if (k != 0u && err[0] == 0u) { err[0] = u.base + k - 1u; }
}`,
  }));
}
