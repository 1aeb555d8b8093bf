// Programs of the structural array ops: a copy of rows between two row layouts (ConcatV2, Pack and Unpack,
// one dispatch per input or output), and a box copy with a fill value (Slice and Pad).
import type { DType } from '../../../framework/dtypes.js';
import { wgslType } from '../dtypes.js';
import type { Program } from '../kernel.js';
import { dimFields, flatMain, program } from './wgsl.js';

/**
 * Copies `outer` rows of `inner` elements: out[o·dstRow + dstOff + j] = x[o·srcRow + srcOff + j], one thread
 * per element copied. Uniforms: n (outer·inner), inner, srcRow, srcOff, dstRow, dstOff.
 */
export function copyRowsProgram(dtype: DType): Program {
  const t = wgslType(dtype);
  return program(`copy_rows:${t}`, () => ({
    fields: [
      ['n', 'u32'],
      ['inner', 'u32'],
      ['srcRow', 'u32'],
      ['srcOff', 'u32'],
      ['dstRow', 'u32'],
      ['dstOff', 'u32'],
    ],
    inputs: [['x', t]],
    outputs: [['out', t]],
    body: flatMain('u.n', '  let o = i / u.inner;\n  let j = i % u.inner;\n  out[o * u.dstRow + u.dstOff + j] = x[o * u.srcRow + u.srcOff + j];'),
  }));
}

/**
 * Each output element reads the input at its coordinates minus `b` (the paddings before; minus begin for a
 * slice), or the fill value `c[0]` where that falls outside the input. Uniforms: n, o* (output dims), d* (input
 * dims), s* (input strides), b* (shifts, i32).
 */
export function boxProgram(dtype: DType, rank: number): Program {
  const t = wgslType(dtype);
  const lines = ['  var rem = i;', '  var off = 0u;', '  var inside = true;'];
  for (let k = rank - 1; k >= 0; k--) {
    lines.push(
      `  { let c = i32(rem % u.o${k}) - u.b${k}; rem = rem / u.o${k}; if (c < 0i || c >= i32(u.d${k})) { inside = false; } else { off += u32(c) * u.s${k}; } }`,
    );
  }
  return program(`box:${t}:${rank}`, () => ({
    fields: [
      ['n', 'u32'],
      ...dimFields('o', rank),
      ...dimFields('d', rank),
      ...dimFields('s', rank),
      ...Array.from({ length: rank }, (_, k) => [`b${k}`, 'i32'] as const),
    ],
    inputs: [
      ['x', t],
      ['c', t],
    ],
    outputs: [['out', t]],
    body: flatMain('u.n', `${lines.join('\n')}\n  if (inside) { out[i] = x[off]; } else { out[i] = c[0]; }`),
  }));
}

/** ReverseV2: each output element reads the input at its coordinates, mirrored along the axes whose r* is 1. Uniforms: n, o* (dims), s* (strides), r*. */
export function reverseProgram(dtype: DType, rank: number): Program {
  const t = wgslType(dtype);
  const lines = ['  var rem = i;', '  var off = 0u;'];
  for (let k = rank - 1; k >= 0; k--) {
    lines.push(`  { let c = rem % u.o${k}; rem = rem / u.o${k}; off += select(c, u.o${k} - 1u - c, u.r${k} == 1u) * u.s${k}; }`);
  }
  return program(`reverse:${t}:${rank}`, () => ({
    fields: [['n', 'u32'], ...dimFields('o', rank), ...dimFields('s', rank), ...dimFields('r', rank)],
    inputs: [['x', t]],
    outputs: [['out', t]],
    body: flatMain('u.n', `${lines.join('\n')}\n  out[i] = x[off];`),
  }));
}
