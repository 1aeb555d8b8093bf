// What every tf.layers layer is apart from its call (base.ts has the overview and Layer's one-tensor call): its
// unique name, its captured variable scope, its weights made with get_variable, its losses and update ops.
import { opt, parseArgs, req, type Call } from '../../framework/args.js';
import type { DType } from '../../framework/dtypes.js';
import { ValueError } from '../../framework/errors.js';
import { type Graph, GraphKeys, get_default_graph } from '../../graph/graph.js';
import type { Operation } from '../../graph/operation.js';
import type { Tensor } from '../../graph/tensor.js';
import { graphOf, toTensor, type TensorLike } from '../convert.js';
import { ANY, BOOL, DTYPE, SHAPE, STR } from '../kinds.js';
import { get_variable } from '../get_variable.js';
import { variable_scope, type Reuse, VariableScope } from '../variable_scope.js';
import type { RefVariable } from '../variables.js';
import { FN, INITIALIZER, LAYER_NAME, takePending } from './kinds.js';
import { assertInputCompatibility, type InputSpec, type InputSpecLike } from './input_spec.js';
import { asTensorShape, toSnakeCase } from './utils.js';

const UPDATE_OPS = GraphKeys.UPDATE_OPS;

/** A function of a tensor (an activation, a regularizer). */
export type TensorFn = (x: Tensor) => Tensor | null;
/** An initializer: an initializer object, a function `(shape, dtype, partition_info)`, or a value. */
export type InitializerLike = TensorLike | ((...a: never[]) => unknown);

const ADD_WEIGHT = [
  req('name', STR),
  req('shape', SHAPE),
  opt('dtype', DTYPE),
  opt('initializer', INITIALIZER),
  opt('regularizer', FN),
  opt('trainable', BOOL),
  opt('constraint', FN),
  opt('partitioner', ANY),
] as const;

/** Keras's per-graph layer name uids (`backend.PER_GRAPH_LAYER_NAME_UIDS`). */
const layerUids = new WeakMap<Graph, Map<string, number>>();

/** Keras's `unique_object_name(name, zero_based=False)`: `dense_1`, `dense_2`, ... per graph. */
function uniqueLayerName(base: string): string {
  const graph = get_default_graph();
  let uids = layerUids.get(graph);
  if (!uids) layerUids.set(graph, (uids = new Map()));
  const n = (uids.get(base) ?? 0) + 1;
  uids.set(base, n);
  return `${base}_${n}`;
}

/** What every layer's constructor takes (TF1's base Layer `trainable, name, dtype`, `activity_regularizer`, `_scope`, `_reuse`). */
export interface LayerOptions {
  trainable?: boolean | null;
  name?: string | VariableScope | null;
  dtype?: DType | null;
  activity_regularizer?: TensorFn | null;
  _scope?: string | VariableScope | null;
  _reuse?: Reuse | null;
}

/** The constructor's parameters (TF1's base Layer `trainable, name, dtype, activity_regularizer`). */
export const LAYER = [opt('trainable', BOOL), opt('name', LAYER_NAME), opt('dtype', DTYPE), opt('activity_regularizer', FN)] as const;

/**
 * What TF1's `tf.layers.Layer` is apart from its call: names, scopes, weights, losses and updates. Layer adds the
 * one-tensor call (`layer.apply(inputs)`); the RNN cells (`tf.nn.rnn_cell`) add their `(inputs, state)` call.
 */
export class BaseLayer {
  /** Whether the layer's variables are trainable. */
  trainable: boolean;
  /** Whether build has run (the variables exist). */
  built = false;
  /** What the input must be (checked before build and at each call), or null. */
  input_spec: InputSpec | InputSpecLike | null = null;
  /** The activity regularizer: a function of the output whose value is added to the layer's losses. */
  readonly activity_regularizer: TensorFn | null;
  protected _name: string;
  protected _base_name: string;
  protected _dtype: DType | null;
  protected _scope: VariableScope | null = null;
  protected _reuse: Reuse | null;
  protected _current_scope: VariableScope | null = null;
  protected _graph: Graph | null = null;
  protected _trainable_weights: RefVariable[] = [];
  protected _non_trainable_weights: RefVariable[] = [];
  protected _losses: Tensor[] = [];
  protected _updates: (Tensor | Operation)[] = [];

