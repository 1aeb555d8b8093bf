// Array programs: Tile, Range, and the gather that DynamicStitch becomes once the host has
// worked out, from the indices, which data row lands in each output row.
import type { DType } from '../../../framework/dtypes.js';
import { wgslType } from '../dtypes.js';
import type { Program } from '../kernel.js';
import { dimFields, flatMain, lit, program } from './wgsl.js';

/** Tile: output coordinate c along dim k reads input coordinate c mod in_k. Uniforms: n, o* (out dims), d* (in dims), s* (in strides). */
export function tileProgram(dtype: DType, rank: number): Program {
  const t = wgslType(dtype);
  const lines = ['  var rem = i;', '  var off = 0u;'];
  for (let k = rank - 1; k >= 0; k--) lines.push(`  { let c = rem % u.o${k}; rem = rem / u.o${k}; off += (c % u.d${k}) * u.s${k}; }`);
  return program(`tile:${t}:${rank}`, () => ({
    fields: [['n', 'u32'], ...dimFields('o', rank), ...dimFields('d', rank), ...dimFields('s', rank)],
    inputs: [['x', t]],
    outputs: [['out', t]],
    body: flatMain('u.n', `${lines.join('\n')}\n  out[i] = x[off];`),
  }));
}

/** Range: out[i] = start + i * delta (integers wrap as int32 accumulation does). Uniforms: n, start, delta. */
export function rangeProgram(dtype: DType): Program {
  const t = wgslType(dtype);
  return program(`range:${t}`, () => ({
    fields: [
      ['n', 'u32'],
      ['start', t],
      ['delta', t],
    ],
    inputs: [],
    outputs: [['out', t]],
    body: flatMain('u.n', `  out[i] = u.start + ${t}(i) * u.delta;`),
  }));
}

/**
 * One data input of DynamicStitch as a gather: output row j takes row map[j] of this input when
 * map[j] >= 0 (the host resolved duplicates: later inputs and positions win). The first dispatch
 * also zeroes the rows no index names. Uniforms: n (output elements), row (elements per row).
 */
export function stitchProgram(dtype: DType, first: boolean): Program {
  const t = wgslType(dtype);
  return program(`stitch:${t}:${first}`, () => ({
    fields: [
      ['n', 'u32'],
      ['row', 'u32'],
    ],
    inputs: [
      ['map', 'i32'],
      ['data', t],
    ],
    outputs: [['out', t]],
    body: flatMain(
      'u.n',
      `  let p = map[i / u.row];
  if (p >= 0i) { out[i] = data[u32(p) * u.row + i % u.row]; }${first ? ` else { out[i] = ${lit(t, 0)}; }` : ''}`,
    ),
  }));
}
