// A fused tree that holds a reduction over the last axis (or a Softmax or LogSoftmax), as one WGSL program per row:
// the nodes before the reduction are computed per element as the row is reduced (nothing stored), and where the
// reduction is not the root, a last pass over the row computes the nodes after it with the row's result in a
// register. A softmax reduces the row twice (its max, then its sum of exps shifted by the max, as programs/nn.ts),
// and its value per element comes in that last pass. The row's elements are read again in each pass, never written
// between.
import type { Program } from '../kernel.js';
import { argText, type FusedExpr, leafLoads, nodeFns, nodeSig } from './fused.js';
import { RED_WG, reduceParts, treeFn, type ReduceKind } from './reduce.js';
import { dimFields, flatMain, program } from './wgsl.js';

/** The reductions and row ops a fused row program computes. */
export type RowKind = 'sum' | 'mean' | 'max' | 'min' | 'prod' | 'softmax' | 'logsoftmax';

/** The reduction node of a fused row program: its kind and the argument it reduces. */
export interface RowReduction {
  kind: RowKind;
  arg: FusedExpr['args'][number];
}

/**
 * The float32 tree `nodes` (the root last; `at` its one RowReduction) over `leaves` inputs broadcast to the tree's
 * [rows, C] elements along `rank` coalesced dims (uniforms: rows, C, d*, then each leaf's strides s<k>_*). Its output
 * is the reduction's per row when a reduction is the root, else the root's per element. `tree`: one workgroup per
 * row combining in workgroup memory, else one thread per row (reduce.ts's useTree).
 */
export function fusedRowsProgram(nodes: readonly (FusedExpr | RowReduction)[], at: number, leaves: number, rank: number, tree: boolean): Program {
  const red = nodes[at] as RowReduction;
  const exprs = nodes.map((n, j) => (j === at ? null : (n as FusedExpr)));
  const sig = nodes.map((n, j) => (j === at ? `${red.kind}(${argText(red.arg)})` : nodeSig(n as FusedExpr))).join(';');
  const softmax = red.kind === 'softmax' || red.kind === 'logsoftmax';
  const rooted = at === nodes.length - 1 && !softmax;
  const ks = Array.from({ length: leaves }, (_, k) => k);
  return program(`fusedrows:${sig}:${leaves}:${rank}:${tree}`, () => {
    const arg = argText(red.arg);
    const call = (j: number): string => `  let v${j} = f${j}(${(nodes[j] as FusedExpr).args.map(argText).join(', ')});`;
    // the nodes the reduction reads, per element; then, per element again, every node with the row's value as v<at>
    const pre = `fn pre(i: u32) -> f32 {
${leafLoads(leaves, rank)}
${Array.from({ length: at }, (_, j) => call(j)).join('\n')}
  return ${arg};
}`;
    const value = red.kind === 'softmax' ? `exp_f(${arg} - m) / s` : red.kind === 'logsoftmax' ? `${arg} - (m + log_f(s))` : 's';
    const post = `fn post(i: u32, m: f32, s: f32) -> f32 {
${leafLoads(leaves, rank)}
${nodes.map((_, j) => (j === at ? `  let v${j} = ${value};` : call(j))).join('\n')}
  return v${nodes.length - 1};
}`;
    const [first, step] = tree ? ['lid', `${RED_WG}u`] : ['0u', '1u'];
    const each = `for (var e = ${first}; e < u.C; e = e + ${step})`;
    // a pass reducing pre(element) into a variable of the row, combined over the workgroup where there is one
    const pass = (v: string, init: string, fold: (a: string, b: string) => string, combiner: string): string => `  var ${v}: f32 = ${init};
  ${each} { ${v} = ${fold(v, v === 's' && softmax ? 'exp_f(pre(base + e) - m)' : 'pre(base + e)')}; }
${tree ? `  ${v} = ${combiner}(lid, ${v});` : ''}`;
    let row: string;
    let fns: string[];
    if (softmax) {
      // as programs/nn.ts's Softmax: the plain max (not NaN-propagating), then the sum of shifted exps
      row = [pass('m', 'neg_inf()', (a, b) => `max(${a}, ${b})`, 'row_max'), pass('s', '0.0', (a, b) => `${a} + ${b}`, 'row_sum')].join('\n');
      fns = [treeFn('row_max', 'sh', 'f32', (a, b) => `max(${a}, ${b})`), treeFn('row_sum', 'sh', 'f32', (a, b) => `${a} + ${b}`)];
    } else {
      const { init, combine, finish } = reduceParts(red.kind as ReduceKind, 'f32');
      // a mean divides by C; the others' result is the combined value (m: post's unused softmax max)
      const done = finish('s', 'u.C');
      row = `${pass('s', init, combine, 'combine')}${done === 's' ? '' : `\n  s = ${done};`}
  let m = 0.0;`;
      fns = [treeFn('combine', 'sh', 'f32', combine)];
    }
    const store = rooted ? `  ${tree ? 'if (lid == 0u) { out[o] = s; }' : 'out[o] = s;'}` : `  ${each} { out[base + e] = post(base + e, m, s); }`;
    const body = `  let base = o * u.C;\n${row}\n${store}`;
    const main = tree
      ? `@compute @workgroup_size(${RED_WG})
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let o = wg.x + wg.y * nwg.x;
  if (o >= u.rows) { return; }
${body}
}`
      : flatMain('u.rows', `  let o = i;\n${body}`);
    return {
      fields: [['rows', 'u32'], ['C', 'u32'], ...dimFields('d', rank), ...ks.flatMap((k) => dimFields(`s${k}_`, rank))],
      inputs: ks.map((k) => [`x${k}`, 'f32'] as const),
      outputs: [['out', 'f32']],
      body: [`var<workgroup> sh: array<f32, ${RED_WG}>;`, ...fns, ...nodeFns(exprs), pre, rooted ? '' : post, main].join('\n'),
    };
  });
}
