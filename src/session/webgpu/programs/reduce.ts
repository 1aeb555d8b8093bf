// Reductions in workgroup memory: one workgroup per output element; its threads stride over the
// reduced elements, then combine their partial results in a tree. The reduced and kept dims come
// coalesced from the host (layout.ts), so the text depends only on how many of each there are.
import type { DType } from '../../../framework/dtypes.js';
import { wgslType, type WgslScalar } from '../dtypes.js';
import type { Program } from '../kernel.js';
import { dimFields, type Field, flatMain, program, unravel } from './wgsl.js';
import type { ReduceLayout } from './layout.js';

/** One coalesced dim of a reduction's layout: its size and its input stride. */
type Dim = ReduceLayout['kept'][number];

/** Threads per workgroup of the reduction programs. */
export const RED_WG = 64;

/** The reduction kinds with a WGSL program. */
export type ReduceKind = 'sum' | 'mean' | 'prod' | 'max' | 'min' | 'any' | 'all';

/** The lowest value of a WGSL type: the identity of max (an empty int max is the dtype's minimum, as in TF1). */
export function lowest(t: WgslScalar): string {
  // -inf as a call, not a literal: a constant expression may not be infinite in WGSL.
  return t === 'f32' ? 'neg_inf()' : t === 'i32' ? 'bitcast<i32>(0x80000000u)' : '0u';
}

/** The highest value of a WGSL type: the identity of min (an empty int min is the dtype's maximum, as in TF1). */
export function highest(t: WgslScalar): string {
  return t === 'f32' ? 'pos_inf()' : t === 'i32' ? '2147483647i' : '1u';
}

// neg_inf(), pos_inf(), maxp() and minp() come with every program that calls them (special.ts).

/**
 * A WGSL function `name(lid, v) -> T` that combines `v` over the workgroup with `combine(a, b)`
 * through the shared array `scratch`; every thread gets the result. Call it in uniform control flow.
 */
export function treeFn(name: string, scratch: string, t: WgslScalar, combine: (a: string, b: string) => string): string {
  return `fn ${name}(lid: u32, v: ${t}) -> ${t} {
  ${scratch}[lid] = v;
  workgroupBarrier();
  for (var s = ${RED_WG / 2}u; s > 0u; s = s >> 1u) {
    if (lid < s) { ${scratch}[lid] = ${combine(`${scratch}[lid]`, `${scratch}[lid + s]`)}; }
    workgroupBarrier();
  }
  let r = ${scratch}[0];
  workgroupBarrier();
  return r;
}`;
}

function combineOf(kind: ReduceKind, t: WgslScalar): (a: string, b: string) => string {
  if (kind === 'prod') return (a, b) => `${a} * ${b}`;
  if (kind === 'max') return t === 'f32' ? (a, b) => `maxp(${a}, ${b})` : (a, b) => `max(${a}, ${b})`;
  if (kind === 'min') return t === 'f32' ? (a, b) => `minp(${a}, ${b})` : (a, b) => `min(${a}, ${b})`;
  // Any and All on bools stored as 0u and 1u.
  if (kind === 'any') return (a, b) => `${a} | ${b}`;
  if (kind === 'all') return (a, b) => `${a} & ${b}`;
  return (a, b) => `${a} + ${b}`;
}

/**
 * Whether a reduction of `outputs` results over `count` elements each combines in workgroup
 * memory (one workgroup per output) or runs one thread per output. The tree only pays when the
 * outputs are too few to fill the device and each is long; otherwise the threads already have the
 * parallelism, and barriers cost (on SwiftShader a workgroup barrier costs more than the adds).
 */
export function useTree(outputs: number, count: number): boolean {
  return outputs < 64 && count > 128;
}

/** The start value of the reductions added after Max (Min, Any, All). */
const INIT: Partial<Record<ReduceKind, (t: WgslScalar) => string>> = { min: highest, any: () => '0u', all: () => '1u' };

/** What a reduction kind is on WGSL type `t`: its start value, how it combines two values, and its result from `r` over `count` elements. */
export function reduceParts(
  kind: ReduceKind,
  t: WgslScalar,
): { init: string; combine: (a: string, b: string) => string; finish: (r: string, count: string) => string } {
  const init = INIT[kind]?.(t) ?? (kind === 'prod' ? (t === 'f32' ? '1.0' : '1i') : kind === 'max' ? lowest(t) : t === 'f32' ? '0.0' : '0i');
  // Mean of ints truncates toward zero; of nothing, it is 0 for ints (and NaN for floats, as 0/0).
  const finish = (r: string, count: string): string =>
    kind !== 'mean' ? r : t === 'f32' ? `${r} / f32(${count})` : `select(${r} / i32(${count}), 0i, ${count} == 0u)`;
  return { init, combine: combineOf(kind, t), finish };
}

/**
 * Sum, Mean, Prod, Max, Min, Any or All over the reduced dims. Uniforms: n (outputs), count (elements per
 * output), k_i and ks_i (kept sizes and strides), r_i and rs_i (reduced sizes and strides).
 */
