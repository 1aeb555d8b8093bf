// TF1's Layer RNN cells (python/ops/rnn_cell_impl.py, r1.12): BasicRNNCell, GRUCell, BasicLSTMCell and LSTMCell,
// with TF1's variable names (`<scope>/basic_lstm_cell/kernel`, `.../bias`, `gru_cell/gates/kernel`,
// `lstm_cell/projection/kernel`, `lstm_cell/w_f_diag`) and TF1's ops for each step.
import { opt, parseArgs, req, signed, type Call } from '../../framework/args.js';
import { ValueError } from '../../framework/errors.js';
import type { Tensor } from '../../graph/tensor.js';
import { constant } from '../array_ops.js';
import { concat, slice, split } from '../array_structure_ops.js';
import { clip_by_value } from '../clip_ops.js';
import { constant_initializer, zeros_initializer } from '../init_ops.js';
import { BOOL, DTYPE, FLOAT, INT } from '../kinds.js';
import { FN, INITIALIZER, LAYER_NAME } from '../layers/kinds.js';
import type { InitializerLike, TensorFn } from '../layers/base.js';
import { add, matmul, multiply, sigmoid } from '../math_ops.js';
import { tanh } from '../math_unary_ops.js';
import { bias_add } from '../nn_bias.js';
import { binary } from '../operators.js';
import type { RefVariable } from '../variables.js';
import { LayerRNNCell, LSTMStateTuple, type RNNState, type StateSize, inputDepth } from './rnn_cell_base.js';

const WEIGHTS = 'kernel';
const BIAS = 'bias';
const act = (f: TensorFn | null | undefined): ((x: Tensor) => Tensor) => (f ? (x) => f(x)! : (x) => tanh(x));
const v = (x: RefVariable): Tensor => x as unknown as Tensor;

const BASIC_RNN = [req('num_units', INT), opt('activation', FN), opt('reuse', BOOL), opt('name', LAYER_NAME), opt('dtype', DTYPE)] as const;

/** `tf.nn.rnn_cell.BasicRNNCell(num_units, activation, reuse, name, dtype)`: `output = new_state = act(W [x, h] + b)`. */
export class BasicRNNCell extends LayerRNNCell {
  private readonly _num_units: number;
  private readonly _activation: (x: Tensor) => Tensor;
  private _kernel: RefVariable | null = null;
  private _bias: RefVariable | null = null;

  constructor(...args: Call<typeof BASIC_RNN>) {
    const a = parseArgs('BasicRNNCell', BASIC_RNN, args);
    super({ name: a.name, dtype: a.dtype });
    this._cellInit(a.reuse);
    this._num_units = a.num_units;
    this._activation = act(a.activation);
  }
  override get state_size(): number {
    return this._num_units;
  }
  override get output_size(): number {
    return this._num_units;
  }
  override build(inputs_shape: unknown): void {
    const depth = inputDepth(inputs_shape);
    this._kernel = this.add_weight(WEIGHTS, [depth + this._num_units, this._num_units]);
    this._bias = this.add_weight(BIAS, [this._num_units], { initializer: zeros_initializer({ dtype: this.dtype! }) });
    this.built = true;
  }
  override call(inputs: Tensor, state: RNNState): [Tensor, RNNState] {
    const gate_inputs = bias_add(matmul(concat([inputs, state as Tensor], 1), v(this._kernel!)), v(this._bias!));
    const output = this._activation(gate_inputs);
    return [output, output];
  }
}
signed(BasicRNNCell, 'nn.rnn_cell.BasicRNNCell', BASIC_RNN);

const GRU = [
  req('num_units', INT),
  opt('activation', FN),
  opt('reuse', BOOL),
  opt('kernel_initializer', INITIALIZER),
  opt('bias_initializer', INITIALIZER),
  opt('name', LAYER_NAME),
  opt('dtype', DTYPE),
] as const;

/**
 * `tf.nn.rnn_cell.GRUCell(num_units, activation, reuse, kernel_initializer, bias_initializer, name, dtype)`: the
 * gated recurrent unit, its reset and update gates from `gates/kernel` (bias 1.0 by default) and its candidate
 * from `candidate/kernel`.
 */
export class GRUCell extends LayerRNNCell {
  private readonly _num_units: number;
  private readonly _activation: (x: Tensor) => Tensor;
  private readonly _kernel_initializer: InitializerLike | null;
  private readonly _bias_initializer: InitializerLike | null;
  private _w: RefVariable[] = [];

