// TF1's tf.layers.Layer (python/layers/base.py over keras/engine/base_layer.py, r1.12) in graph mode: a layer
// names itself uniquely per graph (`dense_1`, `dense_2`: Keras's one-based uid), captures a variable scope the
// first time it is used (`dense`, `dense_1`: the variable scope's own unique names) and makes its variables
// there with get_variable (`dense/kernel`); its ops go under the scope's name scope (`dense/MatMul`), and a
// later call reuses the variables and adds ops again (`dense/MatMul_1`).
import type { DType } from '../../framework/dtypes.js';
import { RuntimeError, ValueError } from '../../framework/errors.js';
import { TensorShape } from '../../framework/shape.js';
import { type Graph, GraphKeys, get_default_graph } from '../../graph/graph.js';
import type { Operation } from '../../graph/operation.js';
import type { Tensor } from '../../graph/tensor.js';
import { graphOf, toTensor, type TensorLike } from '../convert.js';
import { get_variable } from '../get_variable.js';
import { variable_scope, type Reuse, VariableScope } from '../variable_scope.js';
import type { RefVariable } from '../variables.js';
import { takePending } from './kinds.js';
import { pyStr, toSnakeCase } from './utils.js';

const UPDATE_OPS = GraphKeys.UPDATE_OPS;

/** A function of a tensor (an activation, a regularizer). */
export type TensorFn = (x: Tensor) => Tensor | null;
/** An initializer: an initializer object, a function `(shape, dtype, partition_info)`, or a value. */
export type InitializerLike = TensorLike | ((...a: never[]) => unknown);

/** Keras's InputSpec: what a layer's input must be (rank, and sizes along some axes). */
export interface InputSpec {
  ndim?: number;
  min_ndim?: number;
  axes?: Readonly<Record<number, number>>;
}

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

/** The keyword arguments of a call (`training` for Dropout and BatchNormalization). */
export type CallKwargs = { training?: boolean | null };

/** TF1's `tf.layers.Layer`: the base of Dense, Conv2D, MaxPooling2D, Flatten, Dropout and BatchNormalization. */
export class Layer {
  /** Whether the layer's variables are trainable. */
  trainable: boolean;
  /** Whether build has run (the variables exist). */
  built = false;
  /** What the input must be (checked before build and at each call), or null. */
  input_spec: InputSpec | null = null;
  /** The activity regularizer: a function of the output whose value is added to the layer's losses. */
  readonly activity_regularizer: TensorFn | null;
  protected _name: string;
  protected _base_name: string;
  protected _dtype: DType | null;
  protected _scope: VariableScope | null = null;
  protected _reuse: Reuse | null;
  protected _current_scope: VariableScope | null = null;
  protected _trainable_weights: RefVariable[] = [];
  protected _non_trainable_weights: RefVariable[] = [];
  protected _losses: Tensor[] = [];
  protected _updates: (Tensor | Operation)[] = [];

