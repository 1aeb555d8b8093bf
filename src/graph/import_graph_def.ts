// tf.import_graph_def: rebuilds the ops of a GraphDef snapshot (or its JSON) in a graph, with TF1's
// naming (a unique `import/` prefix by default), input_map and return_elements. The import is first
// rehearsed in a scratch graph, so a bad GraphDef raises before the target graph changes.
import { isPlainObject, kind, opt, req, tf1, type Call } from '../framework/args.js';
import { get_default_graph, Graph } from './graph.js';
import type { Operation } from './operation.js';
import type { Tensor } from './tensor.js';
import { RuntimeError, TypeError as TFTypeError, ValueError } from '../framework/errors.js';
import type { GraphDef, NodeDef } from './graph_def.js';
import { graphDefFromJson, parseGraphDef, type GraphDefJson } from './graph_def_json.js';
import { graphDefFromProto } from './graph_def_proto.js';
import { isGraphDefMessage } from './graph_def_message.js';
import { fromText } from '../framework/text_format.js';
import { GraphDefSchema, type GraphDef as GraphDefProto } from '../framework/proto/tensorflow/core/framework/graph_pb.js';
import { IMPORTABLE_OPS } from './import_attrs.js';
import { isValidOpName } from './names.js';
import type { OpList } from '../framework/proto/tensorflow/core/framework/op_def_pb.js';
import { INPUT, key, normaliseInputMap, parseInput, scratchMap, type Mapped } from './import_input_map.js';
import { build, isBackEdge, isObject, own, type Naming } from './import_nodes.js';

/** Options of `tf.import_graph_def`, with TF1's names; `graph` (default: the default graph) is where ops go. */
export interface ImportGraphDefOptions {
  /** Tensor names in the GraphDef (`'x:0'`, `'x'` for `x:0`, `'^x'` for a control input) mapped to existing tensors/ops. */
  input_map?: Readonly<Record<string, Tensor | Operation>> | ReadonlyMap<string, Tensor | Operation> | null;
  /** Names in the GraphDef to return: `'y:0'` gives a Tensor, `'train'` an Operation. */
  return_elements?: readonly string[] | null;
  /** The prefix of the imported names ('import', made unique); '' keeps the original names. */
  name?: string | null;
  /** The producer's OpDefs (TF1's OpList, a MetaGraphDef's stripped_op_list): the outputs of op types tf1-ts lacks. */
  producer_op_list?: OpList | null;
  graph?: Graph;
}

function nodeOk(n: unknown): boolean {
  if (!isObject(n)) return false;
  const input = own(n, 'input');
  const outputs = own(n, 'outputs');
  return (
    typeof own(n, 'name') === 'string' &&
    typeof own(n, 'op') === 'string' &&
    Array.isArray(input) &&
    input.every((s) => typeof s === 'string') &&
    isObject(own(n, 'attr')) &&
    !Array.isArray(own(n, 'attr')) &&
    (outputs === undefined || Array.isArray(outputs))
  );
}

function toGraphDef(g: unknown, opList: OpList | null): GraphDef {
  // A string is JSON (a document, `{...}`) or TF1's text format (a .pbtxt file's text).
  if (typeof g === 'string' && /^\s*\{/.test(g)) return parseGraphDef(g, { ops: IMPORTABLE_OPS });
  if (typeof g === 'string') return graphDefFromProto(fromText(GraphDefSchema, g), opList);
  if (isGraphDefMessage(g)) return graphDefFromProto(g, opList);
  if (isObject(g) && Object.hasOwn(g, 'format')) return graphDefFromJson(g, { ops: IMPORTABLE_OPS });
  const node = isObject(g) ? own(g, 'node') : undefined;
  if (!Array.isArray(node) || !node.every(nodeOk)) throw new TFTypeError('graph_def must be a GraphDef proto.');
  return g as unknown as GraphDef;
}

/** The nodes ordered so each comes after its (unmapped) inputs, back edges aside; TF1's errors for unknown inputs and cycles. */
function topoOrder(def: GraphDef, inputMap: Mapped): NodeDef[] {
  const byName = new Map<string, NodeDef>();
  for (const n of def.node) {
    if (!isValidOpName(n.name)) throw new ValueError(`Node '${n.name}': Node name contains invalid characters`);
    if (byName.has(n.name)) throw new ValueError(`Duplicate node name in graph: '${n.name}'`);
    byName.set(n.name, n);
  }
  const deps = new Map<NodeDef, NodeDef[]>();
  for (const n of def.node) {
    const d: NodeDef[] = [];
    for (const s of n.input) {
      const i = parseInput(s, n.name);
      const mapped = inputMap.has(key(i));
      const src = byName.get(i.op);
      // A mapped input need not name a node of the GraphDef (TF1's GraphConstructor maps it first): export_scope's
      // `$unbound_inputs_...` inputs are such.
      if (!src && mapped) continue;
      if (!src) throw new ValueError(`Node '${n.name}': Unknown input node '${s}'`);
      if (!mapped && !isBackEdge(n, src)) d.push(src);
    }
    deps.set(n, d);
  }
  const order: NodeDef[] = [];
  const state = new Map<NodeDef, 1 | 2>();
  for (const root of def.node) {
    // Iterative depth-first search: files may hold long chains, deeper than the call stack.
    const stack: [NodeDef, number][] = [[root, 0]];
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const [n, i] = top;
      if (i === 0) {
        if (state.get(n) === 2) {
          stack.pop();
          continue;
        }
        state.set(n, 1);
      }
      const next = deps.get(n)![i];
      if (next === undefined) {
        state.set(n, 2);
        order.push(n);
        stack.pop();
        continue;
      }
      top[1] = i + 1;
      if (state.get(next) === 1) throw new ValueError(`GraphDef has a cycle through node '${next.name}'.`);
      if (state.get(next) !== 2) stack.push([next, 0]);
    }
  }
  return order;
}

