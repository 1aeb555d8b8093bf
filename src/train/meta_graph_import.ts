// Reading TF1's MetaGraphDef: a `.meta` file (binary, else text format, as TF1's read_meta_graph_file tries them) or a
// message, checked, then imported into a graph with its collections rebuilt (TF1's import_scoped_meta_graph):
// Variables from VariableDefs, graph elements from names, strings and numbers as they were.
import { fromBinary } from '@bufbuild/protobuf';
import { GraphKeys, type Graph } from '../graph/graph.js';
import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import { ValueError } from '../framework/errors.js';
import { IOError } from '../framework/io_error.js';
import { fromText } from '../framework/text_format.js';
import { MetaGraphDefSchema, type MetaGraphDef } from '../framework/proto/tensorflow/core/protobuf/meta_graph_pb.js';
import { VariableDefSchema, type VariableDef } from '../framework/proto/tensorflow/core/framework/variable_pb.js';
import { importGraphDef, type ImportGraphDefOptions } from '../graph/import_graph_def.js';
import { RefVariable } from '../ops/variables.js';
import { readIfFile } from './checkpoint_io.js';
import { isMessage, VARIABLE_COLLECTIONS, withMetaMethods, type MetaGraphDefMessage } from './meta_graph.js';
import { isContextKey, parseContextCollection, restoreContexts, type ContextDefs } from './context_collections.js';

/**
 * Collections TF1 serializes as protos of kinds tf1-ts does not rebuild (SaverDefs, queue runners, SavedModel's
 * assets): import skips them, as TF1 skips a collection it cannot restore.
 */
const SKIPPED = new Set(['savers', 'queue_runners', 'saved_model_assets', 'unbound_inputs']);

/** A collection after checking: what import adds to the graph under its key. */
type Checked = { vars: VariableDef[] } | { names: string[] } | { values: (string | number)[] } | { contexts: ContextDefs };

interface CheckedMeta {
  meta: MetaGraphDefMessage;
  collections: Map<string, Checked>;
}

const utf8 = new TextDecoder();

/** Parses and checks a MetaGraphDef: every name a collection holds must name an element of its graph. */
function check(meta: MetaGraphDef, source: string): CheckedMeta {
  const nodes = new Map((meta.graphDef?.node ?? []).map((n) => [n.name, n.op]));
  const tensorOf = (name: string, types?: readonly string[]): boolean => {
    const m = /^(.+):(\d+)$/.exec(name);
    return !!m && nodes.has(m[1]!) && (types === undefined || types.includes(nodes.get(m[1]!)!));
  };
  const collections = new Map<string, Checked>();
  for (const [k, c] of Object.entries(meta.collectionDef)) {
    if (SKIPPED.has(k)) continue;
    const bad = () => new ValueError(`${source}: collection '${k}' is malformed.`);
    const kind = c.kind;
    if (isContextKey(k) && kind.case === 'bytesList') {
      const contexts = parseContextCollection(k, kind.value.value, (n) => nodes.has(n) || tensorOf(n));
      if (!contexts) throw bad();
      collections.set(k, { contexts });
    } else if (kind.case === 'nodeList') {
      if (!kind.value.value.every((n) => nodes.has(n) || tensorOf(n))) throw bad();
      collections.set(k, { names: [...kind.value.value] });
    } else if (kind.case === 'bytesList' && VARIABLE_COLLECTIONS.has(k)) {
      const vars = kind.value.value.map((b) => {
        try {
          return fromBinary(VariableDefSchema, b);
        } catch {
          throw bad();
        }
      });
      // Names must refer to the right kind of element, so the rebuilt Variables are whole.
      const ok = (v: VariableDef) =>
        !v.isResource &&
        tensorOf(v.variableName, ['VariableV2', 'Variable']) &&
        (v.initialValueName === '' || tensorOf(v.initialValueName)) &&
        tensorOf(v.snapshotName) &&
        nodes.has(v.initializerName);
      if (!vars.every(ok)) throw bad();
      collections.set(k, { vars });
    } else if (kind.case === 'bytesList') {
      collections.set(k, { values: kind.value.value.map((b) => utf8.decode(b)) });
    } else if (kind.case === 'int64List') {
      if (!kind.value.value.every((n) => n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER))) throw bad();
      collections.set(k, { values: kind.value.value.map(Number) });
    } else if (kind.case === 'floatList') {
      collections.set(k, { values: [...kind.value.value] });
    }
    // any_list and empty collections hold nothing tf1-ts rebuilds.
  }
  return { meta: withMetaMethods(meta), collections };
}

