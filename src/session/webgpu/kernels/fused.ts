// The WebGPU backend's fusion: which steps fuse (the float32 elementwise ops with a WGSL expression, BiasAdd on NHWC
// as the Add it is, reductions over no axes as the copies they are, and float32 reductions over the last axis, Softmax
// and LogSoftmax), and the kernels that run a fused tree in one dispatch.
import type { OpAttrs, OpType } from '../../../framework/op_defs.js';
import { ROW_OPS, type FusedArg, type FusedNode, type FusionRules } from '../../fusion.js';
import { broadcastShape } from '../../kernels/broadcast.js';
import { prodOf } from '../../kernels/util.js';
import type { Plan, PlanStep } from '../../plan.js';
import type { GpuKernel } from '../kernel.js';
import { BINARY_WGSL, UNARY_WGSL, type BinaryOpType, type UnaryOpType } from '../programs/elementwise.js';
import { fusedProgram, type FusedExpr } from '../programs/fused.js';
import { fusedRowsProgram, type RowKind, type RowReduction } from '../programs/fused_rows.js';
import { useTree } from '../programs/reduce.js';
import { broadcastLayout } from '../programs/layout.js';
import { flatGrid, grid } from '../programs/wgsl.js';

/** The elementwise op whose WGSL expression computes `type` on float32 with these attrs, or null. */
function exprOp(type: OpType, attrs: unknown): UnaryOpType | BinaryOpType | null {
  if (type === 'BiasAdd') return (attrs as OpAttrs['BiasAdd']).data_format === 'NHWC' ? 'Add' : null;
  if (Object.hasOwn(BINARY_WGSL, type)) return type as BinaryOpType;
  if (Object.hasOwn(UNARY_WGSL, type)) return type as UnaryOpType;
  return null;
}

// Inputs of a fused program: the device's guaranteed 8 storage buffers less the output.
const MAX_LEAVES = 7;

/** Whether a step is a reduction by constant axes that name none (a broadcast gradient's Sum over equal shapes): a copy. */
function reducesNothing(step: PlanStep, plan: Plan): boolean {
  return ROW_OPS[step.op.type as keyof typeof ROW_OPS] === 'reduce' && plan.values[step.inputs[1]!]!.constValue?.size === 0;
}

/**
 * The WebGPU backend's fusion rules: a kernel step of a float32 elementwise op whose shapes the plan knows (so
 * checked there), or of a float32 reduction over no axes, which the tree computes as its input.
 */
export const GPU_FUSION: FusionRules = {
  maxLeaves: MAX_LEAVES,
  fusable(step: PlanStep, plan: Plan): boolean {
    if (step.kind !== 'kernel') return false;
    const copy = reducesNothing(step, plan);
    if (!copy && exprOp(step.op.type, step.op.attrs) === null) return false;
    // a copy's axes are int32, and no value of the tree (they are not bound: bindLeaves)
    const values = copy ? [step.inputs[0]!, ...step.outputs] : [...step.inputs, ...step.outputs];
    return values.every((id) => plan.values[id]!.tensor.dtype === 'float32' && plan.values[id]!.shape !== null);
  },
  // a float32 reduction over the last axis of a known shape by constant axes (valid ones: a bad axis is the kernel's
  // error), or a float32 Softmax or LogSoftmax of a known shape
  rowReduce(step: PlanStep, plan: Plan): boolean {
    if (step.kind !== 'kernel' || !Object.hasOwn(ROW_OPS, step.op.type)) return false;
    const [x, out] = [plan.values[step.inputs[0]!]!, plan.values[step.outputs[0]!]!];
    const rank = x.shape?.length ?? 0;
    if (x.tensor.dtype !== 'float32' || rank === 0 || out.shape === null) return false;
    if (ROW_OPS[step.op.type as keyof typeof ROW_OPS] === 'row') return true;
    const axes = plan.values[step.inputs[1]!]!.constValue;
    return axes !== null && axes.size > 0 && Array.from(axes.data, Number).every((a) => a === rank - 1 || a === -1);
  },
};

