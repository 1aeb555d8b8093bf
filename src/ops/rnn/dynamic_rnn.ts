// tf.nn.dynamic_rnn and tf.nn.bidirectional_dynamic_rnn as TF1 r1.12's rnn.py builds them: the inputs (made
// time-major) go into TensorArrays (`rnn/TensorArray_1`, unstacked), a tf.while_loop (`rnn/while/...`) reads one
// step per iteration, calls the cell and writes its output into another TensorArray (`rnn/TensorArray`), stacked
// after the loop; with sequence_length, rows past their length get zeros and keep their last state (_rnn_step with
// skip_conditionals). The bidirectional form runs a second dynamic_rnn over the inputs reversed by ReverseSequence.
import { opt, req, tf1 } from '../../framework/args.js';
import type { DType } from '../../framework/dtypes.js';
import { ValueError } from '../../framework/errors.js';
import { TensorShape } from '../../framework/shape.js';
import type { Tensor } from '../../graph/tensor.js';
import { constant, identity, rank, range, shape as shapeOf, zeros } from '../array_ops.js';
import { concat, reverse, stack } from '../array_structure_ops.js';
import { Assert } from '../control_flow_assert.js';
import { convert_to_tensor, graphOf } from '../convert.js';
import { ANY, BOOL, DTYPE, INT, TENSOR } from '../kinds.js';
import { LAYER_NAME } from '../layers/kinds.js';
import { equal, greater_equal, less, maximum, minimum, reduce_all, reduce_max, reduce_min, to_int32 } from '../math_ops.js';
import { assert_same_structure, flatten, isSequence, pack_sequence_as } from '../nest.js';
import { control_dependencies, name_scope } from '../scopes.js';
import { where } from '../select_ops.js';
import { TensorArray } from '../tensor_array_ops.js';
import { transpose } from '../transpose.js';
import { variable_scope } from '../variable_scope.js';
import { while_loop } from '../while_loop.js';
import { reverse_sequence } from '../reverse_sequence.js';
import { type RNNCell, type RNNState, type StateSize, STATE, assertLikeRnnCell } from './rnn_cell_base.js';

const sizeList = (s: StateSize): (number | null)[] => (s instanceof TensorShape ? s.as_list() : [s as number]);

/** TF1's _transpose_batch_time: [B, T, ...] <-> [T, B, ...]. */
function transposeBatchTime(x: Tensor): Tensor {
  const s = x.get_shape();
  if (s.ndims !== null && s.ndims < 2) throw new ValueError(`Expected input tensor ${x} to have rank at least 2, but saw shape: ${s}`);
  const xt = transpose(x, concat([constant([1, 0]), range(2, rank(x))], 0));
  xt.set_shape(s.dims === null ? TensorShape.unknown() : new TensorShape([s.dims[1]!, s.dims[0]!, ...s.dims.slice(2)]));
  return xt;
}

/** TF1's _best_effort_input_batch_size: a static batch size where an input has one, else the first's dynamic one. */
function bestEffortBatchSize(flat: readonly Tensor[]): number | Tensor {
  for (const x of flat) {
    const s = x.get_shape();
    if (s.ndims === null) continue;
    if (s.ndims < 2) throw new ValueError(`Expected input tensor ${x} to have rank at least 2`);
    if (s.dims![1] !== null) return s.dims![1]!;
  }
  return shapeOf(flat[0]!).at(1);
}

/** TF1's _infer_state_dtype. */
function inferStateDtype(explicit: DType | null, state: RNNState): DType {
  if (explicit !== null) return explicit;
  const dtypes = flatten<Tensor>(state).map((t) => t.dtype);
  if (!dtypes.length) throw new ValueError('Unable to infer dtype from empty state.');
  if (!dtypes.every((d) => d === dtypes[0]))
    throw new ValueError('State has tensors of different inferred_dtypes. Unable to infer a single representative dtype.');
  return dtypes[0]!;
}

