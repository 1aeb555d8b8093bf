// A plan's steps on the WebGPU backend (a plan without a while loop; loop_run.ts runs those): each step records its
// kernels into the run's batch, and a value's buffer goes back to the pool after its last reader. TensorArray ops
// run on the run's GPU arrays (tensor_arrays.ts), the store a loop plan's TensorArrays use too.
import { isTensorArrayOp } from '../../framework/ops/tensor_array.js';
import type { StepStat } from '../backend.js';
import { Liveness } from '../flow.js';
import type { FusedPlan } from '../fusion.js';
import type { Plan } from '../plan.js';
import type { Executor, RunState } from './executor.js';
import type { PlanInfo } from './plan_info.js';
import type { Slot } from './slots.js';
import { GpuTensorArrays } from './tensor_arrays.js';

/** Records a plan's steps (skipping dead ones), releasing buffers after their last use; the fetched slots. */
export async function runSteps(
  executor: Executor,
  plan: Plan,
  info: PlanInfo & { steps: FusedPlan },
  slots: (Slot | null)[],
  run: RunState,
  stats?: StepStat[],
): Promise<(Slot | null)[]> {
  // Only a plan with a Switch tracks dead values (flow.ts); others run every step. Fused steps: the plan's, with its
  // elementwise trees fused (no plan with a Switch is fused, so the step indices Liveness knows are the plan's).
  const fused = info.steps;
  const live = plan.flow ? new Liveness(plan.flow, plan.values.length, plan.steps.length) : null;
  // the run's TensorArrays, made when a step first needs them (TF1's per-step resources)
  let arrays: GpuTensorArrays | null = null;
  for (let i = 0; i < fused.steps.length; i++) {
    const step = fused.steps[i]!;
    const t0 = stats ? performance.now() : 0;
    if (live === null || !live.skip(i, step.outputs)) {
      if (isTensorArrayOp(step.op.type)) {
        arrays ??= new GpuTensorArrays(executor, run);
        const outs = await arrays.run(
          step.op,
          step.inputs.map((id) => slots[id]!),
        );
        step.outputs.forEach((id, k) => (slots[id] = outs[k]!));
      } else await executor.execute(fused, step, slots, run, live, i);
    }
    for (const id of info.dying[i]!) executor.release(slots[id], run);
    for (const id of step.outputs) if (info.unread.has(id)) executor.release(slots[id], run);
    // Host time to record the op; its device time is added once the run has been submitted (timestamp queries).
    if (stats) stats.push({ node_name: step.op.name, op: step.op.type, ms: performance.now() - t0 });
  }
  live?.checkFetches();
  return plan.fetchIds.map((id) => (id === null ? null : slots[id]!));
}
