import { produce, freeze, castDraft } from 'immer';
import type { OpAttrs, OpType } from '../ops/types.js';
import { inferOutputs } from '../ops/shapes/infer.js';
import { checkBuilderInputs } from '../ops/check_inputs.js';
import { Operation } from './operation.js';
import { Tensor } from './tensor.js';
import { ValueError, TypeError as TFTypeError, RuntimeError } from './errors.js';
import { nodeDefOf, type GraphDef } from './graph_def.js';
import { parseArgs, signed, tf1 } from './args.js';
import { VALID_OP_NAME, VALID_SCOPE_NAME } from './names.js';

/** TF1's standard collection keys (`tf.GraphKeys`). */
export const GraphKeys = {
  GLOBAL_VARIABLES: 'variables',
  TRAINABLE_VARIABLES: 'trainable_variables',
  LOCAL_VARIABLES: 'local_variables',
  TRAIN_OP: 'train_op',
} as const;

/** A TF1 dataflow graph (`new tf.Graph()`): ops with unique names, name scopes, control dependencies and collections. */
export class Graph {
  private _ops: Operation[] = [];
  private _byName = new Map<string, Operation>();
  private _namesInUse = new Map<string, number>();
  private _nameStack = '';
  private _controlStack: Operation[][] = [];
  private _collections = new Map<string, unknown[]>();
  private _consumers = new Map<Tensor, Operation[]>();
  private _finalized = false;
  private _snapshot: GraphDef = freeze({ node: [], versions: { producer: 27 } }, true);
  private _snapshotCount = 0;
  private _gradientOverrideMap = new Map<string, string>();
  private _gradientOpTypes = new Map<Operation, string>();
  /** The graph-level random seed (`tf.set_random_seed`), or null. */
  seed: number | null = null;

  constructor(...args: []) {
    parseArgs('Graph', [], args);
  }

  /** Number of ops ever added; grows as the graph does (TF1's `graph.version`). */
  get version(): number {
    return this._ops.length;
  }

  /** All ops in creation order. */
  get_operations(): Operation[] {
    return [...this._ops];
  }

  /** The op with this name, or a ValueError/KeyError as TF1 raises. */
  get_operation_by_name(name: string): Operation {
    const op = this._byName.get(name);
    if (!op) throw new ValueError(`The name '${name}' refers to an Operation not in the graph.`);
    return op;
  }

  /** The op with this name, or undefined. */
  _get_op(name: string): Operation | undefined {
    return this._byName.get(name);
  }

  /** The tensor named `op:index`, with TF1's error for bad names. */
  get_tensor_by_name(name: string): Tensor {
    const m = /^(.*):(\d+)$/.exec(name);
    if (!m) {
      throw new ValueError(`The name '${name}' looks a like an Operation name, not a Tensor name. Tensor names must be of the form "<op_name>:<output_index>".`);
    }
    const opName = m[1]!;
    const idx = Number(m[2]);
    const op = this._byName.get(opName);
    if (!op) throw new ValueError(`The name '${name}' refers to a Tensor which does not exist. The operation, '${opName}', does not exist in the graph.`);
    const t = op.outputs[idx];
    if (!t) throw new ValueError(`The name '${name}' refers to a Tensor which does not exist. The operation, '${opName}', exists but only has ${op.outputs.length} outputs.`);
    return t;
  }

  /** TF1's `unique_name`: scope-prefixed, case-insensitive, `_1`, `_2` suffixes. */
  unique_name(name: string, markAsUsed = true): string {
    if (this._nameStack) name = `${this._nameStack}/${name}`;
    let key = name.toLowerCase();
    let i = this._namesInUse.get(key) ?? 0;
    if (markAsUsed) this._namesInUse.set(key, i + 1);
    if (i > 0) {
      const base = key;
      while (this._namesInUse.has(key)) key = `${base}_${i++}`;
      if (markAsUsed) this._namesInUse.set(key, 1);
      name = `${name}_${i - 1}`;
    }
    return name;
  }

  /** The current name scope, with a trailing slash ('' at the root). */
  get_name_scope(): string {
    return this._nameStack;
  }

  /**
   * Runs `fn` inside name scope `name` (TF1's `with tf.name_scope(name) as scope:`); `fn` gets the scope string.
   * As TF1: null and '' reset to the root scope (`fn` gets ''); a name ending in '/' is taken as it is, so
   * `'/'` (allowed inside a scope) also resets to the root and `fn` gets '/'.
   */
  name_scope<T>(name: string | null, fn: (scope: string) => T): T {
    if (name !== null && name !== undefined && typeof name !== 'string') throw new TFTypeError(`name must be a string or null, got ${String(name)}`);
    if (name) {
      const re = this._nameStack ? VALID_SCOPE_NAME : VALID_OP_NAME;
      if (!re.test(name)) throw new ValueError(`'${name}' is not a valid scope name`);
    }
    const old = this._nameStack;
    let next: string;
    if (!name) next = '';
    else if (name.endsWith('/')) next = name.slice(0, -1);
    else next = this.unique_name(name);
    this._nameStack = next;
    try {
      return fn(name ? `${next}/` : '');
    } finally {
      this._nameStack = old;
    }
  }

