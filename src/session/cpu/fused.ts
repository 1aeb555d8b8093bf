// The CPU backend's fusion, for small trees only. Where the kernels' memory is shared (Node, a cross-origin isolated
// page) a tree runs as the separate kernels' SIMD passes, one per op, straight from a runner made once
// (fused_wasm.ts), without their JavaScript per run; elsewhere, or when an operand is not in the memory, as one
// JavaScript loop made by `new Function` from the ops' expressions. In the loop each op's value is rounded to float32
// as the separate kernels store it, and the ops are those whose float32 result is one IEEE operation (or a
// comparison), so either way a fused tree gives the separate kernels' bits. Above SMALL elements the separate SIMD
// kernels are faster than the loop (scripts/cpu_fusion_probe.ts), which a tree falls back to: larger trees are not
// fused.
import type { FusedNode, FusionRules } from '../fusion.js';
import type { OpType } from '../../framework/op_defs.js';
import type { Plan, PlanStep } from '../plan.js';
import { bstrides } from '../kernels/broadcast.js';
import { FUSED_EXPR } from '../kernels/elementwise.js';
import type { NDArray } from '../../framework/ndarray.js';
import { elementwiseType, simdRunner } from './fused_wasm.js';

/** Trees of at most this many elements fuse (the mini-batch's [100, 10]; the article's [5500, 10] does not). */
export const SMALL = 4096;

const exprOf = (type: OpType, attrs: unknown): ((a: string, b: string) => string) | undefined => {
  const t = elementwiseType(type, attrs);
  return t === undefined ? undefined : FUSED_EXPR[t];
};

// A page whose Content-Security-Policy forbids generated code (no 'unsafe-eval') runs the separate kernels.
const CAN_GENERATE = ((): boolean => {
  try {
    new Function('');
    return true;
  } catch {
    return false;
  }
})();

/** The CPU backend's fusion rules: a small float32 kernel step of an op in FUSED_EXPR, with shapes the plan knows. */
export const CPU_FUSION: FusionRules = {
  // a loop takes any number of arrays; the bound only keeps the generated functions few
  maxLeaves: 8,
  fusable(step: PlanStep, plan: Plan): boolean {
    if (!CAN_GENERATE || step.kind !== 'kernel' || !exprOf(step.op.type, step.op.attrs)) return false;
    const out = plan.values[step.outputs[0]!]!.shape;
    if (!out || out.reduce((a, b) => a * b, 1) > SMALL) return false;
    return [...step.inputs, ...step.outputs].every((id) => plan.values[id]!.tensor.dtype === 'float32' && plan.values[id]!.shape !== null);
  },
};

type Loop = (leaves: readonly NDArray[], maps: readonly (Int32Array | null)[], o: Float32Array, n: number) => void;

// One function per tree signature (ops, tree shape, which leaves are broadcast), shared by plans.
const loops = new Map<string, Loop>();

/** The flat index into `shape` of each element of `out` (NumPy broadcasting), or null where it is the element's own. */
function indexMap(shape: readonly number[], out: readonly number[]): Int32Array | null {
  const n = out.reduce((a, b) => a * b, 1);
  if (shape.reduce((a, b) => a * b, 1) === n) return null;
  const st = bstrides(shape, out);
  const map = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let rem = i;
    let at = 0;
    for (let d = out.length - 1; d >= 0; d--) {
      at += (rem % out[d]!) * st[d]!;
      rem = Math.floor(rem / out[d]!);
    }
    map[i] = at;
  }
  return map;
}

/** A fused tree's JavaScript loop over leaves of these shapes into `out`: the loop (made once per signature) and the broadcast index maps. */
export function loopRunner(nodes: readonly FusedNode[], leafShapes: readonly (readonly number[])[], out: readonly number[]) {
  const maps = leafShapes.map((s) => indexMap(s, out));
  const arg = (a: FusedNode['args'][number]): string => ('leaf' in a ? `l${a.leaf}` : `v${a.node}`);
  const body = nodes.map((n, j) => `const v${j} = f(${exprOf(n.op.type, n.op.attrs)!(arg(n.args[0]!), n.args[1] ? arg(n.args[1]) : '')});`);
  const reads = maps.map((m, k) => `const l${k} = x${k}[${m ? `m${k}[i]` : 'i'}];`);
  const sig = `${maps.map((m) => (m ? 'm' : 'i')).join('')}|${body.join('')}`;
  let loop = loops.get(sig);
  if (!loop) {
    const decl = maps.map((m, k) => `const x${k} = L[${k}].data;${m ? ` const m${k} = M[${k}];` : ''}`).join(' ');
    loop = new Function(
      'L',
      'M',
      'o',
      'n',
      `const f = Math.fround; ${decl}\nfor (let i = 0; i < n; i++) { ${reads.join(' ')} ${body.join(' ')} o[i] = v${nodes.length - 1}; }`,
    ) as Loop;
    loops.set(sig, loop);
  }
  const run = loop;
  const n = out.reduce((a, b) => a * b, 1);
  return (leaves: readonly NDArray[], o: Float32Array): void => run(leaves, maps, o, n);
}

/**
 * The runner of a fused tree over leaves of these shapes into `out`: its SIMD passes where they can run, else its loop
 * (made when first needed: generating and compiling it costs a plan's first run about a millisecond).
 */
export function fusedRunner(nodes: readonly FusedNode[], leafShapes: readonly (readonly number[])[], out: readonly number[]) {
  const simd = simdRunner(nodes, leafShapes, out);
  if (!simd) return loopRunner(nodes, leafShapes, out);
  let loop: ReturnType<typeof loopRunner> | null = null;
  return (leaves: readonly NDArray[], o: Float32Array): void => {
    if (!simd(leaves, o)) (loop ??= loopRunner(nodes, leafShapes, out))(leaves, o);
  };
}