// The prefix the import will use (graph.name_scope's rules), for the rehearsal's messages; nothing is marked used.
function previewPrefix(graph: Graph, name: string): string {
  if (!name) return '';
  return name.endsWith('/') ? name.slice(0, -1) : graph.unique_name(name, false);
}

const GRAPH_DEF = kind<GraphDef | GraphDefProto | GraphDefJson | string>(
  'GraphDef',
  (v) => typeof v === 'string' || (typeof v === 'object' && v !== null && !Array.isArray(v)),
  {
    takesObject: true,
    refuse: () => new TFTypeError('graph_def must be a GraphDef proto.'),
  },
);
/** input_map's kind: a dict (object or Map) of tensor names to Tensors. */
export const INPUT_MAP = kind<NonNullable<ImportGraphDefOptions['input_map']>>('dict of Tensors', (v) => v instanceof Map || isPlainObject(v), {
  takesObject: true,
});
const NAMES = kind<readonly string[]>('list of strings', (v) => Array.isArray(v) && v.every((x) => typeof x === 'string'));
const IMPORT_PARAMS = [
  req('graph_def', GRAPH_DEF),
  opt('input_map', INPUT_MAP),
  opt('return_elements', NAMES),
  opt(
    'name',
    kind<string>('string', (v) => typeof v === 'string'),
  ),
  opt(
    'op_dict',
    kind<null>('None (deprecated)', (v) => v === null),
  ),
  opt(
    'producer_op_list',
    kind<OpList>('OpList', (v) => typeof v === 'object' && v !== null && (v as { $typeName?: unknown }).$typeName === 'tensorflow.OpList'),
  ),
] as const;

/** import_graph_def's results: the requested elements when `return_elements` is given, else null. */
interface ImportGraphDef {
  (
    graph_def: GraphDef | GraphDefProto | GraphDefJson | string,
    options: Omit<ImportGraphDefOptions, 'graph'> & { return_elements: readonly string[] },
  ): (Tensor | Operation)[];
  (...args: Call<typeof IMPORT_PARAMS>): (Tensor | Operation)[] | null;
}

/**
 * TF1's `tf.import_graph_def(graph_def, input_map, return_elements, name, op_dict, producer_op_list)`: imports a
 * GraphDef (a snapshot, its JSON document or JSON text) into the default graph and returns the requested elements.
 */
export const import_graph_def = tf1('import_graph_def', IMPORT_PARAMS, (a) =>
  importGraphDef(a.graph_def, {
    input_map: a.input_map,
    return_elements: a.return_elements,
    name: a.name,
    producer_op_list: a.producer_op_list,
    graph: get_default_graph(),
  }),
) as ImportGraphDef;

/** import_graph_def into `opts.graph` (else the default graph), for the library's own importers. */
export function importGraphDef(
  graph_def: GraphDef | GraphDefProto | GraphDefJson | string,
  opts: ImportGraphDefOptions & { return_elements: readonly string[] },
): (Tensor | Operation)[];
export function importGraphDef(graph_def: GraphDef | GraphDefProto | GraphDefJson | string, opts?: ImportGraphDefOptions): (Tensor | Operation)[] | null;
export function importGraphDef(graph_def: GraphDef | GraphDefProto | GraphDefJson | string, opts: ImportGraphDefOptions = {}): (Tensor | Operation)[] | null {
  const def = toGraphDef(graph_def, opts.producer_op_list ?? null);
  const graph = opts.graph ?? get_default_graph();
  if (graph.finalized) throw new RuntimeError('Graph is finalized and cannot be modified.');
  const inputMap = normaliseInputMap(opts.input_map, graph);
  const order = topoOrder(def, inputMap);
  const names = new Set(def.node.map((n) => n.name));
  const returns = (opts.return_elements ?? []).map((r) => {
    const m = typeof r === 'string' ? INPUT.exec(r) : null;
    if (!m || m[1] || !names.has(m[2]!)) throw new ValueError(`Requested return_element '${String(r)}' not found in graph_def.`);
    return { op: m[2]!, index: m[3] === undefined ? null : Number(m[3]) };
  });

  const used = new Set<string>();
  const scratch = new Graph();
  const real = new Map<Tensor, Tensor>();
  const preview = previewPrefix(graph, opts.name ?? 'import');
  const rehearsalNaming: Naming = {
    node: (name) => (preview ? `${preview}/${name}` : name),
    tensor: (t) => real.get(t)?.name ?? rehearsalNaming.node(t.name),
  };
  const mappedScratch = scratchMap(inputMap, scratch, real);
  const rehearsed = scratch.as_default(() => build(scratch, order, mappedScratch, '', used, rehearsalNaming));
  const unused = [...inputMap.keys()].filter((k) => !used.has(k));
  if (unused.length) throw new ValueError(`Attempted to map inputs that were not found in graph_def: [${unused.join(', ')}]`);
  for (const { op, index } of returns) {
    if (index !== null && index >= rehearsed.get(op)!.outputs.length) throw new ValueError(`Requested return_element '${op}:${index}' not found in graph_def.`);
  }

  const made = graph.as_default(() =>
    graph.name_scope(opts.name ?? 'import', (scope) =>
      build(graph, order, inputMap, scope.replace(/\/$/, ''), new Set(), { node: (n) => n, tensor: (t) => t.name }),
    ),
  );
  if (!opts.return_elements) return null;
  return returns.map(({ op, index }) => (index === null ? made.get(op)! : made.get(op)!.outputs[index]!));
}