interface LoopArgs {
  cell: RNNCell;
  inputs: unknown;
  state: RNNState;
  parallel_iterations: number;
  swap_memory: boolean;
  sequence_length: Tensor | null;
  dtype: DType | null;
}

/** TF1's _dynamic_rnn_loop: outputs [time, batch, ...] and the final state. */
function dynamicRnnLoop(a: LoopArgs): [unknown, RNNState] {
  const { cell, state, sequence_length } = a;
  const flatInput = flatten<Tensor>(a.inputs);
  const flatOutputSize = flatten<StateSize>(cell.output_size);
  const timeSteps = shapeOf(flatInput[0]!).at(0);
  const batchSize = bestEffortBatchSize(flatInput);
  const got = flatInput.map((x) => x.get_shape().with_rank_at_least(3));
  const [constTime, constBatch] = got[0]!.as_list();
  for (const s of got) {
    if (!new TensorShape(s.dims!.slice(2)).is_fully_defined()) {
      throw new ValueError('Input size (depth of inputs) must be accessible via shape inference, but saw value None.');
    }
    if (constTime !== s.dims![0]) throw new ValueError('Time steps is not the same for all the elements in the input in a batch.');
    if (constBatch !== s.dims![1]) throw new ValueError('Batch_size is not the same for all the elements in the input.');
  }
  const dtype = inferStateDtype(a.dtype, state);
  const zeroArray = (size: StateSize): Tensor => zeros(stack([batchSize, ...(sizeList(size) as number[])]), dtype);
  const zeroOutput = pack_sequence_as(cell.output_size, flatOutputSize.map(zeroArray));
  let maxLen: Tensor = timeSteps;
  if (sequence_length !== null) {
    // TF1 builds the minimum too (`rnn/Min`), which _rnn_step with skip_conditionals never reads
    reduce_min(sequence_length);
    maxLen = reduce_max(sequence_length);
  }
  const time = constant(0, { dtype: 'int32', name: 'time' });
  const baseName = name_scope('dynamic_rnn', (scope: string) => scope);
  const createTa = (name: string, elementShape: TensorShape, dt: DType): TensorArray =>
    new TensorArray({ dtype: dt, size: timeSteps, element_shape: elementShape, tensor_array_name: baseName + name });
  const outputTa = flatOutputSize.map((size, i) => createTa(`output_${i}`, new TensorShape([constBatch!, ...sizeList(size)]), dtype));
  const inputTa = flatInput
    .map((x, i) => createTa(`input_${i}`, new TensorShape(x.get_shape().dims!.slice(1)), x.dtype))
    .map((ta, i) => ta.unstack(flatInput[i]!));

  const timeStep = (t: Tensor, outputTaT: TensorArray[], st: RNNState): unknown[] => {
    const inputT = inputTa.map((ta, i) => {
      const x = ta.read(t);
      x.set_shape(new TensorShape(got[i]!.dims!.slice(1)));
      return x;
    });
    const callCell = (): [unknown, RNNState] => cell.__call__(pack_sequence_as(a.inputs, inputT) as Tensor, st);
    let output: unknown;
    let newState: RNNState;
    if (sequence_length !== null) {
      // _rnn_step with skip_conditionals: the cell at every step, each row copied through past its length
      const [newOut, ns] = callCell();
      assert_same_structure(st, ns);
      const copyCond = greater_equal(t, sequence_length);
      const copyOne = (old: Tensor, fresh: Tensor): Tensor => (old.get_shape().ndims === 0 ? fresh : where(copyCond, old, fresh));
      const flatZero = flatten<Tensor>(zeroOutput);
      const flatState = flatten<Tensor>(st);
      const outs = flatten<Tensor>(newOut).map((o, i) => copyOne(flatZero[i]!, o));
      const states = flatten<Tensor>(ns).map((s, i) => copyOne(flatState[i]!, s));
      outs.forEach((o, i) => o.set_shape(flatZero[i]!.get_shape()));
      states.forEach((s, i) => s.set_shape(flatState[i]!.get_shape()));
      output = pack_sequence_as(zeroOutput, outs);
      newState = pack_sequence_as(st, states) as RNNState;
    } else [output, newState] = callCell();
    const flatOut = flatten<Tensor>(output);
    return [t.add(1), outputTaT.map((ta, i) => ta.write(t, flatOut[i]!)), newState];
  };
  // at least one step, so that the TensorArrays pick up the dynamic shape
  const loopBound = minimum(timeSteps, maximum(1, maxLen));
  const [, finalTa, finalState] = while_loop((t: Tensor) => less(t, loopBound), timeStep, [time, outputTa, state], {
    parallel_iterations: a.parallel_iterations,
    maximum_iterations: timeSteps,
    swap_memory: a.swap_memory,
  }) as [Tensor, TensorArray[], RNNState];
  const finalOutputs = finalTa.map((ta, i) => {
    const out = ta.stack();
    out.set_shape(new TensorShape([constTime!, constBatch!, ...sizeList(flatOutputSize[i]!)]));
    return out;
  });
  return [pack_sequence_as(cell.output_size, finalOutputs), finalState];
}

