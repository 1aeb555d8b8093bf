import { get_default_graph, Graph } from '../graph/graph.js';
import { kind, opt, parseArgs, req, signed, type Call, type Parsed, type RestOf } from '../graph/args.js';
import { installInteractive, uninstallInteractive, withDefaultSession, type SessionLike } from '../graph/default_session.js';
import { ANY, pyType } from '../ops/kinds.js';
import { backendOfConfig, ConfigProto, RunMetadata, RunOptions } from './config.js';
import { Observable, switchMap } from 'rxjs';
import { CancelledError, FailedPreconditionError, InvalidArgumentError, OpError, RuntimeError, TypeError as TFTypeError, UnimplementedError } from '../graph/errors.js';
import { TensorShape } from '../graph/shape.js';
import type { Tensor } from '../graph/tensor.js';
import type { Operation } from '../graph/operation.js';
import { NDArray } from '../ndarray/ndarray.js';
import type { RefVariable } from '../ops/variables.js';
import type { Backend, BackendName, StepStat } from './backend.js';
export { ConfigProto, RunMetadata, RunOptions };
import { CpuBackend } from './cpu/backend.js';
import { flattenFetches, type Fetch, type FetchResult } from './fetches.js';
import { normaliseFeeds, type FeedDict } from './feeds.js';
import { compilePlan, type Plan } from './plan.js';
import { asRunError, variablesAtRisk } from './run_guard.js';

const BACKEND = kind<BackendName | 'auto'>("'cpu', 'webgpu' or 'auto'", (v) => v === 'cpu' || v === 'webgpu' || v === 'auto');
const GRAPH = kind<Graph>('Graph', (v) => v instanceof Graph, { refuse: (v) => new TFTypeError(`graph must be a tf.Graph, but got ${pyType(v)}`) });
const CONFIG = kind<ConfigProto>('ConfigProto', (v) => v instanceof ConfigProto, { refuse: (v) => new TFTypeError(`config must be a tf.ConfigProto, but got ${pyType(v)}`) });
const TARGET = kind<string>('string', (v) => typeof v === 'string', { refuse: (v) => new TFTypeError(`target must be a string, but got ${pyType(v)}`) });

/**
 * TF1's `Session(target, graph, config)`, plus `backend` (not TF1's): 'cpu', 'webgpu', or 'auto' (the default:
 * WebGPU on a hardware adapter, else the CPU; a config with `device_count: { GPU: 0 }` means 'cpu').
 */
const SESSION_PARAMS = [opt('target', TARGET), opt('graph', GRAPH), opt('config', CONFIG), opt('backend', BACKEND)] as const;

/** Options of `new tf.Session(...)`, with TF1's names. */
export type SessionOptions = Partial<Parsed<typeof SESSION_PARAMS>>;

/** A run's extra: `signal` cancels a run that has not started (not TF1's: JavaScript's own cancellation). */
export interface RunOptionsExtra {
  signal?: AbortSignal;
}

const RUN_OPTIONS = kind<RunOptions | RunOptionsExtra>('RunOptions', (v) => v instanceof RunOptions || (typeof v === 'object' && v !== null && Object.keys(v).every((k) => k === 'signal')), { takesObject: true });
const RUN_METADATA = kind<RunMetadata>('RunMetadata', (v) => typeof v === 'object' && v !== null && Array.isArray((v as RunMetadata).step_stats));
const FEEDS = kind<FeedDict>('feed_dict', (v) => typeof v === 'object' && v !== null, { takesObject: true });
const RUN_PARAMS = [req('fetches', ANY), opt('feed_dict', FEEDS), opt('options', RUN_OPTIONS), opt('run_metadata', RUN_METADATA)] as const;

/** Chooses and creates a backend; the WebGPU module registers itself here so the CPU-only build stays small. */
export type BackendFactory = (requested: BackendName | 'auto') => Promise<Backend>;

// Whether 'auto' found no hardware adapter: probed once per process, then the CPU without asking again.
let noHardwareGpu = false;
// The backend 'auto' chose is said once per process, on stderr, so program output stays clean.
let announced = false;
const announce = (choice: string): void => {
  if (!announced) console.warn(`tf1-ts: ${choice}`);
  announced = true;
};

let backendFactory: BackendFactory = async (requested) => {
  if (requested === 'cpu' || (requested === 'auto' && noHardwareGpu)) return new CpuBackend();
  // Imported on demand, so CPU-only programs and bundles never load the WebGPU backend.
  const { createWebGpuBackend } = await import('./webgpu/backend.js');
  const gpu = await createWebGpuBackend({ requireHardware: requested === 'auto' });
  if (gpu) {
    if (requested === 'auto') announce(`running on ${gpu.description}`);
    return gpu;
  }
  if (requested === 'webgpu') {
    throw new UnimplementedError(
      'No WebGPU adapter is available. In a browser, use one with WebGPU enabled (headless Chromium needs --enable-unsafe-webgpu); ' +
        'in Node on a machine without a GPU, install libvulkan1 and chromium (for its SwiftShader driver), or set VK_ICD_FILENAMES to a Vulkan ICD.',
    );
  }
  noHardwareGpu = true;
  announce('no hardware WebGPU adapter found; running on the CPU backend');
  return new CpuBackend();
};

