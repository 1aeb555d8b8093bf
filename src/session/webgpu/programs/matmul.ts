// Tiled matrix products, in two forms. Workgroup tiles: a 16×16 workgroup computes a 16×16 block
// of C, staging 16×16 tiles of A and B in workgroup memory, so each element loaded from storage
// serves 16 multiply-adds. Register tiles: each thread computes a 4×4 block of C, so each loaded
// element serves 4, with no barriers. Skinny products (the article's X·W is 5500×784 by 784×10)
// leave most of a 16×16 tile idle, and on SwiftShader barriers cost more than the arithmetic
// (measured: 200×784 by 784×10 took 373 ms with workgroup tiles), so workgroup tiles are kept
// for products at least 64 wide both ways. The transposes only change how elements are loaded.
import type { DType } from '../../../framework/dtypes.js';
import { wgslType } from '../dtypes.js';
import type { Program } from '../kernel.js';
import { type Arr, type Field, flatMain, lit, program } from './wgsl.js';
import type { WgslScalar } from '../dtypes.js';

/** Side of the square workgroup tile. */
export const MM_TILE = 16;

/** Whether an M×N product uses workgroup tiles (else register tiles). */
export function useWorkgroupTiles(M: number, N: number): boolean {
  return M >= 64 && N >= 64;
}

/** Side of a thread's register tile. */
export const MM_REG = 4;

/** The uniforms, inputs and output every product program declares: M, N, K; a, b; out. */
export function productIO(t: WgslScalar): { fields: readonly Field[]; inputs: readonly Arr[]; outputs: readonly Arr[] } {
  return {
    fields: [
      ['M', 'u32'],
      ['N', 'u32'],
      ['K', 'u32'],
    ],
    inputs: [
      ['a', t],
      ['b', t],
    ],
    outputs: [['out', t]],
  };
}

/**
 * WGSL summing the 4×4 block of C at (r0, c0) into vectors accx..accw (one per row) over the k of `kLoop` (a `for`
 * header), the transposes only changing how A and B are read. Out-of-range rows and columns read the last valid one
 * (clamped) and are never stored.
 */
export function blockSums(t: WgslScalar, transposeA: boolean, transposeB: boolean, kLoop: string): string {
  const aAt = (r: string): string => (transposeA ? `a[k * u.M + ${r}]` : `a[${r} * u.K + k]`);
  const bAt = (c: string): string => (transposeB ? `b[${c} * u.K + k]` : `b[k * u.N + ${c}]`);
  return `  let rr = min(vec4u(r0) + vec4u(0u, 1u, 2u, 3u), vec4u(u.M - 1u));
  let cc = min(vec4u(c0) + vec4u(0u, 1u, 2u, 3u), vec4u(u.N - 1u));
${BLOCK_ROWS.map((r) => `  var acc${r} = vec4<${t}>(${lit(t, 0)});`).join('\n')}
  for (${kLoop}) {
    let bv = vec4<${t}>(${BLOCK_ROWS.map((c) => bAt(`cc.${c}`)).join(', ')});
${BLOCK_ROWS.map((r) => `    acc${r} = acc${r} + ${aAt(`rr.${r}`)} * bv;`).join('\n')}
  }`;
}

/** The block's rows (and columns), as WGSL vector components. */
export const BLOCK_ROWS = ['x', 'y', 'z', 'w'] as const;

/** C[M,N] = op(A)·op(B) with register tiles, one 4×4 block per thread, 64 threads a workgroup. Uniforms: M, N, K. */
export function matMulRegProgram(dtype: DType, transposeA: boolean, transposeB: boolean): Program {
  const t = wgslType(dtype);
  return program(`matmulreg:${t}:${transposeA}:${transposeB}`, () => ({
    ...productIO(t),
    body: `fn store(r: u32, c0: u32, v: vec4<${t}>) {
  if (r >= u.M) { return; }
  for (var j = 0u; j < 4u; j = j + 1u) { if (c0 + j < u.N) { out[r * u.N + c0 + j] = v[j]; } }
}
${flatMain(
  '((u.N + 3u) / 4u) * ((u.M + 3u) / 4u)',
  `  let nb = (u.N + 3u) / 4u;
  let r0 = (i / nb) * 4u;
  let c0 = (i % nb) * 4u;
${blockSums(t, transposeA, transposeB, 'var k = 0u; k < u.K; k = k + 1u')}
${BLOCK_ROWS.map((r, k) => `  store(r0 + ${k}u, c0, acc${r});`).join('\n')}`,
)}`,
  }));
}

/** C[M,N] = op(A)·op(B) with TF1's transpose_a / transpose_b, in workgroup tiles. Uniforms: M, N, K. Grid: (ceil(N/16), ceil(M/16)). */
export function matMulProgram(dtype: DType, transposeA: boolean, transposeB: boolean): Program {
  const t = wgslType(dtype);
  const T = MM_TILE;
  const aAt = transposeA ? 'a[k * u.M + r]' : 'a[r * u.K + k]';
  const bAt = transposeB ? 'b[c * u.K + k]' : 'b[k * u.N + c]';
  const z = lit(t, 0);
  return program(`matmul:${t}:${transposeA}:${transposeB}`, () => ({
    ...productIO(t),
    body: `var<workgroup> tileA: array<${t}, ${T * T}>;
var<workgroup> tileB: array<${t}, ${T * T}>;
fn loadA(r: u32, k: u32) -> ${t} {
  if (r < u.M && k < u.K) { return ${aAt}; }
  return ${z};
}
fn loadB(k: u32, c: u32) -> ${t} {
  if (k < u.K && c < u.N) { return ${bAt}; }
  return ${z};
}
@compute @workgroup_size(${T}, ${T})
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_id) l: vec3u) {
  let row = wg.y * ${T}u + l.y;
  let col = wg.x * ${T}u + l.x;
  var acc: ${t} = ${z};
  for (var k0 = 0u; k0 < u.K; k0 = k0 + ${T}u) {
    tileA[l.y * ${T}u + l.x] = loadA(row, k0 + l.x);
    tileB[l.y * ${T}u + l.x] = loadB(k0 + l.y, col);
    workgroupBarrier();
    for (var k = 0u; k < ${T}u; k = k + 1u) {
      acc = acc + tileA[l.y * ${T}u + k] * tileB[k * ${T}u + l.x];
    }
    workgroupBarrier();
  }
  if (row < u.M && col < u.N) { out[row * u.N + col] = acc; }
}`,
  }));
}
