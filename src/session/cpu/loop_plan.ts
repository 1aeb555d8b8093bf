// The CPU backend's plans with a while loop: loop_exec.ts runs the frames and iterations, this file each op, with
// its outputs in new arrays (an op runs once per iteration). A write to a variable in a loop body (Assign, AssignAdd,
// ScatterUpdate, an Apply* op) writes the variable's storage, reached through the loop's Ref* ops, so the next
// iteration's read sees it, as in TF1.
import type { Operation } from '../../graph/operation.js';
import type { Tensor } from '../../graph/tensor.js';
import { NDArray } from '../../framework/ndarray.js';
import { isVariable, isView, refInputs, writesRef, type OpAttrs, type OpType } from '../../framework/op_defs.js';
import { runLoop, type LoopValues } from '../loop_exec.js';
import type { LoopInfo } from '../loop_nodes.js';
import type { TensorArrayStore } from '../tensor_array_store.js';
import type { OpStates } from '../op_states.js';
import { isStackOp, StackStore } from '../stack_store.js';
import type { AssignStep } from '../plan.js';
import type { StepStat } from '../backend.js';
import { checkUpdate, checkRead, declaredShape, loopWriteTarget, standIn } from '../steps.js';
import { viewShape } from '../view_shape.js';
import type { HostKernel, KernelArgs, RandomStream } from '../kernel.js';
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
  /** The kernels' kept objects (KernelArgs.state). */
  readonly states: OpStates;
  arrays(): TensorArrayStore;
}

/** The storage of refs an update op wrote in place (the variable's, an optimizer's slots'): the SIMD kernels may no longer take it as unchanged. */
export function updatedInPlace(op: Operation, inputs: readonly NDArray[]): void {
  for (const k of refInputs(op.type)) if (inputs[k]!.dtype === 'float32' && inputs[k]!.data instanceof Float32Array) forget(inputs[k]!.data);
}

/** An Assign or Apply* op of a loop plan (a training op beside a dynamic_rnn, or in a loop body): as execute() runs them. */
function loopWrite(host: LoopHost, op: Operation, kernel: OpRun, inputs: NDArray[]): NDArray[] {
  const variable = loopWriteTarget(op);
  if (op.type === 'Assign') {
    const validateShape = (op.attrs as OpAttrs['Assign']).validate_shape;
    return [host.assign({ kind: 'assign', op, inputs: [], outputs: [], variable, validateShape }, inputs[1]!)];
  }
  checkUpdate({ kind: 'update', op, inputs: [], outputs: [], variable }, inputs);
  kernel(inputs);
  updatedInPlace(op, inputs);
  return [inputs[0]!];
}

/**
 * An op's kernel in a loop plan, its outputs in new arrays of `arena`; its arguments made once (as compiled.ts
 * `compile` makes a plan's) and refilled per run of the op.
 */
function kernelRun(host: LoopHost, arena: LoopArena, op: Operation): OpRun {
  const kernel = HOST_KERNELS[op.type] as HostKernel<OpType> | null;
  if (!kernel) {
    return () => {
      throw new Error(`no CPU kernel for ${op.type}`);
    };
  }
  const dtypes = op.outputs.map((t) => t.dtype);
  let outs: NDArray[] = [];
  const args: KernelArgs<OpType> = {
    name: op.name,
    inputs: [],
    attrs: op.attrs as OpAttrs[OpType],
    output: (i, shape) => (outs[i] = arena.output(shape, dtypes[i]!)),
    random: () => host.stream(op),
    state: host.states.of(op),
    fast: CPU_FAST_PATHS ?? undefined,
    get tensorArrays() {
      return host.arrays();
    },
  };
  return (inputs) => {
    outs = [];
    args.inputs = inputs;
    kernel(args);
    return outs;
  };
}

/** How one op of a loop plan runs: what execute() does for a step, with new output arrays. */
type OpRun = (inputs: NDArray[]) => NDArray[];

/** An op's run in a loop plan, made on its first run in a plan run. */
function opRun(host: LoopHost, arena: LoopArena, stacks: StackStore<NDArray>, op: Operation): OpRun {
  if (isStackOp(op)) return (inputs) => stackStep(stacks, arena, op, inputs);
  if (op.type === 'Const') return () => [(op.attrs as OpAttrs['Const']).value];
  if (op.outputs.length === 0 && !HOST_KERNELS[op.type]) return () => [];
  if (isVariable(op.type)) return () => [host.store.get(op.name) ?? standIn(NDArray.zeros(declaredShape(op), op.outputs[0]!.dtype), op)];
  if (isView(op.type)) {
    return (inputs) => {
      checkRead(op, inputs[0]!);
      return [reshaped(inputs[0]!, viewShape(op, inputs[0]!.shape, inputs))];
    };
  }
  const kernel = kernelRun(host, arena, op);
  return writesRef(op.type) ? (inputs) => loopWrite(host, op, kernel, inputs) : kernel;
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
    const runs: OpRun[] = [];
    const step = (op: Operation, inputs: NDArray[], index: number): NDArray[] => (runs[index] ??= opRun(host, arena, stacks, op))(inputs);
    // with stats, one entry per op run (an op in a loop body: one per iteration, as TF1's step_stats); the frame ops
    // (Enter, Merge, Switch, NextIteration, Exit, LoopCond) are loop_exec's own bookkeeping and not listed
    const timed = (op: Operation, inputs: NDArray[], index: number): NDArray[] => {
      const t0 = performance.now();
      const out = step(op, inputs, index);
      stats!.push({ node_name: op.name, op: op.type, ms: performance.now() - t0 });
      return out;
    };
    const values: LoopValues<NDArray> = {
      exec: stats ? timed : step,
      pred: (v) => v.data[0] !== 0,
      index: (k) => new NDArray(Int32Array.of(k), [], 'int32'),
      hold: (v) => arena.hold(v),
      drop: (v) => arena.drop(v),
    };
    const out = await runLoop(info, feeds, values, deadline);
    return out.map((a) => a?.copy() ?? null);
  } finally {
    endRun();
    clearStack();
  }
}
