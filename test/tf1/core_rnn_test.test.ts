// TF1's tensorflow/contrib/rnn/python/kernel_tests/core_rnn_test.py (r1.12): the static_rnn and
// static_bidirectional_rnn cases tf1-ts can run (same cells, inputs and expectations), the bidirectional RNN with
// sequence_length included (ReverseSequence). Not ported: the dynamic_rnn, state-saving and sharded-variable cases
// (dynamic_rnn's forward equivalence is in rnn_test_dynamic.test.ts); see NOT_PORTED.md.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose, assertAllEqual, graphSession, thrown } from './helpers.js';
import { Rng } from './np.js';

type State = ReturnType<tf.nn.rnn_cell.RNNCell['zero_state']>;

/** TF1's Plus1RNNCell: output = input + 1, state = state + 1 (its own __call__, no variables). */
class Plus1RNNCell extends tf.nn.rnn_cell.RNNCell {
  override get output_size(): number {
    return 5;
  }
  override get state_size(): number {
    return 5;
  }
  override __call__(...args: unknown[]): [tf.Tensor, State] {
    const [input_, state] = args as [tf.Tensor, tf.Tensor];
    return [input_.add(1), state.add(1)];
  }
}

const randn = (rng: Rng, r: number, c: number): tf.NDArray =>
  new tf.NDArray(
    Float32Array.from({ length: r * c }, () => rng.normal()),
    [r, c],
    'float32',
  );

describe('RNNTest', () => {
  it('testInvalidSequenceLengthShape', () => {
    const e = thrown(() =>
      tf.Graph.prototype.as_default.call(new tf.Graph(), () => {
        const cell = new Plus1RNNCell();
        const inputs = [tf.placeholder(tf.float32, [3, 4])];
        return tf.nn.static_rnn(cell, inputs, { dtype: tf.float32, sequence_length: 4 });
      }),
    );
    expect(e).toBeInstanceOf(tf.errors.ValueError);
    expect(e.message).toMatch(/must be a vector/);
  });

  it('testRNN', async () => {
    const [batch_size, input_size, max_length] = [2, 5, 8];
    const { sess, built } = graphSession(() => {
      const cell = new Plus1RNNCell();
      const x = tf.placeholder(tf.float32, [batch_size, input_size]);
      const inputs = Array<tf.Tensor>(max_length).fill(x);
      const [outputs, state] = tf.nn.static_rnn(cell, inputs, { dtype: tf.float32 });
      expect(outputs.length).toBe(inputs.length);
      outputs.forEach((out, i) => {
        expect(out.shape.as_list()).toEqual(inputs[i]!.shape.as_list());
        expect(out.dtype).toBe(inputs[i]!.dtype);
      });
      return { x, fetches: [...outputs, state as tf.Tensor] };
    });
    const input_value = randn(new Rng(0), batch_size, input_size);
    const values = (await sess.run(built.fetches, new Map([[built.x, input_value]]))) as tf.NDArray[];
    // Outputs.
    for (const v of values.slice(0, -1))
      assertAllClose(
        v,
        new tf.NDArray(
          (input_value.data as Float32Array).map((e) => e + 1),
          [batch_size, input_size],
          'float32',
        ),
      );
    // Final state.
    assertAllClose(
      values[values.length - 1]!,
      Array.from({ length: batch_size }, () => Array<number>(input_size).fill(max_length)),
    );
    sess.close();
  });

  it('testDropout', async () => {
    const [batch_size, input_size, max_length] = [2, 5, 8];
    const { sess, built } = graphSession(() => {
      const cell = new Plus1RNNCell();
      const full_dropout_cell = new tf.nn.rnn_cell.DropoutWrapper(cell, { input_keep_prob: 1e-12, seed: 0 });
      const x = tf.placeholder(tf.float32, [batch_size, input_size]);
      const inputs = Array<tf.Tensor>(max_length).fill(x);
      const [outputs, state] = tf.variable_scope('share_scope', () => tf.nn.static_rnn(cell, inputs, { dtype: tf.float32 }));
      const [dropped_outputs] = tf.variable_scope('drop_scope', () => tf.nn.static_rnn(full_dropout_cell, inputs, { dtype: tf.float32 }));
      expect(outputs.length).toBe(inputs.length);
      outputs.forEach((out, i) => {
        expect(out.shape.as_list()).toEqual(inputs[i]!.shape.as_list());
        expect(out.dtype).toBe(inputs[i]!.dtype);
      });
      return { x, fetches: [...outputs, state as tf.Tensor], dropped_outputs };
    });
    const input_value = randn(new Rng(3), batch_size, input_size);
    const feed = new Map([[built.x, input_value]]);
    const values = (await sess.run(built.fetches, feed)) as tf.NDArray[];
    const full_dropout_values = (await sess.run(built.dropped_outputs, feed)) as tf.NDArray[];
    for (const v of values.slice(0, -1))
      assertAllClose(
        v,
        new tf.NDArray(
          (input_value.data as Float32Array).map((e) => e + 1),
          [batch_size, input_size],
          'float32',
        ),
      );
    // Add 1.0 to dropped_out (all zeros).
    for (const d_v of full_dropout_values.slice(0, -1)) assertAllClose(d_v, [Array<number>(input_size).fill(1), Array<number>(input_size).fill(1)]);
    sess.close();
  });

  it('testDynamicCalculation', async () => {
    const [batch_size, input_size, max_length] = [2, 5, 8];
    const { sess, built } = graphSession(() => {
      const cell = new Plus1RNNCell();
      const sequence_length = tf.placeholder(tf.int64);
      const x = tf.placeholder(tf.float32, [batch_size, input_size]);
      const inputs = Array<tf.Tensor>(max_length).fill(x);
      const [dynamic_outputs, dynamic_state] = tf.variable_scope('drop_scope', () => tf.nn.static_rnn(cell, inputs, { sequence_length, dtype: tf.float32 }));
      expect(dynamic_outputs.length).toBe(inputs.length);
      return { x, sequence_length, dynamic_outputs, dynamic_state: dynamic_state as tf.Tensor };
    });
    const input_value = randn(new Rng(1), batch_size, input_size);
    const feed = new Map<tf.Tensor, tf.NDArray | number[]>([
      [built.x, input_value],
      [built.sequence_length, [2, 3]],
    ]);
    const dynamic_values = (await sess.run(built.dynamic_outputs, feed as never)) as tf.NDArray[];
    const [dynamic_state_value] = (await sess.run([built.dynamic_state], feed as never)) as tf.NDArray[];
    const plus1 = Array.from(input_value.data, (e) => e + 1);
    // Outputs are fully calculated for t = 0, 1.
    for (const v of dynamic_values.slice(0, 2)) assertAllClose(v, new tf.NDArray(Float32Array.from(plus1), [batch_size, input_size], 'float32'));
    // Outputs at t = 2 are zero for entry 0, calculated for entry 1.
    assertAllClose(dynamic_values[2]!, [Array<number>(input_size).fill(0), plus1.slice(input_size)]);
    // Outputs at t = 3+ are zero.
    for (const v of dynamic_values.slice(3)) assertAllEqual(v, [Array<number>(input_size).fill(0), Array<number>(input_size).fill(0)]);
    // The final states: entry 0 from the calculation at t=1, entry 1 from t=2.
    assertAllEqual(dynamic_state_value!, [Array<number>(input_size).fill(2), Array<number>(input_size).fill(3)]);
    sess.close();
  });
});

