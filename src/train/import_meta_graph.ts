// tf.train.import_meta_graph: a `.meta` file's graph, collections and Variables imported into the default graph, and
// the Saver its SaverDef describes.
import { get_default_graph } from '../graph/graph.js';
import { kind, opt, req, tf1 } from '../framework/args.js';
import { BOOL, STR } from '../ops/kinds.js';
import type { MetaGraphDef } from '../framework/proto/tensorflow/core/protobuf/meta_graph_pb.js';
import type { SaverDef as SaverDefProto } from '../framework/proto/tensorflow/core/protobuf/saver_pb.js';
import { isMessage } from './meta_graph.js';
import { loadMetaGraph, restoreMetaGraph } from './meta_graph_import.js';
import { Saver } from './saver.js';
import { INPUT_MAP } from '../graph/import_graph_def.js';
import { checkUnboundInputs, UNBOUND_INPUTS } from './meta_graph_scope.js';

const IMPORT_META = [
  req(
    'meta_graph_or_file',
    kind<string | MetaGraphDef>('file name or MetaGraphDef', (v) => typeof v === 'string' || isMessage(v, 'tensorflow.MetaGraphDef'), { takesObject: true }),
  ),
  opt('clear_devices', BOOL),
  opt('import_scope', STR),
  // TF1's **kwargs, which import_meta_graph hands to import_scoped_meta_graph
  opt('input_map', INPUT_MAP),
  opt('unbound_inputs_col_name', STR),
] as const;

/**
 * TF1's `tf.train.import_meta_graph(meta_graph_or_file, clear_devices, import_scope, input_map, unbound_inputs_col_name)`:
 * imports a `.meta` file's graph (names kept, or under `import_scope`) into the default graph (`g.as_default(() =>
 * ...)`, taken when called) with its collections and Variables, and returns a Saver for them (null when there are
 * none), with the SaverDef's max_to_keep. A graph exported with export_scope whose inputs came from outside it
 * imports only with an input_map naming each `$unbound_inputs_...` input.
 */
export const import_meta_graph = tf1('train.import_meta_graph', IMPORT_META, async (a): Promise<Saver | null> => {
  const graph = get_default_graph();
  const meta = await loadMetaGraph(a.meta_graph_or_file);
  checkUnboundInputs(meta.meta, a.input_map ?? null, a.unbound_inputs_col_name === undefined ? UNBOUND_INPUTS : a.unbound_inputs_col_name);
  const vars = restoreMetaGraph(meta, graph, a.import_scope ?? '', a.input_map ?? null);
  // TF1 builds the Saver from the file's SaverDef (no new nodes; its max_to_keep holds), else a new Saver.
  const saverDef = meta.meta.saverDef;
  if (!vars.length) return null;
  return new Saver(vars, saverDef ? { saver_def: scopedSaverDef(saverDef, a.import_scope ?? '') } : {});
});

/** A SaverDef whose node names are under `scope` (TF1's import_scope), as the imported graph's are. */
export function scopedSaverDef(def: SaverDefProto, scope: string): SaverDefProto {
  if (!scope) return def;
  const at = (n: string): string => (n ? `${scope}/${n}` : n);
  return { ...def, filenameTensorName: at(def.filenameTensorName), saveTensorName: at(def.saveTensorName), restoreOpName: at(def.restoreOpName) };
}
