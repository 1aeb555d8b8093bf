// TF1's MetaGraphDef (tensorflow/core/protobuf/meta_graph.proto): the GraphDef (with `_output_shapes`, as TF1's
// export_meta_graph writes it), the collections Python code needs to use an imported graph, and the SaverDef when
// one is given. Saver.save writes one beside each checkpoint (`<prefix>.meta`, binary as TF1 writes it), and
// `tf.train.import_meta_graph` (meta_graph_import.ts) rebuilds graph, variables and collections from it.
import { create, toBinary } from '@bufbuild/protobuf';
import { opt, tf1, kind } from '../framework/args.js';
import { ANY, BOOL, STR } from '../ops/kinds.js';
import { get_default_graph, GraphKeys, Graph } from '../graph/graph.js';
import { Operation } from '../graph/operation.js';
import { Tensor } from '../graph/tensor.js';
import { TypeError as TFTypeError, ValueError } from '../framework/errors.js';
import { toText } from '../framework/text_format.js';
import {
  CollectionDefSchema,
  MetaGraphDefSchema,
  MetaGraphDef_MetaInfoDefSchema,
  type CollectionDef,
  type MetaGraphDef,
} from '../framework/proto/tensorflow/core/protobuf/meta_graph_pb.js';
import { VariableDefSchema } from '../framework/proto/tensorflow/core/framework/variable_pb.js';
import { RefVariable } from '../ops/variables.js';
import { writeAtomic } from './checkpoint_io.js';
import { contextCollectionDef, isContextKey } from './context_collections.js';
import { inExport, scopedGraphDef, UNBOUND_INPUTS } from './meta_graph_scope.js';
import { strip_name_scope } from '../graph/names.js';
import type { GraphDef } from '../framework/proto/tensorflow/core/framework/graph_pb.js';

/** A MetaGraphDef message with TF1's methods (export_meta_graph's result). */
export type MetaGraphDefMessage = MetaGraphDef & { SerializeToString(): Uint8Array; toString(): string };

/** Gives a MetaGraphDef message Python's `SerializeToString()` and `str()`. */
export function withMetaMethods(msg: MetaGraphDef): MetaGraphDefMessage {
  if (Object.hasOwn(msg, 'SerializeToString')) return msg as MetaGraphDefMessage;
  return Object.defineProperties(msg, {
    SerializeToString: { value: () => toBinary(MetaGraphDefSchema, msg) },
    toString: { value: () => toText(MetaGraphDefSchema, msg) },
  }) as MetaGraphDefMessage;
}

/** Whether `v` is a message of the protobuf type `typeName` (`tensorflow.MetaGraphDef`, ...). */
export const isMessage = (v: unknown, typeName: string): boolean =>
  typeof v === 'object' && v !== null && (v as { $typeName?: unknown }).$typeName === typeName;

/**
 * The collections whose Variables TF1 serializes as VariableDef protos (variables.py's register_proto_function);
 * the same keys rebuild Variables on import.
 */
export const VARIABLE_COLLECTIONS: ReadonlySet<string> = new Set([
  GraphKeys.GLOBAL_VARIABLES,
  GraphKeys.TRAINABLE_VARIABLES,
  GraphKeys.LOCAL_VARIABLES,
  'model_variables',
  'moving_average_variables',
  'global_step',
  'metric_variables',
]);

/** TF1's Variable.to_proto(export_scope): the names of a variable's ops and tensors, relative to the scope. */
function variableDef(v: RefVariable, scope: string | null): Uint8Array {
  const at = (name: string) => strip_name_scope(name, scope);
  return toBinary(
    VariableDefSchema,
    create(VariableDefSchema, {
      variableName: at(v.name),
      initialValueName: at(v.initial_value.name),
      initializerName: at(v.initializer.name),
      snapshotName: at(v._snapshot.name),
      trainable: v.trainable,
    }),
  );
}

const utf8 = new TextEncoder();

/**
 * A collection as TF1's add_collection_def writes it, or null where TF1 skips it (with a warning there): Variables of
 * the variable collections as VariableDef bytes, control-flow contexts as their protos' bytes, graph elements by name, strings as bytes, integers and floats.
 */
function collectionDefOf(key: string, all: readonly unknown[], scope: string | null): CollectionDef | null {
  // TF1 drops what lies outside export_scope first (strings count as node names there).
  const items = all.filter((x) => inExport(x, scope));
  if (items.length === 0) return null;
  if (isContextKey(key)) return contextCollectionDef(key, items, scope);
  if (VARIABLE_COLLECTIONS.has(key)) {
    if (!items.every((x) => x instanceof RefVariable)) return null;
    return create(CollectionDefSchema, { kind: { case: 'bytesList', value: { value: (items as RefVariable[]).map((v) => variableDef(v, scope)) } } });
  }
  const first = items[0];
  if (first instanceof Tensor || first instanceof Operation || first instanceof RefVariable) {
    if (!items.every((x) => x instanceof Tensor || x instanceof Operation || x instanceof RefVariable)) return null;
    const names = (items as readonly { name: string }[]).map((x) => strip_name_scope(x.name, scope));
    return create(CollectionDefSchema, { kind: { case: 'nodeList', value: { value: names } } });
  }
  if (typeof first === 'string') {
    if (!items.every((x) => typeof x === 'string')) return null;
    return create(CollectionDefSchema, { kind: { case: 'bytesList', value: { value: (items as string[]).map((s) => utf8.encode(s)) } } });
  }
  if (typeof first === 'number') {
    if (!items.every((x) => typeof x === 'number')) return null;
    if (Number.isInteger(first)) {
      if (!items.every((x) => Number.isSafeInteger(x))) return null;
      return create(CollectionDefSchema, { kind: { case: 'int64List', value: { value: (items as number[]).map(BigInt) } } });
    }
    return create(CollectionDefSchema, { kind: { case: 'floatList', value: { value: items as number[] } } });
  }
  return null;
}

