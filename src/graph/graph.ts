import type { OpAttrs, OpType } from '../framework/op_defs.js';
import { inferOutputs } from './infer.js';
import { checkBuilderInputs } from './check_inputs.js';
import { Operation } from './operation.js';
import { Tensor } from './tensor.js';
import { AssertionError, ValueError, TypeError as TFTypeError, RuntimeError } from '../framework/errors.js';
import type { GraphDefSnapshot } from './graph_def_message.js';
import { kind, opt, parseArgs, req, signed, tf1, type Call } from '../framework/args.js';
import { VALID_OP_NAME } from './names.js';
import { NameStack } from './name_stack.js';
import { ControlDependencyStack } from './control_deps.js';
import { asGraphElement, type GraphElementOptions } from './graph_element.js';
import type { ControlFlowContext } from './control_flow_context.js';
import { checkInputFromValidContext } from './context_check.js';
import { NodeTable } from './node_table.js';
import { SnapshotCache } from './graph_snapshot.js';
import { GraphRegistry } from './graph_registry.js';

export { GraphKeys } from './graph_keys.js';

/** A TF1 dataflow graph (`new tf.Graph()`): ops with unique names, name scopes, control dependencies and collections. */
export class Graph extends GraphRegistry {
  private _nodes = new NodeTable();
  private _names = new NameStack();
  private _control = new ControlDependencyStack();
  private _snapshots = new SnapshotCache();
  private _gradientOverrideMap = new Map<string, string>();
  private _gradientOpTypes = new Map<Operation, string>();
  private _controlFlowContext: ControlFlowContext | null = null;
  /** The graph-level random seed (`tf.set_random_seed`), or null. */
  seed: number | null = null;

  constructor(...args: []) {
    super();
    parseArgs('Graph', [], args);
  }

  /** Number of ops ever added; grows as the graph does (TF1's `graph.version`). */
  get version(): number {
    return this._nodes.ops.length;
  }

  /** All ops in creation order. */
  get_operations(): Operation[] {
    return [...this._nodes.ops];
  }

  /** The op with this name, or a ValueError/KeyError as TF1 raises. */
  get_operation_by_name(name: string): Operation {
    const op = this._nodes.get(name);
    if (!op) throw new ValueError(`The name '${name}' refers to an Operation not in the graph.`);
    return op;
  }

  /** The op with this name, or undefined. */
  _get_op(name: string): Operation | undefined {
    return this._nodes.get(name);
  }

  /** The tensor named `op:index`, with TF1's error for bad names. */
  get_tensor_by_name(name: string): Tensor {
    return this._nodes.tensor(name);
  }

  /** TF1's `unique_name(name, mark_as_used)`: scope-prefixed, case-insensitive, `_1`, `_2` suffixes. */
  unique_name(...args: Call<typeof UNIQUE_NAME>): string {
    const a = parseArgs('unique_name', UNIQUE_NAME, args);
    return this._uniqueName(a.name, a.mark_as_used ?? true);
  }

  private _uniqueName(name: string, markAsUsed: boolean): string {
    return this._names.unique(name, markAsUsed);
  }

  /** The current name scope, without a trailing slash ('' at the root). */
  get_name_scope(): string {
    return this._names.current;
  }

  /** Runs `fn` inside name scope `name` (TF1's `with g.name_scope(name) as scope:`); `fn` gets the scope string (see NameStack). */
  name_scope<T>(name: string | null, fn: (scope: string) => T): T {
    return this._names.scope(name, fn);
  }

  /**
   * Runs `fn` with control dependencies on `deps` (null clears them and the control-flow context), as TF1's `control_dependencies`: an op
   * made inside takes them unless one of its inputs was made inside the block too (it already runs after them).
   */
  control_dependencies<T>(deps: readonly (Operation | Tensor | { op: Operation })[] | null, fn: () => T): T {
    let ops: Operation[] | null = null;
    if (deps !== null) {
      if (!Array.isArray(deps)) throw new TFTypeError(`control_inputs must be a list of Operations or Tensors, got ${String(deps)}`);
      const current = this._control.current();
      ops = [];
      for (const d of deps) {
        const el = this.as_graph_element(d as object);
        const op = el instanceof Tensor ? el.op : el;
        if (!current.has(op)) {
          ops.push(op);
          current.add(op);
        }
      }
    }
    const close = this._control.open(ops);
    // TF1's control_dependencies(None) clears the control-flow context too (the ops inside are outside any cond).
    const savedContext = this._controlFlowContext;
    if (deps === null) this._controlFlowContext = null;
    try {
      return fn();
    } finally {
      close();
      this._controlFlowContext = savedContext;
    }
  }

