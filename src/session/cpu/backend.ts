import type { Operation } from '../../graph/operation.js';
import type { Tensor } from '../../graph/tensor.js';
import { ResourceExhaustedError } from '../../framework/errors.js';
import { NDArray } from '../../framework/ndarray.js';
import { runLoopPlan, updatedInPlace, type LoopHost } from './loop_plan.js';
import { compile, type Compiled } from './compiled.js';
import { TensorArrayStore } from '../tensor_array_store.js';
import type { LoopInfo } from '../loop_nodes.js';
import type { RandomAttrs } from '../../framework/ops/state.js';
import type { Backend, StepStat } from '../backend.js';
import type { AssignStep, Plan, PlanStep } from '../plan.js';
import { assignTarget, checkUpdate, checkRead, declaredShape, standIn } from '../steps.js';
import { Liveness, mergeIndexOf } from '../flow.js';
import { makeStream } from '../random.js';
import { OpStates } from '../op_states.js';
import { viewShape } from '../view_shape.js';
import type { RandomStream } from '../kernel.js';
import { clearStack } from '../../framework/memory/host.js';
import { hostDrop, hostZeros, reshaped } from './arena.js';
import { sameShape } from '../kernels/util.js';
import { wasm } from '../../session/cpu/wasm/instance.js';
import { beginRun, dropKept, endRun } from './wasm/resident.js';
import { threadCount } from './wasm/pool.js';
import type { FusedPlan, FusedStep } from '../fusion.js';

/** What a compiled plan's list of fed arrays holds between runs. */
const NOT_FED = new Float32Array(0);

/** Plans whose buffers are kept (the Session caches 64 plans). */
const MAX_ARENAS = 64;

/** The CPU backend: the reference semantics, executing plans with the CPU kernel table. */
export class CpuBackend implements Backend {
  readonly name = 'cpu' as const;
  readonly checksAfterRun = false;
  /**
   * What runs the kernels: with a shared WebAssembly memory (Node, Chromium), float32 values live in it and
   * WebAssembly SIMD runs MatMul and the convolutions (on N threads where workers can share the memory: Node, a
   * cross-origin isolated page), the elementwise ops, MaxPool, Softmax, sums and ApplyAdam in place;
   * with a plain memory (a browser without shared WebAssembly memory) only MatMul, on one thread;
   * JavaScript runs the rest, and everything where WebAssembly is missing.
   */
  get description(): string {
    if (!wasm) return 'CPU (JavaScript kernels)';
    const n = threadCount();
    const threads = `${n} thread${n === 1 ? '' : 's'}`;
    if (!wasm.shared) return `CPU (JavaScript kernels; float32 MatMul in WebAssembly SIMD on ${threads})`;
    return `CPU (float32 MatMul and convolutions on ${threads}, elementwise ops, pooling, Softmax, sums and Adam in WebAssembly SIMD; JavaScript for the rest)`;
  }
  /** Fuse small elementwise trees (session/fusion.ts, cpu/fused.ts); on by default, off to compare. Read when a plan is first compiled. */
  fusion = true;
  private store = new Map<string, NDArray>();
  private arenas = new Map<Plan, Compiled>();
  /** The plan run last and its compiled form (the most recent entry of `arenas`), or null. */
  private lastPlan: Plan | null = null;
  private lastCompiled: Compiled | undefined = undefined;
  private streams = new Map<string, RandomStream>();
  /** Kernels' objects kept per op across runs (KernelArgs.state), dropped with the session. */
  private readonly opStates = new OpStates();
  // the running plan's TensorArrays: fresh for each run, dropped when it ends
  private tensorArrays: TensorArrayStore | null = null;
  /** What a compiled plan's kernels and a loop plan's ops ask of the backend. */
  private readonly host: LoopHost = {
    store: this.store,
    assign: (step, value) => this.assign(step, value),
    stream: (op) => this.stream(op),
    states: this.opStates,
    arrays: () => this.runArrays(),
  };

  isInitialized(variable: Operation): boolean {
    return this.store.has(variable.name);
  }

  async readVariable(variable: Operation): Promise<NDArray | null> {
    const v = this.store.get(variable.name);
    return v ? v.copy() : null;
  }

