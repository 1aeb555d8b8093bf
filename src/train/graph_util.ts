// TF1's `tf.graph_util` (python/framework/graph_util_impl.py): cutting a GraphDef down to what some nodes need,
// freezing variables into constants, and pruning training-only nodes, all on GraphDef messages.
import { clone, create } from '@bufbuild/protobuf';
import { kind, opt, req, tf1 } from '../framework/args.js';
import { AssertionError, TypeError as TFTypeError, ValueError } from '../framework/errors.js';
import type { TensorShape } from '../framework/shape.js';
import { Graph } from '../graph/graph.js';
import { GraphDefSnapshot, isGraphDefMessage, withMethods, type GraphDefMessage } from '../graph/graph_def_message.js';
import { tensorProto } from '../graph/graph_def_proto.js';
import { GraphDefSchema, type GraphDef as GraphDefProto } from '../framework/proto/tensorflow/core/framework/graph_pb.js';
import { NodeDefSchema, type NodeDef } from '../framework/proto/tensorflow/core/framework/node_def_pb.js';
import { FunctionDefLibrarySchema } from '../framework/proto/tensorflow/core/framework/function_pb.js';
import type { Session } from '../session/session.js';
import { STR } from '../ops/kinds.js';

const nodeName = (n: string): string => (n.startsWith('^') ? n.slice(1) : n.split(':')[0]!);

/** A GraphDef message (or a graph's as_graph_def() snapshot, converted); TF1's TypeError for anything else. */
function asProto(v: unknown): GraphDefProto {
  if (v instanceof GraphDefSnapshot) return v.toProto();
  if (isGraphDefMessage(v)) return v;
  throw new TFTypeError('graph_def must be a graph_pb2.GraphDef proto.');
}
const GRAPH_DEF = kind<unknown>('GraphDef', (v) => v instanceof GraphDefSnapshot || isGraphDefMessage(v), {
  takesObject: true,
  refuse: () => new TFTypeError('graph_def must be a graph_pb2.GraphDef proto.'),
});
const NAMES = kind<string[]>('list of strings', (v) => Array.isArray(v) && v.every((x) => typeof x === 'string'), {
  refuse: (v) => new TFTypeError(typeof v === 'string' ? 'dest_nodes must be a list.' : `Expected a list of node names, got ${String(v)}`),
});

const NAME_SET = kind<Iterable<string>>(
  'list or set of strings',
  (v) => (Array.isArray(v) || v instanceof Set) && [...(v as Iterable<unknown>)].every((x) => typeof x === 'string'),
);

/** TF1's extract_sub_graph on a message: the nodes `dest_nodes` reach through data and control inputs, in graph order. */
function subGraph(def: GraphDefProto, dest: readonly string[]): GraphDefProto {
  const byName = new Map<string, { node: NodeDef; seq: number }>();
  def.node.forEach((node, seq) => byName.set(nodeName(node.name), { node, seq }));
  for (const d of dest) if (!byName.has(d)) throw new AssertionError(`${d} is not in graph`);
  const keep = new Set<string>();
  const next = [...dest];
  while (next.length) {
    const n = next.pop()!;
    if (keep.has(n)) continue;
    keep.add(n);
    const entry = byName.get(n);
    // An input naming no node: TF1 raises KeyError here.
    if (!entry) throw new ValueError(`Node '${n}' is an input of the sub-graph but is not in graph_def`);
    for (const i of entry.node.input) next.push(nodeName(i));
  }
  const nodes = [...keep].map((n) => byName.get(n)!).sort((a, b) => a.seq - b.seq);
  return create(GraphDefSchema, {
    node: nodes.map((e) => clone(NodeDefSchema, e.node)),
    library: def.library ? clone(FunctionDefLibrarySchema, def.library) : undefined,
    versions: def.versions,
  });
}

/** TF1's `tf.graph_util.extract_sub_graph(graph_def, dest_nodes)`: the sub-graph that can reach any of `dest_nodes`. */
export const extract_sub_graph = tf1(
  'graph_util.extract_sub_graph',
  [req('graph_def', GRAPH_DEF), req('dest_nodes', NAMES)] as const,
  (a): GraphDefMessage => withMethods(subGraph(asProto(a.graph_def), a.dest_nodes)),
);

const SESSION = kind<Session>('Session', (v) => typeof v === 'object' && v !== null && typeof (v as Session).run === 'function' && 'graph' in v);

