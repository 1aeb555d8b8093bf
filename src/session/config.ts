// TF1's ConfigProto, RunOptions and RunMetadata, as far as they mean something here: which device a
// session uses, and per-op step stats. Fields TF1 has and tf1-ts ignores are accepted (a ported program
// sets them); a field TF1 does not have is TF1's error, as protobuf raises it.
import { isPlainObject } from '../framework/args.js';
import { TypeError as TFTypeError, ValueError } from '../framework/errors.js';
import type { StepStat } from './backend.js';

/** A protobuf message's constructor: fields by keyword only (Python's TypeError for positional values, ValueError for unknown fields). */
function fill<T extends object>(target: T, message: string, fields: readonly string[], args: readonly unknown[]): void {
  const values = args[0];
  if (args.length > 1 || (values !== undefined && !isPlainObject(values))) throw new TFTypeError('No positional arguments allowed');
  if (values === undefined) return;
  for (const [k, v] of Object.entries(values)) {
    if (!fields.includes(k)) throw new ValueError(`Protocol message ${message} has no "${k}" field.`);
    (target as Record<string, unknown>)[k] = v;
  }
}

const CONFIG_FIELDS = [
  'device_count',
  'intra_op_parallelism_threads',
  'inter_op_parallelism_threads',
  'use_per_session_threads',
  'session_inter_op_thread_pool',
  'placement_period',
  'device_filters',
  'gpu_options',
  'allow_soft_placement',
  'log_device_placement',
  'graph_options',
  'operation_timeout_in_ms',
  'rpc_options',
  'cluster_def',
  'isolate_session_state',
  'experimental',
] as const;

/** TF1's `tf.ConfigProto(...)`: `device_count: { GPU: 0 }` keeps a session on the CPU; the other fields are accepted and ignored. */
export class ConfigProto {
  /** Devices of each type the session may use (`{ GPU: 0 }`: none). */
  device_count: Record<string, number> = {};
  /** Whether to log placement (accepted; tf1-ts places every op on the session's one device). */
  log_device_placement = false;
  /** Whether ops without a kernel on the device may fall back (accepted). */
  allow_soft_placement = false;

  constructor(...fields: [fields?: Partial<Record<(typeof CONFIG_FIELDS)[number], unknown>>]) {
    fill(this, 'ConfigProto', CONFIG_FIELDS, fields);
  }
}

/** TF1's `tf.RunOptions(...)`: a `trace_level` above NO_TRACE (`tf.RunOptions.FULL_TRACE`) fills the run's RunMetadata with step stats, as TF1; other fields are accepted. */
export class RunOptions {
  /** TF1's trace levels. */
  static readonly NO_TRACE = 0;
  static readonly SOFTWARE_TRACE = 1;
  static readonly HARDWARE_TRACE = 2;
  static readonly FULL_TRACE = 3;
  /** The requested trace level. */
  trace_level = 0;
  /** Milliseconds a run may take: a while loop's run that outlives it is DeadlineExceededError, on either backend (0: no limit). */
  timeout_in_ms = 0;

  constructor(
    ...fields: [
      fields?: {
        trace_level?: number;
        timeout_in_ms?: number;
        inter_op_thread_pool?: number;
        output_partition_graphs?: boolean;
        debug_options?: unknown;
        report_tensor_allocations_upon_oom?: boolean;
        experimental?: unknown;
      },
    ]
  ) {
    fill(this, 'RunOptions', RUN_OPTIONS_FIELDS, fields);
  }
}

/** TF1's `tf.RunMetadata()`: a traced run (RunOptions' trace_level) given one fills `step_stats` with each op's timing, in execution order. */
export class RunMetadata {
  /** Per-op timings of the run (TF1's StepStats, flattened to one list). */
  step_stats: StepStat[] = [];

  constructor(...fields: [fields?: { step_stats?: StepStat[] }]) {
    fill(this, 'RunMetadata', ['step_stats', 'cost_graph', 'partition_graphs'], fields);
  }
}

const RUN_OPTIONS_FIELDS = [
  'trace_level',
  'timeout_in_ms',
  'inter_op_thread_pool',
  'output_partition_graphs',
  'debug_options',
  'report_tensor_allocations_upon_oom',
  'experimental',
] as const;
/** Marks protobuf message classes for the API walker: their fields go by keyword only. */
// biome-ignore lint/complexity/noBannedTypes: keyed by the classes as the API walker finds them, plain functions
export const MESSAGE_FIELDS = new Map<Function, readonly string[]>([
  [ConfigProto, CONFIG_FIELDS],
  [RunOptions, RUN_OPTIONS_FIELDS],
  [RunMetadata, ['step_stats', 'cost_graph', 'partition_graphs']],
]);

/** The backend a ConfigProto asks for: the CPU when it allows no GPU. */
export function backendOfConfig(config: ConfigProto | null | undefined): 'cpu' | undefined {
  return config && config.device_count.GPU === 0 ? 'cpu' : undefined;
}
