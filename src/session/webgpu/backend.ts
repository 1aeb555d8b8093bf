import type { Operation } from '../../graph/operation.js';
import type { Tensor } from '../../graph/tensor.js';
import { InternalError, InvalidArgumentError, ResourceExhaustedError } from '../../framework/errors.js';
import { NDArray } from '../../framework/ndarray.js';
import type { Backend, StepStat } from '../backend.js';
import type { Plan } from '../plan.js';
import { Batch, type BatchPools } from './batch.js';
import { BufferPool } from './buffer_pool.js';
import { acquireDevice, type AcquireOptions, type GpuContext } from './device.js';
import { fromGpuWords, gpuBytes, toGpuWords } from './dtypes.js';
import { Executor, type RunState } from './executor.js';
import { FeedCache, type FeedCacheCounters } from './feed_cache.js';
import type { GpuTuning } from './kernel.js';
import { PipelineCache } from './pipelines.js';
import { addDeviceTimes } from './timestamps.js';
import { PlanGpuCache } from './plan_cache.js';
import { checkPlanDtypes, planInfo, type PlanInfo } from './plan_info.js';
import { checkLoopPlan, runGpuLoop } from './loop_run.js';
import { runSteps } from './step_run.js';
import { hostView, slot, type Slot, type Storage } from './slots.js';
import { fusePlan, type FusedPlan } from '../fusion.js';
import { GPU_FUSION } from './kernels/fused.js';

export { WEBGPU_PACKAGE_MISSING, webgpuPackageMissing } from './device.js';

// Runs submitted without a read back that may be queued at once: enough to keep the GPU busy
// while the host records the next step, few enough that a training loop cannot run ahead of it.
const MAX_IN_FLIGHT = 2;

// Uniform buffers a loop's per-iteration submissions cycle through (batch.ts's segmentCycle).
const LOOP_UNIFORM_BUFFERS = 4;

/** Counts of host round trips, for tests and benchmarks: a training step without fetches adds to none. */
export interface GpuCounters {
  /** Buffers read back to the host (fetched values and sync reads). */
  reads: number;
  /** Reads of GPU values that a later op needed on the host mid-run (value-dependent shapes). */
  syncReads: number;
  /** Command buffers submitted. */
  submits: number;
}

/** The WebGPU backend: runs plans as WGSL compute programs, keeping values and variables in GPU buffers. */
export class WebGpuBackend implements Backend {
  readonly name = 'webgpu' as const;
  // WGSL cannot raise: integer division by zero sets the run's error flag, read when the run is submitted.
  readonly checksAfterRun = true;
  readonly description: string;
  /** Host round trips so far. */
  readonly counters: GpuCounters = { reads: 0, syncReads: 0, submits: 0 };
  /** Choices between equivalent programs (kernel.ts's GpuTuning); a test may change them between runs. */
  readonly tuning: GpuTuning;
  private readonly pools: BatchPools;
  private readonly pipelines: PipelineCache;
  private readonly executor: Executor;
  private readonly feedCache: FeedCache;
  private readonly infos = new WeakMap<Plan, PlanInfo & { gpu: PlanGpuCache; steps: FusedPlan; fusion: boolean }>();
  private inflight: Promise<unknown>[] = [];
  private closed = false;

  constructor(readonly context: GpuContext) {
    const { device } = context;
    this.description = `WebGPU: ${context.description}`;
    this.tuning = { splitK: !context.isFallback, splitKParts: !context.isFallback, splitReduce: !context.isFallback, fusion: true, timestamps: true };
    this.pools = {
      storage: new BufferPool(device, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST, 'tf1-ts value'),
      uniform: new BufferPool(device, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST, 'tf1-ts uniforms'),
      staging: new BufferPool(device, GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST, 'tf1-ts read back'),
    };
    this.pipelines = new PipelineCache(device);
    this.executor = new Executor(device, this.pools.storage, (s, run) => this.readNow(s, run), this.tuning);
    this.feedCache = new FeedCache(device, this.pools.storage);
  }

  /** What the cache of large feeds did so far: uploads, and host copies kept to compare later feeds with. */
  get feedCounters(): Readonly<FeedCacheCounters> {
    return this.feedCache.counters;
  }

  /** Distinct WGSL programs compiled so far. */
  get programCount(): number {
    return this.pipelines.size;
  }

  /** Bytes of GPU memory held in buffers (values, variables, constants, free pool entries). */
  get bufferBytes(): number {
    return this.pools.storage.bytes + this.pools.uniform.bytes + this.pools.staging.bytes;
  }

