// The `cond_context` and `while_context` collections in a MetaGraphDef, as TF1 r1.12 registers them
// (control_flow_ops.py's ops.register_proto_function calls): each outermost CondContext / WhileContext written as its
// CondContextDef / WhileContextDef bytes (nested contexts inside it), and rebuilt on import by from_proto, so that
// tf.gradients can be built through an imported loop or cond.
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import type { Graph } from '../graph/graph.js';
import {
  CondContextDefSchema,
  WhileContextDefSchema,
  type CondContextDef,
  type ControlFlowContextDef,
  type ValuesDef,
  type WhileContextDef,
} from '../framework/proto/tensorflow/core/protobuf/control_flow_pb.js';
import { CollectionDefSchema, type CollectionDef } from '../framework/proto/tensorflow/core/protobuf/meta_graph_pb.js';
import { CondContext } from '../ops/cond.js';
import { cond_context_from_proto, while_context_from_proto } from '../ops/control_flow_context_def.js';
import { WhileContext } from '../ops/while_context.js';

/** The keys of the context collections (TF1's GraphKeys.COND_CONTEXT and WHILE_CONTEXT). */
export type ContextKey = 'cond_context' | 'while_context';

/** A context collection read from a MetaGraphDef, checked. */
export type ContextDefs = { key: 'cond_context'; defs: CondContextDef[] } | { key: 'while_context'; defs: WhileContextDef[] };

export const isContextKey = (key: string): key is ContextKey => key === 'cond_context' || key === 'while_context';

/** TF1's add_collection_def for a context collection: each context's proto (relative to `export_scope`), as bytes; null when an item is not one. */
export function contextCollectionDef(key: ContextKey, items: readonly unknown[], export_scope: string | null = null): CollectionDef | null {
  const value: Uint8Array[] = [];
  for (const x of items) {
    // to_proto is null for a context outside export_scope, which TF1 leaves out.
    if (key === 'cond_context' && x instanceof CondContext) {
      const p = x.to_proto(export_scope);
      if (p) value.push(toBinary(CondContextDefSchema, p));
    } else if (key === 'while_context' && x instanceof WhileContext) {
      const p = x.to_proto(export_scope);
      if (p) value.push(toBinary(WhileContextDefSchema, p));
    } else return null;
  }
  return create(CollectionDefSchema, { kind: { case: 'bytesList', value: { value } } });
}

/** Whether every name a ValuesDef holds is an element of the graph (an external value's key need not be). */
const valuesOk = (v: ValuesDef | undefined, has: (name: string) => boolean): boolean =>
  !v || (v.values.every((n) => has(n) || Object.hasOwn(v.externalValues, n)) && Object.values(v.externalValues).every(has));

const nestedOk = (nested: readonly ControlFlowContextDef[], has: (name: string) => boolean): boolean =>
  nested.every((d) => (d.ctxt.case === 'condCtxt' ? condOk(d.ctxt.value, has) : d.ctxt.case === 'whileCtxt' && whileOk(d.ctxt.value, has)));

function condOk(d: CondContextDef, has: (name: string) => boolean): boolean {
  return has(d.predName) && has(d.pivotName) && (d.branch === 0 || d.branch === 1) && valuesOk(d.valuesDef, has) && nestedOk(d.nestedContexts, has);
}

function whileOk(d: WhileContextDef, has: (name: string) => boolean): boolean {
  const names = [d.pivotName, d.pivotForPredName, d.pivotForBodyName, ...d.loopExitNames, ...d.loopEnterNames];
  if (d.maximumIterationsName) names.push(d.maximumIterationsName);
  return names.every(has) && d.parallelIterations > 0 && valuesOk(d.valuesDef, has) && nestedOk(d.nestedContexts, has);
}

/**
 * A context collection's bytes parsed and checked against the graph (`has`: a node or tensor of it), so that import
 * can rebuild every context; null when malformed.
 */
export function parseContextCollection(key: ContextKey, bytes: readonly Uint8Array[], has: (name: string) => boolean): ContextDefs | null {
  try {
    if (key === 'cond_context') {
      const defs = bytes.map((b) => fromBinary(CondContextDefSchema, b));
      return defs.every((d) => condOk(d, has)) ? { key, defs } : null;
    }
    const defs = bytes.map((b) => fromBinary(WhileContextDefSchema, b));
    return defs.every((d) => whileOk(d, has)) ? { key, defs } : null;
  } catch {
    return null;
  }
}

/** Rebuilds a checked context collection in `graph` (its names under `import_scope`) and adds it to the collection. */
export function restoreContexts(c: ContextDefs, graph: Graph, import_scope: string): void {
  graph.as_default(() => {
    if (c.key === 'cond_context') for (const d of c.defs) graph.add_to_collection(c.key, cond_context_from_proto(d, import_scope || null));
    else for (const d of c.defs) graph.add_to_collection(c.key, while_context_from_proto(d, import_scope || null));
  });
}
