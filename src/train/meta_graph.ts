// TF1's MetaGraphDef, in JSON: the GraphDef plus the collections (variables, train ops) that Python code
// needs to use an imported graph. Saver.save writes one beside each checkpoint (`<prefix>.meta`), and
// `tf.train.import_meta_graph` (in saver.ts, as it returns a Saver) rebuilds graph, variables and collections in a fresh process.
import { opt, tf1, kind } from '../framework/args.js';
import { ANY, BOOL, STR } from '../ops/kinds.js';
import { get_default_graph, GraphKeys, Graph } from '../graph/graph.js';
import { Operation } from '../graph/operation.js';
import { Tensor } from '../graph/tensor.js';
import { ValueError } from '../framework/errors.js';
import { graphDefFromJson, graphDefToJson, jsonNestingDepth, MAX_GRAPH_DEF_JSON_DEPTH, type GraphDefJson } from '../graph/graph_def_json.js';
import { importGraphDef } from '../graph/import_graph_def.js';
import { IMPORTABLE_OPS } from '../graph/import_attrs.js';
import { RefVariable } from '../ops/variables.js';
import { readIfFile, writeAtomic } from './checkpoint_io.js';

/** TF1's VariableDef: the names of a variable's ops and tensors. */
export interface VariableDef {
  variable_name: string;
  initial_value_name: string;
  initializer_name: string;
  snapshot_name: string;
  trainable: boolean;
}

/** One collection: variables, or graph elements by name (TF1's CollectionDef bytes_list / node_list). */
export type CollectionDef = { variable_list: VariableDef[] } | { node_list: string[] };

/** A MetaGraphDef document. */
export interface MetaGraphDefJson {
  format: 'tf1-ts.MetaGraphDef';
  version: 1;
  graph_def: GraphDefJson;
  collection_def: Record<string, CollectionDef>;
}

const variableDef = (v: RefVariable): VariableDef => ({
  variable_name: v.name,
  initial_value_name: v.initial_value.name,
  initializer_name: v.initializer.name,
  snapshot_name: v._snapshot.name,
  trainable: v.trainable,
});

/** TF1's `export_meta_graph`: the graph and its collections of variables, tensors and ops (others are skipped, as TF1 does). */
export function meta_graph_def(graph: Graph = get_default_graph()): MetaGraphDefJson {
  const collection_def: Record<string, CollectionDef> = {};
  for (const k of graph.get_all_collection_keys()) {
    const items = graph.get_collection(k);
    if (items.length && items.every((x) => x instanceof RefVariable)) collection_def[k] = { variable_list: (items as RefVariable[]).map(variableDef) };
    else if (items.length && items.every((x) => x instanceof Tensor || x instanceof Operation))
      collection_def[k] = { node_list: (items as (Tensor | Operation)[]).map((x) => x.name) };
  }
  return { format: 'tf1-ts.MetaGraphDef', version: 1, graph_def: graphDefToJson(graph.as_graph_def()), collection_def };
}

const EXPORT_PARAMS = [
  opt('filename', STR),
  opt('meta_info_def', ANY),
  opt('graph_def', ANY),
  opt('saver_def', ANY),
  opt('collection_list', ANY),
  opt('as_text', BOOL),
  opt(
    'graph',
    kind<Graph>('Graph', (v) => v instanceof Graph),
  ),
  opt('export_scope', STR),
  opt('clear_devices', BOOL),
  opt('clear_extraneous_savers', BOOL),
  opt('strip_default_attrs', BOOL),
] as const;

/**
 * TF1's `tf.train.export_meta_graph(filename, meta_info_def, graph_def, saver_def, collection_list, as_text, graph, ...)`:
 * the MetaGraphDef of `graph` (else the default graph), written to `filename` when given (atomically, as JSON), and returned.
 * Only the graph and its collections are exported here; the other parameters are accepted and must be left unset.
 */
export const export_meta_graph = tf1('train.export_meta_graph', EXPORT_PARAMS, async (a) => {
  for (const k of ['meta_info_def', 'graph_def', 'saver_def', 'collection_list', 'export_scope'] as const) {
    if (a[k] != null) throw new ValueError(`export_meta_graph(${k}=...) is not supported by tf1-ts yet`);
  }
  const meta = meta_graph_def(a.graph ?? get_default_graph());
  if (a.filename) await writeAtomic(a.filename, new TextEncoder().encode(JSON.stringify(meta) + '\n'));
  return meta;
});

// Own properties only: a document's prototype (or a '__proto__' key) supplies nothing.
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: unknown, k: string): unknown => (isObject(o) && Object.hasOwn(o, k) ? o[k] : undefined);

