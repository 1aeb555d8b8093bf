// Cumsum and Cumprod (see kernels/scan.ts on the host): one thread per line along the axis, scanned in order.
import type { DType } from '../../../framework/dtypes.js';
import { wgslType } from '../dtypes.js';
import type { Program } from '../kernel.js';
import { flatMain, lit, program } from './wgsl.js';

/**
 * One thread per line: line i starts at (i / inner) · len · inner + i % inner, its elements `inner` apart, visited
 * first to last (or last to first with `reverse`); each output is the running sum (product) through its element, or
 * before it with `exclusive`. Uniforms: lines, len, inner, exclusive, reverse.
 */
export function scanProgram(prod: boolean, dtype: DType): Program {
  const t = wgslType(dtype);
  const op = prod ? '*' : '+';
  return program(`scan:${prod ? 'prod' : 'sum'}:${t}`, () => ({
    fields: [
      ['lines', 'u32'],
      ['len', 'u32'],
      ['inner', 'u32'],
      ['exclusive', 'u32'],
      ['reverse', 'u32'],
    ],
    inputs: [['x', t]],
    outputs: [['out', t]],
    body: flatMain(
      'u.lines',
      `  let base = (i / u.inner) * u.len * u.inner + i % u.inner;
  var acc = ${lit(t, prod ? 1 : 0)};
  for (var k = 0u; k < u.len; k = k + 1u) {
    let pos = base + select(k, u.len - 1u - k, u.reverse != 0u) * u.inner;
    let v = x[pos];
    if (u.exclusive != 0u) {
      out[pos] = acc;
      acc = acc ${op} v;
    } else {
      acc = acc ${op} v;
      out[pos] = acc;
    }
  }`,
    ),
  }));
}