  /** Runs `fn` with control dependencies on `deps` (null clears them), as TF1's `control_dependencies`. */
  control_dependencies<T>(deps: readonly (Operation | Tensor)[] | null, fn: () => T): T {
    const saved = this._controlStack;
    if (deps === null) this._controlStack = [];
    else {
      const ops = deps.map((d) => (d instanceof Tensor ? d.op : d));
      for (const o of ops) if (o.graph !== this) throw new ValueError(`${o.name} must be from the same graph.`);
      this._controlStack = [...saved, ops];
    }
    try {
      return fn();
    } finally {
      this._controlStack = saved;
    }
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

  /** Adds an op of `type`, inferring its outputs' dtypes and shapes now; a bad shape raises here. */
  create_op<K extends OpType>(type: K, inputs: readonly Tensor[], attrs: OpAttrs[K], name: string, extraControl: readonly Operation[] = []): Operation<K> {
    if (this._finalized) throw new RuntimeError('Graph is finalized and cannot be modified.');
    for (const t of inputs) {
      if (!(t instanceof Tensor)) throw new TFTypeError(`Input to '${type}' must be a Tensor, got ${String(t)}.`);
      if (t.graph !== this) throw new ValueError(`Tensor("${t.name}") must be from the same graph as the op '${name}'.`);
    }
    checkBuilderInputs(type, inputs);
    if (typeof name !== 'string') throw new TFTypeError(`name must be a string, got ${String(name)}`);
    const asScope = name.endsWith('/');
    const opName = asScope ? name.slice(0, -1) : this.unique_name(name, false);
    // TF1's Operation constructor: '' (a builder given name='' resets to the root scope) and names starting
    // with '_' or '/' are not node names, and a graph holding one could not be written and read back.
    // Checked before the name is marked used, so a refused name does not turn the next try into '_1'.
    if (!VALID_OP_NAME.test(opName)) throw new ValueError(`'${opName}' is not a valid node name`);
    if (!asScope) this.unique_name(name);
    const outs = inferOutputs(type, opName, inputs, attrs);
    const inputOps = new Set(inputs.map((t) => t.op));
    const control: Operation[] = [];
    for (const o of [...this._controlStack.flat(), ...extraControl]) {
      if (!inputOps.has(o) && !control.includes(o)) control.push(o);
    }
    const op = new Operation<K>(this, this._ops.length, opName, type, inputs, control, attrs);
    op.outputs = outs.map((o, i) => new Tensor(op, i, o.dtype, o.shape));
    this._ops.push(op);
    this._byName.set(opName, op);
    const gradType = this._gradientOverrideMap.get(type);
    if (gradType !== undefined) this._gradientOpTypes.set(op, gradType);
    for (const t of inputs) {
      const list = this._consumers.get(t);
      if (list) list.push(op);
      else this._consumers.set(t, [op]);
    }
    return op;
  }

  /** The ops that consume `t`, in creation order. */
  consumersOf(t: Tensor): Operation[] {
    return [...(this._consumers.get(t) ?? [])];
  }

  /** Appends `value` to collection `name`. */
  add_to_collection(name: string, value: unknown): void {
    const list = this._collections.get(name);
    if (list) list.push(value);
    else this._collections.set(name, [value]);
  }

  /** A copy of collection `name` (empty when absent). */
  get_collection<T = unknown>(name: string): T[] {
    return [...((this._collections.get(name) ?? []) as T[])];
  }

  /** The names of all non-empty collections. */
  get_all_collection_keys(): string[] {
    return [...this._collections.keys()];
  }

  /** Makes the graph read-only, as TF1's `finalize()`. */
  finalize(): void {
    this._finalized = true;
  }

  /** True once finalized. */
  get finalized(): boolean {
    return this._finalized;
  }

  /** Runs `fn` with this graph as the default graph (TF1's `with g.as_default():`). */
  as_default<T>(fn: () => T): T {
    graphStack.push(this);
    try {
      return fn();
    } finally {
      graphStack.pop();
    }
  }

  /** An immutable snapshot of the graph (immer), sharing unchanged nodes with earlier snapshots. */
  as_graph_def(): GraphDef {
    if (this._snapshotCount < this._ops.length) {
      const fresh = this._ops.slice(this._snapshotCount).map(nodeDefOf);
      this._snapshot = produce(this._snapshot, (d) => {
        d.node.push(...castDraft(fresh));
      });
      this._snapshotCount = this._ops.length;
    }
    return this._snapshot;
  }
}

signed(Graph, 'Graph', []);

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
  if (graphStack.length > 0) throw new Error('Do not use tf.reset_default_graph() to clear nested graphs. If you need a cleared graph, exit the nesting and create a new graph.');
  defaultGraph = new Graph();
}
