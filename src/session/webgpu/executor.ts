import type { Operation } from '../../graph/operation.js';
import type { DType } from '../../framework/dtypes.js';
import { NDArray } from '../../framework/ndarray.js';
import { isStateful, refInputs, type OpAttrs, type OpType } from '../../framework/op_defs.js';
import { HOST_KERNELS } from '../kernels/index.js';
import type { AssignStep, Plan, PlanStep } from '../plan.js';
import { assignTarget, checkUpdate, checkRead, declaredShape, standIn } from '../steps.js';
import { viewShape } from '../view_shape.js';
import type { Batch } from './batch.js';
import type { BufferPool } from './buffer_pool.js';
import { gpuBytes, toGpuWords } from './dtypes.js';
import type { GpuTuning } from './kernel.js';
import { runOnHost } from './kernels/host.js';
import { WGSL_KERNELS } from './kernels/index.js';
import { hostView, slot, type Slot, type Storage } from './slots.js';
import { mergeIndexOf, type Liveness } from '../flow.js';
import type { FusedPlan, FusedStep } from '../fusion.js';
import { fusedKernel } from './kernels/fused.js';
import { callKernel } from './kernel_call.js';
import { RandomSeeds } from './random_seeds.js';
import { OpStates } from '../op_states.js';

/** What one run tracks besides its values: its batch, the pool buffers it holds, variable changes to undo on failure. */
export interface RunState {
  batch: Batch;
  /** Pool buffers this run acquired and has not yet released. */
  acquired: Set<GPUBuffer>;
  /** Variables replaced by this run, with what they were, to restore if the run fails. */
  rollback: Map<string, Slot | undefined>;
  /** Buffers of replaced variables, released once the run has been submitted. */
  retired: GPUBuffer[];
  /** The error flag (see GpuKernelArgs.errorFlag), made on first use; null while no step checks. */
  flag: Slot | null;
  /** The checks that may set the flag: flag value k names checks[k - 1]. */
  checks: { op: Operation; message: string }[];
}

// Host values this small, made only from constants and shape metadata, are computed on the host:
// TF1's GPU device keeps such int32 tensors in host memory too, since their consumers size outputs with them.
const HOST_CHAIN_MAX = 4096;

/** Runs one plan step at a time on the GPU: allocation, uploads, views, variables, and the kernel table. */
export class Executor {
  /** Each initialized variable's storage, by the variable's op name. */
  readonly variables = new Map<string, Slot>();
  private readonly consts = new WeakMap<NDArray, Storage>();
  readonly random = new RandomSeeds();
  /** Host kernels' objects kept per op across runs (KernelArgs.state: Print's count). */
  private readonly opStates = new OpStates();

  constructor(
    readonly device: GPUDevice,
    readonly pool: BufferPool,
    private readonly readNow: (s: Slot, run: RunState) => Promise<NDArray>,
    readonly tuning: Readonly<GpuTuning>,
  ) {}

  /** The slot of a constant: one storage per constant array, uploaded the first time a kernel needs it and kept. */
  constSlot(value: NDArray): Slot {
    let st = this.consts.get(value);
    if (!st) this.consts.set(value, (st = { buffer: null, host: value, hostResident: true, owner: 'cached' }));
    return slot(value.shape, value.dtype, st);
  }

  /** Gives a dying value's pool buffer back (views share it; variables and constants keep theirs). */
  release(s: Slot | null | undefined, run: RunState): void {
    const st = s?.storage;
    if (!st?.buffer || st.owner !== 'pool' || !run.acquired.has(st.buffer)) return;
    run.acquired.delete(st.buffer);
    this.pool.release(st.buffer);
    st.buffer = null;
  }

