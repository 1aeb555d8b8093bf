// TF1's RNN cell base classes (python/ops/rnn_cell_impl.py, r1.12): RNNCell (state_size, output_size, zero_state,
// `cell(inputs, state, scope)`), LayerRNNCell (the cells that are tf.layers Layers: variables made once, in build)
// and LSTMStateTuple. Python's `cell(inputs, state)` is `cell.__call__(inputs, state)` (or `cell.apply(...)`, as
// tf.layers' `layer.apply(inputs)`); the subclass's step is `call(inputs, state)`, as in Python.
import { opt, parseArgs, req, signed, type Call } from '../../framework/args.js';
import type { DType } from '../../framework/dtypes.js';
import { RuntimeError, TypeError as TFTypeError, ValueError } from '../../framework/errors.js';
import { TensorShape } from '../../framework/shape.js';
import { get_default_graph } from '../../graph/graph.js';
import { Tensor } from '../../graph/tensor.js';
import { constant, expand_dims, zeros } from '../array_ops.js';
import { concat } from '../array_structure_ops.js';
import type { TensorLike } from '../convert.js';
import { BOOL, DTYPE, TENSOR, isVariable, kind } from '../kinds.js';
import { LAYER_NAME } from '../layers/kinds.js';
import { BaseLayer } from '../layers/base.js';
import { flatten, map_structure } from '../nest.js';
import { get_variable_scope, variable_scope, type VariableScope } from '../variable_scope.js';

/** A cell's state: a Tensor, or a list/tuple (an LSTMStateTuple among them) of states. */
export type RNNState = Tensor | readonly RNNState[];
/** A cell's state_size or output_size: an int, a TensorShape, or a tuple of sizes. */
export type StateSize = number | TensorShape | readonly StateSize[];

const LSTM_STATE_TUPLE = [
  req(
    'c',
    kind<unknown>('any value', () => true),
  ),
  req(
    'h',
    kind<unknown>('any value', () => true),
  ),
] as const;

/**
 * TF1's `LSTMStateTuple(c, h)`: the namedtuple LSTM cells use for `state_size`, `zero_state` and their state, `c`
 * (the cell state) then `h` (the output). It is a two-element array, as nest flattens it.
 */
export class LSTMStateTuple<T = Tensor> extends Array<T> {
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }
  constructor(...args: Call<typeof LSTM_STATE_TUPLE>) {
    const a = parseArgs('LSTMStateTuple', LSTM_STATE_TUPLE, args);
    super();
    this.push(a.c as T, a.h as T);
  }
  /** The cell state. */
  get c(): T {
    return this[0]!;
  }
  /** The output. */
  get h(): T {
    return this[1]!;
  }
  /** Python namedtuple's `_make(iterable)`: the same kind of tuple of other values (nest rebuilds states with it). */
  _make<U>(items: readonly U[]): LSTMStateTuple<U> {
    return new LSTMStateTuple<U>(items[0], items[1]);
  }
  /** The state's dtype; TypeError when c and h differ. */
  get dtype(): DType {
    const [c, h] = [this[0] as unknown as Tensor, this[1] as unknown as Tensor];
    if (c.dtype !== h.dtype) throw new TFTypeError(`Inconsistent internal state: ${c.dtype} vs ${h.dtype}`);
    return c.dtype;
  }
  override toString(): string {
    return `LSTMStateTuple(c=${String(this[0])}, h=${String(this[1])})`;
  }
}
signed(LSTMStateTuple, 'nn.rnn_cell.LSTMStateTuple', LSTM_STATE_TUPLE);

/** TF1's `_like_rnncell`: has output_size, state_size, zero_state and is callable. */
export function assertLikeRnnCell(name: string, cell: unknown): void {
  const has = (k: string): boolean => typeof cell === 'object' && cell !== null && k in cell;
  const errors = [
    [has('output_size'), "'output_size' property is missing"],
    [has('state_size'), "'state_size' property is missing"],
    [has('zero_state') || has('get_initial_state'), "either 'zero_state' or 'get_initial_state' method is required"],
    [cell instanceof RNNCell || typeof cell === 'function', 'is not callable'],
  ] as const;
  const failed = errors.filter(([ok]) => !ok).map(([, e]) => e);
  if (failed.length) throw new TFTypeError(`The argument '${name}' (${String(cell)}) is not an RNNCell: ${failed.join(', ')}.`);
}

