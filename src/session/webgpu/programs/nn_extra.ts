// BiasAdd and BiasAddGrad on an [outer, C, inner] view of the value (see kernels/nn_extra.ts on the host).
import type { DType } from '../../../framework/dtypes.js';
import { wgslType } from '../dtypes.js';
import type { Program } from '../kernel.js';
import { flatMain, lit, program } from './wgsl.js';

/** out[i] = x[i] + bias[(i / inner) % C]. Uniforms: n, C, inner. */
export function biasAddProgram(dtype: DType): Program {
  const t = wgslType(dtype);
  return program(`bias_add:${t}`, () => ({
    fields: [
      ['n', 'u32'],
      ['C', 'u32'],
      ['inner', 'u32'],
    ],
    inputs: [
      ['x', t],
      ['bias', t],
    ],
    outputs: [['out', t]],
    body: flatMain('u.n', '  out[i] = x[i] + bias[(i / u.inner) % u.C];'),
  }));
}

/** One thread per channel: the sum of its outer × inner values. Uniforms: C, outer, inner. */
export function biasAddGradProgram(dtype: DType): Program {
  const t = wgslType(dtype);
  return program(`bias_add_grad:${t}`, () => ({
    fields: [
      ['C', 'u32'],
      ['outer', 'u32'],
      ['inner', 'u32'],
    ],
    inputs: [['g', t]],
    outputs: [['out', t]],
    body: flatMain(
      'u.C',
      `  var s = ${lit(t, 0)};
  for (var p = 0u; p < u.outer; p = p + 1u) {
    let base = (p * u.C + i) * u.inner;
    for (var j = 0u; j < u.inner; j = j + 1u) { s = s + g[base + j]; }
  }
  out[i] = s;`,
    ),
  }));
}
