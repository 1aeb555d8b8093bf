// The CPU backend's plans with a while loop: loop_exec.ts runs the frames and iterations, this file each op, with
// its outputs in new arrays (an op runs once per iteration). A write to a variable in a loop body (Assign, AssignAdd,
// ScatterUpdate, an Apply* op) writes the variable's storage, reached through the loop's Ref* ops, so the next
// iteration's read sees it, as in TF1.
import type { Operation } from '../../graph/operation.js';
import type { Tensor } from '../../graph/tensor.js';
import { NDArray } from '../../framework/ndarray.js';
import { isVariable, isView, refInputs, writesRef, type OpAttrs, type OpType } from '../../framework/op_defs.js';
import { hostLoopValues, runLoop, type LoopInfo } from '../loop_exec.js';
import type { TensorArrayStore } from '../tensor_array_store.js';
import { isStackOp, StackStore } from '../stack_store.js';
import type { AssignStep } from '../plan.js';
import type { StepStat } from '../backend.js';
import { checkUpdate, declaredShape, loopWriteTarget } from '../steps.js';
import { viewShape } from '../view_shape.js';
import type { HostKernel, RandomStream } from '../kernel.js';
import { HOST_KERNELS } from '../kernels/index.js';
import { CPU_FAST_PATHS } from './fast_paths.js';
import { clearStack } from '../../framework/memory/host.js';
import { beginRun, endRun, forget } from './wasm/resident.js';
import { reshaped } from './arena.js';
import { LoopArena } from './loop_arena.js';

/** What a loop plan needs of the CPU backend: its variables' storage, Assign's effect, random streams, the run's TensorArrays. */
export interface LoopHost {
  readonly store: Map<string, NDArray>;
  assign(step: AssignStep, value: NDArray): NDArray;
  stream(op: Operation): RandomStream;
  /** The op's kept kernel object (KernelArgs.state). */
  state<T extends object>(op: Operation, make: () => T): T;
  arrays(): TensorArrayStore;
}

/** The storage of refs an update op wrote in place (the variable's, an optimizer's slots'): the SIMD kernels may no longer take it as unchanged. */
export function updatedInPlace(op: Operation, inputs: readonly NDArray[]): void {
  for (const k of refInputs(op.type)) if (inputs[k]!.dtype === 'float32' && inputs[k]!.data instanceof Float32Array) forget(inputs[k]!.data);
}

/** A kernel of a loop plan, its outputs in new arrays of `arena`. */
function loopKernel(host: LoopHost, arena: LoopArena, op: Operation, inputs: NDArray[]): NDArray[] {
  const outs: NDArray[] = [];
  const kernel = HOST_KERNELS[op.type] as HostKernel<OpType> | null;
  if (!kernel) throw new Error(`no CPU kernel for ${op.type}`);
  kernel({
    name: op.name,
    inputs,
    attrs: op.attrs as OpAttrs[OpType],
    output: (i, shape) => (outs[i] = arena.output(shape, op.outputs[i]!.dtype)),
    random: () => host.stream(op),
    state: (make) => host.state(op, make),
    fast: CPU_FAST_PATHS ?? undefined,
    tensorArrays: host.arrays(),
  });
  return outs;
}

/** An Assign or Apply* op of a loop plan (a training op beside a dynamic_rnn, or in a loop body): as execute() runs them. */
function loopWrite(host: LoopHost, arena: LoopArena, op: Operation, inputs: NDArray[]): NDArray[] {
  const variable = loopWriteTarget(op);
  if (op.type === 'Assign') {
    const validateShape = (op.attrs as OpAttrs['Assign']).validate_shape;
    return [host.assign({ kind: 'assign', op, inputs: [], outputs: [], variable, validateShape }, inputs[1]!)];
  }
  checkUpdate({ kind: 'update', op, inputs: [], outputs: [], variable }, inputs);
  loopKernel(host, arena, op, inputs);
  updatedInPlace(op, inputs);
  return [inputs[0]!];
}

/** One op of a loop plan: what execute() does for a step, with new output arrays. */
function loopStep(host: LoopHost, arena: LoopArena, op: Operation, inputs: NDArray[]): NDArray[] {
  if (op.type === 'Const') return [(op.attrs as OpAttrs['Const']).value];
  if (op.outputs.length === 0 && !HOST_KERNELS[op.type]) return [];
  if (isVariable(op.type)) return [host.store.get(op.name) ?? NDArray.zeros(declaredShape(op), op.outputs[0]!.dtype)];
  if (isView(op.type)) {
    const src = inputs[0]!;
    return [reshaped(src, viewShape(op, src.shape, inputs))];
  }
  if (writesRef(op.type)) return loopWrite(host, arena, op, inputs);
  return loopKernel(host, arena, op, inputs);
}

/** A stack op: a pushed value is held by its stack until popped (the pop's store then holds it). */
function stackStep(stacks: StackStore<NDArray>, arena: LoopArena, op: Operation, inputs: NDArray[]): NDArray[] {
  const out = stacks.run(op, inputs);
  if (op.type === 'StackPushV2') arena.hold(inputs[1]!);
  else if (op.type === 'StackPopV2') arena.release(out[0]!);
  return out;
}

/** Runs a plan with a while loop (loop_exec.ts) on the CPU kernels, timing each op run into `stats` if given; the fetched values are copies. */
export async function runLoopPlan(
  info: LoopInfo,
  feeds: ReadonlyMap<Tensor, NDArray>,
  host: LoopHost,
  stats?: StepStat[],
  deadline?: number,
): Promise<(NDArray | null)[]> {
  beginRun([...feeds.values()].flatMap((a) => (a.dtype === 'float32' && a.data instanceof Float32Array ? [a.data] : [])));
  try {
    const stacks = new StackStore<NDArray>();
    const arena = new LoopArena();
    const step = (op: Operation, inputs: NDArray[]): NDArray[] => (isStackOp(op) ? stackStep(stacks, arena, op, inputs) : loopStep(host, arena, op, inputs));
    // with stats, one entry per op run (an op in a loop body: one per iteration, as TF1's step_stats); the frame ops
    // (Enter, Merge, Switch, NextIteration, Exit, LoopCond) are loop_exec's own bookkeeping and not listed
    const timed = (op: Operation, inputs: NDArray[]): NDArray[] => {
      const t0 = performance.now();
      const out = step(op, inputs);
      stats!.push({ node_name: op.name, op: op.type, ms: performance.now() - t0 });
      return out;
    };
    const values = { ...hostLoopValues(stats ? timed : step), hold: (v: NDArray) => arena.hold(v), drop: (v: NDArray) => arena.drop(v) };
    const out = await runLoop(info, feeds, values, deadline);
    return out.map((a) => a?.copy() ?? null);
  } finally {
    endRun();
    clearStack();
  }
}
