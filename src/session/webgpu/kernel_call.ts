// A step's WGSL kernel called: its arguments (GpuKernelArgs), its dispatches recorded in the run's batch with their
// bindings, and the run's error flag that its checks set.
import type { Operation } from '../../graph/operation.js';
import type { DType } from '../../framework/dtypes.js';
import type { NDArray } from '../../framework/ndarray.js';
import type { OpAttrs, OpType } from '../../framework/op_defs.js';
import type { PlanStep } from '../plan.js';
import type { FusedStep } from '../fusion.js';
import type { BufferPool } from './buffer_pool.js';
import { gpuBytes } from './dtypes.js';
import type { RunState } from './executor.js';
import type { Dispatch, GpuKernel, GpuKernelArgs, GpuTuning } from './kernel.js';
import { WGSL_KERNELS } from './kernels/index.js';
import type { RandomSeeds } from './random_seeds.js';
import { slot, type Slot } from './slots.js';

/** What calling a kernel needs of the executor: the device, its buffers, the tuning, random seeds, host reads. */
export interface KernelCaller {
  readonly device: GPUDevice;
  readonly pool: BufferPool;
  readonly tuning: Readonly<GpuTuning>;
  readonly random: RandomSeeds;
  hostValue(s: Slot, run: RunState): Promise<NDArray>;
  newSlot(shape: readonly number[], dtype: DType, run: RunState): Slot;
  ensureBuffer(s: Slot, name: string, run: RunState): GPUBuffer;
}

/** Runs the step's WGSL kernel (or `kernel`, a fused tree's), filling the slots of its outputs. */
export async function callKernel(
  ex: KernelCaller,
  step: PlanStep | FusedStep,
  ins: Slot[],
  slots: (Slot | null)[],
  run: RunState,
  kernel = WGSL_KERNELS[step.op.type] as GpuKernel<OpType> | null,
): Promise<void> {
  const op = step.op;
  const type = op.type;
  if (!kernel) throw new Error(`no WebGPU kernel for ${type}`);
  const hosts = new Map<number, NDArray>();
  for (const k of kernel.hostInputs?.(ins.length) ?? []) hosts.set(k, await ex.hostValue(ins[k]!, run));
  const temps: GPUBuffer[] = [];
  const args: GpuKernelArgs<OpType> = {
    name: op.name,
    attrs: op.attrs as OpAttrs[OpType],
    inputs: ins,
    limits: ex.device.limits,
    tuning: ex.tuning,
    host: (i) => {
      const h = hosts.get(i);
      if (!h) throw new Error(`${type} kernel read input ${i} on the host without declaring it in hostInputs`);
      return h;
    },
    output: (i, shape) => (slots[step.outputs[i]!] = ex.newSlot(shape, op.outputs[i]!.dtype, run)),
    hostOutput: (i, value) => {
      slots[step.outputs[i]!] = slot(value.shape, value.dtype, { buffer: null, host: value, hostResident: true, owner: 'pool' });
    },
    scratch: (shape, dtype) => {
      const s = slot(shape, dtype, { buffer: null, host: null, hostResident: false, owner: 'pool' });
      const b = ex.pool.acquire(gpuBytes(s.size));
      s.storage.buffer = b;
      temps.push(b);
      return s;
    },
    upload: (value) => {
      const s = slot(value.shape, value.dtype, { buffer: null, host: value, hostResident: false, owner: 'pool' });
      temps.push(ex.ensureBuffer(s, op.name, run));
      run.acquired.delete(s.storage.buffer!);
      return s;
    },
    dispatch: (d) => record(ex, op, d, temps, run),
    random: () => ex.random.next(op),
    errorFlag: (message) => {
      run.checks.push({ op, message });
      return { flag: flagOf(ex, run), id: run.checks.length };
    },
  };
  kernel.run(args);
  for (const b of temps) ex.pool.release(b);
}

/** The run's error flag, zeroed before any of this batch's commands run. */
function flagOf(ex: KernelCaller, run: RunState): Slot {
  if (!run.flag) {
    const b = ex.pool.acquireUntouched(gpuBytes(1));
    run.acquired.add(b);
    ex.device.queue.writeBuffer(b, 0, new Uint32Array(1));
    run.flag = slot([1], 'int32', { buffer: b, host: null, hostResident: false, owner: 'pool' });
  }
  return run.flag;
}

/** Records a dispatch of `op`'s kernel with its bindings (an input that is also an output is read from a copy). */
function record(ex: KernelCaller, op: Operation, d: Dispatch, temps: GPUBuffer[], run: RunState): void {
  const outBuffers = new Set(d.outputs.map((o) => (o as Slot).storage.buffer));
  const inputs = d.inputs.map((t) => {
    const s = t as Slot;
    let buffer = ex.ensureBuffer(s, op.name, run);
    const size = gpuBytes(s.size);
    // A buffer cannot be bound read-only and writable in one dispatch (v.assign_add(v)): read a copy.
    if (outBuffers.has(buffer)) {
      const copy = ex.pool.acquire(size);
      run.batch.copy(buffer, copy, size);
      temps.push(copy);
      buffer = copy;
    }
    return { buffer, size };
  });
  const outputs = d.outputs.map((t) => ({ buffer: (t as Slot).storage.buffer!, size: gpuBytes(t.size) }));
  run.batch.dispatch(d.program, op.name, op.type, [...inputs, ...outputs], d.uniforms, d.workgroups);
}
