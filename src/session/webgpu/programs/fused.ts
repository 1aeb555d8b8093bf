// A fused tree of elementwise ops as one WGSL program: each op's expression (elementwise.ts) in a function of its
// own, called in step order on values that stay in registers; only the root's value is stored.
import type { Program } from '../kernel.js';
import { BINARY_WGSL, elementwiseHelpers, UNARY_WGSL, type BinaryOpType, type UnaryOpType } from './elementwise.js';
import { dimFields, flatMain, program, unravel } from './wgsl.js';

/** One node of a fused program: the op whose expression it computes and where its arguments come from. */
export interface FusedExpr {
  /** Identity: the value of its one argument (a reduction over no axes). */
  op: UnaryOpType | BinaryOpType | 'Identity';
  args: readonly ({ leaf: number } | { node: number })[];
}

/** A node argument's WGSL name: leaf k's value is l<k>, node j's v<j>. */
export const argText = (a: FusedExpr['args'][number]): string => ('leaf' in a ? `l${a.leaf}` : `v${a.node}`);

/** A node's signature in a program key: its op and arguments. */
export const nodeSig = (n: FusedExpr): string => `${n.op}(${n.args.map(argText).join(',')})`;

/** The helper functions and one function f<j> per node (`null`: a node that is not an elementwise op) of a fused program. */
export function nodeFns(nodes: readonly (FusedExpr | null)[]): string[] {
  const ops = nodes.flatMap((n) => (n === null || n.op === 'Identity' ? [] : [n.op]));
  const helpers = [...new Set(ops.map((op) => elementwiseHelpers(op)).filter((h) => h !== ''))];
  const fns = nodes.flatMap((n, j) =>
    n === null
      ? []
      : n.op === 'Identity'
        ? [`fn f${j}(a: f32) -> f32 { return a; }`]
        : n.args.length === 1
          ? [`fn f${j}(a: f32) -> f32 { return ${UNARY_WGSL[n.op as UnaryOpType]('f32')}; }`]
          : [`fn f${j}(a: f32, b: f32) -> f32 { return ${BINARY_WGSL[n.op as BinaryOpType].expr('f32')}; }`],
  );
  return [...helpers, ...fns];
}

/** Loads of the leaves each at its broadcast index of flat element `i` along `rank` coalesced dims (uniforms d*, s<k>_*). */
export function leafLoads(leaves: number, rank: number): string {
  const ks = Array.from({ length: leaves }, (_, k) => k);
  return [
    unravel(
      'i',
      rank,
      'd',
      ks.map((k) => [`i${k}`, `s${k}_`]),
    ),
    ...ks.map((k) => `  let l${k} = x${k}[i${k}];`),
  ].join('\n');
}

/**
 * The float32 tree `nodes` (the root last) over `leaves` inputs, each broadcast to the output along `rank`
 * coalesced dims (uniforms: n, d*, then each leaf's strides s<k>_*). The text is a function of the ops, the
 * tree's shape and the rank only, so every tree of the same ops shares one pipeline.
 */
export function fusedProgram(nodes: readonly FusedExpr[], leaves: number, rank: number): Program {
  const sig = nodes.map(nodeSig).join(';');
  const ks = Array.from({ length: leaves }, (_, k) => k);
  return program(`fused:${sig}:${leaves}:${rank}`, () => {
    const body = [
      leafLoads(leaves, rank),
      ...nodes.map((n, j) => `  let v${j} = f${j}(${n.args.map(argText).join(', ')});`),
      `  out[i] = v${nodes.length - 1};`,
    ].join('\n');
    return {
      fields: [['n', 'u32'], ...dimFields('d', rank), ...ks.flatMap((k) => dimFields(`s${k}_`, rank))],
      inputs: ks.map((k) => [`x${k}`, 'f32'] as const),
      outputs: [['out', 'f32']],
      body: [...nodeFns(nodes), flatMain('u.n', body)].join('\n'),
    };
  });
}