  constructor(...args: Call<typeof GRU>) {
    const a = parseArgs('GRUCell', GRU, args);
    super({ name: a.name, dtype: a.dtype });
    this._cellInit(a.reuse);
    this._num_units = a.num_units;
    this._activation = act(a.activation);
    this._kernel_initializer = a.kernel_initializer ?? null;
    this._bias_initializer = a.bias_initializer ?? null;
  }
  override get state_size(): number {
    return this._num_units;
  }
  override get output_size(): number {
    return this._num_units;
  }
  override build(inputs_shape: unknown): void {
    const depth = inputDepth(inputs_shape);
    const n = this._num_units;
    const dtype = this.dtype!;
    this._w = [
      this.add_weight(`gates/${WEIGHTS}`, [depth + n, 2 * n], { initializer: this._kernel_initializer }),
      this.add_weight(`gates/${BIAS}`, [2 * n], { initializer: this._bias_initializer ?? constant_initializer(1.0, { dtype }) }),
      this.add_weight(`candidate/${WEIGHTS}`, [depth + n, n], { initializer: this._kernel_initializer }),
      this.add_weight(`candidate/${BIAS}`, [n], { initializer: this._bias_initializer ?? zeros_initializer({ dtype }) }),
    ];
    this.built = true;
  }
  override call(inputs: Tensor, stateIn: RNNState): [Tensor, RNNState] {
    const state = stateIn as Tensor;
    const [gk, gb, ck, cb] = this._w.map(v) as [Tensor, Tensor, Tensor, Tensor];
    const gate_inputs = bias_add(matmul(concat([inputs, state], 1), gk), gb);
    const value = sigmoid(gate_inputs);
    const [r, u] = split(value, 2, { axis: 1 }) as [Tensor, Tensor];
    const r_state = r.mul(state);
    const candidate = bias_add(matmul(concat([inputs, r_state], 1), ck), cb);
    const c = this._activation(candidate);
    const new_h = u.mul(state).add(binary('Sub', 'sub', 1, u).mul(c));
    return [new_h, new_h];
  }
}
signed(GRUCell, 'nn.rnn_cell.GRUCell', GRU);

const BASIC_LSTM = [
  req('num_units', INT),
  opt('forget_bias', FLOAT),
  opt('state_is_tuple', BOOL),
  opt('activation', FN),
  opt('reuse', BOOL),
  opt('name', LAYER_NAME),
  opt('dtype', DTYPE),
] as const;

/**
 * `tf.nn.rnn_cell.BasicLSTMCell(num_units, forget_bias, state_is_tuple, activation, reuse, name, dtype)`: the basic
 * LSTM (no peepholes, clipping or projection), gates `i, j, f, o` from one `kernel`, forget_bias added to f.
 */
export class BasicLSTMCell extends LayerRNNCell {
  private readonly _num_units: number;
  private readonly _forget_bias: number;
  private readonly _state_is_tuple: boolean;
  private readonly _activation: (x: Tensor) => Tensor;
  private _kernel: RefVariable | null = null;
  private _bias: RefVariable | null = null;

  constructor(...args: Call<typeof BASIC_LSTM>) {
    const a = parseArgs('BasicLSTMCell', BASIC_LSTM, args);
    super({ name: a.name, dtype: a.dtype });
    this._cellInit(a.reuse);
    this._num_units = a.num_units;
    this._forget_bias = a.forget_bias ?? 1.0;
    this._state_is_tuple = a.state_is_tuple ?? true;
    this._activation = act(a.activation);
  }
  override get state_size(): StateSize {
    return this._state_is_tuple ? new LSTMStateTuple(this._num_units, this._num_units) : 2 * this._num_units;
  }
  override get output_size(): number {
    return this._num_units;
  }
  override build(inputs_shape: unknown): void {
    const depth = inputDepth(inputs_shape);
    this._kernel = this.add_weight(WEIGHTS, [depth + this._num_units, 4 * this._num_units]);
    this._bias = this.add_weight(BIAS, [4 * this._num_units], { initializer: zeros_initializer({ dtype: this.dtype! }) });
    this.built = true;
  }
  override call(inputs: Tensor, state: RNNState): [Tensor, RNNState] {
    const one = constant(1, 'int32');
    const [c, h] = this._state_is_tuple ? (state as Tensor[]) : (split(state as Tensor, 2, { axis: one }) as Tensor[]);
    const gate_inputs = bias_add(matmul(concat([inputs, h!], 1), v(this._kernel!)), v(this._bias!));
    const [i, j, f, o] = split(gate_inputs, 4, { axis: one }) as [Tensor, Tensor, Tensor, Tensor];
    const forget_bias_tensor = constant(this._forget_bias, f.dtype);
    const new_c = add(multiply(c!, sigmoid(add(f, forget_bias_tensor))), multiply(sigmoid(i), this._activation(j)));
    const new_h = multiply(this._activation(new_c), sigmoid(o));
    return [new_h, this._state_is_tuple ? new LSTMStateTuple(new_c, new_h) : concat([new_c, new_h], 1)];
  }
}
signed(BasicLSTMCell, 'nn.rnn_cell.BasicLSTMCell', BASIC_LSTM);

const LSTM = [
  req('num_units', INT),
  opt('use_peepholes', BOOL),
  opt('cell_clip', FLOAT),
  opt('initializer', INITIALIZER),
  opt('num_proj', INT),
  opt('proj_clip', FLOAT),
  opt('num_unit_shards', INT),
  opt('num_proj_shards', INT),
  opt('forget_bias', FLOAT),
  opt('state_is_tuple', BOOL),
  opt('activation', FN),
  opt('reuse', BOOL),
  opt('name', LAYER_NAME),
  opt('dtype', DTYPE),
] as const;

