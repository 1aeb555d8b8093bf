// TF1's unrolled RNNs (python/ops/rnn.py, r1.12): tf.nn.static_rnn, one cell call per input in the variable scope
// `rnn` (reused after the first step), with sequence_length through _rnn_step's conds and selects; and
// tf.nn.static_bidirectional_rnn, forward and backward static_rnns in `bidirectional_rnn/fw` and `.../bw`.
import { opt, req, tf1 } from '../../framework/args.js';
import type { DType } from '../../framework/dtypes.js';
import { TypeError as TFTypeError, ValueError } from '../../framework/errors.js';
import { TensorShape } from '../../framework/shape.js';
import { Tensor } from '../../graph/tensor.js';
import { expand_dims, shape as shapeOf, zeros } from '../array_ops.js';
import { concat, stack, unstack } from '../array_structure_ops.js';
import { reverse_sequence } from '../reverse_sequence.js';
import { cond } from '../cond.js';
import { graphOf, toTensor } from '../convert.js';
import { ANY, DTYPE, TENSOR, kind } from '../kinds.js';
import { LAYER_NAME } from '../layers/kinds.js';
import { cast, reduce_max, reduce_min } from '../math_ops.js';
import { assert_same_structure, flatten, isSequence, pack_sequence_as } from '../nest.js';
import { where } from '../select_ops.js';
import { variable_scope, type VariableScope } from '../variable_scope.js';
import { type RNNCell, type RNNState, type StateSize, STATE, assertLikeRnnCell } from './rnn_cell_base.js';

/** A list of inputs (each a Tensor or a nested tuple of them); anything else is static_rnn's own TypeError. */
const INPUTS = kind<readonly unknown[]>('list of Tensors', (v) => Array.isArray(v) || v instanceof Tensor);

/** TF1's `_infer_state_dtype(explicit_dtype, state)`. */
function inferStateDtype(explicit: DType | null, state: RNNState): DType {
  if (explicit !== null) return explicit;
  if (isSequence(state)) {
    const dtypes = flatten<Tensor>(state).map((t) => t.dtype);
    if (!dtypes.length) throw new ValueError('Unable to infer dtype from empty state.');
    if (!dtypes.every((d) => d === dtypes[0]))
      throw new ValueError('State has tensors of different inferred_dtypes. Unable to infer a single representative dtype.');
    return dtypes[0]!;
  }
  return (state as Tensor).dtype;
}

const sizeList = (s: StateSize): (number | null)[] => (s instanceof TensorShape ? s.as_list() : [s as number]);

interface Step {
  time: number;
  sequence_length: Tensor;
  min_sequence_length: Tensor;
  max_sequence_length: Tensor;
  zero_output: unknown;
  state: RNNState;
  call_cell: () => [Tensor, RNNState];
}

/** TF1's `_rnn_step`: past max length, zeros and the old state; before min length, the cell; else a row-wise select. */
function rnnStep(s: Step): [unknown, RNNState] {
  const flat_state = flatten<Tensor>(s.state);
  const flat_zero_output = flatten<Tensor>(s.zero_output);
  const copy_cond = s.sequence_length.le(s.time); // Python's `time >= sequence_length`
  const copyOne = (output: Tensor, new_output: Tensor): Tensor => (output.shape.ndims === 0 ? new_output : where(copy_cond, output, new_output));
  const copySomeThrough = (fo: Tensor[], fs: Tensor[]): Tensor[] => [
    ...flat_zero_output.map((z, i) => copyOne(z, fo[i]!)),
    ...flat_state.map((st, i) => copyOne(st, fs[i]!)),
  ];
  const maybeCopySomeThrough = (): Tensor[] => {
    const [new_output, new_state] = s.call_cell();
    assert_same_structure(s.zero_output, new_output);
    assert_same_structure(s.state, new_state);
    const fs = flatten<Tensor>(new_state);
    const fo = flatten<Tensor>(new_output);
    return cond(
      s.min_sequence_length.gt(s.time), // `time < min_sequence_length`
      () => [...fo, ...fs],
      () => copySomeThrough(fo, fs),
    ) as Tensor[];
  };
  const final = cond(s.max_sequence_length.le(s.time), () => [...flat_zero_output, ...flat_state], maybeCopySomeThrough) as Tensor[];
  if (final.length !== flat_zero_output.length + flat_state.length) throw new ValueError('Internal error: state and output were not concatenated correctly.');
  const out = final.slice(0, flat_zero_output.length);
  const st = final.slice(flat_zero_output.length);
  out.forEach((o, i) => o.set_shape(flat_zero_output[i]!.shape));
  st.forEach((o, i) => o.set_shape(flat_state[i]!.shape));
  return [pack_sequence_as(s.zero_output, out), pack_sequence_as(s.state, st) as RNNState];
}

