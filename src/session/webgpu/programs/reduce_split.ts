// Reductions of few outputs over many elements, in two passes. With one workgroup per output (reduce.ts's tree), the
// article's bias gradient (a column sum of [5500, 10]) is 10 workgroups whose threads each add 86 elements one after
// another, and the test accuracy's Mean of 10,000 is one workgroup: a GPU waits out each load in turn (0.13 and
// 0.20 ms on an H200, scripts/gpu-check/h200-run4-output.txt). Here the first pass gives each output `parts`
// workgroups, each combining one contiguous part of its elements (SPLIT_PART: eight per thread) into a partial in
// workgroup memory; the second pass combines each output's partials, contiguous in a scratch buffer, the same way
// and finishes (a mean divides by the whole count). Hardware adapters only (GpuTuning.splitReduce): on SwiftShader's
// few cores the one-workgroup tree is already parallel enough, and each pass costs a dispatch.
import type { DType } from '../../../framework/dtypes.js';
import { wgslType } from '../dtypes.js';
import type { Program } from '../kernel.js';
import { layoutFields, offsetFns, RED_WG, reduceParts, treeFn, type ReduceKind } from './reduce.js';
import { program } from './wgsl.js';

/** Elements of one part of the first pass: eight per thread of a workgroup. */
export const SPLIT_PART = 8 * RED_WG;

/** The most parts an output is split into (its second pass then combines at most this many partials, 64 threads). */
export const MAX_PARTS = 256;

/** Whether a reduction of `outputs` results over `count` elements each runs in two passes: few outputs, each long. */
export function useSplitReduce(outputs: number, count: number): boolean {
  return outputs < 64 && count >= 2 * SPLIT_PART;
}

/** How many parts each output's elements are split into in the first pass. */
export function splitParts(count: number): number {
  return Math.min(MAX_PARTS, Math.ceil(count / SPLIT_PART));
}

/**
 * One pass of a split reduction. Workgroup w combines elements [p·chunk, min((p+1)·chunk, count)) of output
 * o = ⌊w / parts⌋ (p = w mod parts) and stores the result at out[w]; the last pass (`last`, parts = 1) finishes it
 * over `total` elements. Uniforms: n (outputs), count (elements per output), chunk, parts, total, then the coalesced
 * layout (reduce.ts layoutFields). Grid: grid(n · parts), one workgroup of RED_WG threads each.
 */
export function reduceSplitProgram(kind: ReduceKind, dtype: DType, kept: number, reduced: number, last: boolean): Program {
  const t = wgslType(dtype);
  const { init, combine, finish } = reduceParts(kind, t);
  // A mean's partials are sums; only the last pass divides.
  const result = last ? finish('r', 'u.total') : 'r';
  return program(`reducesplit:${kind}:${t}:${kept}:${reduced}:${last}`, () => ({
    fields: [['n', 'u32'], ['count', 'u32'], ['chunk', 'u32'], ['parts', 'u32'], ['total', 'u32'], ...layoutFields(kept, reduced)],
    inputs: [['x', t]],
    outputs: [['out', t]],
    body: `var<workgroup> sh: array<${t}, ${RED_WG}>;
${offsetFns(kept, reduced)}
${treeFn('combineAll', 'sh', t, combine)}
@compute @workgroup_size(${RED_WG})
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let w = wg.x + wg.y * nwg.x;
  if (w >= u.n * u.parts) { return; }
  let o = w / u.parts;
  let first = (w % u.parts) * u.chunk;
  let end = min(first + u.chunk, u.count);
  let base = keptOffset(o);
  var acc: ${t} = ${init};
  for (var e = first + lid; e < end; e = e + ${RED_WG}u) {
    let v = x[base + redOffset(e)];
    acc = ${combine('acc', 'v')};
  }
  let r = combineAll(lid, acc);
  if (lid == 0u) { out[w] = ${result}; }
}`,
  }));
}
