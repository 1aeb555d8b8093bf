// tf.summary.FileWriter (TF1's python/summary/writer/writer.py: FileWriter over SummaryToEventTransformer):
// summaries, session logs, graphs, meta graphs and run metadata as Event records in a log folder's events file.
import { clone, create, fromBinary, isMessage, toBinary } from '@bufbuild/protobuf';
import { Graph } from '../graph/graph.js';
import { GraphDefSnapshot, isGraphDefMessage } from '../graph/graph_def_message.js';
import { graphDefToProto } from '../graph/graph_def_proto.js';
import type { GraphDef as GraphDefShape } from '../graph/graph_def.js';
import { RunMetadata as SessionRunMetadata } from '../session/config.js';
import { TypeError as TFTypeError, UnimplementedError, ValueError } from '../framework/errors.js';
import { ANY, FLOAT, INT, STR } from '../ops/kinds.js';
import { kind, opt, parseArgs, req, signed, type Call } from '../framework/args.js';
import { type GraphDef as GraphDefProto, GraphDefSchema } from '../framework/proto/tensorflow/core/framework/graph_pb.js';
import { type Summary, SummarySchema } from '../framework/proto/tensorflow/core/framework/summary_pb.js';
import { type Event, EventSchema, type SessionLog, SessionLogSchema, TaggedRunMetadataSchema } from '../framework/proto/tensorflow/core/util/event_pb.js';
import { type MetaGraphDef, MetaGraphDefSchema } from '../framework/proto/tensorflow/core/protobuf/meta_graph_pb.js';
import { type RunMetadata, RunMetadataSchema } from '../framework/proto/tensorflow/core/protobuf/config_pb.js';
import { EventFileWriter } from './event_file_writer.js';

const STEP = kind<number | bigint>('int', (v) => (typeof v === 'number' && Number.isInteger(v)) || typeof v === 'bigint');
// Protobuf messages are plain objects: `takesObject` keeps one in a message's place from being read as the keywords.
const GRAPHISH = kind<unknown>('Graph or GraphDef', (v) => v !== undefined, { takesObject: true });
const WRITER_PARAMS = [
  req('logdir', STR),
  opt('graph', GRAPHISH),
  opt('max_queue', INT),
  opt('flush_secs', FLOAT),
  opt('graph_def', GRAPHISH),
  opt('filename_suffix', STR),
  opt('session', ANY),
] as const;
const SUMMARY = kind<Summary | Uint8Array>('Summary or its serialized bytes', (v) => v instanceof Uint8Array || isMessage(v, SummarySchema), {
  takesObject: true,
});
const ADD_SUMMARY = [req('summary', SUMMARY), opt('global_step', STEP)] as const;
const ADD_SESSION_LOG = [
  req(
    'session_log',
    kind<SessionLog>('SessionLog', (v) => isMessage(v, SessionLogSchema), { takesObject: true }),
  ),
  opt('global_step', STEP),
] as const;
const ADD_EVENT = [
  req(
    'event',
    kind<Event>('Event', (v) => isMessage(v, EventSchema), { takesObject: true }),
  ),
] as const;
const ADD_GRAPH = [opt('graph', GRAPHISH), opt('global_step', STEP), opt('graph_def', GRAPHISH)] as const;
const ADD_META_GRAPH = [
  req(
    'meta_graph_def',
    kind<unknown>('MetaGraphDef', () => true, { takesObject: true }),
  ),
  opt('global_step', STEP),
] as const;
const RUN_METADATA = kind<RunMetadata | SessionRunMetadata>('RunMetadata', (v) => v instanceof SessionRunMetadata || isMessage(v, RunMetadataSchema), {
  takesObject: true,
});
const ADD_RUN_METADATA = [req('run_metadata', RUN_METADATA), req('tag', STR), opt('global_step', STEP)] as const;

const isGraphDef = (v: unknown): v is GraphDefShape | GraphDefProto => v instanceof GraphDefSnapshot || isGraphDefMessage(v);

/** A GraphDef (snapshot or message) as TF's GraphDef message. */
function graphDefProto(def: GraphDefShape | GraphDefProto): GraphDefProto {
  if (isGraphDefMessage(def)) return def;
  return def instanceof GraphDefSnapshot ? def.toProto() : graphDefToProto(def as GraphDefShape);
}