  /**
   * TF1's `as_graph_element(obj, allow_tensor, allow_operation)`: the Tensor or Operation `obj` stands for (itself,
   * a Variable's storage, what its `_as_graph_element()` gives, or a name), with TF1's errors for anything else.
   */
  as_graph_element(obj: unknown, options: GraphElementOptions = {}): Tensor | Operation {
    return asGraphElement(this, obj, options);
  }

  /**
   * TF1's `gradient_override_map`: ops of the mapped types created inside `fn` take their gradient from the
   * rule registered under the mapped name (`tf.RegisterGradient`) instead of their own.
   */
  gradient_override_map<T>(op_type_map: Readonly<Partial<Record<OpType, string>>>, fn: () => T): T {
    const entries = Object.entries(op_type_map);
    if (entries.some(([, v]) => typeof v !== 'string')) throw new TFTypeError('op_type_map must be a dictionary mapping strings to strings');
    const saved = this._gradientOverrideMap;
    this._gradientOverrideMap = new Map([...saved, ...(entries as [string, string][])]);
    try {
      return fn();
    } finally {
      this._gradientOverrideMap = saved;
    }
  }

  /** The gradient name `op` was created under by `gradient_override_map` (TF1's `_gradient_op_type` attr), if any. */
  _gradient_op_type(op: Operation): string | undefined {
    return this._gradientOpTypes.get(op);
  }

  /**
   * Adds an op of `type` named `name` (default: the type), inferring its outputs' dtypes and shapes now; a bad
   * shape raises here. As TF1, a name ending in '/' (a name scope) is taken as it is, others are made unique.
   */
  create_op<K extends OpType>(
    type: K,
    inputs: readonly Tensor[],
    attrs: OpAttrs[K],
    name: string = type,
    extraControl: readonly Operation[] = [],
  ): Operation<K> {
    if (this._finalized) throw new RuntimeError('Graph is finalized and cannot be modified.');
    for (const t of inputs) {
      if (!(t instanceof Tensor)) throw new TFTypeError(`Input to '${type}' must be a Tensor, got ${String(t)}.`);
      if (t.graph !== this) throw new ValueError(`Tensor("${t.name}") must be from the same graph as the op '${name}'.`);
    }
    checkBuilderInputs(type, inputs);
    if (typeof name !== 'string') throw new TFTypeError(`name must be a string, got ${String(name)}`);
    const asScope = name.endsWith('/');
    const opName = asScope ? name.slice(0, -1) : this._uniqueName(name, false);
    // TF1's Operation constructor: '' (a builder given name='' resets to the root scope) and names starting
    // with '_' or '/' are not node names, and a graph holding one could not be written and read back.
    // Checked before the name is marked used, so a refused name does not turn the next try into '_1'.
    if (!VALID_OP_NAME.test(opName)) throw new ValueError(`'${opName}' is not a valid node name`);
    // TF1 checks each input's context in _control_flow_post_processing; here before anything is changed
    for (const t of inputs) checkInputFromValidContext({ name: opName, type }, this._controlFlowContext, t.op);
    if (!asScope) this._uniqueName(name, true);
    const outs = inferOutputs(type, opName, inputs, attrs);
    const control = this._control.forInputs(new Set(inputs.map((t) => t.op)));
    for (const o of extraControl) if (!control.includes(o)) control.push(o);
    const op = new Operation<K>(this, this._nodes.ops.length, opName, type, inputs, control, attrs);
    op.outputs = outs.map((o, i) => new Tensor(op, i, o.dtype, o.shape));
    this._nodes.add(opName, op);
    this._control.record(op);
    const gradType = this._gradientOverrideMap.get(type);
    if (gradType !== undefined) this._gradientOpTypes.set(op, gradType);
    // TF1's _control_flow_post_processing: inside a cond branch, the context's AddOp reads each value from outside
    // the branch through a Switch (made after the op, as TF1 makes it) and gives a source op a control input on the pivot.
    const ctx = this._controlFlowContext;
    op._control_flow_context = ctx;
    if (ctx !== null) {
      const real = inputs.length > 0 ? ctx.addInputs(inputs) : inputs;
      if (real.some((t, i) => t !== inputs[i])) op._update_inputs(real);
      ctx.addOp(op);
    }
    this._nodes.addConsumer(op);
    return op;
  }