const STATIC_RNN = [
  req('cell', ANY),
  req('inputs', INPUTS),
  opt('initial_state', STATE),
  opt('dtype', DTYPE),
  opt('sequence_length', TENSOR),
  opt('scope', LAYER_NAME),
] as const;

type Args = {
  cell: unknown;
  inputs: unknown;
  initial_state?: RNNState | null;
  dtype?: DType | null;
  sequence_length?: unknown;
  scope?: string | VariableScope | null;
};

function staticRnn(a: Args): [Tensor[], RNNState] {
  assertLikeRnnCell('cell', a.cell);
  const cell = a.cell as RNNCell;
  if (!isSequence(a.inputs)) throw new TFTypeError('inputs must be a sequence');
  const inputs = a.inputs as readonly unknown[];
  if (!inputs.length) throw new ValueError('inputs must not be empty');
  const outputs: Tensor[] = [];
  const graph = graphOf(flatten(inputs));
  return graph.as_default(() =>
    variable_scope(a.scope ?? 'rnn', (varscope) => {
      let first: unknown = inputs;
      while (isSequence(first)) first = (first as readonly unknown[])[0];
      const firstInput = toTensor(first as Tensor);
      let fixed: number | null;
      if (firstInput.shape.ndims !== 1) {
        fixed = firstInput.shape.with_rank_at_least(2).dims![0]!;
        for (const flat of flatten<Tensor>(inputs)) {
          const s = toTensor(flat).shape.with_rank_at_least(2);
          fixed = new TensorShape([fixed]).merge_with([s.dims![0]!]).dims![0]!;
          s.dims!.slice(1).forEach((d, i) => {
            if (d === null) throw new ValueError(`Input size (dimension ${i} of inputs) must be accessible via shape inference, but saw value None.`);
          });
        }
      } else {
        fixed = firstInput.shape.with_rank_at_least(1).dims![0]!;
      }
      const batch_size: number | Tensor = fixed ? fixed : shapeOf(firstInput).at(0);
      let state: RNNState;
      if (a.initial_state != null) state = a.initial_state;
      else {
        if (!a.dtype) throw new ValueError('If no initial_state is provided, dtype must be specified');
        state = cell.zero_state(batch_size, a.dtype);
      }
      let seq: { sequence_length: Tensor; min: Tensor; max: Tensor; zero_output: unknown } | null = null;
      if (a.sequence_length != null) {
        let sequence_length = toTensor(a.sequence_length as Tensor, { name: 'sequence_length' });
        const r = sequence_length.shape.ndims;
        if (r !== null && r !== 1) throw new ValueError('sequence_length must be a vector of length batch_size');
        const dtype = inferStateDtype(a.dtype ?? null, state);
        const zeroOutput = (size: StateSize): Tensor => {
          const shape = [batch_size, ...sizeList(size)];
          const z = zeros(batch_size instanceof Tensor ? concat([expand_dims(batch_size, 0), sizeList(size) as number[]], 0) : (shape as number[]), dtype);
          z.set_shape([fixed, ...sizeList(size)]);
          return z;
        };
        const output_size = cell.output_size;
        const zero_output = pack_sequence_as(output_size, flatten<StateSize>(output_size).map(zeroOutput));
        sequence_length = cast(sequence_length, 'int32');
        seq = { sequence_length, min: reduce_min(sequence_length), max: reduce_max(sequence_length), zero_output };
      }
      inputs.forEach((input_, time) => {
        if (time > 0) varscope.reuse_variables();
        const call_cell = (): [Tensor, RNNState] => cell.__call__(input_ as Tensor, state);
        let output: unknown;
        if (seq !== null) {
          [output, state] = rnnStep({
            time,
            sequence_length: seq.sequence_length,
            min_sequence_length: seq.min,
            max_sequence_length: seq.max,
            zero_output: seq.zero_output,
            state,
            call_cell,
          });
        } else {
          [output, state] = call_cell();
        }
        outputs.push(output as Tensor);
      });
      return [outputs, state] as [Tensor[], RNNState];
    }),
  );
}

