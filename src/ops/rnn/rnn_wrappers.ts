// TF1's cells made of cells (python/ops/rnn_cell_impl.py, r1.12): MultiRNNCell (stacked cells in `cell_<i>` variable
// scopes), DropoutWrapper (dropout on inputs, outputs and states) and ResidualWrapper (outputs + inputs). The
// wrappers override `__call__`, as TF1's do, so the wrapped cell's variables keep their names.
import { isPlainObject, opt, parseArgs, req, signed, type Call } from '../../framework/args.js';
import type { DType } from '../../framework/dtypes.js';
import { TypeError as TFTypeError, ValueError } from '../../framework/errors.js';
import { get_default_graph } from '../../graph/graph.js';
import { constantValue } from '../../graph/infer.js';
import { Tensor } from '../../graph/tensor.js';
import { concat, slice } from '../array_structure_ops.js';
import { type TensorLike, toTensor } from '../convert.js';
import { ANY, BOOL, DTYPE, TENSOR, kind } from '../kinds.js';
import { FN } from '../layers/kinds.js';
import { assert_same_structure, isSequence, flatten, pack_sequence_as } from '../nest.js';
import { dropout } from '../nn_dropout.js';
import { SEED } from '../random_ops.js';
import type { RefVariable } from '../variables.js';
import { md5Hex } from './md5.js';
import { variable_scope, type VariableScope } from '../variable_scope.js';
import { LSTMStateTuple, RNNCell, type RNNState, type StateSize, assertLikeRnnCell } from './rnn_cell_base.js';

/** An RNNCell argument. */
export const CELL = kind<RNNCell>('RNNCell', (v) => v instanceof RNNCell);
const CELLS = kind<readonly RNNCell[]>('list of RNNCells', (v) => Array.isArray(v) || (typeof v === 'object' && v !== null && !isPlainObject(v)));

const MULTI = [req('cells', CELLS), opt('state_is_tuple', BOOL)] as const;

/** `tf.nn.rnn_cell.MultiRNNCell(cells, state_is_tuple)`: the cells in order, each in the variable scope `cell_<i>`. */
export class MultiRNNCell extends RNNCell {
  private readonly _cells: readonly RNNCell[];
  private readonly _state_is_tuple: boolean;

  constructor(...args: Call<typeof MULTI>) {
    const a = parseArgs('MultiRNNCell', MULTI, args);
    super();
    const cells = a.cells;
    if (Array.isArray(cells) && cells.length === 0) throw new ValueError('Must specify at least one cell for MultiRNNCell.');
    if (!Array.isArray(cells)) throw new TFTypeError(`cells must be a list or tuple, but saw: ${String(cells)}.`);
    this._cells = [...cells];
    this._state_is_tuple = a.state_is_tuple ?? true;
    if (!this._state_is_tuple && this._cells.some((c) => isSequence(c.state_size))) {
      throw new ValueError(
        `Some cells return tuples of states, but the flag state_is_tuple is not set.  State sizes are: [${this._cells.map((c) => sizeStr(c.state_size)).join(', ')}]`,
      );
    }
  }
  override get state_size(): StateSize {
    if (this._state_is_tuple) return this._cells.map((c) => c.state_size);
    return this._cells.reduce((n, c) => n + (c.state_size as number), 0);
  }
  override get output_size(): StateSize {
    return this._cells[this._cells.length - 1]!.output_size;
  }
  override get trainable_weights(): RefVariable[] {
    return this.trainable ? this._cells.flatMap((c) => c.trainable_weights) : [];
  }
  override get non_trainable_weights(): RefVariable[] {
    const w = this._cells.flatMap((c) => c.non_trainable_weights);
    return this.trainable ? w : [...this._cells.flatMap((c) => c.trainable_weights), ...w];
  }
  protected override _zero_state(batchSize: number | Tensor, dtype: DType): RNNState {
    if (!this._state_is_tuple) return super._zero_state(batchSize, dtype);
    const graph = batchSize instanceof Tensor ? batchSize.graph : get_default_graph();
    return graph.as_default(() => graph.name_scope('MultiRNNCellZeroState', () => this._cells.map((c) => c.zero_state(batchSize, dtype))));
  }
  override call(inputs: Tensor, state: RNNState): [Tensor, RNNState] {
    let cur_state_pos = 0;
    let cur_inp = inputs;
    const new_states: RNNState[] = [];
    this._cells.forEach((cell, i) => {
      variable_scope(`cell_${i}`, () => {
        let cur_state: RNNState;
        if (this._state_is_tuple) {
          if (!isSequence(state)) {
            throw new ValueError(`Expected state to be a tuple of length ${(this.state_size as StateSize[]).length}, but received: ${String(state)}`);
          }
          cur_state = (state as readonly RNNState[])[i]!;
        } else {
          const size = cell.state_size as number;
          cur_state = slice(state as Tensor, [0, cur_state_pos], [-1, size]);
          cur_state_pos += size;
        }
        const [out, new_state] = cell.__call__(cur_inp, cur_state);
        cur_inp = out;
        new_states.push(new_state);
      });
    });
    return [cur_inp, this._state_is_tuple ? new_states : concat(new_states as Tensor[], 1)];
  }
}
signed(MultiRNNCell, 'nn.rnn_cell.MultiRNNCell', MULTI);

