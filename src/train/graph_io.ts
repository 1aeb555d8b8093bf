// tf.train.write_graph: a graph's JSON snapshot written to a file (atomically), for import_graph_def
// in another process and for the `tf1-ts graph` command.
import { Graph } from '../graph/graph.js';
import type { GraphDef } from '../graph/graph_def.js';
import { serializeGraphDef } from '../graph/graph_def_json.js';
import { TypeError as TFTypeError, UnimplementedError } from '../framework/errors.js';
import { makeDirs, nodeFs, writeAtomic } from './checkpoint_io.js';
import { kind, opt, req, tf1 } from '../framework/args.js';
import { BOOL, STR } from '../ops/kinds.js';

/**
 * TF1's `tf.train.write_graph(graph_or_graph_def, logdir, name, as_text)`: writes the GraphDef as JSON text to
 * `logdir/name`, creating `logdir` if needed, and returns that path. Only the text form exists here.
 */
export const write_graph = tf1(
  'train.write_graph',
  [
    req(
      'graph_or_graph_def',
      kind<Graph | GraphDef>('Graph or GraphDef', (v) => v instanceof Graph || (typeof v === 'object' && v !== null && Array.isArray((v as GraphDef).node))),
    ),
    req('logdir', STR),
    req('name', STR),
    opt('as_text', BOOL),
  ] as const,
  async ({ graph_or_graph_def, logdir, name, as_text }): Promise<string> => {
    if (as_text === false) throw new UnimplementedError('write_graph writes JSON text only (as_text=true); there is no binary GraphDef format in tf1-ts.');
    const def = graph_or_graph_def instanceof Graph ? graph_or_graph_def.as_graph_def() : graph_or_graph_def;
    if (!def || typeof def !== 'object' || !Array.isArray((def as GraphDef).node)) throw new TFTypeError('graph_or_graph_def must be a Graph or a GraphDef.');
    const { path } = await nodeFs();
    makeDirs(logdir);
    const file = path.join(logdir, name);
    await writeAtomic(file, new TextEncoder().encode(serializeGraphDef(def)));
    return file;
  },
);
