// tf.train.write_graph: a graph's GraphDef written to a file (atomically) in TF1's text or binary format, for
// import_graph_def in another process (tf1-ts's or Python TF1's).
import { Graph } from '../graph/graph.js';
import type { GraphDef } from '../graph/graph_def.js';
import { toBinary } from '@bufbuild/protobuf';
import { graphDefToProto } from '../graph/graph_def_proto.js';
import { GraphDefSnapshot, isGraphDefMessage } from '../graph/graph_def_message.js';
import { toText } from '../framework/text_format.js';
import { GraphDefSchema, type GraphDef as GraphDefProto } from '../framework/proto/tensorflow/core/framework/graph_pb.js';
import { TypeError as TFTypeError } from '../framework/errors.js';
import { makeDirs, nodeFs, writeAtomic } from './checkpoint_io.js';
import { kind, opt, req, tf1 } from '../framework/args.js';
import { BOOL, STR } from '../ops/kinds.js';

/**
 * TF1's `tf.train.write_graph(graph_or_graph_def, logdir, name, as_text=True)`: writes the GraphDef (a Graph's
 * `as_graph_def()`, a snapshot or a GraphDef message) to `logdir/name` in protobuf's text format (`.pbtxt`), or in
 * its binary format (`.pb`) with `as_text=false`, creating `logdir` if needed, and returns that path.
 */
export const write_graph = tf1(
  'train.write_graph',
  [
    req(
      'graph_or_graph_def',
      kind<Graph | GraphDef | GraphDefProto>(
        'Graph or GraphDef',
        (v) => v instanceof Graph || (typeof v === 'object' && v !== null && Array.isArray((v as GraphDef).node)),
      ),
    ),
    req('logdir', STR),
    req('name', STR),
    opt('as_text', BOOL),
  ] as const,
  async ({ graph_or_graph_def, logdir, name, as_text }): Promise<string> => {
    const def = graph_or_graph_def instanceof Graph ? graph_or_graph_def.as_graph_def() : graph_or_graph_def;
    if (!def || typeof def !== 'object' || !Array.isArray((def as GraphDef).node)) throw new TFTypeError('graph_or_graph_def must be a Graph or a GraphDef.');
    const msg = isGraphDefMessage(def) ? def : def instanceof GraphDefSnapshot ? def.toProto() : graphDefToProto(def as GraphDef);
    const bytes = as_text === false ? toBinary(GraphDefSchema, msg) : new TextEncoder().encode(toText(GraphDefSchema, msg));
    const { path } = await nodeFs();
    makeDirs(logdir);
    const file = path.join(logdir, name);
    await writeAtomic(file, bytes);
    return file;
  },
);