/** tf1-ts's RunMetadata (the session's step stats) as TF's RunMetadata message: one device, each op's timing. */
export function runMetadataProto(md: RunMetadata | SessionRunMetadata): RunMetadata {
  if (!(md instanceof SessionRunMetadata)) return md;
  let at = 0;
  const node_stats = md.step_stats.map((s) => {
    const micros = BigInt(Math.round(s.ms * 1000));
    const start = BigInt(Math.round(at * 1000));
    at += s.ms;
    return { nodeName: s.node_name, allStartMicros: start, opEndRelMicros: micros, allEndRelMicros: micros, timelineLabel: `${s.node_name} = ${s.op}()` };
  });
  return create(RunMetadataSchema, { stepStats: { devStats: [{ device: '/job:localhost/replica:0/task:0/device:CPU:0', nodeStats: node_stats }] } });
}

/**
 * TF1's `meta_graph.create_meta_graph_def(graph_def=...)` as the FileWriter uses it: the GraphDef under an empty
 * meta_info_def, as tf.train.export_meta_graph writes it (without TF's version strings, stripped op list or the
 * default graph's collections).
 */
export function metaGraphOf(def: GraphDefProto): MetaGraphDef {
  return create(MetaGraphDefSchema, { metaInfoDef: {}, graphDef: def });
}

/**
 * TF1's `tf.summary.FileWriter(logdir, graph, max_queue, flush_secs, graph_def, filename_suffix, session)`: writes
 * Event protos to `logdir/events.out.tfevents.<secs>.<host><suffix>` for TensorBoard. Given a graph (or a GraphDef),
 * its first events after the file version are the graph and its meta graph, as TF1's.
 */
export class FileWriter {
  /** The events file's writer (TF1's `event_writer`). */
  readonly event_writer: EventFileWriter;
  private closed = false;
  private readonly seenSummaryTags = new Set<string>();
  private readonly sessionRunTags = new Set<string>();

  constructor(...args: Call<typeof WRITER_PARAMS>) {
    const a = parseArgs('FileWriter', WRITER_PARAMS, args);
    if (a.session != null)
      throw new UnimplementedError('FileWriter(session=...) writes through summary ops on the session (EventFileWriterV2), which tf1-ts does not have.');
    this.event_writer = new EventFileWriter(a.logdir, a.max_queue ?? 10, a.flush_secs ?? 120, a.filename_suffix ?? '');
    const graph = a.graph ?? null;
    const graph_def = a.graph_def ?? null;
    if (graph !== null || graph_def !== null) {
      this.add_graph(graph, null, graph_def);
      const def = graph instanceof Graph ? graph.as_graph_def({ add_shapes: true }).toProto() : graphDefProto((graph_def ?? graph) as GraphDefProto);
      this.add_meta_graph(metaGraphOf(def));
    }
  }

  private warnIfClosed(): void {
    if (this.closed) console.warn('Attempting to use a closed FileWriter. The operation will be a noop unless the FileWriter is explicitly reopened.');
  }

  private addEvent(init: Parameters<typeof create<typeof EventSchema>>[1], step: number | bigint | null | undefined): void {
    this.warnIfClosed();
    const event = create(EventSchema, { ...init, wallTime: Date.now() / 1000 });
    if (step != null) event.step = BigInt(step);
    this.event_writer.add_event(event);
  }

  /** The log folder. */
  get_logdir(...args: Call<readonly []>): string {
    parseArgs('get_logdir', [], args);
    return this.event_writer.get_logdir();
  }

  /**
   * Adds a Summary (a message, or its serialized bytes as a summary op's run returns them) at `global_step`. A value's
   * metadata is kept only the first time its tag is seen, as TF1 does to save space.
   */
  add_summary(...args: Call<typeof ADD_SUMMARY>): void {
    const { summary, global_step } = parseArgs('add_summary', ADD_SUMMARY, args);
    const summ = summary instanceof Uint8Array ? fromBinary(SummarySchema, summary) : clone(SummarySchema, summary);
    for (const value of summ.value) {
      if (!value.metadata) continue;
      if (this.seenSummaryTags.has(value.tag)) value.metadata = undefined;
      else this.seenSummaryTags.add(value.tag);
    }
    this.addEvent({ what: { case: 'summary', value: summ } }, global_step);
  }

  /** Adds a SessionLog (START, STOP, CHECKPOINT) at `global_step`. */
  add_session_log(...args: Call<typeof ADD_SESSION_LOG>): void {
    const { session_log, global_step } = parseArgs('add_session_log', ADD_SESSION_LOG, args);
    this.addEvent({ what: { case: 'sessionLog', value: session_log } }, global_step);
  }

  /** Adds an Event as it is (its wall_time and step included). */
  add_event(...args: Call<typeof ADD_EVENT>): void {
    const { event } = parseArgs('add_event', ADD_EVENT, args);
    this.warnIfClosed();
    this.event_writer.add_event(event);
  }