const sizeStr = (s: StateSize): string =>
  s instanceof LSTMStateTuple ? `LSTMStateTuple(c=${s.c}, h=${s.h})` : Array.isArray(s) ? `(${s.map(sizeStr).join(', ')})` : String(s);

/** Base of the wrappers: the wrapped cell's sizes, its zero state in `<Wrapper>ZeroState`, no scopes of their own. */
abstract class RNNCellWrapper extends RNNCell {
  protected readonly _cell: RNNCell;
  constructor(cell: RNNCell) {
    super();
    this._cell = cell;
  }
  override get state_size(): StateSize {
    return this._cell.state_size;
  }
  override get output_size(): StateSize {
    return this._cell.output_size;
  }
  protected override _zero_state(batchSize: number | Tensor, dtype: DType): RNNState {
    const graph = batchSize instanceof Tensor ? batchSize.graph : get_default_graph();
    return graph.as_default(() => graph.name_scope(`${this.constructor.name}ZeroState`, () => this._cell.zero_state(batchSize, dtype)));
  }
}

const DROPOUT = [
  req('cell', ANY),
  opt('input_keep_prob', TENSOR),
  opt('output_keep_prob', TENSOR),
  opt('state_keep_prob', TENSOR),
  opt('variational_recurrent', BOOL),
  opt('input_size', ANY),
  opt('dtype', DTYPE),
  opt('seed', SEED),
  opt('dropout_state_filter_visitor', ANY),
] as const;

type Filter = (s: unknown) => boolean | readonly boolean[];
/** TF1's `_default_dropout_state_filter_visitor`: no dropout on an LSTMStateTuple's c. */
const defaultFilter: Filter = (s) => (s instanceof LSTMStateTuple ? new LSTMStateTuple(false, true) : true);

/**
 * `tf.nn.rnn_cell.DropoutWrapper(cell, input_keep_prob, output_keep_prob, state_keep_prob, variational_recurrent,
 * input_size, dtype, seed, dropout_state_filter_visitor)`: tf.nn.dropout on the cell's inputs, outputs and (but an
 * LSTM's c) new states, a fresh mask at each step (seeds derived from `seed` as TF1 does); a keep probability of the
 * constant 1 adds nothing.
 */
export class DropoutWrapper extends RNNCellWrapper {
  private readonly _input_keep_prob: number | Tensor;
  private readonly _output_keep_prob: number | Tensor;
  private readonly _state_keep_prob: number | Tensor;
  private readonly _filter: Filter;
  private readonly _seed: number | null;