  /**
   * `tf.layers.Layer(trainable, name, dtype, activity_regularizer)`: subclasses define `build(input_shape)` (making
   * variables with add_weight) and `call(inputs, kwargs)`; `apply(inputs, kwargs)` runs them in the layer's scopes.
   */
  constructor(...args: Call<typeof LAYER>) {
    const parsed = parseArgs('Layer', LAYER, args);
    const pending = takePending();
    const o: LayerOptions = { ...parsed, ...pending, dtype: parsed.dtype ?? pending.dtype ?? null };
    this.trainable = o.trainable ?? true;
    this._dtype = o.dtype ?? null;
    this._reuse = o._reuse ?? null;
    this.activity_regularizer = o.activity_regularizer ?? null;
    const name = o.name ?? null;
    const base = toSnakeCase(this.constructor.name);
    if (name instanceof VariableScope) {
      this._base_name = name.name;
      this._name = uniqueLayerName(base);
    } else if (name) {
      this._base_name = name;
      this._name = name;
    } else {
      this._name = uniqueLayerName(base);
      this._base_name = base;
    }
    const scope = o._scope ?? null;
    if (scope) this._scope = variable_scope(scope, (s) => s);
  }

  /** The layer's name (`my_dense`, or `dense_1` for the first unnamed Dense). */
  get name(): string {
    return this._name;
  }
  /** The dtype of its variables (null until the first call takes the input's). */
  get dtype(): DType | null {
    return this._dtype;
  }
  /** The name of its variable scope; ValueError before the first call. */
  get scope_name(): string {
    if (!this._scope) {
      throw new ValueError(
        `No name available for layer scope because the layer "${this._name}" has not been used yet. The scope name  is determined the first time the layer instance is called. You must therefore call the layer before querying \`scope_name\`.`,
      );
    }
    return this._scope.name;
  }
  /** The trainable variables ([] when the layer is not trainable). */
  get trainable_weights(): RefVariable[] {
    return this.trainable ? [...this._trainable_weights] : [];
  }
  /** The variables not trained (all of them when the layer is not trainable). */
  get non_trainable_weights(): RefVariable[] {
    return this.trainable ? [...this._non_trainable_weights] : [...this._trainable_weights, ...this._non_trainable_weights];
  }
  /** trainable_weights then non_trainable_weights. */
  get weights(): RefVariable[] {
    return [...this.trainable_weights, ...this.non_trainable_weights];
  }
  /** The same as trainable_weights. */
  get trainable_variables(): RefVariable[] {
    return this.trainable_weights;
  }
  /** The same as non_trainable_weights. */
  get non_trainable_variables(): RefVariable[] {
    return this.non_trainable_weights;
  }
  /** The same as weights. */
  get variables(): RefVariable[] {
    return this.weights;
  }
  /** The losses it added (its variables' regularization losses, activity regularization). */
  get losses(): Tensor[] {
    return [...this._losses];
  }
  /** The update ops it added (batch norm's moving averages). */
  get updates(): (Tensor | Operation)[] {
    return [...this._updates];
  }

  /** Makes the variables for inputs of `input_shape` (the subclass's). */
  build(_input_shape: unknown): void {
    this.built = true;
  }
  /** TF1's `count_params()`: the number of elements of the layer's variables; ValueError before it is built. */
  count_params(): number {
    if (!this.built) {
      throw new ValueError(
        `You tried to call \`count_params\` on ${this._name}, but the layer isn't built. You can build it manually via: \`${this._name}.build(batch_input_shape)\`.`,
      );
    }
    return this.weights.reduce((n, w) => n + (w.shape.num_elements() ?? 0), 0);
  }

  /** Adds losses (to the layer and to REGULARIZATION_LOSSES, as tf.layers does). */
  add_loss(losses: Tensor | readonly Tensor[]): void {
    const list = Array.isArray(losses) ? losses : [losses as Tensor];
    const graph = get_default_graph();
    const collection = graph.get_collection_ref(GraphKeys.REGULARIZATION_LOSSES);
    for (const l of list) {
      this._losses.push(l);
      if (!collection.includes(l)) collection.push(l);
    }
  }
  /** Adds update ops (added to UPDATE_OPS after the call). */
  add_update(updates: Tensor | Operation | readonly (Tensor | Operation)[]): void {
    this._updates.push(...(Array.isArray(updates) ? updates : [updates as Tensor | Operation]));
  }