  async writeVariable(variable: Operation, value: NDArray): Promise<void> {
    const v = hostZeros(value.shape, value.dtype);
    if (v.dtype === 'string') v.strings.splice(0, v.size, ...value.strings);
    else v.data.set(value.data);
    this.store.set(variable.name, v);
  }

  private stream(op: Operation): RandomStream {
    let s = this.streams.get(op.name);
    if (!s) {
      const a = op.attrs as RandomAttrs;
      this.streams.set(op.name, (s = makeStream(a.seed, a.seed2)));
    }
    return s;
  }

  async run(plan: Plan, feeds: ReadonlyMap<Tensor, NDArray>, stats?: StepStat[], deadline?: number): Promise<(NDArray | null)[]> {
    try {
      return plan.loop ? await this.runLoop(plan.loop, feeds, stats, deadline) : this.runPlan(plan, feeds, stats);
    } finally {
      this.tensorArrays = null;
    }
  }

  /** The run's TensorArrays (TensorArrayStore), made when a kernel first asks: most runs have none. */
  private runArrays(): TensorArrayStore {
    if (!this.tensorArrays) this.tensorArrays = new TensorArrayStore();
    return this.tensorArrays;
  }

  private runPlan(plan: Plan, feeds: ReadonlyMap<Tensor, NDArray>, stats?: StepStat[]): (NDArray | null)[] {
    let c = plan === this.lastPlan ? this.lastCompiled : this.arenas.get(plan);
    if (!c) {
      // as many as the Session keeps plans: the least recently used goes (rebuilt if its plan runs again)
      if (this.arenas.size >= MAX_ARENAS) this.dropArena(this.arenas.keys().next().value!);
      c = compile(plan, this.fusion, this.host);
      this.arenas.set(plan, c);
    } else if (plan !== this.lastPlan) {
      // most recently used last; a plan run again and again is there already (a Map's deletes cost a rehash now and then)
      this.arenas.delete(plan);
      this.arenas.set(plan, c);
    }
    this.lastPlan = plan;
    this.lastCompiled = c;
    const { vals, fed } = c;
    for (let id = 0; id < vals.length; id++) vals[id] = c.init[id]!;
    // written in place: a run fed as many float32 arrays as the last one reallocates nothing here
    let nFed = 0;
    for (let k = 0; k < c.feedIds.length; k++) {
      const a = feeds.get(c.feedTensors[k]!)!;
      vals[c.feedIds[k]!] = a;
      if (a.dtype === 'float32' && a.data instanceof Float32Array) fed[nFed++] = a.data;
    }
    fed.length = nFed;
    beginRun(fed);
    let node = '';
    // Only a plan with a Switch tracks dead values (flow.ts); others run every step.
    const live = plan.flow ? new Liveness(plan.flow, plan.values.length, plan.steps.length) : null;
    try {
      const steps = c.plan.steps;
      for (let i = 0; i < steps.length; i++) {
        const step = steps[i]!;
        if (live?.skip(i, step.outputs)) continue;
        node = step.op.name;
        const t0 = stats ? performance.now() : 0;
        const ins = c.inputs[i]!;
        for (let k = 0; k < ins.length; k++) ins[k] = vals[step.inputs[k]!]!;
        this.execute(step, ins, c, i, c.plan, live);
        if (stats) stats.push({ node_name: step.op.name, op: step.op.type, ms: performance.now() - t0 });
      }
      live?.checkFetches();
    } catch (e) {
      // the kernels' memory ran out inside a kernel: TF1 names the node that could not allocate
      if (e instanceof ResourceExhaustedError && e.op === null) throw new ResourceExhaustedError(`${e.message}\n\t [[{{node ${node}}}]]`, node);
      throw e;
    } finally {
      endRun();
      clearStack();
      // the fed arrays are not held past the run; the list keeps its length for the next
      fed.fill(NOT_FED);
    }
    const out = plan.fetchIds.map((id) => (id === null ? null : vals[id]!.copy()));
    // nothing the run made or was fed is held past it (the arena's buffers are held by the arena)
    vals.fill(null);
    for (const ins of c.inputs) ins.fill(undefined as never);
    return out;
  }