  constructor(...args: Call<typeof DROPOUT>) {
    const a = parseArgs('DropoutWrapper', DROPOUT, args);
    assertLikeRnnCell('cell', a.cell);
    const visitor = a.dropout_state_filter_visitor;
    if (visitor != null && typeof visitor !== 'function') throw new TFTypeError('dropout_state_filter_visitor must be callable');
    if (a.variational_recurrent) throw new ValueError('DropoutWrapper(variational_recurrent=True) is not supported by tf1-ts yet.');
    super(a.cell as RNNCell);
    this._filter = (visitor as Filter | null) ?? defaultFilter;
    this._seed = a.seed ?? null;
    const probs = get_default_graph().name_scope('DropoutWrapperInit', () =>
      (['input_keep_prob', 'state_keep_prob', 'output_keep_prob'] as const).map((attr) => {
        const t = toTensor((a[attr] ?? 1.0) as TensorLike, { dtype: 'float32' });
        const known = constantValue(t);
        if (known === null) return t;
        const p = Number(known.data[0]);
        if (p < 0 || p > 1) throw new ValueError(`Parameter ${attr} must be between 0 and 1: ${Math.trunc(p)}`);
        return p;
      }),
    );
    [this._input_keep_prob, this._state_keep_prob, this._output_keep_prob] = probs as [number | Tensor, number | Tensor, number | Tensor];
  }
  /** The wrapped cell. */
  get wrapped_cell(): RNNCell {
    return this._cell;
  }
  /** TF1's `_gen_seed(salt_prefix, index)`: the first 8 hex digits of MD5(`<seed><prefix>_<index>`), 31 bits; null without a seed. */
  private _gen_seed(salt_prefix: string, index: number): number | null {
    if (this._seed === null) return null;
    return Number.parseInt(md5Hex(`${this._seed}${salt_prefix}_${index}`).slice(0, 8), 16) & 0x7fffffff;
  }
  protected override _rnn_call(inputsIn: TensorLike, state: RNNState, scope: string | VariableScope | null): [Tensor, RNNState] {
    const drop = (p: number | Tensor) => typeof p !== 'number' || p < 1;
    let inputs = inputsIn;
    if (drop(this._input_keep_prob)) inputs = dropout(inputs, this._input_keep_prob, { seed: this._gen_seed('input', 0) });
    let [output, new_state] = this._cell.__call__(inputs, state, scope);
    if (drop(this._state_keep_prob)) new_state = this._dropState(new_state, this._state_keep_prob, { i: 0 });
    if (drop(this._output_keep_prob)) output = dropout(output, this._output_keep_prob, { seed: this._gen_seed('output', 0) });
    return [output, new_state];
  }
  /**
   * Dropout on the parts of the state the filter names (TF1's get_traverse_shallow_structure over the state), each
   * leaf of that shallow structure numbered in order for its seed.
   */
  private _dropState(s: RNNState, keep: number | Tensor, n: { i: number }): RNNState {
    const r = this._filter(s);
    if (r === false) {
      n.i++;
      return s;
    }
    if (r === true) {
      if (!isSequence(s)) return dropout(s as Tensor, keep, { seed: this._gen_seed('state', n.i++) });
      const children = [...(s as readonly RNNState[])].map((c) => this._dropState(c, keep, n));
      return pack_sequence_as(
        s,
        children.flatMap((c) => flatten<Tensor>(c)),
      ) as RNNState;
    }
    const flags = [...r];
    const children = [...(s as readonly RNNState[])].map((c, k) => {
      if (flags[k]) return this._dropState(c, keep, n);
      n.i++;
      return c;
    });
    return pack_sequence_as(
      s,
      children.flatMap((c) => flatten<Tensor>(c)),
    ) as RNNState;
  }
}
signed(DropoutWrapper, 'nn.rnn_cell.DropoutWrapper', DROPOUT);

const RESIDUAL = [req('cell', CELL), opt('residual_fn', FN)] as const;

/** `tf.nn.rnn_cell.ResidualWrapper(cell, residual_fn)`: the cell's outputs plus its inputs (or `residual_fn(inputs, outputs)`). */
export class ResidualWrapper extends RNNCellWrapper {
  private readonly _residual_fn: ((inputs: Tensor, outputs: Tensor) => Tensor) | null;
  constructor(...args: Call<typeof RESIDUAL>) {
    const a = parseArgs('ResidualWrapper', RESIDUAL, args);
    super(a.cell);
    this._residual_fn = (a.residual_fn as unknown as ((inputs: Tensor, outputs: Tensor) => Tensor) | null) ?? null;
  }
  protected override _rnn_call(inputsIn: TensorLike, state: RNNState, scope: string | VariableScope | null): [Tensor, RNNState] {
    const [outputs, new_state] = this._cell.__call__(inputsIn, state, scope);
    const inputs = inputsIn instanceof Tensor ? inputsIn : toTensor(inputsIn);
    const residual =
      this._residual_fn ??
      ((inp: Tensor, out: Tensor) => {
        assert_same_structure(inp, out);
        inp.shape.assert_is_compatible_with(out.shape);
        return inp.add(out);
      });
    return [residual(inputs, outputs), new_state];
  }
}
signed(ResidualWrapper, 'nn.rnn_cell.ResidualWrapper', RESIDUAL);