/**
 * TF1's `tf.graph_util.convert_variables_to_constants(sess, input_graph_def, output_node_names,
 * variable_names_whitelist, variable_names_blacklist)`: the sub-graph the outputs need, each variable in it
 * replaced by a Const holding its value in `sess` (freezing).
 */
export const convert_variables_to_constants = tf1(
  'graph_util.convert_variables_to_constants',
  [
    req('sess', SESSION),
    req('input_graph_def', GRAPH_DEF),
    req('output_node_names', NAMES),
    opt('variable_names_whitelist', NAME_SET),
    opt('variable_names_blacklist', NAME_SET),
  ] as const,
  async (a): Promise<GraphDefMessage> => {
    const inference = subGraph(asProto(a.input_graph_def), a.output_node_names);
    const white = a.variable_names_whitelist == null ? null : new Set(a.variable_names_whitelist);
    const black = a.variable_names_blacklist == null ? null : new Set(a.variable_names_blacklist);
    const names = inference.node
      .filter((n) => (n.op === 'VariableV2' || n.op === 'Variable') && !(white && !white.has(n.name)) && !(black?.has(n.name) ?? false))
      .map((n) => n.name);
    const values = names.length ? await a.sess.run(names.map((n) => `${n}:0`)) : [];
    const found = new Map(names.map((n, i) => [n, values[i]!]));
    const node = inference.node.map((n) => {
      const value = found.get(n.name);
      if (!value) return n;
      const dtype = n.attr.dtype;
      if (!dtype) throw new ValueError(`Variable node '${n.name}' has no dtype attr`);
      return create(NodeDefSchema, {
        name: n.name,
        op: 'Const',
        attr: {
          dtype,
          value: { value: { case: 'tensor', value: tensorProto({ dtype: value.dtype, shape: [...value.shape], data: value.data }, true) } },
        },
      });
    });
    return withMethods(create(GraphDefSchema, { node, library: inference.library }));
  },
);

/**
 * TF1's `tf.graph_util.remove_training_nodes(input_graph, protected_nodes)`: drops CheckNumerics nodes and splices
 * out Identity nodes that have no control inputs, joining their inputs to their consumers directly.
 */
export const remove_training_nodes = tf1(
  'graph_util.remove_training_nodes',
  [req('input_graph', GRAPH_DEF), opt('protected_nodes', NAMES)] as const,
  (a): GraphDefMessage => {
    const input = asProto(a.input_graph);
    const protectedNodes = new Set(a.protected_nodes ?? []);
    const removed = new Set(input.node.filter((n) => n.op === 'CheckNumerics' && !protectedNodes.has(n.name)).map((n) => n.name));
    const afterRemoval = input.node
      .filter((n) => !removed.has(n.name))
      .map((n) => {
        const c = clone(NodeDefSchema, n);
        c.input = n.input.filter((i) => !removed.has(i.replace(/^\^/, '')));
        return c;
      });
    const splice = new Map<string, string>();
    for (const n of afterRemoval)
      if (n.op === 'Identity' && !protectedNodes.has(n.name) && n.input.length > 0 && !n.input.some((i) => i.startsWith('^'))) splice.set(n.name, n.input[0]!);
    const node = afterRemoval
      .filter((n) => !splice.has(n.name))
      .map((n) => {
        n.input = n.input.map((full) => {
          // A cycle of Identity nodes would loop forever in TF1; here it is an error.
          const seen = new Set<string>();
          let name = full.replace(/^\^/, '');
          while (splice.has(name)) {
            if (seen.has(name)) throw new ValueError(`Identity nodes form a cycle through '${name}'`);
            seen.add(name);
            full = splice.get(name)!;
            name = full.replace(/^\^/, '');
          }
          return full;
        });
        return n;
      });
    return withMethods(create(GraphDefSchema, { node }));
  },
);

/** TF1's `tf.graph_util.tensor_shape_from_node_def_name(graph, input_name)`: the static shape of a NodeDef input (`:0` by default). */
export const tensor_shape_from_node_def_name = tf1(
  'graph_util.tensor_shape_from_node_def_name',
  [
    req(
      'graph',
      kind<Graph>('Graph', (v) => v instanceof Graph),
    ),
    req('input_name', STR),
  ] as const,
  (a): TensorShape => a.graph.get_tensor_by_name(a.input_name.includes(':') ? a.input_name : `${a.input_name}:0`).get_shape(),
);