  /** TF1's `op._update_input(index, t)`: input `index` of `op` becomes `t` (a while loop's back edge), consumers too. */
  _update_input(op: Operation, index: number, t: Tensor): void {
    this._nodes.updateInput(op, index, t);
  }

  /** TF1's `op._set_attr(name, value)`: attribute `name` of `op` becomes `value` (an imported loop's renamed frame), in later snapshots too. */
  _set_attr(op: Operation, name: string, value: unknown): void {
    (op as { attrs: unknown }).attrs = { ...op.attrs, [name]: value };
    this._snapshots.updated(op);
  }

  /** TF1's `_get_control_flow_context()`: the context ops are created in now (null outside control flow). */
  _get_control_flow_context(): ControlFlowContext | null {
    return this._controlFlowContext;
  }

  /** TF1's `_set_control_flow_context(ctx)`: entering or leaving a context. */
  _set_control_flow_context(ctx: ControlFlowContext | null): void {
    this._controlFlowContext = ctx;
  }

  /** The ops that consume `t`, in creation order. */
  consumersOf(t: Tensor): Operation[] {
    return this._nodes.consumersOf(t);
  }

  /** Runs `fn` with this graph as the default graph (TF1's `with g.as_default() as g:`); `fn` gets the graph. */
  as_default<T>(fn: (graph: Graph) => T): T {
    graphStack.push(this);
    try {
      return fn(this);
    } finally {
      graphStack.pop();
    }
  }

  /**
   * An immutable snapshot of the graph (immer), sharing unchanged nodes with earlier snapshots: TF1's
   * `as_graph_def(from_version=None, add_shapes=False)` (by position or `{ add_shapes }`); with `add_shapes` its
   * TF1 forms (SerializeToString, text) give each node its `_output_shapes`.
   */
  as_graph_def(from_version: number | null | { from_version?: number | null; add_shapes?: boolean } = null, add_shapes = false): GraphDefSnapshot {
    const shapes = typeof from_version === 'object' && from_version !== null ? from_version.add_shapes === true : add_shapes;
    const snapshot = this._snapshots.of(this._nodes.ops);
    return shapes ? snapshot.withShapes() : snapshot;
  }
}

signed(Graph, 'Graph', []);

const UNIQUE_NAME = [
  req(
    'name',
    kind<string>('string', (v) => typeof v === 'string'),
  ),
  opt(
    'mark_as_used',
    kind<boolean>('bool', (v) => typeof v === 'boolean'),
  ),
] as const;

const graphStack: Graph[] = [];
let defaultGraph = new Graph();

/** TF1's `tf.get_default_graph()`: the graph new ops go into: the innermost `as_default`, else the global default graph. */
export const get_default_graph = tf1('get_default_graph', [], () => defaultGraphNow());

function defaultGraphNow(): Graph {
  return graphStack[graphStack.length - 1] ?? defaultGraph;
}

/** TF1's `tf.reset_default_graph()`: replaces the global default graph with a fresh one; not allowed inside `as_default`. */
export const reset_default_graph = tf1('reset_default_graph', [], () => resetDefaultGraph());

function resetDefaultGraph(): void {
  if (graphStack.length > 0)
    throw new AssertionError(
      'Do not use tf.reset_default_graph() to clear nested graphs. If you need a cleared graph, exit the nesting and create a new graph.',
    );
  defaultGraph = new Graph();
}
