// A plan with a while loop (or stack ops) on the WebGPU backend. loop_exec.ts drives the frames and iterations from
// the host; each op that becomes ready records its kernels into the run's batch, and its values stay in GPU buffers
// (a stack holds the buffers pushed to it). Before a Switch reads an iteration's predicate, what the iteration
// recorded is submitted: a predicate computed on the GPU is read back with that submission, the only read of the
// iteration (a loop counter compared with a known bound is computed on the host, as TF1's GPU device keeps such
// int32 values in host memory, and then nothing is read). A value's buffer goes back to the pool once the last op
// of its iteration that reads it has run, so a loop's buffers do not grow with its iteration count. A variable
// written in a loop body (Assign, AssignAdd, an optimizer's Apply*, a scatter op, whose indices are read back on the
// host first) is written in place: its storage travels through the Ref* ops as a view of its buffer, so the next
// iteration, and the runs after, read what the body wrote.
import type { Tensor } from '../../graph/tensor.js';
import { UnimplementedError } from '../../framework/errors.js';
import { NDArray } from '../../framework/ndarray.js';
import type { OpAttrs } from '../../framework/op_defs.js';
import { isTensorArrayOp } from '../../framework/ops/tensor_array.js';
import { runLoop, type LoopInfo } from '../loop_exec.js';
import { stepKind, type PlanStep } from '../plan.js';
import { isStackOp, StackStore } from '../stack_store.js';
import { loopWriteTarget } from '../steps.js';
import type { Executor, RunState } from './executor.js';
import { checkOpDtypes } from './plan_info.js';
import { hostView, type Slot, type Storage } from './slots.js';
import { GpuTensorArrays, hostSlot } from './tensor_arrays.js';

/** Refuses, before any kernel runs, a loop plan with an op the WebGPU backend cannot run there (TF1's UnimplementedError). */
export function checkLoopPlan(info: LoopInfo): void {
  for (const op of info.ops) checkOpDtypes(op, stepKind(op));
}

/**
 * Runs a loop plan's ops on the GPU (the feeds' slots given); the fetched slots, still on the GPU where computed there.
 * Past `deadline` (performance.now()), DeadlineExceededError, as on the CPU.
 */
export async function runGpuLoop(
  info: LoopInfo,
  feeds: ReadonlyMap<Tensor, Slot>,
  executor: Executor,
  run: RunState,
  submit: () => Promise<void>,
  deadline?: number,
): Promise<(Slot | null)[]> {
  // how many stores (loop_exec's hold) and stack entries hold each storage; the pool gets it back at zero
  const refs = new Map<Storage, number>();
  for (const s of feeds.values()) refs.set(s.storage, Infinity);
  const hold = (s: Slot): void => void refs.set(s.storage, (refs.get(s.storage) ?? 0) + 1);
  const drop = (s: Slot): void => {
    const n = (refs.get(s.storage) ?? 1) - 1;
    if (n > 0) refs.set(s.storage, n);
    else {
      refs.delete(s.storage);
      executor.release(s, run);
    }
  };
  // a popped value leaves its stack once loop_exec has stored it
  const popped: Slot[] = [];
  const stacks = new StackStore<Slot>({
    host: (s, op) => {
      const h = hostView(s);
      if (!h) throw new UnimplementedError(`The WebGPU backend needs ${op.name}'s stack handle and size on the host`, op.name);
      return h;
    },
    wrap: hostSlot,
  });
  const arrays = new GpuTensorArrays(executor, run);
  const predicates = new WeakSet<Storage>();
  const noShapes = { values: [] };
  return runLoop<Slot>(
    info,
    feeds,
    {
      exec: async (op, ins) => {
        for (const s of popped.splice(0)) drop(s);
        if (op.type === 'Const') return [executor.constSlot((op.attrs as OpAttrs['Const']).value)];
        if (isTensorArrayOp(op.type)) return arrays.run(op, ins);
        if (isStackOp(op)) {
          const outs = stacks.run(op, ins);
          if (op.type === 'StackPushV2') hold(ins[1]!);
          if (op.type === 'StackPopV2') popped.push(outs[0]!);
          return outs;
        }
        const n = ins.length;
        const kind = stepKind(op);
        const base = { op, inputs: ins.map((_, k) => k), outputs: op.outputs.map((_, k) => n + k) };
        const variable = kind === 'assign' || kind === 'update' ? loopWriteTarget(op) : null;
        const step: PlanStep =
          kind === 'assign'
            ? { ...base, kind, variable: variable!, validateShape: (op.attrs as OpAttrs['Assign']).validate_shape }
            : kind === 'update'
              ? { ...base, kind, variable: variable! }
              : { ...base, kind: kind as 'kernel' };
        const slots: (Slot | null)[] = [...ins, ...op.outputs.map(() => null)];
        await executor.execute(noShapes, step, slots, run);
        return base.outputs.map((id) => slots[id]!);
      },
      pred: async (s) => {
        // an iteration's first look at its predicate: submit what it recorded (with the predicate's read, if on the GPU)
        if (!predicates.has(s.storage)) {
          predicates.add(s.storage);
          if (hostView(s)) await submit();
        }
        return (await executor.hostValue(s, run)).data[0] !== 0;
      },
      index: (k) => hostSlot(new NDArray(Int32Array.of(k), [], 'int32')),
      hold,
      drop,
    },
    deadline,
  );
}