  /** Executes one step, filling the slots of its outputs (a view's shape from the plan's values when known there). */
  async execute(
    plan: Pick<Plan | FusedPlan, 'values'>,
    step: PlanStep | FusedStep,
    slots: (Slot | null)[],
    run: RunState,
    live: Liveness | null = null,
    index = 0,
  ): Promise<void> {
    const op = step.op;
    const ins = step.inputs.map((id) => slots[id]!);
    const out0 = step.outputs[0]!;
    switch (step.kind) {
      case 'noop':
        return;
      case 'variable':
        slots[out0] =
          this.variables.get(op.name) ??
          slot(declaredShape(op), op.outputs[0]!.dtype, standIn({ buffer: null, host: null, hostResident: false, owner: 'variable' }, op));
        return;
      case 'view': {
        checkRead(op, ins[0]!.storage);
        const shape = plan.values[out0]?.shape ?? (await this.dynamicShape(op, ins, run));
        slots[out0] = slot(shape, ins[0]!.dtype, ins[0]!.storage);
        return;
      }
      case 'assign':
        // Later reads of the variable in this run see its storage now (a new one when it had none).
        slots[out0] = slots[step.inputs[0]!] = this.assign(step, ins[1]!, run);
        return;
      case 'update':
        checkUpdate(step, ins);
        await callKernel(this, step, ins, slots, run);
        // The kernel wrote these buffers in place (the variable's, and an optimizer's slots'): a host copy is stale.
        for (const k of refInputs(op.type)) if (ins[k]!.storage.buffer) ins[k]!.storage.host = null;
        slots[out0] = ins[0]!;
        return;
      case 'kernel':
        // String tensors stay on the host (WGSL has no strings): a step that reads or makes one runs its host kernel,
        // as does an op without a WGSL kernel (Assert).
        if (op.inputs.some((t) => t.dtype === 'string') || op.outputs.some((t) => t.dtype === 'string') || WGSL_KERNELS[op.type] === null) {
          const values = await this.hostValues(ins, run);
          const outs = runOnHost(
            op.type,
            op.name,
            values,
            op.attrs as OpAttrs[OpType],
            op.outputs.map((t) => t.dtype),
            this.opStates.of(op),
          );
          outs.forEach((a, i) => (slots[step.outputs[i]!] = slot(a.shape, a.dtype, { buffer: null, host: a, hostResident: true, owner: 'pool' })));
          return;
        }
        if (!isStateful(op.type) && HOST_KERNELS[op.type] && ins.length > 0 && ins.every((s) => s.storage.hostResident && s.size <= HOST_CHAIN_MAX)) {
          const outs = runOnHost(
            op.type,
            op.name,
            ins.map((s) => hostView(s)!),
            op.attrs as OpAttrs[OpType],
            op.outputs.map((t) => t.dtype),
          );
          outs.forEach((a, i) => (slots[step.outputs[i]!] = slot(a.shape, a.dtype, { buffer: null, host: a, hostResident: true, owner: 'pool' })));
          return;
        }
        await callKernel(this, step, ins, slots, run);
        return;
      case 'switch': {
        // The predicate is the one value read back (when it is on the GPU) to know which output lives.
        const pred = (await this.hostValue(ins[1]!, run)).data[0] !== 0;
        slots[out0] = slot(ins[0]!.shape, ins[0]!.dtype, ins[0]!.storage);
        slots[step.outputs[1]!] = slot(ins[0]!.shape, ins[0]!.dtype, ins[0]!.storage);
        live?.switched(step.outputs, pred);
        return;
      }
      case 'fused':
        // small values made from constants and shape metadata stay on the host, op by op, as unfused steps do
        if (ins.every((s) => s.storage.hostResident && s.size <= HOST_CHAIN_MAX)) this.fusedOnHost(step, ins, slots);
        else await callKernel(this, step, ins, slots, run, fusedKernel(step.nodes, plan.values[out0]!.shape!, step.reduction));
        return;
      case 'merge': {
        const k = mergeIndexOf(live, index);
        this.merge(ins[k]!, out0, slots, run);
        slots[step.outputs[1]!] = slot([], 'int32', { buffer: null, host: new NDArray(Int32Array.of(k), [], 'int32'), hostResident: true, owner: 'pool' });
      }
    }
  }

  /** Merge's output 0: a copy of the live input (on the GPU, or on the host where the input is only there). */
  private merge(src: Slot, out: number, slots: (Slot | null)[], run: RunState): void {
    const st = src.storage;
    if (!st.buffer) {
      const h = hostView(src)!;
      slots[out] = slot(src.shape, src.dtype, {
        buffer: null,
        host: new NDArray(h.data.slice(), h.shape, h.dtype),
        hostResident: st.hostResident,
        owner: 'pool',
      });
      return;
    }
    const s = this.newSlot(src.shape, src.dtype, run);
    run.batch.copy(st.buffer, s.storage.buffer!, gpuBytes(s.size));
    slots[out] = s;
  }

