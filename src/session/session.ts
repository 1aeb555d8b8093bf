import { get_default_graph, type Graph } from '../graph/graph.js';
import { parseArgs, signed, type Call, type Parsed, type RestOf } from '../framework/args.js';
import { withDefaultSession, type SessionLike } from '../graph/default_session.js';
import { backendOfConfig, ConfigProto, RunMetadata, RunOptions } from './config.js';
import { Observable, switchMap } from 'rxjs';
import { CancelledError, InvalidArgumentError, NotFoundError, OpError, RuntimeError, TypeError as TFTypeError } from '../framework/errors.js';
import { TensorShape } from '../framework/shape.js';
import { NDArray } from '../framework/ndarray.js';
import type { RefVariable } from '../ops/variables.js';
import type { Backend, BackendName } from './backend.js';
export { ConfigProto, RunMetadata, RunOptions };
import { createBackend } from './backend_choice.js';
import { MAKE_CALLABLE, RUN_PARAMS, SESSION_PARAMS } from './session_params.js';
export type { RunOptionsExtra, SessionOptions } from './session_params.js';
import { RecentFetches, type Fetch, type FetchResult, type FlatFetches } from './fetches.js';
import { makeCallable } from './callable.js';
import type { GraphDef } from '../graph/graph_def.js';
import { convertFeedList, convertFeeds, ownedFeeds, type FeedDict, type Feeds } from './feeds.js';
import type { Plan } from './plan.js';
import { PlanCache } from './plan_cache.js';
import { GuardedRunner } from './guarded_run.js';
import { RunQueue } from './run_queue.js';

/** What a run call settles before it is queued: its fetches, its converted feeds, and its plan. */
interface PreparedRun {
  flat: FlatFetches;
  feeds: Feeds;
  plan: Plan;
}

/** A callable's run arguments when it is given no options (they never change: parsed once). */
let NO_OPTIONS: Parsed<typeof RUN_PARAMS> | null = null;

/** TF1's Session: `await sess.run(fetches, feed_dict)` runs the part of the graph the fetches need. */
export class Session {
  /** The graph this session runs. */
  readonly graph: Graph;
  private readonly backendPromise: Promise<Backend>;
  private readonly queue: RunQueue;
  private readonly plans = new PlanCache();
  private closed = false;
  private readonly runner = new GuardedRunner();
  private readonly fetched = new RecentFetches();

  constructor(...args: Call<typeof SESSION_PARAMS>) {
    const a = parseArgs('Session', SESSION_PARAMS, args);
    // TF1's error for a target no session factory takes: here only the in-process one ('') exists.
    if (a.target)
      throw new NotFoundError(
        `No session factory registered for the given session options: {target: "${a.target}" config: } Registered factories are {DIRECT_SESSION}.`,
      );
    this.graph = a.graph ?? get_default_graph();
    let made: Backend | Promise<Backend>;
    try {
      made = createBackend(a.backend ?? backendOfConfig(a.config) ?? 'auto');
    } catch (e) {
      made = Promise.reject(e);
    }
    this.backendPromise = Promise.resolve(made);
    this.backendPromise.catch(() => undefined);
    this.queue = new RunQueue(made);
  }

  /** TF1's `sess.graph_def`: the session's graph as a GraphDef (a snapshot, as of this call). */
  get graph_def(): GraphDef {
    return this.graph.as_graph_def();
  }

  /**
   * TF1's `make_callable(fetches, feed_list, accept_options)`: a function that runs `fetches` (checked now when
   * there is no feed list), taking one value per `feed_list` entry, then `{ options, run_metadata }`; a Promise.
   */
  make_callable(...args: Call<typeof MAKE_CALLABLE>): (...feed_args: unknown[]) => Promise<unknown> {
    const a = parseArgs('make_callable', MAKE_CALLABLE, args);
    if (this.closed) throw new RuntimeError('Attempted to use a closed Session.');
    return makeCallable(this as never, a.fetches, a.feed_list ?? null, a.accept_options ?? false);
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
   *
   * As in TF1, the run takes its feeds' values at this call: they are validated and converted here (an error
   * comes back as a rejected Promise), and the caller may refill its arrays as soon as run() returns. A run
   * that can start at once reads them before returning (without copying them); one that must wait for
   * earlier work reads copies made here.
   */
  run<F extends Fetch>(fetches: F, ...rest: RestOf<typeof RUN_PARAMS, 1>): Promise<FetchResult<F>> {
    let call: PreparedRun;
    let a: Parsed<typeof RUN_PARAMS>;
    try {
      // the arguments as one list without a spread (which runs an iterator per call)
      const all = new Array<unknown>(rest.length + 1);
      all[0] = fetches;
      for (let i = 0; i < rest.length; i++) all[i + 1] = rest[i];
      a = parseArgs('run', RUN_PARAMS, all);
      call = this.prepare(a.fetches as Fetch, a.feed_dict);
    } catch (e) {
      return Promise.reject(this.located(e));
    }
    return this.launch(call, a) as Promise<FetchResult<F>>;
  }

