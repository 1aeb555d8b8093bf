// TF1 r1.12's CondContext.from_proto, WhileContext.from_proto and from_control_flow_context_def
// (control_flow_ops.py): a control-flow context rebuilt from its proto in the default graph, its ops put back in
// it, names under `import_scope`, and its nested contexts rebuilt inside it. An imported loop's Enters take the
// context's new name as their frame. Meta-graph import calls these for the `cond_context` and `while_context`
// collections (TF1's register_proto_function).
import { ValueError } from '../framework/errors.js';
import { get_default_graph } from '../graph/graph.js';
import type { Tensor } from '../graph/tensor.js';
import type { CondContextDef, ControlFlowContextDef, WhileContextDef } from '../framework/proto/tensorflow/core/protobuf/control_flow_pb.js';
import { prepend_name_scope } from '../graph/names.js';
import { CondContext } from './cond.js';
import { element, valuesFromDef, type ProtoContext } from './control_flow_values.js';
import { WhileContext } from './while_context.js';

/** Rebuilds the contexts nested in `ctx` while `ctx` is entered, as TF1's from_proto does. */
function withNested<C extends CondContext | WhileContext>(ctx: C, nested: readonly ControlFlowContextDef[], import_scope: string | null): C {
  ctx.enter();
  try {
    for (const d of nested) from_control_flow_context_def(d, import_scope);
  } finally {
    ctx.exit();
  }
  return ctx;
}

/** TF1's `CondContext.from_proto(context_def, import_scope)`: the branch's context, its ops and nested contexts back in the default graph. */
export function cond_context_from_proto(context_def: CondContextDef, import_scope: string | null = null): CondContext {
  const g = get_default_graph();
  const name = prepend_name_scope(context_def.contextName, import_scope);
  const pred = element(g, context_def.predName, import_scope);
  const pivot = element(g, context_def.pivotName, import_scope);
  const branch = context_def.branch === 0 ? 0 : 1;
  const ctx = new CondContext(pred, pivot, branch, 'cond_text', (c) => valuesFromDef(g, context_def.valuesDef, import_scope, name, c));
  return withNested(ctx, context_def.nestedContexts, import_scope);
}

/** TF1's `WhileContext.from_proto(context_def, import_scope)`: the loop's context, its ops and nested contexts back in the default graph. */
export function while_context_from_proto(context_def: WhileContextDef, import_scope: string | null = null): WhileContext {
  const g = get_default_graph();
  const el = (n: string): Tensor => element(g, n, import_scope);
  const name = prepend_name_scope(context_def.contextName, import_scope);
  const maxIter = context_def.maximumIterationsName ? el(context_def.maximumIterationsName) : null;
  const ctx = new WhileContext(g, maxIter, context_def.parallelIterations, context_def.backProp, context_def.swapMemory, name, null, (c) =>
    valuesFromDef(g, context_def.valuesDef, import_scope, name, c),
  );
  ctx.pivotForPred = el(context_def.pivotForPredName);
  ctx.pivotForBody = el(context_def.pivotForBodyName);
  ctx.pivot = el(context_def.pivotName);
  ctx.loopExits = context_def.loopExitNames.map(el);
  ctx.loopEnters = context_def.loopEnterNames.map(el);
  // Under import_scope the context's name changed: its Enters' frame follows.
  if (import_scope) {
    for (const v of ctx.values) {
      const e = g.as_graph_element(v);
      const op = 'op' in e ? e.op : e;
      if (op.type === 'Enter') g._set_attr(op, 'frame_name', ctx.name);
    }
  }
  return withNested(ctx, context_def.nestedContexts, import_scope);
}

/** TF1's `from_control_flow_context_def(context_def, import_scope)`: the cond or loop context the def holds. */
export function from_control_flow_context_def(context_def: ControlFlowContextDef, import_scope: string | null = null): ProtoContext {
  const c = context_def.ctxt;
  if (c.case === 'condCtxt') return cond_context_from_proto(c.value, import_scope);
  if (c.case === 'whileCtxt') return while_context_from_proto(c.value, import_scope);
  // TF1 raises NotImplementedError, which tf1-ts has no class for.
  throw new ValueError(`Unknown ControlFlowContextDef field: ${String(c.case)}`);
}