/** What meta_graph_def takes besides the graph (TF1's create_meta_graph_def arguments). */
export interface MetaGraphParts {
  meta_info_def?: unknown;
  saver_def?: unknown;
  collection_list?: readonly string[] | null;
  /** The GraphDef to write in place of the graph's own (export_scope's). */
  graph_def?: GraphDef;
  /** TF1's export_scope: collections hold what lies under it, their names relative to it. */
  export_scope?: string | null;
}

/** TF1's create_meta_graph_def: the MetaGraphDef message of `graph`, its collections and the given SaverDef. */
export function meta_graph_def(graph: Graph = get_default_graph(), parts: MetaGraphParts = {}): MetaGraphDefMessage {
  const meta = create(MetaGraphDefSchema, {
    metaInfoDef: isMessage(parts.meta_info_def, 'tensorflow.MetaGraphDef.MetaInfoDef')
      ? (parts.meta_info_def as MetaGraphDef['metaInfoDef'])
      : create(MetaGraphDef_MetaInfoDefSchema, {}),
    graphDef: parts.graph_def ?? graph.as_graph_def().withShapes().toProto(),
  });
  if (parts.saver_def != null) meta.saverDef = parts.saver_def as MetaGraphDef['saverDef'];
  for (const k of parts.collection_list ?? graph.get_all_collection_keys()) {
    const c = collectionDefOf(k, graph.get_collection(k), parts.export_scope || null);
    if (c) meta.collectionDef[k] = c;
  }
  return withMetaMethods(meta);
}

const message = (typeName: string, what: string) =>
  kind<unknown>(what, (v) => isMessage(v, typeName), {
    takesObject: true,
    refuse: (v) => new TFTypeError(`${what.split(' ')[0]} must be of type ${typeName.split('.').pop()}, not ${typeof v}`),
  });

const EXPORT_PARAMS = [
  opt('filename', STR),
  opt('meta_info_def', message('tensorflow.MetaGraphDef.MetaInfoDef', 'meta_info_def (a MetaInfoDef message)')),
  opt('graph_def', ANY),
  opt('saver_def', message('tensorflow.SaverDef', 'saver_def (a SaverDef message)')),
  opt(
    'collection_list',
    kind<string[]>('list of strings', (v) => Array.isArray(v) && v.every((x) => typeof x === 'string')),
  ),
  opt('as_text', BOOL),
  opt(
    'graph',
    kind<Graph>('Graph', (v) => v instanceof Graph),
  ),
  opt('export_scope', STR),
  opt('clear_devices', BOOL),
  opt('clear_extraneous_savers', BOOL),
  opt('strip_default_attrs', BOOL),
  opt('unbound_inputs_col_name', STR),
] as const;

/**
 * TF1's `tf.train.export_meta_graph(filename, meta_info_def, graph_def, saver_def, collection_list, as_text, graph, ...)`:
 * the MetaGraphDef of `graph` (else the default graph), written to `filename` when given (atomically; binary, or text
 * format with `as_text`), and returned. tf1-ts graphs place no devices, so clear_devices changes nothing.
 */
export const export_meta_graph = tf1('train.export_meta_graph', EXPORT_PARAMS, async (a): Promise<MetaGraphDefMessage> => {
  if (a.graph_def != null) throw new ValueError('export_meta_graph(graph_def=...) is not supported by tf1-ts: it exports the graph itself.');
  if (a.strip_default_attrs) throw new ValueError('export_meta_graph(strip_default_attrs=True) is not supported by tf1-ts yet.');
  const graph = a.graph ?? get_default_graph();
  const export_scope = a.export_scope || null;
  let graph_def: GraphDef | undefined;
  if (export_scope) {
    const unbound: string[] = [];
    graph_def = scopedGraphDef(graph.as_graph_def().withShapes().toProto(), export_scope, unbound);
    // TF1 lists the unbound inputs in a collection of the graph itself (cleared first), which the export then writes.
    const col = a.unbound_inputs_col_name === undefined ? UNBOUND_INPUTS : a.unbound_inputs_col_name;
    if (col) graph.get_collection_ref(col).splice(0, Number.POSITIVE_INFINITY, ...unbound);
  }
  const meta = meta_graph_def(graph, { meta_info_def: a.meta_info_def, saver_def: a.saver_def, collection_list: a.collection_list, graph_def, export_scope });
  if (a.filename) await writeAtomic(a.filename, a.as_text ? utf8.encode(meta.toString()) : meta.SerializeToString());
  return meta;
});
