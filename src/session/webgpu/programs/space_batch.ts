// SpaceToBatchND and BatchToSpaceND (and their legacy 4-D forms) as gathers, one thread per output element: the
// batch side's element reads the padded space position it stands for (zero in the padding), the space side's
// element reads the batch-side row its padded position falls in.
import type { DType } from '../../../framework/dtypes.js';
import { wgslType } from '../dtypes.js';
import type { Program } from '../kernel.js';
import { dimFields, flatMain, lit, program } from './wgsl.js';

/** Uniform fields: n, depth, batch (the space side's), then per block dim k* (block), p* (start), s* (space dim), g* (grid dim). */
const fields = (m: number) =>
  [['n', 'u32'], ['depth', 'u32'], ['batch', 'u32'], ...dimFields('k', m), ...dimFields('p', m), ...dimFields('s', m), ...dimFields('g', m)] as const;

/** The uniforms the programs take, in their field order. */
export function spaceBatchUniforms(
  n: number,
  l: { depth: number; batch: number; block: readonly number[]; starts: readonly number[]; space: readonly number[]; grid: readonly number[] },
): number[] {
  return [n, l.depth, l.batch, ...l.block, ...l.starts, ...l.space, ...l.grid];
}

/** SpaceToBatchND: `out` is the batch side, `x` the space side. */
export function spaceToBatchProgram(dtype: DType, m: number): Program {
  const t = wgslType(dtype);
  const lines = ['  let r = i % u.depth;', '  var q = i / u.depth;'];
  for (let k = m - 1; k >= 0; k--) lines.push(`  let g${k} = q % u.g${k}; q = q / u.g${k};`);
  lines.push('  let b = q % u.batch;', '  var kb = q / u.batch;');
  for (let k = m - 1; k >= 0; k--) lines.push(`  let k${k} = kb % u.k${k}; kb = kb / u.k${k};`);
  lines.push('  var inside = true;');
  for (let k = 0; k < m; k++) lines.push(`  let c${k} = i32(g${k} * u.k${k} + k${k}) - i32(u.p${k}); inside = inside && c${k} >= 0i && c${k} < i32(u.s${k});`);
  lines.push(`  if (!inside) { out[i] = ${lit(t, 0)}; return; }`, '  var src = b;');
  for (let k = 0; k < m; k++) lines.push(`  src = src * u.s${k} + u32(c${k});`);
  lines.push('  out[i] = x[src * u.depth + r];');
  return program(`space_to_batch:${t}:${m}`, () => ({ fields: fields(m), inputs: [['x', t]], outputs: [['out', t]], body: flatMain('u.n', lines.join('\n')) }));
}

/** BatchToSpaceND: `out` is the space side (cropped), `x` the batch side. */
export function batchToSpaceProgram(dtype: DType, m: number): Program {
  const t = wgslType(dtype);
  const lines = ['  let r = i % u.depth;', '  var q = i / u.depth;'];
  for (let k = m - 1; k >= 0; k--) lines.push(`  let s${k} = q % u.s${k}; q = q / u.s${k};`);
  lines.push('  var kb = 0u;', '  var gp = 0u;', '  var cells = 1u;');
  for (let k = 0; k < m; k++) {
    lines.push(`  { let c = s${k} + u.p${k}; kb = kb * u.k${k} + c % u.k${k}; gp = gp * u.g${k} + c / u.k${k}; cells = cells * u.g${k}; }`);
  }
  lines.push('  out[i] = x[((kb * u.batch + q) * cells + gp) * u.depth + r];');
  return program(`batch_to_space:${t}:${m}`, () => ({ fields: fields(m), inputs: [['x', t]], outputs: [['out', t]], body: flatMain('u.n', lines.join('\n')) }));
}