/** TF1's read_meta_graph_file: the binary message, else the text format; IOError when it is neither. */
function parse(bytes: Uint8Array, source: string): MetaGraphDef {
  try {
    return fromBinary(MetaGraphDefSchema, bytes);
  } catch {
    // Not binary: TF1 then tries the text format.
  }
  try {
    return fromText(MetaGraphDefSchema, new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (e) {
    throw new IOError(`Cannot parse file ${source}: ${(e as Error).message}.`);
  }
}

/** The MetaGraphDef in a file, or given as a message, checked; ValueError naming the source when malformed. */
export async function loadMetaGraph(meta_graph_or_file: string | MetaGraphDef): Promise<CheckedMeta> {
  if (typeof meta_graph_or_file !== 'string') {
    if (!isMessage(meta_graph_or_file, 'tensorflow.MetaGraphDef')) throw new ValueError('Expected a MetaGraphDef message or a file name.');
    return check(meta_graph_or_file, 'the MetaGraphDef');
  }
  const bytes = await readIfFile(meta_graph_or_file);
  if (bytes === null) throw new IOError(`File ${meta_graph_or_file} does not exist.`);
  return check(parse(bytes, meta_graph_or_file), meta_graph_or_file);
}

/**
 * Imports a checked MetaGraphDef into `graph` (names kept, or under `import_scope`), rebuilds its collections with
 * real Variables, and returns the global variables, for `import_meta_graph`'s Saver.
 */
export function restoreMetaGraph(checked: CheckedMeta, graph: Graph, import_scope = '', input_map: ImportGraphDefOptions['input_map'] = null): RefVariable[] {
  const wanted = new Set<string>();
  for (const c of checked.collections.values()) {
    if ('vars' in c)
      for (const v of c.vars) [v.variableName, v.initialValueName, v.initializerName, v.snapshotName].filter(Boolean).forEach((n) => wanted.add(n));
    else if ('names' in c) c.names.forEach((n) => wanted.add(n));
  }
  const names = [...wanted];
  const def = checked.meta.graphDef;
  if (!def) throw new ValueError('The MetaGraphDef has no graph_def.');
  // TF1's scope_to_prepend_to_names: the prefix the import gives the names (made unique as its name scope is)
  const prefix = import_scope ? graph.unique_name(import_scope, false) : '';
  const found = importGraphDef(def, {
    graph,
    name: import_scope,
    input_map,
    return_elements: names,
    producer_op_list: checked.meta.metaInfoDef?.strippedOpList ?? null,
  });
  const el = new Map(names.map((n, i) => [n, found[i]!]));
  const byVarName = new Map<string, RefVariable>();
  const listed = checked.collections.get(GraphKeys.TRAINABLE_VARIABLES);
  const trainable = new Set(listed && 'vars' in listed ? listed.vars.map((v) => v.variableName) : []);
  const variable = (v: VariableDef): RefVariable => {
    let rv = byVarName.get(v.variableName);
    if (!rv) {
      const ref = el.get(v.variableName) as Tensor;
      const init = el.get(v.initializerName) as Operation;
      // VariableDefs written before TF added initial_value_name (and trainable) leave them out: the initial value is
      // then what the initializer assigns, and trainability is membership of trainable_variables.
      const initial = v.initialValueName ? (el.get(v.initialValueName) as Tensor) : (init.inputs[1] ?? ref);
      rv = new RefVariable(ref, initial, init, el.get(v.snapshotName) as Tensor, v.trainable || trainable.has(v.variableName));
      byVarName.set(v.variableName, rv);
    }
    return rv;
  };
  for (const [k, c] of checked.collections) {
    if ('vars' in c) for (const v of c.vars) graph.add_to_collection(k, variable(v));
    else if ('names' in c) for (const n of c.names) graph.add_to_collection(k, el.get(n));
    else if ('contexts' in c) restoreContexts(c.contexts, graph, prefix);
    else for (const x of c.values) graph.add_to_collection(k, x);
  }
  const globals = checked.collections.get(GraphKeys.GLOBAL_VARIABLES);
  return globals && 'vars' in globals ? globals.vars.map(variable) : [];
}