  /** Adds a graph (a Graph, with its shapes; or, deprecated, a GraphDef) at `global_step`. */
  add_graph(...args: Call<typeof ADD_GRAPH>): void {
    const { graph, global_step, graph_def } = parseArgs('add_graph', ADD_GRAPH, args);
    if (graph != null && graph_def != null) throw new ValueError('Please pass only graph, or graph_def (deprecated), but not both.');
    let def: GraphDefProto;
    if (graph instanceof Graph || graph_def instanceof Graph) {
      def = (graph instanceof Graph ? graph : (graph_def as Graph)).as_graph_def({ add_shapes: true }).toProto();
    } else if (isGraphDef(graph) || isGraphDef(graph_def)) {
      def = graphDefProto((isGraphDef(graph) ? graph : graph_def) as GraphDefProto);
    } else {
      throw new TFTypeError('The passed graph must be an instance of `Graph` or the deprecated `GraphDef`');
    }
    this.addEvent({ what: { case: 'graphDef', value: toBinary(GraphDefSchema, def) } }, global_step);
  }

  /** Adds a MetaGraphDef message at `global_step`. */
  add_meta_graph(...args: Call<typeof ADD_META_GRAPH>): void {
    const { meta_graph_def, global_step } = parseArgs('add_meta_graph', ADD_META_GRAPH, args);
    if (!isMessage(meta_graph_def, MetaGraphDefSchema)) {
      throw new TFTypeError(
        `meta_graph_def must be type MetaGraphDef, saw type: ${typeof meta_graph_def === 'object' && meta_graph_def !== null ? meta_graph_def.constructor.name : typeof meta_graph_def}`,
      );
    }
    this.addEvent({ what: { case: 'metaGraphDef', value: toBinary(MetaGraphDefSchema, meta_graph_def) } }, global_step);
  }

  /** Adds a run's metadata (a Session's RunMetadata or TF's message) under `tag`, which must be new. */
  add_run_metadata(...args: Call<typeof ADD_RUN_METADATA>): void {
    const { run_metadata, tag, global_step } = parseArgs('add_run_metadata', ADD_RUN_METADATA, args);
    if (this.sessionRunTags.has(tag)) throw new ValueError('The provided tag was already used for this event type');
    this.sessionRunTags.add(tag);
    const tagged = create(TaggedRunMetadataSchema, { tag, runMetadata: toBinary(RunMetadataSchema, runMetadataProto(run_metadata)) });
    this.addEvent({ what: { case: 'taggedRunMetadata', value: tagged } }, global_step);
  }

  /** Writes every pending event to the file. */
  flush(...args: Call<readonly []>): void {
    parseArgs('flush', [], args);
    this.warnIfClosed();
    this.event_writer.flush();
  }

  /** Flushes and closes the file; the writer drops events until `reopen()`. */
  close(...args: Call<readonly []>): void {
    parseArgs('close', [], args);
    this.event_writer.close();
    this.closed = true;
  }

  /** Takes events again after `close()`, into a new events file. */
  reopen(...args: Call<readonly []>): void {
    parseArgs('reopen', [], args);
    this.event_writer.reopen();
    this.closed = false;
  }
}
// Python's `with FileWriter(...) as w:` as a `using` declaration (closes the writer). Installed at run time, not declared in the
// class: a declared [Symbol.dispose] puts Symbol.dispose in the published types, which only TypeScript's esnext lib knows.
if (typeof Symbol.dispose === 'symbol')
  Object.defineProperty(FileWriter.prototype, Symbol.dispose, {
    value(this: FileWriter) {
      this.close();
    },
  });
signed(FileWriter, 'summary.FileWriter', WRITER_PARAMS);
signed(FileWriter.prototype.add_summary, 'FileWriter.add_summary', ADD_SUMMARY);
signed(FileWriter.prototype.add_session_log, 'FileWriter.add_session_log', ADD_SESSION_LOG);
signed(FileWriter.prototype.add_event, 'FileWriter.add_event', ADD_EVENT);
signed(FileWriter.prototype.add_graph, 'FileWriter.add_graph', ADD_GRAPH);
signed(FileWriter.prototype.add_meta_graph, 'FileWriter.add_meta_graph', ADD_META_GRAPH);
signed(FileWriter.prototype.add_run_metadata, 'FileWriter.add_run_metadata', ADD_RUN_METADATA);
signed(FileWriter.prototype.get_logdir, 'FileWriter.get_logdir', []);
signed(FileWriter.prototype.flush, 'FileWriter.flush', []);
signed(FileWriter.prototype.close, 'FileWriter.close', []);
signed(FileWriter.prototype.reopen, 'FileWriter.reopen', []);
