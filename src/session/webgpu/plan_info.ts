import { isSmallInt, type DType } from '../../framework/dtypes.js';
import { UnimplementedError } from '../../framework/errors.js';
import { isTensorArrayOp } from '../../framework/ops/tensor_array.js';
import type { OpType } from '../../framework/op_defs.js';
import type { Operation } from '../../graph/operation.js';
import { TA_VALUE_INPUT, type TAType } from '../kernels/tensor_array.js';
import type { Plan, StepKind } from '../plan.js';
import type { FusedPlan } from '../fusion.js';

/** What the WebGPU executor derives once per plan. */
export interface PlanInfo {
  /** For each step index, the storage roots whose last reader it is (their buffers go back to the pool after it). */
  dying: number[][];
  /** Roots that no step reads and no fetch returns: released right after the step that makes them. */
  unread: Set<number>;
  /** Fed values that some step reads (so their upload is needed). */
  readFeeds: Set<number>;
}

// Ops that only look at their input's shape, which the host knows whatever the dtype.
const SHAPE_ONLY = new Set<OpType>(['Shape', 'Size', 'Rank']);

/**
 * Rejects a plan that needs float64 on the GPU, before anything runs: WGSL has no 64-bit float,
 * and silently computing in float32 would change results. Constants folded at plan time are
 * fine; what matters is a step that reads or makes a float64 tensor, or makes a narrow integer one.
 */
export function checkPlanDtypes(plan: Plan): void {
  for (const s of plan.steps) checkOpDtypes(s.op, s.kind);
}

const float64Error = (op: Operation): UnimplementedError =>
  new UnimplementedError(
    `The WebGPU backend cannot run op '${op.name}' (${op.type}) on float64 (double) tensors: WGSL has no 64-bit float type. ` +
      "Use float32, or run this graph with new tf.Session({ backend: 'cpu' }).",
    op.name,
  );

/** A TensorArray op's elements (its `dtype` attr, or its value input's) must fit GPU buffers: no float64, no strings. */
function checkElements(op: Operation): void {
  const k = TA_VALUE_INPUT[op.type as TAType];
  const dtype = (op.attrs as { dtype?: DType }).dtype ?? (k === null ? undefined : op.inputs[k]?.dtype);
  if (dtype === 'float64') throw float64Error(op);
  if (dtype === 'string') {
    throw new UnimplementedError(
      `The WebGPU backend cannot run op '${op.name}' (${op.type}) on a TensorArray of strings: its elements live in GPU buffers. Run this graph with new tf.Session({ backend: 'cpu' }).`,
      op.name,
    );
  }
}

/** checkPlanDtypes for one op that runs as a step of this kind (a step's values are its op's tensors). */
export function checkOpDtypes(op: Operation, kind: StepKind): void {
  if (kind === 'noop' || SHAPE_ONLY.has(op.type)) return;
  // a TensorArray op's handle is a string vector, which stays on the host: what the GPU holds is its elements
  if (isTensorArrayOp(op.type)) {
    checkElements(op);
    return;
  }
  // string steps run on the host (executor.ts)
  if (op.inputs.some((t) => t.dtype === 'string') || op.outputs.some((t) => t.dtype === 'string') || op.type === 'Assert') return;
  if ([...op.inputs, ...op.outputs].some((t) => t.dtype === 'float64')) throw float64Error(op);
  // The narrow integers are stored one per 32-bit word, exactly, so any step may read them; one that makes them
  // would compute in 32 bits, which does not wrap as they must.
  const narrow = kind === 'view' ? undefined : op.outputs.map((t) => t.dtype).find(isSmallInt);
  if (narrow) {
    throw new UnimplementedError(
      `The WebGPU backend cannot run op '${op.name}' (${op.type}) making ${narrow} tensors: it computes in 32-bit words, which do not wrap as ${narrow} does. ` +
        "Cast to int32 or float32, or run this graph with new tf.Session({ backend: 'cpu' }).",
      op.name,
    );
  }
}

/** The per-plan release schedule: which storage roots die after each step. */
export function planInfo(plan: Plan | FusedPlan): PlanInfo {
  const dying: number[][] = plan.steps.map(() => []);
  const unread = new Set<number>();
  plan.values.forEach((v, id) => {
    if (v.root !== id || v.external) return;
    if (v.lastUse === Infinity) return;
    if (v.lastUse >= 0) dying[v.lastUse]!.push(id);
    else unread.add(id);
  });
  // Feeds are external to the plan but their uploads belong to the run.
  for (const id of plan.feedIds.values()) {
    const v = plan.values[id]!;
    if (v.lastUse >= 0 && v.lastUse !== Infinity) dying[v.lastUse]!.push(id);
  }
  const readFeeds = new Set<number>();
  const feedIds = new Set(plan.feedIds.values());
  for (const s of plan.steps) for (const id of s.inputs) if (feedIds.has(plan.values[id]!.root)) readFeeds.add(plan.values[id]!.root);
  return { dying, unread, readFeeds };
}
