// TopKV2 and InTopKV2 on the last axis (see kernels/nn_topk.ts on the host).
import type { DType } from '../../../framework/dtypes.js';
import { wgslType } from '../dtypes.js';
import type { Program } from '../kernel.js';
import { flatMain, program } from './wgsl.js';

/**
 * One thread per input element: its rank in its row (entries larger, or equal at an earlier index), and, when
 * the rank is below k, the element and its index written at that rank. Uniforms: n (elements), C (row length), k.
 */
export function topKProgram(dtype: DType): Program {
  const t = wgslType(dtype);
  return program(`top_k:${t}`, () => ({
    fields: [
      ['n', 'u32'],
      ['C', 'u32'],
      ['k', 'u32'],
    ],
    inputs: [['x', t]],
    outputs: [
      ['values', t],
      ['indices', 'i32'],
    ],
    body: flatMain(
      'u.n',
      `  let row = i / u.C;
  let j = i % u.C;
  let v = x[i];
  var rank = 0u;
  for (var e = 0u; e < u.C; e = e + 1u) {
    let w = x[row * u.C + e];
    if (w > v || (w == v && e < j)) { rank = rank + 1u; }
  }
  if (rank < u.k) {
    values[row * u.k + rank] = v;
    indices[row * u.k + rank] = i32(j);
  }`,
    ),
  }));
}

/**
 * One thread per row: true when the target is in range, every prediction of the row is finite (tested on the
 * bits: WGSL has no isinf/isnan), and fewer than k predictions exceed the target's. Uniforms: B, C, k.
 */
export function inTopKProgram(): Program {
  return program('in_top_k', () => ({
    fields: [
      ['B', 'u32'],
      ['C', 'u32'],
      ['k', 'i32'],
    ],
    inputs: [
      ['p', 'f32'],
      ['targets', 'i32'],
    ],
    outputs: [['out', 'u32']],
    body: `fn finite(v: f32) -> bool { return (bitcast<u32>(v) & 0x7f800000u) != 0x7f800000u; }
${flatMain(
  'u.B',
  `  let tgt = targets[i];
  if (tgt < 0i || u32(tgt) >= u.C) { out[i] = 0u; return; }
  let tp = p[i * u.C + u32(tgt)];
  var ok = finite(tp);
  var more = 0i;
  for (var c = 0u; c < u.C && ok; c = c + 1u) {
    let v = p[i * u.C + c];
    if (!finite(v)) { ok = false; } else if (v > tp) { more = more + 1i; }
  }
  out[i] = select(0u, 1u, ok && more < u.k);`,
)}`,
  }));
}
