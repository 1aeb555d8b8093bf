// What TF1 r1.12's ControlFlowContext base class (control_flow_ops.py) shares between CondContext and WhileContext
// for MetaGraphDefs: the ValuesDef of the names a context has seen (`_to_values_def`, `_init_values_from_proto`,
// which also puts the named ops back in the context), and the list of contexts nested in one (`_nested_contexts`),
// which its proto carries as `nested_contexts`.
import { create } from '@bufbuild/protobuf';
import type { ControlFlowContext } from '../graph/control_flow_context.js';
import type { Graph } from '../graph/graph.js';
import { prepend_name_scope, strip_name_scope } from '../graph/names.js';
import { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import { ValuesDefSchema, type ControlFlowContextDef, type ValuesDef } from '../framework/proto/tensorflow/core/protobuf/control_flow_pb.js';

/** A context that writes itself into a ControlFlowContextDef (TF1's to_control_flow_context_def). */
export interface ProtoContext extends ControlFlowContext {
  readonly _nested_contexts: ProtoContext[];
  to_control_flow_context_def(export_scope?: string | null): ControlFlowContextDef;
}

/** What a context rebuilt from its proto starts with: its name and values (TF1's `_init_from_proto`). */
export interface RestoredValues {
  readonly name: string;
  readonly values: Set<string>;
  readonly external: Map<string, Tensor>;
}

/** A context rebuilt from its proto takes the proto's values into its own (TF1's `_init_values_from_proto`); returns its name. */
export function takeRestored(r: RestoredValues, values: Set<string>, external: Map<string, Tensor>): string {
  for (const v of r.values) values.add(v);
  for (const [k, t] of r.external) external.set(k, t);
  return r.name;
}

/** TF1's ControlFlowContext.__init__: a context made inside another is one of its nested contexts. */
export function addNested(ctx: ProtoContext): void {
  (ctx.outer_context as Partial<ProtoContext> | null)?._nested_contexts?.push(ctx);
}

/** TF1's `_to_values_def(export_scope)`: the seen names, sorted, and each external value's stand-in. */
export function toValuesDef(values: ReadonlySet<string>, external: ReadonlyMap<string, Tensor>, export_scope?: string | null): ValuesDef {
  const def = create(ValuesDefSchema, { values: [...values].sort().map((v) => strip_name_scope(v, export_scope)) });
  for (const [k, v] of external) def.externalValues[strip_name_scope(k, export_scope)] = strip_name_scope(v.name, export_scope);
  return def;
}

/**
 * TF1's `_init_values_from_proto(values_def, import_scope)`: the names under `import_scope`, the external values as
 * graph elements; every op named among the values (less the external ones) is put in `ctx`.
 */
export function valuesFromDef(
  graph: Graph,
  def: ValuesDef | undefined,
  import_scope: string | null | undefined,
  name: string,
  ctx: ControlFlowContext,
): RestoredValues {
  const values = new Set((def?.values ?? []).map((v) => prepend_name_scope(v, import_scope)));
  const external = new Map<string, Tensor>();
  for (const [k, v] of Object.entries(def?.externalValues ?? {})) {
    external.set(prepend_name_scope(k, import_scope), graph.as_graph_element(prepend_name_scope(v, import_scope)) as Tensor);
  }
  const ops = new Set([...values].filter((v) => !external.has(v)).map((v) => v.split(':')[0]!));
  for (const n of ops) {
    const el = graph.as_graph_element(n);
    (el instanceof Operation ? el : el.op)._control_flow_context = ctx;
  }
  return { name, values, external };
}

/** A tensor (or op) a context's proto names, under `import_scope`. */
export function element(graph: Graph, name: string, import_scope: string | null | undefined): Tensor {
  return graph.as_graph_element(prepend_name_scope(name, import_scope)) as Tensor;
}