/**
 * `tf.nn.static_rnn(cell, inputs, initial_state, dtype, sequence_length, scope)`: the cell unrolled over the list
 * `inputs` in the variable scope `scope` (default `rnn`), from `initial_state` or the cell's zero state in `dtype`;
 * `[outputs, state]`. With `sequence_length`, a row past its length gets zeros and keeps its last state.
 */
export const static_rnn = tf1('nn.static_rnn', STATIC_RNN, (a) => staticRnn(a));

/** TF1's _reverse_seq: the list reversed, or with lengths each row's first lengths[b] steps (ReverseSequence on the stacked steps). */
function reverseSeq(inputSeq: readonly unknown[], lengths: unknown): unknown[] {
  if (lengths === null || lengths === undefined) return [...inputSeq].reverse();
  const flatSeq = inputSeq.map((x) => flatten<Tensor>(x));
  const flatResults: Tensor[][] = inputSeq.map(() => []);
  flatSeq[0]!.forEach((_, k) => {
    const sequence = flatSeq.map((f) => f[k]!);
    let shape = TensorShape.unknown();
    for (const x of sequence) {
      shape = shape.merge_with(x.get_shape());
      x.set_shape(shape);
    }
    const reversed = unstack(reverse_sequence(stack(sequence), lengths as Tensor, 0, 1));
    reversed.forEach((r, t) => {
      r.set_shape(shape);
      flatResults[t]!.push(r);
    });
  });
  return inputSeq.map((x, t) => pack_sequence_as(x, flatResults[t]!));
}

const STATIC_BI = [
  req('cell_fw', ANY),
  req('cell_bw', ANY),
  req('inputs', INPUTS),
  opt('initial_state_fw', STATE),
  opt('initial_state_bw', STATE),
  opt('dtype', DTYPE),
  opt('sequence_length', TENSOR),
  opt('scope', LAYER_NAME),
] as const;

/**
 * `tf.nn.static_bidirectional_rnn(cell_fw, cell_bw, inputs, initial_state_fw, initial_state_bw, dtype,
 * sequence_length, scope)`: a forward static_rnn (`bidirectional_rnn/fw`) and one over the reversed inputs
 * (`bidirectional_rnn/bw`), their outputs concatenated per step; `[outputs, output_state_fw, output_state_bw]`.
 */
export const static_bidirectional_rnn = tf1('nn.static_bidirectional_rnn', STATIC_BI, (a): [Tensor[], RNNState, RNNState] => {
  assertLikeRnnCell('cell_fw', a.cell_fw);
  assertLikeRnnCell('cell_bw', a.cell_bw);
  if (!isSequence(a.inputs)) throw new TFTypeError('inputs must be a sequence');
  if (!a.inputs.length) throw new ValueError('inputs must not be empty');
  const [output_fw, output_state_fw, tmp, output_state_bw] = variable_scope(a.scope ?? 'bidirectional_rnn', () => {
    const seq = a.sequence_length;
    const fw = variable_scope('fw', (fw_scope) =>
      staticRnn({ cell: a.cell_fw, inputs: a.inputs, initial_state: a.initial_state_fw, dtype: a.dtype, sequence_length: seq, scope: fw_scope }),
    );
    const bw = variable_scope('bw', (bw_scope) =>
      staticRnn({
        cell: a.cell_bw,
        inputs: reverseSeq(a.inputs, seq),
        initial_state: a.initial_state_bw,
        dtype: a.dtype,
        sequence_length: seq,
        scope: bw_scope,
      }),
    );
    return [...fw, ...bw] as [Tensor[], RNNState, Tensor[], RNNState];
  });
  const output_bw = reverseSeq(tmp, a.sequence_length);
  const outputs = output_fw.map((fw, i) => {
    const f = flatten<Tensor>(fw);
    const b = flatten<Tensor>(output_bw[i]);
    return pack_sequence_as(
      fw,
      f.map((t, k) => concat([t, b[k]!], 1)),
    ) as Tensor;
  });
  return [outputs, output_state_fw, output_state_bw];
});