  /** Waits until the GPU has finished everything submitted (for timing a training loop that fetches nothing). */
  async synchronize(): Promise<void> {
    this.assertUsable();
    await this.context.device.queue.onSubmittedWorkDone();
    this.inflight = [];
  }

  isInitialized(variable: Operation): boolean {
    return this.executor.variables.has(variable.name);
  }

  async run(plan: Plan, feeds: ReadonlyMap<Tensor, NDArray>, stats?: StepStat[], deadline?: number): Promise<(NDArray | null)[]> {
    this.assertUsable();
    let info = this.infos.get(plan);
    if (!info || info.fusion !== this.tuning.fusion) {
      const gpu = new PlanGpuCache(plan, this.context.device, this.pools.uniform);
      const fusion = this.tuning.fusion;
      if (plan.loop) {
        // a loop plan has no steps: its ops run by frame and iteration (loop_run.ts), and every feed may be read
        checkLoopPlan(plan.loop);
        info = { dying: [], unread: new Set<number>(), readFeeds: new Set(plan.feedIds.values()), gpu, steps: plan, fusion };
      } else {
        checkPlanDtypes(plan);
        // the steps run: the plan's, with its elementwise trees fused (their lifetimes recomputed) unless fusion is off
        const steps = fusion ? fusePlan(plan, GPU_FUSION) : plan;
        info = { ...planInfo(steps), gpu, steps, fusion };
      }
      this.infos.set(plan, info);
    }
    const device = this.context.device;
    const batch = this.newBatch(info.gpu);
    if (plan.loop) batch.segmentCycle = LOOP_UNIFORM_BUFFERS;
    batch.timed = stats !== undefined && this.timestampsAvailable;
    const firstStat = stats?.length ?? 0;
    const run: RunState = { batch, acquired: new Set(), rollback: new Map(), retired: [], flag: null, checks: [] };
    const slots: (Slot | null)[] = plan.values.map((v) => (v.constValue ? this.executor.constSlot(v.constValue) : null));
    device.pushErrorScope('out-of-memory');
    device.pushErrorScope('validation');
    let failure: unknown = null;
    let results: (NDArray | null)[] = [];
    try {
      // Every feed is read here, before the run's first await (Backend.run): the caller may refill its arrays
      // once run() returns.
      this.feedCache.feedSlots(plan.feedIds, feeds, info.readFeeds, slots);
      const fetched = plan.loop
        ? await runGpuLoop(plan.loop, new Map([...plan.feedIds].map(([t, id]) => [t, slots[id]!])), this.executor, run, () => this.submitChecked(run), deadline)
        : await runSteps(this.executor, plan, info, slots, run, stats);
      const reads = fetched.map((s) => {
        if (s === null) return null;
        const h = hostView(s);
        if (h) return h.copy();
        this.counters.reads++;
        return { index: batch.read(s.storage.buffer!, gpuBytes(s.size)), s };
      });
      const flag = this.readFlag(run);
      const bytes = await this.submit(batch);
      this.raiseFlagged(run, bytes, flag);
      if (stats && batch.timed) addDeviceTimes(stats.slice(firstStat), batch.timings);
      results = reads.map((r) => (r === null || r instanceof NDArray ? r : fromGpuWords(bytes[r.index]!, r.s.shape, r.s.dtype)));
      if (!bytes.length) await this.throttle();
      for (const b of run.retired) this.pools.storage.release(b);
    } catch (e) {
      failure = e;
      for (const [name, prev] of run.rollback) {
        // the buffer this run gave the variable goes back to the pool with the run's other buffers
        const made = this.executor.variables.get(name)?.storage.buffer;
        if (made && made !== prev?.storage.buffer) run.acquired.add(made);
        if (prev) this.executor.variables.set(name, prev);
        else this.executor.variables.delete(name);
      }
    } finally {
      for (const b of run.acquired) this.pools.storage.release(b);
      const scoped = await Promise.all([device.popErrorScope(), device.popErrorScope()]).catch(() => [null, null]);
      failure ??= this.scopeError(scoped[0] ?? null, scoped[1] ?? null);
    }
    if (failure) throw this.translate(failure);
    return results;
  }

  // Submitted inside the call (Batch.submit awaits nothing before a read-only submission), so the value
  // read is the one before any run started later.
  async readVariable(variable: Operation): Promise<NDArray | null> {
    this.assertUsable();
    const v = this.executor.variables.get(variable.name);
    if (!v?.storage.buffer) return null;
    const batch = this.newBatch();
    this.counters.reads++;
    const index = batch.read(v.storage.buffer, gpuBytes(v.size));
    return fromGpuWords((await this.submit(batch))[index]!, v.shape, v.dtype);
  }

