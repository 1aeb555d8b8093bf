// The WebGPU backend's fusion: which steps fuse (the float32 elementwise ops with a WGSL expression, and
// BiasAdd on NHWC as the Add it is), and the kernel that runs a fused tree in one dispatch.
import type { OpAttrs, OpType } from '../../../framework/op_defs.js';
import type { FusedNode, FusionRules } from '../../fusion.js';
import type { Plan, PlanStep } from '../../plan.js';
import type { GpuKernel } from '../kernel.js';
import { BINARY_WGSL, UNARY_WGSL, type BinaryOpType, type UnaryOpType } from '../programs/elementwise.js';
import { fusedProgram, type FusedExpr } from '../programs/fused.js';
import { broadcastLayout } from '../programs/layout.js';
import { flatGrid } from '../programs/wgsl.js';

/** The elementwise op whose WGSL expression computes `type` on float32 with these attrs, or null. */
function exprOp(type: OpType, attrs: unknown): UnaryOpType | BinaryOpType | null {
  if (type === 'BiasAdd') return (attrs as OpAttrs['BiasAdd']).data_format === 'NHWC' ? 'Add' : null;
  if (Object.hasOwn(BINARY_WGSL, type)) return type as BinaryOpType;
  if (Object.hasOwn(UNARY_WGSL, type)) return type as UnaryOpType;
  return null;
}

// Inputs of a fused program: the device's guaranteed 8 storage buffers less the output.
const MAX_LEAVES = 7;

/** The WebGPU backend's fusion rules: a kernel step of a float32 elementwise op whose shapes the plan knows (so checked there). */
export const GPU_FUSION: FusionRules = {
  maxLeaves: MAX_LEAVES,
  fusable(step: PlanStep, plan: Plan): boolean {
    if (step.kind !== 'kernel' || exprOp(step.op.type, step.op.attrs) === null) return false;
    return [...step.inputs, ...step.outputs].every((id) => plan.values[id]!.tensor.dtype === 'float32' && plan.values[id]!.shape !== null);
  },
};

/** The kernel of a fused tree: its inputs are the tree's leaves, its output the root's value. */
export function fusedKernel(nodes: readonly FusedNode[], shape: readonly number[]): GpuKernel<OpType> {
  const exprs: FusedExpr[] = nodes.map((n) => ({ op: exprOp(n.op.type, n.op.attrs)!, args: n.args }));
  return {
    run({ inputs, output, dispatch, limits }) {
      const out = output(0, shape);
      if (out.size === 0) return;
      const { dims, strides } = broadcastLayout(
        shape,
        inputs.map((x) => x.shape),
      );
      dispatch({
        program: fusedProgram(exprs, inputs.length, dims.length),
        inputs,
        outputs: [out],
        uniforms: [out.size, ...dims, ...strides.flat()],
        workgroups: flatGrid(out.size, limits),
      });
    },
  };
}