  /** Queues a prepared run (at once when the queue is idle: the CPU backend then runs it inside this call). */
  private launch(call: PreparedRun, a: Parsed<typeof RUN_PARAMS>): Promise<unknown> {
    const signal = a.options && !(a.options instanceof RunOptions) ? a.options.signal : undefined;
    // As TF1's DirectSession: step stats are collected only when the options ask for a trace.
    const traced = a.options instanceof RunOptions && a.options.trace_level > RunOptions.NO_TRACE;
    const run_metadata = traced ? (a.run_metadata ?? undefined) : undefined;
    const timeout = a.options instanceof RunOptions ? a.options.timeout_in_ms : 0;
    const feeds = this.queue.idle ? call.feeds.values : ownedFeeds(call.feeds);
    const done = this.queue.schedule((backend) => {
      if (signal?.aborted) throw new CancelledError('Run cancelled before it started.');
      if (this.closed) throw new RuntimeError('Attempted to use a closed Session.');
      // TF1's DirectSession counts the timeout from the run's start
      return this.runner.execute(backend, call.plan, feeds, run_metadata, timeout > 0 ? performance.now() + timeout : undefined);
    });
    return done.then((values) => call.flat.rebuild(values), this.relocated);
  }

  /** Rethrows a run's error located (made once: a run allocates no function for it). */
  private readonly relocated = (e: unknown): never => {
    throw this.located(e);
  };

  /** TF1's checks at the call, in its order: a closed session, an empty graph, the feeds, the fetches; then the plan. */
  private prepare(fetches: unknown, feed_dict: FeedDict | null | undefined): PreparedRun {
    this.checkOpen();
    const feeds = convertFeeds(this.graph, feed_dict);
    const flat = this.fetched.get(this.graph, fetches);
    return { flat, feeds, plan: this.plans.get(flat.elements, feeds.values) };
  }

  private checkOpen(): void {
    if (this.closed) throw new RuntimeError('Attempted to use a closed Session.');
    if (this.graph.version === 0) throw new RuntimeError('The Session graph is empty.  Add operations to the graph before calling run().');
  }

  /**
   * A callable's run (make_callable): its feeds given as keys and values (paired as Python's zip pairs them), checked
   * and converted here as run() checks them, then its fetches from `fetched` (flattened once by the callable), and the
   * plan found by comparing with recent runs.
   */
  _runFlat(
    fetched: () => FlatFetches,
    feed_keys: readonly unknown[] | null,
    feed_values: readonly unknown[],
    options: unknown,
    run_metadata: unknown,
  ): Promise<unknown> {
    let call: PreparedRun;
    let a: Parsed<typeof RUN_PARAMS>;
    try {
      // a call without options parses as every such call does: parsed once
      a =
        options === undefined && run_metadata === undefined
          ? (NO_OPTIONS ??= Object.freeze(parseArgs('run', RUN_PARAMS, [null])))
          : parseArgs('run', RUN_PARAMS, [null, undefined, options as never, run_metadata as never]);
      this.checkOpen();
      const feeds = feed_keys === null ? convertFeeds(this.graph, undefined) : convertFeedList(this.graph, feed_keys, feed_values);
      const flat = fetched();
      call = { flat, feeds, plan: this.plans.get(flat.elements, feeds.values) };
    } catch (e) {
      return Promise.reject(this.located(e));
    }
    return this.launch(call, a);
  }

  /** An error about a node carries its Operation, as TF1's session attaches `e.op`. */
  private located(e: unknown): unknown {
    if (e instanceof OpError && e.op === null && e.node_name !== null) e.op = this.graph._get_op(e.node_name) ?? null;
    return e;
  }