  /** TF1's `_set_scope(scope)`: captures the layer's variable scope on its first use (`scope`, else a unique `<base name>`). */
  protected _set_scope(scope: string | VariableScope | null = null): void {
    if (this._scope !== null) return;
    if (this._reuse) this._scope = variable_scope(scope ?? this._base_name, (s) => s);
    else this._scope = variable_scope(scope, { default_name: this._base_name }, (s) => s);
  }

  /** Runs `fn` in the layer's variable scope (reusing once built) and its name scope, as TF1's `__call__` and `add_weight` do. */
  protected _in_scope<T>(reuse: Reuse | null, fn: () => T): T {
    const graph = get_default_graph();
    return variable_scope(this._scope!, { reuse, auxiliary_name_scope: false }, (scope) => {
      this._current_scope = scope;
      return graph.name_scope(scope.original_name_scope, fn);
    });
  }

  /**
   * TF1's `add_weight(name, shape, dtype, initializer, regularizer, trainable, constraint, partitioner)`
   * (`add_variable` too): get_variable in the layer's scope; the regularizer's loss (in `<name>/Regularizer/`) added
   * only for a variable made here.
   */
  add_weight(...args: Call<typeof ADD_WEIGHT>): RefVariable {
    const a = parseArgs('add_weight', ADD_WEIGHT, args);
    if (a.constraint != null) throw new ValueError('Variable constraints are not supported by tf1-ts.');
    if (a.partitioner != null) throw new ValueError('Partitioned variables (partitioner) are not supported by tf1-ts.');
    const graph = get_default_graph();
    const existing = new Set(graph.get_collection(GraphKeys.GLOBAL_VARIABLES));
    const dtype = a.dtype ?? this._dtype ?? 'float32';
    this._set_scope();
    const reuse = this.built || this._reuse;
    return this._in_scope(reuse, () => {
      const trainable = (a.trainable ?? true) && this.trainable;
      const initializer = (a.initializer ?? this._current_scope!.initializer ?? null) as never;
      const v = get_variable(a.name, { shape: asTensorShape(a.shape).as_list(), dtype, initializer, trainable });
      (trainable ? this._trainable_weights : this._non_trainable_weights).push(v);
      const regularizer = a.regularizer;
      if (regularizer && !existing.has(v)) {
        const loss = graph.name_scope(`${a.name}/Regularizer`, () => regularizer(v as unknown as Tensor));
        if (loss) this.add_loss(loss);
      }
      return v;
    });
  }

  /** TF1's `add_variable(...)`: the same as add_weight. */
  add_variable(...args: Call<typeof ADD_WEIGHT>): RefVariable {
    return this.add_weight(...args);
  }

  /** Keras's `assert_input_compatibility` against the layer's input_spec. */
  protected _check_input(x: Tensor): void {
    if (this.input_spec) assertInputCompatibility(this.input_spec, x, this._name);
  }

  /**
   * The body of TF1's `Layer.__call__(inputs, scope=scope)`: in the inputs' graph, captures the scope, builds the layer
   * on its first call (from the converted input's shape), runs `body` in the layer's scopes, then adds its update
   * ops to UPDATE_OPS.
   */
  protected _call_in_scopes<T>(
    inputs: TensorLike,
    scope: string | VariableScope | null,
    body: (x: Tensor, graph: Graph) => T,
    extra: readonly unknown[] = [],
  ): T {
    const graph = graphOf([inputs, ...extra]);
    if (this._graph !== null && graph !== this._graph) {
      throw new ValueError(`Input graph and Layer graph are not the same: ${String(inputs)} must be from the same graph as the layer's inputs.`);
    }
    this._graph = graph;
    return graph.as_default(() => {
      this._set_scope(scope);
      const out = this._in_scope(this.built ? true : this._reuse, () => {
        const x = toTensor(inputs, { dtype: this._dtype ?? undefined, graph });
        if (!this.built) {
          this._check_input(x);
          this._dtype ??= x.dtype;
          this.build(x.shape);
          this.built = true;
        }
        this._check_input(x);
        return body(x, graph);
      });
      const collection = graph.get_collection_ref(UPDATE_OPS);
      for (const u of this._updates) if (!collection.includes(u)) collection.push(u);
      return out;
    });
  }
}