  private execute(step: PlanStep | FusedStep, inputs: NDArray[], c: Compiled, index: number, plan: FusedPlan, live: Liveness | null): void {
    const op = step.op;
    const { vals, arena } = c;
    const out0 = step.outputs[0]!;
    switch (step.kind) {
      case 'noop':
        return;
      case 'variable':
        vals[out0] = this.store.get(op.name) ?? standIn(NDArray.zeros(declaredShape(op), op.outputs[0]!.dtype), op);
        return;
      case 'view': {
        const src = inputs[0]!;
        checkRead(op, src);
        const shape = plan.values[out0]!.shape ?? viewShape(op, src.shape, inputs);
        vals[out0] = sameShape(shape, src.shape) ? src : reshaped(src, shape);
        return;
      }
      case 'assign':
        // later reads of the variable in this run see its storage now (a new one when it had none)
        vals[out0] = vals[step.inputs[0]!] = this.assign(step, inputs[1]!);
        return;
      case 'update':
        checkUpdate(step, inputs);
        this.kernel(c, index, op);
        vals[out0] = inputs[0]!;
        updatedInPlace(op, inputs);
        return;
      case 'kernel':
        this.kernel(c, index, op);
        return;
      case 'fused': {
        // the leaves' shapes are the plan's (fusable steps have known shapes), so the output's buffer is the arena's
        const out = arena[out0] ?? NDArray.zeros(plan.values[out0]!.shape!, 'float32');
        c.fused[index]!(inputs, out.data as Float32Array);
        vals[out0] = out;
        return;
      }
      case 'switch':
        // both outputs are the data's storage; the one the predicate does not take is dead
        vals[out0] = vals[step.outputs[1]!] = inputs[0]!;
        live?.switched(step.outputs, inputs[1]!.data[0] !== 0);
        return;
      case 'merge': {
        const k = mergeIndexOf(live, index);
        const src = inputs[k]!;
        const pre = arena[out0];
        const out = pre && sameShape(pre.shape, src.shape) ? pre : NDArray.zeros(src.shape, src.dtype);
        out.data.set(src.data);
        vals[out0] = out;
        vals[step.outputs[1]!] = new NDArray(Int32Array.of(k), [], 'int32');
      }
    }
  }

  private kernel(c: Compiled, index: number, op: Operation): void {
    const kernel = c.kernels[index];
    if (!kernel) throw new Error(`no CPU kernel for ${op.type}`);
    kernel(c.args[index]!);
  }

  /** A plan with a while loop (loop_plan.ts). */
  private runLoop(info: LoopInfo, feeds: ReadonlyMap<Tensor, NDArray>, stats?: StepStat[], deadline?: number): Promise<(NDArray | null)[]> {
    return runLoopPlan(info, feeds, this.host, stats, deadline);
  }

  /** Assign's effect: the variable's storage takes `value` (storage made when it has none, or of another shape); returns it. */
  private assign(step: AssignStep, value: NDArray): NDArray {
    let ref = assignTarget(step, this.store.get(step.variable.name), value);
    if (value.dtype === 'string') {
      // byte strings are never written in place: the variable's storage is a copy of the list
      ref = value.copy();
      this.store.set(step.variable.name, ref);
    } else if (!ref) {
      // the old buffer is left to the collector, not freed: a read earlier in this run may still use it
      ref = hostZeros(value.shape, value.dtype);
      this.store.set(step.variable.name, ref);
    }
    if (value.dtype !== 'string') ref.data.set(value.data);
    return ref;
  }

  private dropArena(plan: Plan): void {
    const c = this.arenas.get(plan);
    this.arenas.delete(plan);
    if (plan === this.lastPlan) {
      this.lastPlan = null;
      this.lastCompiled = undefined;
    }
    for (const a of c?.arena ?? []) hostDrop(a);
  }

  close(): void {
    for (const v of this.store.values()) hostDrop(v);
    this.store.clear();
    this.streams.clear();
    this.opStates.clear();
    for (const p of [...this.arenas.keys()]) this.dropArena(p);
    // the kept copies of fed arrays may hold this session's feeds (another session re-copies at most once)
    if (wasm) dropKept();
  }
}