/** A batch size: an int or a scalar int Tensor. */
const BATCH_SIZE = kind<number | Tensor>('int or Tensor', (v) => (typeof v === 'number' && Number.isSafeInteger(v)) || v instanceof Tensor);

/** TF1's `_concat(prefix, suffix, static)`: `[prefix..., suffix...]` as an int32 Tensor, or as a static list. */
function concatShape(prefix: number | Tensor, suffix: number | TensorShape, isStatic: boolean): Tensor | (number | null)[] {
  const sStatic = suffix instanceof TensorShape ? suffix.as_list() : [suffix];
  if (isStatic) {
    const p = prefix instanceof Tensor ? null : prefix;
    return [p, ...sStatic];
  }
  let p: Tensor;
  if (prefix instanceof Tensor) {
    if (prefix.shape.ndims === 0) p = expand_dims(prefix, 0);
    else if (prefix.shape.ndims !== 1) throw new ValueError(`prefix tensor must be either a scalar or vector, but saw tensor: ${prefix}`);
    else p = prefix;
  } else {
    p = constant([prefix], 'int32');
  }
  if (sStatic.some((d) => d === null)) throw new ValueError(`Provided a prefix or suffix of None: ${String(prefix)} and ${String(suffix)}`);
  const s = constant(sStatic as number[], 'int32');
  return concat([p, s], 0);
}

/** TF1's `_zero_state_tensors(state_size, batch_size, dtype)`: zeros `[batch_size, s]` for each size in the structure. */
export function zeroStateTensors(stateSize: StateSize, batchSize: number | Tensor, dtype: DType): RNNState {
  return map_structure((s: number | TensorShape) => {
    const z = zeros(concatShape(batchSize, s, false) as Tensor, dtype);
    z.set_shape(concatShape(batchSize, s, true) as (number | null)[]);
    return z;
  }, stateSize) as RNNState;
}

const RNN_CELL = [opt('trainable', BOOL), opt('name', LAYER_NAME), opt('dtype', DTYPE)] as const;
/** A state argument: a Tensor (or a Variable, a value) or a tuple of them. */
export const STATE = kind<RNNState>('a Tensor or a tuple of Tensors', (v) => v instanceof Tensor || isVariable(v) || Array.isArray(v));
const CELL_CALL = [req('inputs', TENSOR), req('state', STATE), opt('scope', LAYER_NAME)] as const;
const ZERO_STATE = [req('batch_size', BATCH_SIZE), req('dtype', DTYPE)] as const;

/**
 * TF1's `tf.nn.rnn_cell.RNNCell(trainable, name, dtype)`: the abstract RNN cell. A subclass gives `state_size`,
 * `output_size` and `call(inputs, state)` (returning `[output, new_state]`); `cell.__call__(inputs, state, scope)`
 * runs it in the cell's variable scope (captured on the first call, as a tf.layers Layer's).
 */
export class RNNCell extends BaseLayer {
  private _rnncell_scope: VariableScope | null = null;

  constructor(...args: Call<typeof RNN_CELL>) {
    const a = parseArgs('RNNCell', RNN_CELL, args);
    super({ trainable: a.trainable, name: a.name, dtype: a.dtype });
  }

  /** The size(s) of the state: an int, a TensorShape or a tuple of them (the subclass's). */
  get state_size(): StateSize {
    throw new RuntimeError('NotImplementedError: Abstract method');
  }
  /** The size of the output (the subclass's). */
  get output_size(): StateSize {
    throw new RuntimeError('NotImplementedError: Abstract method');
  }