/** Installs the backend factory (the WebGPU backend module calls this). */
export function setBackendFactory(f: BackendFactory): void {
  backendFactory = f;
}

const MAX_PLANS = 64;

/** TF1's Session: `await sess.run(fetches, feed_dict)` runs the part of the graph the fetches need. */
export class Session {
  /** The graph this session runs. */
  readonly graph: Graph;
  private readonly backendPromise: Promise<Backend>;
  private backend: Backend | null = null;
  private plans = new Map<string, Plan>();
  private closed = false;
  private queue: Promise<unknown> = Promise.resolve();
  private atRisk = new WeakMap<Plan, Operation[]>();
  private forgotten = new Set<Operation>();

  constructor(...args: Call<typeof SESSION_PARAMS>) {
    const a = parseArgs('Session', SESSION_PARAMS, args);
    if (a.target) throw new UnimplementedError(`Session target '${a.target}': tf1-ts runs in this process only (target '').`);
    this.graph = a.graph ?? get_default_graph();
    this.backendPromise = backendFactory(a.backend ?? backendOfConfig(a.config) ?? 'auto').then((b) => (this.backend = b));
    this.backendPromise.catch(() => undefined);
  }

  /** The backend in use, once ready ('cpu' or 'webgpu'). */
  async backendName(): Promise<BackendName> {
    return (await this.backendPromise).name;
  }

  /** The backend object, once ready. */
  async getBackend(): Promise<Backend> {
    return this.backendPromise;
  }

  /**
   * TF1's `run(fetches, feed_dict, options, run_metadata)`: validates everything first, then runs the cached plan.
   * Returns the fetches' structure with NDArrays for tensors and null for operations.
   */
  run<F extends Fetch>(fetches: F, ...rest: RestOf<typeof RUN_PARAMS, 1>): Promise<FetchResult<F>> {
    let a: Parsed<typeof RUN_PARAMS>;
    try {
      a = parseArgs('run', RUN_PARAMS, [fetches, ...rest]);
    } catch (e) {
      return Promise.reject(e);
    }
    const signal = a.options && !(a.options instanceof RunOptions) ? a.options.signal : undefined;
    return this.enqueue(a.fetches as Fetch, a.feed_dict, a.run_metadata ?? undefined, { signal }) as Promise<FetchResult<F>>;
  }

  /**
   * TF1's `with sess.as_default():` as a callback: inside `fn` (across its awaits, in Node), `Tensor.eval()`,
   * `Operation.run()` and `tf.get_default_session()` use this session. Returns what `fn` returns.
   */
  as_default<T>(fn: () => T): T {
    if (typeof fn !== 'function') throw new TFTypeError('as_default() takes the block to run (a function)');
    return withDefaultSession(this as unknown as SessionLike, fn);
  }