const DYNAMIC_RNN = [
  req('cell', ANY),
  req('inputs', ANY),
  opt('sequence_length', TENSOR),
  opt('initial_state', STATE),
  opt('dtype', DTYPE),
  opt('parallel_iterations', INT),
  opt('swap_memory', BOOL),
  opt('time_major', BOOL),
  opt('scope', LAYER_NAME),
] as const;

type DynArgs = {
  cell: unknown;
  inputs: unknown;
  sequence_length?: unknown;
  initial_state?: RNNState | null;
  dtype?: DType | null;
  parallel_iterations?: number | null;
  swap_memory?: boolean | null;
  time_major?: boolean | null;
  scope?: unknown;
};

function dynamicRnn(a: DynArgs): [unknown, RNNState] {
  assertLikeRnnCell('cell', a.cell);
  const cell = a.cell as RNNCell;
  const graph = graphOf(flatten(a.inputs));
  return graph.as_default(() =>
    variable_scope((a.scope as string | null | undefined) ?? 'rnn', () => {
      let flatInput = flatten<Tensor>(a.inputs).map((x) => convert_to_tensor(x));
      if (!a.time_major) flatInput = flatInput.map(transposeBatchTime);
      const parallel = a.parallel_iterations ?? 32;
      let seq: Tensor | null = null;
      if (a.sequence_length != null) {
        seq = to_int32(a.sequence_length as Tensor);
        const r = seq.get_shape().ndims;
        if (r !== null && r !== 1) throw new ValueError(`sequence_length must be a vector of length batch_size, but saw shape: ${seq.get_shape()}`);
        seq = identity(seq, { name: 'sequence_length' });
      }
      const batchSize = bestEffortBatchSize(flatInput);
      let state: RNNState;
      if (a.initial_state != null) state = a.initial_state;
      else {
        if (!a.dtype) throw new ValueError('If there is no initial_state, you must give a dtype.');
        state = cell.zero_state(batchSize, a.dtype);
      }
      if (seq !== null) {
        const s = seq;
        const xShape = shapeOf(s);
        const packed = stack([batchSize]);
        const check = Assert(reduce_all(equal(xShape, packed)), [`Expected shape for Tensor ${s.name} is `, packed, ' but saw shape: ', xShape]);
        seq = control_dependencies([check], () => identity(s, { name: 'CheckSeqLen' }));
      }
      const inputs = pack_sequence_as(a.inputs, flatInput);
      let [outputs, finalState] = dynamicRnnLoop({
        cell,
        inputs,
        state,
        parallel_iterations: parallel,
        swap_memory: a.swap_memory ?? false,
        sequence_length: seq,
        dtype: a.dtype ?? null,
      });
      if (!a.time_major) outputs = pack_sequence_as(outputs, flatten<Tensor>(outputs).map(transposeBatchTime));
      return [outputs, finalState] as [unknown, RNNState];
    }),
  );
}

