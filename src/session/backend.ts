import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import type { NDArray } from '../framework/ndarray.js';
import type { Plan } from './plan.js';

/** Names of the execution backends. */
export type BackendName = 'cpu' | 'webgpu';

/** Per-op timing of one run, as TF1's RunMetadata step stats. */
export interface StepStat {
  node_name: string;
  op: string;
  /** Wall time of the op in milliseconds (on the WebGPU backend: the host's time to record its commands). */
  ms: number;
  /** Time the op's work took on the device, in milliseconds, where the backend measures it (WebGPU with timestamp queries). */
  device_ms?: number;
}

/** What a Session needs from a backend: run a plan, own the variables' storage, and release everything on close. */
export interface Backend {
  readonly name: BackendName;
  /** A one-line description (device, adapter). */
  readonly description: string;
  /**
   * True when some value checks (integer division by zero) are made only once the whole run has executed,
   * because the backend's kernels cannot raise mid-run (WGSL): a failed run may then have run later steps too.
   */
  readonly checksAfterRun: boolean;
  /** Whether the variable of this VariableV2 op holds a value. */
  isInitialized(variable: Operation): boolean;
  /**
   * Runs the plan with validated feeds; returns the fetched values (copies owned by the caller), null for operations.
   * Reads every feed's elements before it returns (before its first await): the caller may change them afterwards.
   * `deadline` (performance.now() time) ends a while loop's run that outlives it with DeadlineExceededError.
   */
  run(plan: Plan, feeds: ReadonlyMap<Tensor, NDArray>, stats?: StepStat[], deadline?: number): Promise<(NDArray | null)[]>;
  /** A variable's value as of this call (a copy; later runs do not change it), or null when uninitialized: for savers and tests. */
  readVariable(variable: Operation): Promise<NDArray | null>;
  /** Sets a variable's value directly (restoring a checkpoint). */
  writeVariable(variable: Operation, value: NDArray): Promise<void>;
  /** Frees every buffer. */
  close(): void;
}