  /** Queues a run behind earlier ones (a backend runs one plan at a time). */
  private enqueue(fetches: Fetch, feed_dict: FeedDict | null | undefined, md: RunMetadata | undefined, options: RunOptionsExtra): Promise<unknown> {
    const next = this.queue.then(() => {
      if (options.signal?.aborted) throw new CancelledError('Run cancelled before it started.');
      return this.runNow(fetches, feed_dict, md);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async runNow(fetches: Fetch, feed_dict: FeedDict | null | undefined, md: RunMetadata | undefined): Promise<unknown> {
    if (this.closed) throw new RuntimeError('Attempted to use a closed Session.');
    const flat = flattenFetches(this.graph, fetches);
    const feeds = normaliseFeeds(this.graph, feed_dict);
    const key = [
      flat.elements.map((e) => e.name).join(','),
      [...feeds].map(([t, v]) => `${t.name}:${v.shape.join('x')}`).join(','),
    ].join('|');
    let plan = this.plans.get(key);
    if (!plan) {
      try {
        plan = compilePlan(this.graph, flat.elements, feeds);
      } catch (e) {
        // Planning folds constants with the kernels; what they throw is reported as a run-time error.
        throw e instanceof OpError ? e : asRunError(e, null);
      }
      if (this.plans.size >= MAX_PLANS) this.plans.delete(this.plans.keys().next().value!);
      this.plans.set(key, plan);
    }
    const backend = await this.backendPromise;
    if (this.closed) throw new RuntimeError('Attempted to use a closed Session.');
    for (const v of plan.variables) {
      if (v.reader && (!backend.isInitialized(v.op) || this.forgotten.has(v.op))) {
        throw new FailedPreconditionError(`Attempting to use uninitialized value ${v.op.name}\n\t [[{{node ${v.reader.name}}}]]`, v.reader.name);
      }
    }
    const stats = md ? md.step_stats : undefined;
    const values = await this.guardedRun(backend, plan, feeds, stats);
    return flat.rebuild(values);
  }

  /**
   * Re-runs `fetches` each time `feeds$` emits, as an Observable of results. A newer feed cancels
   * a run that has not started yet and drops the result of one in flight, so only fresh results arrive.
   */
  watch<F extends Fetch>(fetches: F, feeds$: Observable<FeedDict | null>): Observable<FetchResult<F>> {
    return feeds$.pipe(switchMap((feeds) => new Observable<FetchResult<F>>((sub) => {
      const ac = new AbortController();
      const result = this.enqueue(fetches, feeds, undefined, { signal: ac.signal });
      result.then(
        (v) => { sub.next(v as FetchResult<F>); sub.complete(); },
        (e: unknown) => (e instanceof CancelledError ? sub.complete() : sub.error(e)),
      );
      return () => ac.abort();
    })));
  }

  // A failed run changes no variable (run_guard.ts): variables the plan may write after a step that can
  // still fail are copied first and put back; one the failed run initialized counts as uninitialized again.
  private async guardedRun(backend: Backend, plan: Plan, feeds: Map<Tensor, NDArray>, stats: StepStat[] | undefined): Promise<(NDArray | null)[]> {
    let atRisk = this.atRisk.get(plan);
    if (!atRisk) this.atRisk.set(plan, (atRisk = variablesAtRisk(plan)));
    const saved = await Promise.all(atRisk.map((op) => backend.readVariable(op)));
    try {
      const values = await backend.run(plan, feeds, stats);
      if (this.forgotten.size) for (const s of plan.steps) if (s.op.type === 'Assign') this.forgotten.delete(s.op.inputs[0]!.op);
      return values;
    } catch (e) {
      for (const [i, op] of atRisk.entries()) {
        const v = saved[i];
        if (v) await backend.writeVariable(op, v);
        else this.forgotten.add(op);
      }
      throw asRunError(e, plan);
    }
  }

  /** A variable's current value without building ops (null when uninitialized). */
  async readVariable(v: RefVariable): Promise<NDArray | null> {
    if (this.closed) throw new RuntimeError('Attempted to use a closed Session.');
    // Queued like runs, so a read never sees a run half done and a save reads one consistent state.
    const read = this.queue.then(async () => {
      if (this.closed) throw new RuntimeError('Attempted to use a closed Session.');
      return this.forgotten.has(v.op) ? null : (await this.backendPromise).readVariable(v.op);
    });
    this.queue = read.catch(() => undefined);
    return read;
  }

  /** Sets a variable's value without building ops (restoring a checkpoint); the value must match its dtype and shape. */
  async writeVariable(v: RefVariable, value: NDArray): Promise<void> {
    if (this.closed) throw new RuntimeError('Attempted to use a closed Session.');
    if (!(value instanceof NDArray) || value.dtype !== v.dtype || !v.shape.is_compatible_with(new TensorShape(value.shape))) {
      const got = value instanceof NDArray ? `${value.dtype} [${value.shape.join(',')}]` : String(value);
      throw new InvalidArgumentError(`Cannot write ${got} into variable ${v.op.name} of dtype ${v.dtype} and shape ${v.shape.toBracketString()}.`, v.op.name);
    }
    const run = this.queue.then(async () => {
      if (this.closed) throw new RuntimeError('Attempted to use a closed Session.');
      this.forgotten.delete(v.op);
      return (await this.backendPromise).writeVariable(v.op, value);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Closes the session and frees its buffers; later runs raise TF1's RuntimeError. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.plans.clear();
    // After the run in flight, if any: freeing its buffers under it would fail it mid-way.
    void this.queue.then(() => this.backendPromise).then((b) => b.close(), () => undefined);
  }

  /** True once closed. */
  get _closed(): boolean {
    return this.closed;
  }
}

signed(Session, 'Session', SESSION_PARAMS);
signed(Session.prototype.run, 'Session.run', RUN_PARAMS);

/**
 * TF1's `tf.InteractiveSession(target, graph, config)`: a Session that makes itself the default session when
 * created (outside any `as_default` block), so `t.eval()` and `op.run()` need no session, until it is closed.
 */
export class InteractiveSession extends Session {
  constructor(...args: Call<typeof SESSION_PARAMS>) {
    super(...args);
    installInteractive(this as unknown as SessionLike);
  }

  override close(): void {
    uninstallInteractive(this as unknown as SessionLike);
    super.close();
  }
}
signed(InteractiveSession, 'InteractiveSession', SESSION_PARAMS);

/** Type of the values Session.run accepts as feeds' keys. */
export type FeedKey = Tensor | RefVariable | string;