  /** A fused tree's ops one by one on the host (values small and host resident only). */
  private fusedOnHost(step: FusedStep, ins: Slot[], slots: (Slot | null)[]): void {
    const vals: NDArray[] = [];
    for (const n of step.nodes) {
      const args = n.args.map((a) => ('leaf' in a ? hostView(ins[a.leaf]!)! : vals[a.node]!));
      vals.push(runOnHost(n.op.type, n.op.name, args, n.op.attrs as OpAttrs[OpType], [n.op.outputs[0]!.dtype])[0]!);
    }
    const a = vals[vals.length - 1]!;
    slots[step.outputs[0]!] = slot(a.shape, a.dtype, { buffer: null, host: a, hostResident: true, owner: 'pool' });
  }

  private acquire(bytes: number, run: RunState): GPUBuffer {
    const b = this.pool.acquire(bytes);
    run.acquired.add(b);
    return b;
  }

  /** A new slot of the run with a pool buffer (its elements written by the commands recorded next). */
  newSlot(shape: readonly number[], dtype: DType, run: RunState): Slot {
    const s = slot(shape, dtype, { buffer: null, host: null, hostResident: false, owner: 'pool' });
    s.storage.buffer = this.acquire(gpuBytes(s.size), run);
    return s;
  }

  /** The slot's GPU buffer, uploading its host copy first if it has none. */
  ensureBuffer(s: Slot, name: string, run: RunState): GPUBuffer {
    const st = s.storage;
    if (st.buffer) return st.buffer;
    if (!st.host) throw new Error(`value of ${name}'s input has neither a GPU buffer nor a host copy`);
    // An untouched buffer: writeBuffer runs before this batch's commands, which must not be using it.
    const b = this.pool.acquireUntouched(gpuBytes(st.host.size));
    if (st.owner === 'pool' || st.owner === 'run') run.acquired.add(b);
    this.device.queue.writeBuffer(b, 0, toGpuWords(st.host, name));
    st.buffer = b;
    return b;
  }

  /** A value's elements on the host: its host copy, or a read back of its buffer (a sync point). */
  async hostValue(s: Slot, run: RunState): Promise<NDArray> {
    const h = hostView(s);
    if (h) return h;
    const value = await this.readNow(s, run);
    // not a variable's: its buffer is written in place by later steps (and loop iterations), a host copy would go stale
    if (s.storage.owner !== 'variable') s.storage.host = value;
    return value;
  }

  /**
   * The host values of several slots, null at `skip` (an input not read on the host), read one after another: a
   * read submits what the run recorded so far, and a second read started before the first submission is on the
   * queue (it awaits its pipelines) would be submitted ahead of the dispatches that compute its value.
   */
  hostValues(slots: readonly Slot[], run: RunState): Promise<NDArray[]>;
  hostValues(slots: readonly Slot[], run: RunState, skip: number | null): Promise<(NDArray | null)[]>;
  async hostValues(slots: readonly Slot[], run: RunState, skip: number | null = null): Promise<(NDArray | null)[]> {
    const out: (NDArray | null)[] = [];
    for (const [k, s] of slots.entries()) out.push(k === skip ? null : await this.hostValue(s, run));
    return out;
  }

  /** A view's shape from its inputs' values, when the plan left it open (checked as TF1's kernel checks it). */
  private async dynamicShape(op: Operation, ins: Slot[], run: RunState): Promise<number[]> {
    return viewShape(op, ins[0]!.shape, await this.hostValues(ins, run, 0));
  }

  /** Assign: the value's elements are copied into the variable's buffer, which is (re)allocated when the shape changes. */
  private assign(step: AssignStep, value: Slot, run: RunState): Slot {
    const name = step.variable.name;
    const prev = this.variables.get(name);
    // A string variable (a SavedModel's asset path) lives on the host, as string values do: its storage is the value's.
    if (value.dtype === 'string') {
      assignTarget(step, prev, value);
      if (!run.rollback.has(name)) run.rollback.set(name, prev);
      const v = slot(value.shape, 'string', { buffer: null, host: hostView(value)!.copy(), hostResident: true, owner: 'variable' });
      this.variables.set(name, v);
      return v;
    }
    let v = assignTarget(step, prev?.storage.buffer ? prev : undefined, value);
    if (!v) {
      if (!run.rollback.has(name)) run.rollback.set(name, prev);
      if (prev?.storage.buffer) run.retired.push(prev.storage.buffer);
      const buffer = this.pool.acquire(gpuBytes(value.size));
      v = slot(value.shape, value.dtype, { buffer, host: null, hostResident: false, owner: 'variable' });
      this.variables.set(name, v);
    }
    const src = this.ensureBuffer(value, step.op.name, run);
    if (src !== v.storage.buffer) run.batch.copy(src, v.storage.buffer!, gpuBytes(value.size));
    return v;
  }
}
