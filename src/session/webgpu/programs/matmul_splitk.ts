// Split-K matrix products for skinny shapes: the article's X·W is 5500×784 by 784×10, its weight
// gradient Xᵀ·G is 784×5500 by 5500×10. With one thread per 4×4 block of C (matmul.ts's register
// tiles) the second has 588 threads, each summing 5,500 products: far too few to fill a GPU, and
// each one long. Here a 64-thread workgroup computes one 4×4 block: each thread sums every 64th
// k into 16 partial sums (consecutive threads read consecutive k), the partials go to workgroup
// memory, and after one barrier 16 threads add up the 64 partials of one element each.
import type { DType } from '../../../framework/dtypes.js';
import { wgslType } from '../dtypes.js';
import type { Program } from '../kernel.js';
import { lit, program } from './wgsl.js';
import { BLOCK_ROWS, blockSums, productIO } from './matmul.js';

/** Threads of a split-K workgroup, each summing every SPLIT_K-th product. */
export const SPLIT_K = 64;

/**
 * Whether an M×N product over K uses split-K: C is skinny (one side at most 16) and K long, so
 * the register tiles would give few threads with long sums. Both article products qualify. Used on
 * hardware adapters only (GpuTuning): on SwiftShader it is slower than register tiles (docs/performance.md).
 */
export function useSplitK(M: number, N: number, K: number): boolean {
  return Math.min(M, N) <= 16 && K >= 128;
}

/** K per workgroup where K is also split across workgroups (GpuTuning.splitKParts): eight products a thread. */
export const K_PART = 8 * SPLIT_K;

/** The most parts K is split into across workgroups (each output then adds at most this many partials). */
export const MAX_K_PARTS = 64;

/** How many parts of K (each its own workgroups, then a sum of the partials) a split-K product of depth K takes. */
export function kParts(K: number): number {
  return Math.min(MAX_K_PARTS, Math.ceil(K / K_PART));
}

/**
 * C[M,N] = op(A)·op(B), one 4×4 block of C per workgroup, K split over its threads; with `parts` > 1, K is also
 * split across workgroups: workgroup w takes block w mod blocks and the products k in [p·kChunk, (p+1)·kChunk) of
 * part p = ⌊w / blocks⌋, and stores its sums at out[p·M·N + r·N + c] (partials that a Sum over the parts adds up).
 * The long sums of one workgroup (the article's weight gradient: 86 products a thread, each load waited out in
 * turn) become `parts` short ones. Uniforms: M, N, K, kChunk, parts. Grid: grid(ceil(M/4)·ceil(N/4)·parts).
 */
export function matMulSplitKProgram(dtype: DType, transposeA: boolean, transposeB: boolean): Program {
  const t = wgslType(dtype);
  const z = lit(t, 0);
  const W = SPLIT_K;
  const io = productIO(t);
  return program(`matmulsplitk:${t}:${transposeA}:${transposeB}`, () => ({
    ...io,
    fields: [...io.fields, ['kChunk', 'u32'], ['parts', 'u32']],
    body: `var<workgroup> part: array<${t}, ${16 * W}>;
@compute @workgroup_size(${W})
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let nb = (u.N + 3u) / 4u;
  let blocks = nb * ((u.M + 3u) / 4u);
  let w = wg.x + wg.y * nwg.x;
  // The grid may hold more workgroups than blocks; the extra ones (whole workgroups) stop here.
  if (w >= blocks * u.parts) { return; }
  let blk = w % blocks;
  let kPart = w / blocks;
  let kFirst = kPart * u.kChunk;
  let kEnd = min(kFirst + u.kChunk, u.K);
  let r0 = (blk / nb) * 4u;
  let c0 = (blk % nb) * 4u;
${blockSums(t, transposeA, transposeB, `var k = kFirst + lid; k < kEnd; k = k + ${W}u`)}
  // part[e * ${W} + lid]: element e = 4 · row + column of the block, thread lid's partial sum.
${BLOCK_ROWS.map((r, i) => BLOCK_ROWS.map((_, j) => `  part[${(4 * i + j) * W}u + lid] = acc${r}[${j}];`).join('\n')).join('\n')}
  workgroupBarrier();
  if (lid < 16u) {
    var s = ${z};
    for (var p = 0u; p < ${W}u; p = p + 1u) { s = s + part[lid * ${W}u + p]; }
    let r = r0 + lid / 4u;
    let c = c0 + lid % 4u;
    if (r < u.M && c < u.N) { out[kPart * u.M * u.N + r * u.N + c] = s; }
  }
}`,
  }));
}