/**
 * `tf.nn.rnn_cell.LSTMCell(num_units, use_peepholes, cell_clip, initializer, num_proj, proj_clip, num_unit_shards,
 * num_proj_shards, forget_bias, state_is_tuple, activation, reuse, name, dtype)`: the LSTM with optional peephole
 * connections (`w_f_diag`, `w_i_diag`, `w_o_diag`), cell clipping and a projection (`projection/kernel`).
 */
export class LSTMCell extends LayerRNNCell {
  private readonly a: { num_units: number; use_peepholes: boolean; cell_clip: number | null; num_proj: number | null; proj_clip: number | null };
  private readonly _initializer: InitializerLike | null;
  private readonly _forget_bias: number;
  private readonly _state_is_tuple: boolean;
  private readonly _activation: (x: Tensor) => Tensor;
  private _w: Record<string, Tensor> = {};

  constructor(...args: Call<typeof LSTM>) {
    const a = parseArgs('LSTMCell', LSTM, args);
    super({ name: a.name, dtype: a.dtype });
    if (a.num_unit_shards != null || a.num_proj_shards != null) {
      throw new ValueError('Partitioned variables (num_unit_shards, num_proj_shards) are not supported by tf1-ts.');
    }
    this._cellInit(a.reuse);
    this.a = {
      num_units: a.num_units,
      use_peepholes: a.use_peepholes ?? false,
      cell_clip: a.cell_clip ?? null,
      num_proj: a.num_proj ?? null,
      proj_clip: a.proj_clip ?? null,
    };
    this._initializer = a.initializer ?? null;
    this._forget_bias = a.forget_bias ?? 1.0;
    this._state_is_tuple = a.state_is_tuple ?? true;
    this._activation = act(a.activation);
  }
  override get state_size(): StateSize {
    const { num_units: n, num_proj: p } = this.a;
    const m = p ?? n;
    return this._state_is_tuple ? new LSTMStateTuple(n, m) : n + m;
  }
  override get output_size(): number {
    return this.a.num_proj ?? this.a.num_units;
  }
  override build(inputs_shape: unknown): void {
    const depth = inputDepth(inputs_shape);
    const { num_units: n, num_proj: p } = this.a;
    const init = { initializer: this._initializer };
    const w = (name: string, shape: number[], o: { initializer: InitializerLike | null }) => (this._w[name] = v(this.add_weight(name, shape, o)));
    w(WEIGHTS, [depth + (p ?? n), 4 * n], init);
    w(BIAS, [4 * n], { initializer: zeros_initializer({ dtype: this.dtype! }) });
    if (this.a.use_peepholes) for (const d of ['w_f_diag', 'w_i_diag', 'w_o_diag']) w(d, [n], init);
    if (p !== null) w(`projection/${WEIGHTS}`, [n, p], init);
    this.built = true;
  }
  override call(inputs: Tensor, state: RNNState): [Tensor, RNNState] {
    const { num_units: n, num_proj, use_peepholes, cell_clip, proj_clip } = this.a;
    const W = this._w;
    const [c_prev, m_prev] = this._state_is_tuple
      ? (state as Tensor[])
      : [slice(state as Tensor, [0, 0], [-1, n]), slice(state as Tensor, [0, n], [-1, num_proj ?? n])];
    const input_size = inputs.shape.with_rank(2).dims![1];
    if (input_size === null) throw new ValueError('Could not infer input size from inputs.get_shape()[-1]');
    const lstm_matrix = bias_add(matmul(concat([inputs, m_prev!], 1), W[WEIGHTS]!), W[BIAS]!);
    const [i, j, f, o] = split(lstm_matrix, 4, { axis: 1 }) as [Tensor, Tensor, Tensor, Tensor];
    let c = use_peepholes
      ? sigmoid(f.add(this._forget_bias).add(W.w_f_diag!.mul(c_prev!)))
          .mul(c_prev!)
          .add(sigmoid(i.add(W.w_i_diag!.mul(c_prev!))).mul(this._activation(j)))
      : sigmoid(f.add(this._forget_bias))
          .mul(c_prev!)
          .add(sigmoid(i).mul(this._activation(j)));
    if (cell_clip !== null) c = clip_by_value(c, -cell_clip, cell_clip);
    let m = use_peepholes ? sigmoid(o.add(W.w_o_diag!.mul(c))).mul(this._activation(c)) : sigmoid(o).mul(this._activation(c));
    if (num_proj !== null) {
      m = matmul(m, W[`projection/${WEIGHTS}`]!);
      if (proj_clip !== null) m = clip_by_value(m, -proj_clip, proj_clip);
    }
    return [m, this._state_is_tuple ? new LSTMStateTuple(c, m) : concat([c, m], 1)];
  }
}
signed(LSTMCell, 'nn.rnn_cell.LSTMCell', LSTM);