export function reduceProgram(kind: ReduceKind, dtype: DType, kept: number, reduced: number, tree: boolean): Program {
  const t = wgslType(dtype);
  const { init, combine, finish: finishOf } = reduceParts(kind, t);
  const finish = finishOf('r', 'u.count');
  const loop = (first: string, step: string): string => `  let base = keptOffset(o);
  var acc: ${t} = ${init};
  for (var e = ${first}; e < u.count; e = e + ${step}) {
    let v = x[base + redOffset(e)];
    acc = ${combine('acc', 'v')};
  }`;
  const main = tree
    ? `${treeFn('combine', 'sh', t, combine)}
@compute @workgroup_size(${RED_WG})
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let o = wg.x + wg.y * nwg.x;
  if (o >= u.n) { return; }
${loop('lid', `${RED_WG}u`)}
  let r = combine(lid, acc);
  if (lid == 0u) { out[o] = ${finish}; }
}`
    : flatMain(
        'u.n',
        `  let o = i;
${loop('0u', '1u')}
  let r = acc;
  out[o] = ${finish};`,
      );
  return program(`reduce:${kind}:${t}:${kept}:${reduced}:${tree}`, () => ({
    fields: [['n', 'u32'], ['count', 'u32'], ...layoutFields(kept, reduced)],
    inputs: [['x', t]],
    outputs: [['out', t]],
    body: `var<workgroup> sh: array<${t}, ${RED_WG}>;
${offsetFns(kept, reduced)}
${main}`,
  }));
}

/** The uniform fields of a reduction's coalesced layout: kept sizes and strides, then reduced sizes and strides. */
export function layoutFields(kept: number, reduced: number): Field[] {
  return [...dimFields('k', kept), ...dimFields('ks', kept), ...dimFields('r', reduced), ...dimFields('rs', reduced)];
}

/** The uniform values of layoutFields: kept sizes and strides, then reduced sizes and strides. */
export function layoutUniforms(kept: readonly Dim[], reduced: readonly Dim[]): number[] {
  return [...kept.map((d) => d.size), ...kept.map((d) => d.stride), ...reduced.map((d) => d.size), ...reduced.map((d) => d.stride)];
}

/** WGSL `keptOffset(o)` and `redOffset(e)`: where output o's elements start in x, and where its e-th one is from there. */
export function offsetFns(kept: number, reduced: number): string {
  return `fn keptOffset(o: u32) -> u32 {
${unravel('o', kept, 'k', [['off', 'ks']])}
  return off;
}
fn redOffset(t: u32) -> u32 {
${unravel('t', reduced, 'r', [['off', 'rs']])}
  return off;
}`;
}

/**
 * ArgMax (or ArgMin, `min`) over the middle axis of an [outer, R, inner] view; the first index wins ties.
 * Uniforms: n, R, inner.
 */
export function argMaxProgram(dtype: DType, outDtype: DType, tree: boolean, min = false): Program {
  const t = wgslType(dtype);
  const o = wgslType(outDtype);
  const better = min ? '<' : '>';
  // Each thread scans its indices in ascending order and keeps the first strict maximum.
  const scan = (first: string, step: string): string => `  let base = (q / u.inner) * u.R * u.inner + q % u.inner;
  var best: ${t} = ${min ? highest(t) : lowest(t)};
  var bi = 0xffffffffu;
  for (var r = ${first}; r < u.R; r = r + ${step}) {
    let v = x[base + r * u.inner];
    if (bi == 0xffffffffu || v ${better} best) { best = v; bi = r; }
  }`;
  const main = tree
    ? `var<workgroup> shv: array<${t}, ${RED_WG}>;
var<workgroup> shi: array<u32, ${RED_WG}>;
@compute @workgroup_size(${RED_WG})
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let q = wg.x + wg.y * nwg.x;
  if (q >= u.n) { return; }
${scan('lid', `${RED_WG}u`)}
  shv[lid] = best;
  shi[lid] = bi;
  workgroupBarrier();
  for (var s = ${RED_WG / 2}u; s > 0u; s = s >> 1u) {
    if (lid < s) {
      let vb = shv[lid + s];
      let ib = shi[lid + s];
      let ia = shi[lid];
      if (ib != 0xffffffffu && (ia == 0xffffffffu || vb ${better} shv[lid] || (vb == shv[lid] && ib < ia))) {
        shv[lid] = vb;
        shi[lid] = ib;
      }
    }
    workgroupBarrier();
  }
  if (lid == 0u) { out[q] = ${o}(shi[0]); }
}`
    : flatMain(
        'u.n',
        `  let q = i;
${scan('0u', '1u')}
  out[q] = ${o}(bi);`,
      );
  return program(`${min ? 'argmin' : 'argmax'}:${t}:${o}:${tree}`, () => ({
    fields: [
      ['n', 'u32'],
      ['R', 'u32'],
      ['inner', 'u32'],
    ],
    inputs: [['x', t]],
    outputs: [['out', o]],
    body: main,
  }));
}
