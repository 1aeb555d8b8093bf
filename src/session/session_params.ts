// The Session's parameters as TF1 names them (Session, run, make_callable), with the kinds that check them.
import { Graph } from '../graph/graph.js';
import { kind, opt, req, type Parsed } from '../framework/args.js';
import { TypeError as TFTypeError } from '../framework/errors.js';
import { pyType } from '../ops/kinds.js';
import type { BackendName } from './backend.js';
import { ConfigProto, type RunMetadata, RunOptions } from './config.js';
import type { FeedDict } from './feeds.js';

const BACKEND = kind<BackendName | 'auto'>("'cpu', 'webgpu' or 'auto'", (v) => v === 'cpu' || v === 'webgpu' || v === 'auto');
const GRAPH = kind<Graph>('Graph', (v) => v instanceof Graph, { refuse: (v) => new TFTypeError(`graph must be a tf.Graph, but got ${pyType(v)}`) });
const CONFIG = kind<ConfigProto>('ConfigProto', (v) => v instanceof ConfigProto, {
  refuse: (v) => new TFTypeError(`config must be a tf.ConfigProto, but got ${pyType(v)}`),
});
const TARGET = kind<string>('string', (v) => typeof v === 'string', { refuse: (v) => new TFTypeError(`target must be a string, but got ${pyType(v)}`) });

/**
 * TF1's `Session(target, graph, config)`, plus `backend` (not TF1's): 'cpu', 'webgpu', or 'auto' (the default:
 * WebGPU on a hardware adapter, else the CPU; a config with `device_count: { GPU: 0 }` means 'cpu').
 */
export const SESSION_PARAMS = [opt('target', TARGET), opt('graph', GRAPH), opt('config', CONFIG), opt('backend', BACKEND)] as const;

/** Options of `new tf.Session(...)`, with TF1's names. */
export type SessionOptions = Partial<Parsed<typeof SESSION_PARAMS>>;

/** A run's extra: `signal` cancels a run that has not started (not TF1's: JavaScript's own cancellation). */
export interface RunOptionsExtra {
  signal?: AbortSignal;
}

/** `run`'s options: TF1's RunOptions, or `{ signal }`. */
export const RUN_OPTIONS = kind<RunOptions | RunOptionsExtra>(
  'RunOptions',
  (v) => v instanceof RunOptions || (typeof v === 'object' && v !== null && Object.keys(v).every((k) => k === 'signal')),
  { takesObject: true },
);
const RUN_METADATA = kind<RunMetadata>('RunMetadata', (v) => typeof v === 'object' && v !== null && Array.isArray((v as RunMetadata).step_stats));
const FEEDS = kind<FeedDict>('feed_dict', (v) => typeof v === 'object' && v !== null, { takesObject: true });
const FETCHES = kind<unknown>('fetches', () => true, { takesObject: true });
/** TF1's `Session.run(fetches, feed_dict, options, run_metadata)`. */
export const RUN_PARAMS = [req('fetches', FETCHES), opt('feed_dict', FEEDS), opt('options', RUN_OPTIONS), opt('run_metadata', RUN_METADATA)] as const;
const FEED_LIST = kind<readonly unknown[]>('list', (v) => Array.isArray(v), { refuse: () => new TFTypeError('`feed_list` must be a list or tuple.') });
/** TF1's `Session.make_callable(fetches, feed_list, accept_options)`. */
export const MAKE_CALLABLE = [
  req('fetches', FETCHES),
  opt('feed_list', FEED_LIST),
  opt(
    'accept_options',
    kind<boolean>('bool', (v) => typeof v === 'boolean'),
  ),
] as const;