describe('BidirectionalRNNTest', () => {
  // TF1 passes input_size (5) as LSTMCell's second positional parameter, use_peepholes: a true value.
  function createBidirectionalRNN(use_shape: boolean, sequence_length: tf.Tensor | null = null) {
    const [num_units, input_size, batch_size, max_length] = [3, 5, 2, 8];
    const initializer = tf.random_uniform_initializer(-0.01, 0.01, { seed: 5 });
    const cell_fw = new tf.nn.rnn_cell.LSTMCell(num_units, true, { initializer, state_is_tuple: false });
    const cell_bw = new tf.nn.rnn_cell.LSTMCell(num_units, true, { initializer, state_is_tuple: false });
    const x = tf.placeholder(tf.float32, use_shape ? [batch_size, input_size] : [null, input_size]);
    const inputs = Array<tf.Tensor>(max_length).fill(x);
    const [outputs, state_fw, state_bw] = tf.nn.static_bidirectional_rnn(cell_fw, cell_bw, inputs, { dtype: tf.float32, sequence_length });
    expect(outputs.length).toBe(inputs.length);
    for (const out of outputs) expect(out.shape.as_list()).toEqual([use_shape ? batch_size : null, 2 * num_units]);
    return { x, outputs: tf.stack(outputs), state_fw: state_fw as tf.Tensor, state_bw: state_bw as tf.Tensor, init: tf.global_variables_initializer() };
  }

  for (const use_shape of [true, false]) {
    it(`testBidirectionalRNN (use_shape=${use_shape})`, async () => {
      const { sess, built } = graphSession(() => {
        const seq = tf.placeholder(tf.int64);
        return { ...createBidirectionalRNN(use_shape, seq), seq };
      });
      await sess.run(built.init);
      const input_value = randn(new Rng(2), 2, 5);
      const feeds = new Map([
        [built.x, input_value],
        [built.seq, new tf.NDArray(Float64Array.of(2, 3), [2], 'int64')],
      ]);
      const [out, s_fw, s_bw] = (await sess.run([built.outputs, built.state_fw, built.state_bw], feeds)) as tf.NDArray[];
      // forward output at depth 0..2, backward at 3..5; the forward output at time t equals the backward output at
      // time length - 1 - t (first sequence length 2, second length 3)
      const at = (t: number, b: number, d: number) => out!.data[(t * 2 + b) * 6 + d];
      for (const [b, len] of [
        [0, 2],
        [1, 3],
      ] as const) {
        for (let t = 0; t < len; t++) for (const d of [0, 1, 2]) expect(at(t, b, d)).toBe(at(len - 1 - t, b, d + 3));
      }
      // so the final states are the same
      assertAllClose(s_fw!, s_bw!);
      sess.close();
    });

    it(`testBidirectionalRNNWithoutSequenceLength (use_shape=${use_shape})`, async () => {
      const { sess, built } = graphSession(() => createBidirectionalRNN(use_shape));
      await sess.run(built.init);
      const input_value = randn(new Rng(2), 2, 5);
      const [out, s_fw, s_bw] = (await sess.run([built.outputs, built.state_fw, built.state_bw], new Map([[built.x, input_value]]))) as tf.NDArray[];
      // The forward and backward cells have the same parameters: the time=i forward output equals the time=8-1-i
      // backward output (depth 0..2 forward, 3..5 backward).
      const at = (t: number, b: number, d: number) => out!.data[(t * 2 + b) * 6 + d];
      for (let i = 0; i < 8; i++) {
        for (const b of [0, 1]) for (const d of [0, 1, 2]) expect(at(i, b, d)).toBe(at(8 - 1 - i, b, d + 3));
      }
      // So the final states are the same.
      assertAllClose(s_fw!, s_bw!);
      sess.close();
    });
  }
});
