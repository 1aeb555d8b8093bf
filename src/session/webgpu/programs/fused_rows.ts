// A fused tree that holds a reduction over the last axis, as one WGSL program per row: the nodes before the reduction
// are computed per element as the row is reduced (nothing stored), and where the reduction is not the root, a second
// pass over the row computes the nodes after it with the row's result in a register. The row's elements are read
// twice then, never written between.
import type { Program } from '../kernel.js';
import { argText, type FusedExpr, leafLoads, nodeFns, nodeSig } from './fused.js';
import { RED_WG, REDUCE_HELPERS, reduceParts, treeFn } from './reduce.js';
import { dimFields, flatMain, program } from './wgsl.js';

/** The reductions a fused row program computes. */
export type RowKind = 'sum' | 'mean' | 'max' | 'min' | 'prod';

/** The reduction node of a fused row program: its kind and the argument it reduces. */
export interface RowReduction {
  kind: RowKind;
  arg: FusedExpr['args'][number];
}

/**
 * The float32 tree `nodes` (the root last; `at` its one RowReduction) over `leaves` inputs broadcast to the tree's
 * [rows, C] elements along `rank` coalesced dims (uniforms: rows, C, d*, then each leaf's strides s<k>_*). Its output
 * is the reduction's per row when the reduction is the root, else the root's per element. `tree`: one workgroup per
 * row combining in workgroup memory, else one thread per row (reduce.ts's useTree).
 */
export function fusedRowsProgram(nodes: readonly (FusedExpr | RowReduction)[], at: number, leaves: number, rank: number, tree: boolean): Program {
  const red = nodes[at] as RowReduction;
  const exprs = nodes.map((n, j) => (j === at ? null : (n as FusedExpr)));
  const sig = nodes.map((n, j) => (j === at ? `${red.kind}(${argText(red.arg)})` : nodeSig(n as FusedExpr))).join(';');
  const rooted = at === nodes.length - 1;
  const ks = Array.from({ length: leaves }, (_, k) => k);
  return program(`fusedrows:${sig}:${leaves}:${rank}:${tree}`, () => {
    const { init, combine, finish } = reduceParts(red.kind, 'f32');
    const call = (j: number): string => `  let v${j} = f${j}(${(nodes[j] as FusedExpr).args.map(argText).join(', ')});`;
    // the nodes the reduction reads, per element; then, per element again, every node with the row's result as v<at>
    const pre = `fn pre(i: u32) -> f32 {
${leafLoads(leaves, rank)}
${Array.from({ length: at }, (_, j) => call(j)).join('\n')}
  return ${argText(red.arg)};
}`;
    const post = `fn post(i: u32, s: f32) -> f32 {
${leafLoads(leaves, rank)}
${nodes.map((_, j) => (j === at ? `  let v${j} = s;` : call(j))).join('\n')}
  return v${nodes.length - 1};
}`;
    const row = (first: string, step: string, store: string): string => `  let base = o * u.C;
  var acc: f32 = ${init};
  for (var e = ${first}; e < u.C; e = e + ${step}) {
    acc = ${combine('acc', 'pre(base + e)')};
  }
${store}`;
    const stores = (first: string, step: string, s: string, lead: string): string =>
      rooted
        ? `  ${lead}out[o] = ${finish(s, 'u.C')};`
        : `  let s = ${finish(s, 'u.C')};
  for (var e = ${first}; e < u.C; e = e + ${step}) { out[base + e] = post(base + e, s); }`;
    const main = tree
      ? `${treeFn('combine', 'sh', 'f32', combine)}
@compute @workgroup_size(${RED_WG})
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let o = wg.x + wg.y * nwg.x;
  if (o >= u.rows) { return; }
${row('lid', `${RED_WG}u`, `  let r = combine(lid, acc);\n${stores('lid', `${RED_WG}u`, 'r', 'if (lid == 0u) { ')}${rooted ? ' }' : ''}`)}
}`
      : flatMain('u.rows', `  let o = i;\n${row('0u', '1u', stores('0u', '1u', 'acc', ''))}`);
    return {
      fields: [['rows', 'u32'], ['C', 'u32'], ...dimFields('d', rank), ...ks.flatMap((k) => dimFields(`s${k}_`, rank))],
      inputs: ks.map((k) => [`x${k}`, 'f32'] as const),
      outputs: [['out', 'f32']],
      body: [REDUCE_HELPERS, `var<workgroup> sh: array<f32, ${RED_WG}>;`, ...nodeFns(exprs), pre, rooted ? '' : post, main].join('\n'),
    };
  });
}
