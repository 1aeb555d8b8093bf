// MirrorPad as a gather (each output element reads the input element it mirrors) and MirrorPadGrad as the sum,
// for each element of the unpadded array, of the up to 3 padded coordinates per dimension that mirror it.
import type { DType } from '../../../framework/dtypes.js';
import { wgslType } from '../dtypes.js';
import type { Program } from '../kernel.js';
import { dimFields, flatMain, lit, program } from './wgsl.js';

/** REFLECT mirrors about the edge element (offset 1), SYMMETRIC about the edge (offset 0). */
const offsetOf = (mode: 'REFLECT' | 'SYMMETRIC'): number => (mode === 'REFLECT' ? 1 : 0);

/** MirrorPad. Uniforms: n, o* (output dims), d* (input dims), s* (input strides), b* (paddings before). */
export function mirrorPadProgram(dtype: DType, rank: number, mode: 'REFLECT' | 'SYMMETRIC'): Program {
  const t = wgslType(dtype);
  const off = offsetOf(mode);
  const lines = ['  var rem = i;', '  var src = 0u;'];
  for (let k = rank - 1; k >= 0; k--) {
    lines.push(
      `  { let c = rem % u.o${k}; rem = rem / u.o${k}; let d = i32(u.d${k}); var j = i32(c) - i32(u.b${k});`,
      `    if (j < 0i) { j = -j - 1i + ${off}i; } else if (j >= d) { j = 2i * d - 1i - ${off}i - j; }`,
      `    src += u32(j) * u.s${k}; }`,
    );
  }
  return program(`mirror_pad:${t}:${rank}:${mode}`, () => ({
    fields: [['n', 'u32'], ...dimFields('o', rank), ...dimFields('d', rank), ...dimFields('s', rank), ...dimFields('b', rank)],
    inputs: [['x', t]],
    outputs: [['out', t]],
    body: flatMain('u.n', `${lines.join('\n')}\n  out[i] = x[src];`),
  }));
}

/** MirrorPadGrad. Uniforms: n, o* (output dims, unpadded), g* (gradient dims, padded), s* (gradient strides), b* (paddings before). */
export function mirrorPadGradProgram(dtype: DType, rank: number, mode: 'REFLECT' | 'SYMMETRIC'): Program {
  const t = wgslType(dtype);
  const off = offsetOf(mode);
  const lines = ['  var rem = i;'];
  for (let k = rank - 1; k >= 0; k--) lines.push(`  let j${k} = i32(rem % u.o${k}); rem = rem / u.o${k};`);
  lines.push(`  var sum = ${lit(t, 0)};`, `  for (var m = 0u; m < ${3 ** rank}u; m++) {`, '    var q = m;', '    var src = 0u;', '    var ok = true;');
  for (let k = 0; k < rank; k++) {
    lines.push(
      `    { let w = q % 3u; q = q / 3u; let b = i32(u.b${k}); let d = i32(u.o${k}); var c = j${k} + b;`,
      `      if (w == 1u) { c = b - 1i + ${off}i - j${k}; ok = ok && c >= 0i && c < b; }`,
      `      else if (w == 2u) { c = b + 2i * d - 1i - ${off}i - j${k}; ok = ok && c >= b + d && c < i32(u.g${k}); }`,
      `      if (ok) { src += u32(c) * u.s${k}; } }`,
    );
  }
  lines.push('    if (ok) { sum += g[src]; }', '  }', '  out[i] = sum;');
  return program(`mirror_pad_grad:${t}:${rank}:${mode}`, () => ({
    fields: [['n', 'u32'], ...dimFields('o', rank), ...dimFields('g', rank), ...dimFields('s', rank), ...dimFields('b', rank)],
    inputs: [['g', t]],
    outputs: [['out', t]],
    body: flatMain('u.n', lines.join('\n')),
  }));
}