/**
 * `tf.nn.dynamic_rnn(cell, inputs, sequence_length, initial_state, dtype, parallel_iterations, swap_memory,
 * time_major, scope)`: the cell run over the time axis of `inputs` ([batch, time, ...], or [time, batch, ...] with
 * `time_major`) in a tf.while_loop, in the variable scope `scope` (default `rnn`); `[outputs, state]`. With
 * `sequence_length`, a row past its length gets zero outputs and keeps its last state.
 */
export const dynamic_rnn = tf1('nn.dynamic_rnn', DYNAMIC_RNN, (a) => dynamicRnn(a));

const BIDIRECTIONAL = [
  req('cell_fw', ANY),
  req('cell_bw', ANY),
  req('inputs', ANY),
  opt('sequence_length', TENSOR),
  opt('initial_state_fw', STATE),
  opt('initial_state_bw', STATE),
  opt('dtype', DTYPE),
  opt('parallel_iterations', INT),
  opt('swap_memory', BOOL),
  opt('time_major', BOOL),
  opt('scope', LAYER_NAME),
] as const;

/**
 * `tf.nn.bidirectional_dynamic_rnn(cell_fw, cell_bw, inputs, sequence_length, initial_state_fw, initial_state_bw,
 * dtype, parallel_iterations, swap_memory, time_major, scope)`: a forward dynamic_rnn (`bidirectional_rnn/fw`)
 * and one over the inputs reversed in time (`bidirectional_rnn/bw`: ReverseSequence with sequence_length, else
 * reverse), whose outputs are reversed back; `[[output_fw, output_bw], [output_state_fw, output_state_bw]]`.
 */
export const bidirectional_dynamic_rnn = tf1('nn.bidirectional_dynamic_rnn', BIDIRECTIONAL, (a): [[unknown, unknown], [RNNState, RNNState]] => {
  assertLikeRnnCell('cell_fw', a.cell_fw);
  assertLikeRnnCell('cell_bw', a.cell_bw);
  const common = {
    sequence_length: a.sequence_length,
    dtype: a.dtype,
    parallel_iterations: a.parallel_iterations,
    swap_memory: a.swap_memory,
    time_major: a.time_major,
  };
  return variable_scope(a.scope ?? 'bidirectional_rnn', () => {
    const [outFw, stateFw] = variable_scope('fw', (fwScope) =>
      dynamicRnn({ cell: a.cell_fw, inputs: a.inputs, initial_state: a.initial_state_fw, ...common, scope: fwScope }),
    );
    const [timeAxis, batchAxis] = a.time_major ? [0, 1] : [1, 0];
    const reverseOf = (x: Tensor): Tensor =>
      a.sequence_length != null ? reverse_sequence(x, a.sequence_length as Tensor, { seq_axis: timeAxis, batch_axis: batchAxis }) : reverse(x, [timeAxis]);
    const [tmp, stateBw] = variable_scope('bw', (bwScope) => {
      const inputsReverse = pack_sequence_as(
        a.inputs,
        flatten<Tensor>(a.inputs).map((x) => reverseOf(convert_to_tensor(x))),
      );
      return dynamicRnn({ cell: a.cell_bw, inputs: inputsReverse, initial_state: a.initial_state_bw, ...common, scope: bwScope });
    });
    const outBw = isSequence(tmp) ? pack_sequence_as(tmp, flatten<Tensor>(tmp).map(reverseOf)) : reverseOf(tmp as Tensor);
    return [
      [outFw, outBw],
      [stateFw, stateBw],
    ];
  });
});