  /** The step: `[output, new_state]` for a converted input and a state (the subclass's). */
  call(_inputs: Tensor, _state: RNNState): [Tensor, RNNState] {
    throw new RuntimeError('NotImplementedError: Abstract method');
  }

  /**
   * Python's `cell(inputs, state, scope=None)`: one step, `[output, new_state]`. With `scope`, in that variable scope;
   * else in the variable scope current at the first call (TF1's `rnncell_scope`), entered again at each later call.
   */
  __call__(...args: Call<typeof CELL_CALL>): [Tensor, RNNState] {
    const a = parseArgs('__call__', CELL_CALL, args);
    return this._rnn_call(a.inputs, a.state, a.scope ?? null);
  }

  /** TF1's `cell.apply(inputs, state, scope)`: the same as `__call__`. */
  apply(...args: Call<typeof CELL_CALL>): [Tensor, RNNState] {
    const a = parseArgs('apply', CELL_CALL, args);
    return this._rnn_call(a.inputs, a.state, a.scope ?? null);
  }

  /** RNNCell.__call__'s scopes, then the Layer's. */
  protected _rnn_call(inputs: TensorLike, state: RNNState, scope: string | VariableScope | null): [Tensor, RNNState] {
    if (scope !== null) return variable_scope(scope, (s) => this._layer_call(inputs, state, s));
    this._rnncell_scope ??= get_variable_scope();
    return variable_scope(this._rnncell_scope, () => this._layer_call(inputs, state, null));
  }

  /** tf.layers' `Layer.__call__(inputs, state, scope=scope)`: builds on the first call, then runs `call` in the layer's scopes. */
  protected _layer_call(inputs: TensorLike, state: RNNState, scope: string | VariableScope | null): [Tensor, RNNState] {
    return this._call_in_scopes(inputs, scope, (x) => this.call(x, state), flatten(state));
  }

  /** TF1's `zero_state(batch_size, dtype)`: zeros for each state, `[batch_size, s]`, in the name scope `<Class>ZeroState`. */
  zero_state(...args: Call<typeof ZERO_STATE>): RNNState {
    const a = parseArgs('zero_state', ZERO_STATE, args);
    return this._zero_state(a.batch_size, a.dtype);
  }

  protected _zero_state(batchSize: number | Tensor, dtype: DType): RNNState {
    const graph = batchSize instanceof Tensor ? batchSize.graph : get_default_graph();
    return graph.as_default(() => graph.name_scope(`${this.constructor.name}ZeroState`, () => zeroStateTensors(this.state_size, batchSize, dtype)));
  }
}
signed(RNNCell, 'nn.rnn_cell.RNNCell', RNN_CELL);
signed(RNNCell.prototype.__call__, 'RNNCell.__call__', CELL_CALL);
signed(RNNCell.prototype.apply, 'RNNCell.apply', CELL_CALL);
signed(RNNCell.prototype.zero_state, 'RNNCell.zero_state', ZERO_STATE);

/** TF1's `LayerRNNCell`: an RNNCell that is a proper Layer (variables made in build), called without RNNCell's captured scope. */
export class LayerRNNCell extends RNNCell {
  /** What every built-in cell's constructor sets after `super`: its `reuse` and a rank-2 input spec. */
  protected _cellInit(reuse: boolean | null | undefined): void {
    this._reuse = reuse ?? null;
    this.input_spec = { ndim: 2 };
  }
  protected override _rnn_call(inputs: TensorLike, state: RNNState, scope: string | VariableScope | null): [Tensor, RNNState] {
    return this._layer_call(inputs, state, scope);
  }
}

/** TF1's cells' `build`: the input depth, ValueError when it is not known. */
export function inputDepth(inputsShape: unknown): number {
  const s = inputsShape instanceof TensorShape ? inputsShape : new TensorShape(inputsShape as (number | null)[]);
  const d = s.dims?.[s.dims.length - 1] ?? null;
  if (d === null) throw new ValueError(`Expected inputs.shape[-1] to be known, saw shape: ${s}`);
  return d;
}