  constructor(given: LayerOptions) {
    const o: LayerOptions = { ...given, ...takePending() };
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
  build(_input_shape: TensorShape): void {
    this.built = true;
  }
  /** The layer's computation on a converted input (the subclass's). */
  call(_inputs: Tensor, _kwargs: CallKwargs): Tensor {
    throw new RuntimeError(`NotImplementedError: ${this.constructor.name}.call`);
  }
  /** The output shape for an input shape (the subclass's). */
  compute_output_shape(_input_shape: unknown): TensorShape {
    throw new RuntimeError(`NotImplementedError: ${this.constructor.name}.compute_output_shape`);
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

  private _set_scope(): void {
    if (this._scope !== null) return;
    if (this._reuse) this._scope = variable_scope(this._base_name, (s) => s);
    else this._scope = variable_scope(null, { default_name: this._base_name }, (s) => s);
  }

  /** Runs `fn` in the layer's variable scope (reusing once built) and its name scope, as TF1's `__call__` and `add_weight` do. */
  private _in_scope<T>(reuse: Reuse | null, fn: () => T): T {
    const graph = get_default_graph();
    return variable_scope(this._scope!, { reuse, auxiliary_name_scope: false }, (scope) => {
      this._current_scope = scope;
      return graph.name_scope(scope.original_name_scope, fn);
    });
  }

  /**
   * TF1's `add_weight(name, shape, dtype, initializer, regularizer, trainable)`: get_variable in the layer's
   * scope; the regularizer's loss (in `<name>/Regularizer/`) added only for a variable made here.
   */
  add_weight(
    name: string,
    shape: readonly (number | null)[],
    o: { dtype?: DType | null; initializer?: InitializerLike | null; regularizer?: TensorFn | null; trainable?: boolean } = {},
  ): RefVariable {
    const graph = get_default_graph();
    const existing = new Set(graph.get_collection(GraphKeys.GLOBAL_VARIABLES));
    const dtype = o.dtype ?? this._dtype ?? 'float32';
    this._set_scope();
    const reuse = this.built || this._reuse;
    return this._in_scope(reuse, () => {
      const trainable = (o.trainable ?? true) && this.trainable;
      const initializer = (o.initializer ?? this._current_scope!.initializer ?? null) as never;
      const v = get_variable(name, { shape: [...shape], dtype, initializer, trainable });
      (trainable ? this._trainable_weights : this._non_trainable_weights).push(v);
      const regularizer = o.regularizer;
      if (regularizer && !existing.has(v)) {
        const loss = graph.name_scope(`${name}/Regularizer`, () => regularizer(v as unknown as Tensor));
        if (loss) this.add_loss(loss);
      }
      return v;
    });
  }

  /** Keras's `assert_input_compatibility` against the layer's input_spec. */
  protected _check_input(x: Tensor): void {
    const spec = this.input_spec;
    if (!spec) return;
    const ndim = x.shape.ndims;
    const at = `Input 0 of layer ${this._name} is incompatible with the layer`;
    if (spec.ndim !== undefined && ndim !== null && ndim !== spec.ndim) {
      throw new ValueError(`${at}: expected ndim=${spec.ndim}, found ndim=${ndim}. Full shape received: ${pyStr(x.shape.as_list())}`);
    }
    if (spec.min_ndim !== undefined && ndim !== null && ndim < spec.min_ndim) {
      throw new ValueError(`${at}: expected min_ndim=${spec.min_ndim}, found ndim=${ndim}. Full shape received: ${pyStr(x.shape.as_list())}`);
    }
    if (spec.axes && ndim !== null) {
      for (const [axis, value] of Object.entries(spec.axes)) {
        const i = Number(axis) < 0 ? ndim + Number(axis) : Number(axis);
        const got = x.shape.dims![i] ?? null;
        if (got !== null && got !== value) {
          throw new ValueError(`${at}: expected axis ${axis} of input shape to have value ${value} but received input with shape ${x.shape}`);
        }
      }
    }
  }

  /**
   * TF1's `layer.apply(inputs, **kwargs)` (`layer(inputs)` in Python): builds the layer on its first call, then
   * adds its ops; its update ops go to UPDATE_OPS.
   */
  apply(inputs: TensorLike, kwargs: CallKwargs = {}): Tensor {
    const graph = graphOf([inputs]);
    return graph.as_default(() => {
      this._set_scope();
      const out = this._in_scope(this.built ? true : this._reuse, () => {
        const x = toTensor(inputs, { dtype: this._dtype ?? undefined, graph });
        if (!this.built) {
          this._check_input(x);
          this._dtype ??= x.dtype;
          this.build(x.shape);
          this.built = true;
        }
        this._check_input(x);
        const output = this.call(x, kwargs);
        const regularizer = this.activity_regularizer;
        if (regularizer) {
          const loss = graph.name_scope('ActivityRegularizer', () => regularizer(output));
          if (loss) this.add_loss(loss);
        }
        return output;
      });
      const collection = graph.get_collection_ref(UPDATE_OPS);
      for (const u of this._updates) if (!collection.includes(u)) collection.push(u);
      return out;
    });
  }

  /** Python's `layer(inputs, **kwargs)`: the same as apply. */
  __call__(inputs: TensorLike, kwargs: CallKwargs = {}): Tensor {
    return this.apply(inputs, kwargs);
  }
}

/** `tensor_shape.TensorShape(input_shape)` for compute_output_shape's argument (a TensorShape, a list, a tuple). */
export const asTensorShape = (s: unknown): TensorShape => (s instanceof TensorShape ? s : new TensorShape(s as (number | null)[] | null));