  async writeVariable(variable: Operation, value: NDArray): Promise<void> {
    this.assertUsable();
    const prev = this.executor.variables.get(variable.name);
    const same = prev?.storage.buffer && prev.shape.length === value.shape.length && prev.shape.every((d, i) => d === value.shape[i]);
    // No batch is being recorded between runs, so a direct write is ordered after all submitted work.
    const buffer = same ? prev.storage.buffer! : this.pools.storage.acquire(gpuBytes(value.size));
    this.context.device.queue.writeBuffer(buffer, 0, toGpuWords(value, variable.name));
    if (!same) {
      if (prev?.storage.buffer) this.pools.storage.release(prev.storage.buffer);
      const storage: Storage = { buffer, host: null, hostResident: false, owner: 'variable' };
      this.executor.variables.set(variable.name, slot(value.shape, value.dtype, storage));
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.executor.variables.clear();
    this.feedCache.clear();
    for (const pool of Object.values(this.pools)) pool.destroyAll();
    this.context.device.destroy();
  }

  /** Whether traced runs time their ops on the device. */
  get timestampsAvailable(): boolean {
    return this.tuning.timestamps && this.context.device.features.has('timestamp-query');
  }

  /** A batch; only one that records dispatches (a run's) needs its plan's cache. */
  private newBatch(cache: PlanGpuCache | null = null): Batch {
    return new Batch(this.context.device, this.pipelines, this.pools, cache);
  }

  private async submit(batch: Batch): Promise<ArrayBuffer[]> {
    if (batch.empty) return [];
    this.counters.submits++;
    return batch.submit();
  }

  /** Submits what the run recorded so far, raising a check that failed there (a loop's iteration: the CPU would stop in it). */
  private async submitChecked(run: RunState): Promise<void> {
    const flag = this.readFlag(run);
    this.raiseFlagged(run, await this.submit(run.batch), flag);
  }

  /**
   * Submits what the run recorded so far and reads one value back: a value-dependent shape needs it on the host.
   * A check that failed so far raises now, as the CPU backend would have before reaching this step.
   */
  private async readNow(s: Slot, run: RunState): Promise<NDArray> {
    this.counters.reads++;
    this.counters.syncReads++;
    const index = run.batch.read(s.storage.buffer!, gpuBytes(s.size));
    const flag = this.readFlag(run);
    const bytes = await this.submit(run.batch);
    this.raiseFlagged(run, bytes, flag);
    return fromGpuWords(bytes[index]!, s.shape, s.dtype);
  }

  /** Asks for the run's error flag with the next submission, when a step may set it; its read index, else null. */
  private readFlag(run: RunState): number | null {
    if (!run.flag) return null;
    this.counters.reads++;
    return run.batch.read(run.flag.storage.buffer!, gpuBytes(1));
  }

  /** Raises the error of the first check that failed (GpuKernelArgs.errorFlag), if one did. */
  private raiseFlagged(run: RunState, bytes: ArrayBuffer[], index: number | null): void {
    if (index === null) return;
    const k = new Uint32Array(bytes[index]!, 0, 1)[0]!;
    const failed = run.checks[k - 1];
    if (failed) throw new InvalidArgumentError(failed.message, failed.op);
  }

  private async throttle(): Promise<void> {
    this.inflight.push(this.context.device.queue.onSubmittedWorkDone());
    while (this.inflight.length > MAX_IN_FLIGHT) await this.inflight.shift();
  }

  private assertUsable(): void {
    if (this.context.lost !== null) throw this.lostError();
    if (this.closed) throw new InternalError('This WebGPU backend is closed.');
  }

  private lostError(): InternalError {
    return new InternalError(`The WebGPU device was lost (${this.context.lost}). Close this session and open a new one.`);
  }

  private scopeError(validation: GPUError | null, oom: GPUError | null): Error | null {
    if (oom) return new ResourceExhaustedError(`OOM on the WebGPU device: ${oom.message}`);
    if (validation) return new InternalError(`WebGPU validation error: ${validation.message}`);
    return null;
  }

  private translate(e: unknown): unknown {
    // A lost device makes pending maps and scopes fail with messages about aborts; say what happened.
    if (this.context.lost !== null && !(e instanceof InternalError && e.message.includes('failed to compile'))) return this.lostError();
    return e;
  }
}

/** A WebGPU backend on a new device; null when there is no adapter (or only a CPU one, with `requireHardware`). */
export async function createWebGpuBackend(opts: AcquireOptions = {}): Promise<WebGpuBackend | null> {
  const ctx = await acquireDevice(opts);
  return ctx ? new WebGpuBackend(ctx) : null;
}