/**
 * The leaves a fused kernel binds (all but the reductions' axes, which it knows from the plan) and each node's
 * expression over them: a reduction other than node `at` (the row reduction) reduces nothing, so it is its input.
 */
function bindLeaves(nodes: readonly FusedNode[], at: number | null) {
  const axes = new Set(nodes.flatMap((n) => (ROW_OPS[n.op.type as keyof typeof ROW_OPS] === 'reduce' ? [(n.args[1] as { leaf: number }).leaf] : [])));
  const index = (k: number): number => k - [...axes].filter((a) => a < k).length;
  const arg = (a: FusedArg): FusedArg => ('leaf' in a ? { leaf: index(a.leaf) } : a);
  const exprs = nodes.map((n, j): FusedExpr | null =>
    j === at
      ? null
      : Object.hasOwn(ROW_OPS, n.op.type)
        ? { op: 'Identity', args: [arg(n.args[0]!)] }
        : { op: exprOp(n.op.type, n.op.attrs)!, args: n.args.map(arg) },
  );
  return { bound: <T>(inputs: readonly T[]): T[] => inputs.filter((_, k) => !axes.has(k)), arg, exprs };
}

/** The kernel of a fused tree: its inputs are the tree's leaves, its output the root's value (`shape`). */
export function fusedKernel(nodes: readonly FusedNode[], shape: readonly number[], reduction: number | null = null): GpuKernel<OpType> {
  if (reduction !== null) return fusedRowsKernel(nodes, shape, reduction);
  const { bound, exprs } = bindLeaves(nodes, null);
  return {
    run({ inputs: all, output, dispatch, limits }) {
      const out = output(0, shape);
      if (out.size === 0) return;
      const inputs = bound(all);
      const { dims, strides } = broadcastLayout(
        shape,
        inputs.map((x) => x.shape),
      );
      dispatch({
        program: fusedProgram(exprs as FusedExpr[], inputs.length, dims.length),
        inputs,
        outputs: [out],
        uniforms: [out.size, ...dims, ...strides.flat()],
        workgroups: flatGrid(out.size, limits),
      });
    },
  };
}

const ROW_KIND = {
  Sum: 'sum',
  Mean: 'mean',
  Max: 'max',
  Min: 'min',
  Prod: 'prod',
  Softmax: 'softmax',
  LogSoftmax: 'logsoftmax',
} as const satisfies Record<keyof typeof ROW_OPS, RowKind>;

/**
 * The kernel of a fused tree holding a reduction over the last axis or a row op (node `at`): its inputs are the tree's leaves,
 * of which it binds all but the reduction's axes; the tree's elements are the leaves' broadcast shape, its rows all
 * but the last axis.
 */
function fusedRowsKernel(nodes: readonly FusedNode[], shape: readonly number[], at: number): GpuKernel<OpType> {
  const { bound, arg, exprs: elementwise } = bindLeaves(nodes, at);
  const exprs = elementwise.map(
    (e, j): FusedExpr | RowReduction => e ?? { kind: ROW_KIND[nodes[j]!.op.type as keyof typeof ROW_KIND], arg: arg(nodes[j]!.args[0]!) },
  );
  return {
    run({ inputs, output, dispatch, limits }) {
      const out = output(0, shape);
      if (out.size === 0) return;
      const leaves = bound(inputs);
      const full = leaves.reduce<number[]>((s, x) => broadcastShape(s, x.shape)!, []);
      const C = full[full.length - 1]!;
      const rows = prodOf(full, 0, full.length - 1);
      const { dims, strides } = broadcastLayout(
        full,
        leaves.map((x) => x.shape),
      );
      const tree = useTree(rows, C);
      dispatch({
        program: fusedRowsProgram(exprs, at, leaves.length, dims.length, tree),
        inputs: leaves,
        outputs: [out],
        uniforms: [rows, C, ...dims, ...strides.flat()],
        workgroups: tree ? grid(rows, limits) : flatGrid(rows, limits),
      });
    },
  };
}