function readMeta(doc: unknown, source: string): MetaGraphDefJson {
  if (!isObject(doc) || own(doc, 'format') !== 'tf1-ts.MetaGraphDef' || own(doc, 'version') !== 1 || !isObject(own(doc, 'collection_def'))) {
    throw new ValueError(`${source} is not a tf1-ts MetaGraphDef (version 1).`);
  }
  const d = doc as unknown as MetaGraphDefJson;
  const def = graphDefFromJson(own(doc, 'graph_def'), { ops: IMPORTABLE_OPS });
  const opOf = new Map(def.node.map((n) => [n.name, n.op]));
  const tensorOf = (name: string, type?: string): boolean => {
    const m = /^(.+):(\d+)$/.exec(name);
    return !!m && opOf.has(m[1]!) && (type === undefined || opOf.get(m[1]!) === type);
  };
  for (const [k, c] of Object.entries(d.collection_def)) {
    const vars = own(c, 'variable_list');
    const nodes = own(c, 'node_list');
    const strs = (o: unknown, keys: string[]) => keys.every((x) => typeof own(o, x) === 'string');
    // Names must refer to the right kind of element, so the rebuilt Variables are whole.
    const varOk = (v: unknown): boolean =>
      strs(v, ['variable_name', 'initial_value_name', 'initializer_name', 'snapshot_name']) &&
      typeof own(v, 'trainable') === 'boolean' &&
      tensorOf((v as VariableDef).variable_name, 'VariableV2') &&
      tensorOf((v as VariableDef).initial_value_name) &&
      tensorOf((v as VariableDef).snapshot_name) &&
      opOf.has((v as VariableDef).initializer_name);
    const ok = Array.isArray(vars) ? vars.every(varOk) : Array.isArray(nodes) && nodes.every((n) => typeof n === 'string' && (opOf.has(n) || tensorOf(n)));
    if (!ok || (vars !== undefined && nodes !== undefined)) throw new ValueError(`${source}: collection '${k}' is malformed.`);
  }
  return d as MetaGraphDefJson;
}

/** The MetaGraphDef in a JSON file, or given as a document, checked; ValueError naming the source when malformed. */
export async function loadMetaGraph(meta_graph_or_file: string | MetaGraphDefJson): Promise<MetaGraphDefJson> {
  if (typeof meta_graph_or_file !== 'string') return readMeta(meta_graph_or_file, 'the MetaGraphDef');
  const bytes = await readIfFile(meta_graph_or_file);
  if (bytes === null) throw new ValueError(`File ${meta_graph_or_file} does not exist.`);
  const text = new TextDecoder().decode(bytes);
  // A MetaGraphDef holds its GraphDef one level down; deeper nesting is refused before it is parsed.
  if (jsonNestingDepth(text) > MAX_GRAPH_DEF_JSON_DEPTH + 1)
    throw new ValueError(`${meta_graph_or_file} nests arrays and objects more than ${MAX_GRAPH_DEF_JSON_DEPTH + 1} levels deep; it is not a MetaGraphDef.`);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new ValueError(`${meta_graph_or_file} is not JSON (${(e as Error).message}).`);
  }
  return readMeta(doc, meta_graph_or_file);
}

/**
 * Imports a checked MetaGraphDef into `graph` (names kept, or under `import_scope`), rebuilds its collections with
 * real Variables, and returns the global variables, for `import_meta_graph`'s Saver.
 */
export function restoreMetaGraph(meta: MetaGraphDefJson, graph: Graph, import_scope = ''): RefVariable[] {
  const wanted = new Set<string>();
  for (const c of Object.values(meta.collection_def)) {
    if ('variable_list' in c)
      for (const v of c.variable_list) [v.variable_name, v.initial_value_name, v.initializer_name, v.snapshot_name].forEach((n) => wanted.add(n));
    else c.node_list.forEach((n) => wanted.add(n));
  }
  const names = [...wanted];
  const found = importGraphDef(meta.graph_def, { graph, name: import_scope, return_elements: names });
  const el = new Map(names.map((n, i) => [n, found[i]!]));
  const byVarName = new Map<string, RefVariable>();
  for (const [k, c] of Object.entries(meta.collection_def)) {
    if ('node_list' in c) {
      for (const n of c.node_list) graph.add_to_collection(k, el.get(n));
      continue;
    }
    for (const v of c.variable_list) {
      let rv = byVarName.get(v.variable_name);
      if (!rv) {
        rv = new RefVariable(
          el.get(v.variable_name) as Tensor,
          el.get(v.initial_value_name) as Tensor,
          el.get(v.initializer_name) as Operation,
          el.get(v.snapshot_name) as Tensor,
          v.trainable,
        );
        byVarName.set(v.variable_name, rv);
      }
      graph.add_to_collection(k, rv);
    }
  }
  const globals = meta.collection_def[GraphKeys.GLOBAL_VARIABLES];
  return globals && 'variable_list' in globals ? globals.variable_list.map((v) => byVarName.get(v.variable_name)!) : [];
}
