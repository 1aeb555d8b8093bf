// The CPU backend's plans compiled once to run again and again: the fused plan, its arena of buffers, each step's
// inputs array and kernel arguments (backend.ts runs them).
import type { Tensor } from '../../graph/tensor.js';
import { NDArray } from '../../framework/ndarray.js';
import type { OpAttrs, OpType } from '../../framework/op_defs.js';
import type { TensorArrayStore } from '../tensor_array_store.js';
import type { Plan } from '../plan.js';
import type { HostKernel, KernelArgs } from '../kernel.js';
import { HOST_KERNELS } from '../kernels/index.js';
import { sameShape } from '../kernels/util.js';
import { fusePlan, type FusedPlan } from '../fusion.js';
import { CPU_FAST_PATHS } from './fast_paths.js';
import { CPU_FUSION, fusedRunner } from './fused.js';
import { buildArena } from './arena.js';
import type { LoopHost } from './loop_plan.js';

/** What a compiled plan's kernel arguments ask of the backend: random streams, kept op states, the run's TensorArrays. */
export type KernelHost = Pick<LoopHost, 'stream' | 'states' | 'arrays'>;

/**
 * A plan made ready to run again and again: its buffers (the arena), the values array a run fills, each step's
 * inputs array and kernel arguments, built once; a run refills them, so it allocates nothing of its own.
 */
export interface Compiled {
  /** The plan's steps as they run: with its small elementwise trees fused (cpu/fused.ts), unless fusion is off. */
  plan: FusedPlan;
  /** Per step: a fused step's loop over its leaves into its output. */
  fused: (((leaves: readonly NDArray[], o: Float32Array) => void) | null)[];
  arena: (NDArray | null)[];
  /** Each value's value before the steps run: the folded constants (their copies in the kernels' memory). */
  init: (NDArray | null)[];
  vals: (NDArray | null)[];
  feedTensors: Tensor[];
  feedIds: number[];
  /** The run's fed float32 arrays (refilled each run). */
  fed: Float32Array[];
  /** Per step: its inputs (refilled each run) and, for a kernel, its arguments. */
  inputs: NDArray[][];
  args: (KernelArgs<OpType> | null)[];
  kernels: (HostKernel<OpType> | null)[];
}

/**
 * A compiled step's kernel arguments, kept across runs: a class, so that every step's arguments share one shape
 * with the TensorArrays getter on the prototype (an object literal's own getter made V8 allocate in each kernel call
 * that read the arguments: about 80 bytes per Sum).
 */
class StepArgs implements KernelArgs<OpType> {
  readonly fast = CPU_FAST_PATHS ?? undefined;
  memo: unknown = undefined;
  constructor(
    readonly name: string,
    readonly inputs: readonly NDArray[],
    readonly attrs: OpAttrs[OpType],
    readonly output: KernelArgs<OpType>['output'],
    readonly random: KernelArgs<OpType>['random'],
    readonly state: KernelArgs<OpType>['state'],
    private readonly arrays: () => TensorArrayStore,
  ) {}

  /** The run's TensorArrays, made when a kernel first asks. */
  get tensorArrays(): TensorArrayStore {
    return this.arrays();
  }
}

/** A plan made ready to run (see Compiled); `fusion` fuses its small elementwise trees. */
export function compile(original: Plan, fusion: boolean, host: KernelHost): Compiled {
  // a fused plan's values are copies with the new lifetimes; a plan with a Switch is never fused (Liveness counts its steps)
  const plan = fusion ? fusePlan(original, CPU_FUSION) : original;
  const arena = buildArena(plan);
  const vals: (NDArray | null)[] = plan.values.map(() => null);
  const init = plan.values.map((v, id) => (v.constValue && arena[id]) || v.constValue);
  const inputs = plan.steps.map((s) => new Array<NDArray>(s.inputs.length));
  const kernels = plan.steps.map((s) => (s.kind === 'kernel' || s.kind === 'update' ? ((HOST_KERNELS[s.op.type] as HostKernel<OpType> | null) ?? null) : null));
  const arrays = (): TensorArrayStore => host.arrays();
  const args = plan.steps.map((s, i): KernelArgs<OpType> | null => {
    if (!kernels[i]) return null;
    const op = s.op;
    const outs = s.outputs;
    return new StepArgs(
      op.name,
      inputs[i]!,
      op.attrs as OpAttrs[OpType],
      (k, shape) => {
        const id = outs[k]!;
        const pre = arena[id];
        const a = pre && sameShape(pre.shape, shape) ? pre : NDArray.zeros(shape, op.outputs[k]!.dtype);
        vals[id] = a;
        return a;
      },
      () => host.stream(op),
      host.states.of(op),
      arrays,
    );
  });
  const fused = plan.steps.map((s) =>
    s.kind === 'fused'
      ? fusedRunner(
          s.nodes,
          s.inputs.map((id) => plan.values[id]!.shape!),
          plan.values[s.outputs[0]!]!.shape!,
        )
      : null,
  );
  const feedTensors = [...plan.feedIds.keys()];
  return { plan, fused, arena, init, vals, feedTensors, feedIds: feedTensors.map((t) => plan.feedIds.get(t)!), fed: [], inputs, args, kernels };
}