  /**
   * TF1's `with sess.as_default():` as a callback: inside `fn` (across its awaits, in Node), `Tensor.eval()`,
   * `Operation.run()` and `tf.get_default_session()` use this session. Returns what `fn` returns.
   */
  as_default<T>(fn: () => T): T {
    if (typeof fn !== 'function') throw new TFTypeError('as_default() takes the block to run (a function)');
    return withDefaultSession(this as unknown as SessionLike, fn);
  }

  /**
   * Re-runs `fetches` each time `feeds$` emits, as an Observable of results. A newer feed cancels
   * a run that has not started yet and drops the result of one in flight, so only fresh results arrive.
   */
  watch<F extends Fetch>(fetches: F, feeds$: Observable<FeedDict | null>): Observable<FetchResult<F>> {
    return feeds$.pipe(
      switchMap(
        (feeds) =>
          new Observable<FetchResult<F>>((sub) => {
            const ac = new AbortController();
            (this.run(fetches, feeds, { signal: ac.signal }) as Promise<unknown>).then(
              (v) => {
                sub.next(v as FetchResult<F>);
                sub.complete();
              },
              (e: unknown) => (e instanceof CancelledError ? sub.complete() : sub.error(e)),
            );
            return () => ac.abort();
          }),
      ),
    );
  }

  /** A variable's current value without building ops (null when uninitialized), as of this call: queued like runs. */
  readVariable(v: RefVariable): Promise<NDArray | null> {
    if (this.closed) return Promise.reject(new RuntimeError('Attempted to use a closed Session.'));
    return this.queue.schedule((backend) => {
      if (this.closed) throw new RuntimeError('Attempted to use a closed Session.');
      return this.runner.forgotten.has(v.op) ? null : backend.readVariable(v.op);
    });
  }

  /** Sets a variable's value without building ops (restoring a checkpoint); the value must match its dtype and shape. */
  writeVariable(v: RefVariable, value: NDArray): Promise<void> {
    if (this.closed) return Promise.reject(new RuntimeError('Attempted to use a closed Session.'));
    try {
      this.checkWrite(v, value);
    } catch (e) {
      return Promise.reject(e);
    }
    // Written as it is now, like a fed value, even when the write waits behind a run.
    const own = this.queue.idle ? value : value.copy();
    return this.queue.schedule((backend) => {
      if (this.closed) throw new RuntimeError('Attempted to use a closed Session.');
      this.runner.forgotten.delete(v.op);
      return backend.writeVariable(v.op, own);
    });
  }

  /**
   * Writes variables (a checkpoint being restored) in this call's place in the queue: work called later waits
   * for `values` and the writes, work called earlier does not see them; nothing is written if `values` fails.
   */
  _writeVariablesWhenRead(values: Promise<readonly (readonly [RefVariable, NDArray])[]>): Promise<void> {
    if (this.closed) return Promise.reject(new RuntimeError('Attempted to use a closed Session.'));
    return this.queue.schedule(async (backend) => {
      const pairs = await values;
      if (this.closed) throw new RuntimeError('Attempted to use a closed Session.');
      for (const [v, value] of pairs) this.checkWrite(v, value);
      for (const [v, value] of pairs) {
        this.runner.forgotten.delete(v.op);
        await backend.writeVariable(v.op, value);
      }
    });
  }

  private checkWrite(v: RefVariable, value: NDArray): void {
    if (!(value instanceof NDArray) || value.dtype !== v.dtype || !v.shape.is_compatible_with(new TensorShape(value.shape))) {
      const got = value instanceof NDArray ? `${value.dtype} [${value.shape.join(',')}]` : String(value);
      throw new InvalidArgumentError(`Cannot write ${got} into variable ${v.op.name} of dtype ${v.dtype} and shape ${v.shape.toBracketString()}.`, v.op);
    }
  }

  /** Closes the session and frees its buffers; later runs raise TF1's RuntimeError. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.plans.clear();
    // After the run in flight, if any: freeing its buffers under it would fail it mid-way.
    void this.queue
      .drained()
      .then(() => this.backendPromise)
      .then(
        (b) => b.close(),
        () => undefined,
      );
  }

  /** True once closed. */
  get _closed(): boolean {
    return this.closed;
  }
}

signed(Session, 'Session', SESSION_PARAMS);
signed(Session.prototype.run, 'Session.run', RUN_PARAMS);
signed(Session.prototype.make_callable, 'Session.make_callable', MAKE_CALLABLE);
