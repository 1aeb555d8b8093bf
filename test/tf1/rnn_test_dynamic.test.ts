// Port of TF1 r1.12's tensorflow/python/kernel_tests/rnn_test.py, RNNTest's forward cases of dynamic_rnn (graph
// mode), with its test cells; and the dynamic-versus-static equivalence of contrib's core_rnn_test.py
// (testDynamicEquivalentToStaticRNN's forward part, with sequence_length) and bidirectional_dynamic_rnn against
// static_bidirectional_rnn; the gradients of that equivalence, and training through dynamic_rnn.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { ValueError } from '../../src/framework/errors.js';
import { assertAllClose, assertAllEqual, inGraph, inSession, randn, thrown } from './helpers.js';

/** rnn_test.py's Plus1RNNCell: output input + 1, state state + 1. */
class Plus1RNNCell extends tf.nn.rnn_cell.RNNCell {
  override get output_size(): number {
    return 5;
  }
  override get state_size(): number {
    return 5;
  }
  override __call__(input_: tf.Tensor, state: tf.Tensor): [tf.Tensor, tf.Tensor] {
    return [input_.add(1), state.add(1)];
  }
}

/** rnn_test.py's ScalarStateRNNCell: a scalar int32 state counting the steps. */
class ScalarStateRNNCell extends tf.nn.rnn_cell.RNNCell {
  override get output_size(): number {
    return 1;
  }
  override get state_size(): tf.TensorShape {
    return new tf.TensorShape([]);
  }
  override zero_state(): tf.Tensor {
    return tf.zeros([], tf.int32);
  }
  override __call__(input_: tf.Tensor, state: tf.Tensor): [tf.Tensor, tf.Tensor] {
    return [input_, state.add(1)];
  }
}

describe('RNNTest (dynamic_rnn)', () => {
  it('testInvalidSequenceLengthShape', () => {
    inGraph(() => {
      const inputs = [tf.placeholder(tf.float32, [3, 4])];
      const e = thrown(() => tf.nn.dynamic_rnn(new Plus1RNNCell(), tf.stack(inputs), { dtype: tf.float32, sequence_length: [[4]] }));
      expect(e).toBeInstanceOf(ValueError);
      expect(e.message).toMatch(/must be a vector/);
    });
  });

  it('testBatchSizeFromInput', () => {
    inGraph(() => {
      const cell = new Plus1RNNCell();
      const dim0 = (t: unknown): number | null => (t as tf.Tensor).shape.dims![0]!;
      // with a static batch size, without and with initial_state
      const inputs = tf.placeholder(tf.float32, [3, 4, 5]);
      let [outputs, state] = tf.nn.dynamic_rnn(cell, inputs, { dtype: tf.float32 }) as [tf.Tensor, tf.Tensor];
      expect([dim0(outputs), dim0(state)]).toEqual([3, 3]);
      [outputs, state] = tf.nn.dynamic_rnn(cell, inputs, { initial_state: tf.placeholder(tf.float32, [3, 5]) }) as [tf.Tensor, tf.Tensor];
      expect([dim0(outputs), dim0(state)]).toEqual([3, 3]);
      // without a static batch size
      const inputs2 = tf.placeholder(tf.float32, [null, 4, 5]);
      [outputs, state] = tf.nn.dynamic_rnn(cell, inputs2, { dtype: tf.float32 }) as [tf.Tensor, tf.Tensor];
      expect([dim0(outputs), dim0(state)]).toEqual([null, null]);
      [outputs, state] = tf.nn.dynamic_rnn(cell, inputs2, { initial_state: tf.placeholder(tf.float32, [null, 5]) }) as [tf.Tensor, tf.Tensor];
      expect([dim0(outputs), dim0(state)]).toEqual([null, null]);
    });
  });

  it('testScalarStateIsAccepted', async () => {
    await inSession(async (g, sess) => {
      const { inputs, outputs, state } = g.as_default(() => {
        const inputs = tf.placeholder(tf.float32, [1, 4, 1]);
        const [outputs, state] = tf.nn.dynamic_rnn(new ScalarStateRNNCell(), inputs, { dtype: tf.float32, sequence_length: [4] }) as [tf.Tensor, tf.Tensor];
        return { inputs, outputs, state };
      });
      const x = new tf.NDArray(Float32Array.of(1, 2, 3, 4), [1, 4, 1], 'float32');
      const [o, s] = (await sess.run([outputs, state], new Map([[inputs, x]]))) as tf.NDArray[];
      assertAllEqual(o!, [[[1], [2], [3], [4]]]);
      assertAllEqual(s!, 4);
    });
  });

  it('testDynamicEquivalentToStaticRNN (forward, with sequence_length; core_rnn_test.py)', async () => {
    const [timeSteps, batch, inputSize, units] = [8, 2, 5, 3];
    const x = randn([timeSteps, batch, inputSize]);
    const lengths = [5, 8];
    for (const makeCell of [() => new tf.nn.rnn_cell.LSTMCell(units, { use_peepholes: true }), () => new tf.nn.rnn_cell.GRUCell(units)]) {
      await inSession(async (g, sess) => {
        const built = g.as_default(() => {
          const concat = tf.placeholder(tf.float32, [timeSteps, batch, inputSize]);
          const init = tf.constant_initializer(0.1);
          const staticOut = tf.variable_scope('s', { initializer: init }, () =>
            tf.nn.static_rnn(makeCell(), tf.unstack(concat), { sequence_length: lengths, dtype: tf.float32 }),
          ) as [tf.Tensor[], unknown];
          const dynOut = tf.variable_scope('d', { initializer: init }, () =>
            tf.nn.dynamic_rnn(makeCell(), concat, { sequence_length: lengths, time_major: true, dtype: tf.float32 }),
          ) as [tf.Tensor, unknown];
          return { concat, staticOut, dynOut, initOp: tf.global_variables_initializer() };
        });
        await sess.run(built.initOp);
        const feed = new Map([[built.concat, x]]);
        const st = (await sess.run([tf.stack(built.staticOut[0]), ...[built.staticOut[1]].flat(2)] as tf.Tensor[], feed)) as tf.NDArray[];
        const dy = (await sess.run([built.dynOut[0], ...[built.dynOut[1]].flat(2)] as tf.Tensor[], feed)) as tf.NDArray[];
        expect(dy.length).toBe(st.length);
        st.forEach((v, i) => assertAllClose(dy[i]!, v, { rtol: 1e-5, atol: 1e-6 }));
        // past each row's length: zero outputs
        for (let t = lengths[0]!; t < timeSteps; t++) for (let u = 0; u < units; u++) expect(dy[0]!.data[(t * batch + 0) * units + u]).toBe(0);
        // the backward part (core_rnn_test.py's static_grad_values / dynamic_grad_values, and the variables' gradients):
        // through the while loop's gradient loop, the same as through the unrolled graph
        const grads = g.as_default(() => {
          const vars = (scope: string) => tf.trainable_variables().filter((v) => v.name.startsWith(`${scope}/`)) as unknown as tf.Tensor[];
          const sLoss = tf.reduce_sum(tf.stack(built.staticOut[0]));
          const dLoss = tf.reduce_sum(built.dynOut[0]);
          return {
            s: tf.gradients(sLoss, [built.concat, ...vars('s')]) as tf.Tensor[],
            d: tf.gradients(dLoss, [built.concat, ...vars('d')]) as tf.Tensor[],
          };
        });
        expect(grads.d.length).toBe(grads.s.length);
        expect(grads.d.length).toBeGreaterThan(1);
        const sg = (await sess.run(grads.s, feed)) as tf.NDArray[];
        const dg = (await sess.run(grads.d, feed)) as tf.NDArray[];
        sg.forEach((v, i) => assertAllClose(dg[i]!, v, { rtol: 1e-5, atol: 1e-5 }));
      });
    }
  });

  it("trains through dynamic_rnn: the optimizer runs in the loop plan and lowers the loss as static_rnn's does", async () => {
    const [batch, timeSteps, inputSize, units] = [3, 5, 4, 6];
    const x = randn([batch, timeSteps, inputSize]);
    const losses: number[][] = [];
    for (const dynamic of [true, false]) {
      await inSession(async (g, sess) => {
        const built = g.as_default(() => {
          const xs = tf.placeholder(tf.float32, [batch, timeSteps, inputSize]);
          const cell = new tf.nn.rnn_cell.BasicLSTMCell(units);
          const init = tf.constant_initializer(0.05);
          const outputs = tf.variable_scope('m', { initializer: init }, () =>
            dynamic
              ? (tf.nn.dynamic_rnn(cell, xs, { sequence_length: [5, 3, 1], dtype: tf.float32 }) as [tf.Tensor, unknown])[0]
              : tf.stack(
                  (tf.nn.static_rnn(cell, tf.unstack(xs, timeSteps, 1), { sequence_length: [5, 3, 1], dtype: tf.float32 }) as [tf.Tensor[], unknown])[0],
                  1,
                ),
          );
          const loss = tf.reduce_mean(tf.square(tf.subtract(outputs, 0.5)));
          const train = new tf.train.AdamOptimizer(0.05).minimize(loss);
          return { xs, loss, train, initOp: tf.global_variables_initializer() };
        });
        await sess.run(built.initOp);
        const feed = new Map([[built.xs, x]]);
        const run: number[] = [];
        for (let i = 0; i < 5; i++) run.push(((await sess.run([built.loss, built.train], feed)) as [tf.NDArray])[0].data[0] as number);
        losses.push(run);
      });
    }
    const [dyn, stat] = losses as [number[], number[]];
    expect(dyn[4]!).toBeLessThan(dyn[0]!);
    dyn.forEach((l, i) => expect(l).toBeCloseTo(stat[i]!, 5));
  });

  it('bidirectional_dynamic_rnn: the forward run and the backward run over each row reversed to its length', async () => {
    const [batch, timeSteps, inputSize, units] = [2, 4, 3, 2];
    const x = randn([batch, timeSteps, inputSize]);
    const lengths = [4, 2];
    await inSession(async (g, sess) => {
      const built = g.as_default(() => {
        const inp = tf.placeholder(tf.float32, [batch, timeSteps, inputSize]);
        const init = tf.constant_initializer(0.3);
        const [[fw, bw], [sfw, sbw]] = tf.variable_scope('bi', { initializer: init }, () =>
          tf.nn.bidirectional_dynamic_rnn(new tf.nn.rnn_cell.BasicRNNCell(units), new tf.nn.rnn_cell.BasicRNNCell(units), inp, {
            sequence_length: lengths,
            dtype: tf.float32,
          }),
        ) as [[tf.Tensor, tf.Tensor], [tf.Tensor, tf.Tensor]];
        // the backward direction by hand: a dynamic_rnn over the reversed rows, reversed back
        const rev = tf.reverse_sequence(inp, lengths, { seq_axis: 1, batch_axis: 0 });
        const [hand, handState] = tf.variable_scope('hand', { initializer: init }, () =>
          tf.nn.dynamic_rnn(new tf.nn.rnn_cell.BasicRNNCell(units), rev, { sequence_length: lengths, dtype: tf.float32 }),
        ) as [tf.Tensor, tf.Tensor];
        const names = g.get_operations().map((o) => o.name);
        return {
          inp,
          fw,
          bw,
          sfw,
          sbw,
          hand: tf.reverse_sequence(hand, lengths, { seq_axis: 1, batch_axis: 0 }),
          handState,
          names,
          initOp: tf.global_variables_initializer(),
        };
      });
      expect(built.names).toContain('bi/bidirectional_rnn/fw/fw/while/Exit_2');
      expect(built.names).toContain('bi/bidirectional_rnn/bw/ReverseSequence');
      await sess.run(built.initOp);
      const [fw, bw, sfw, sbw, hand, handState] = (await sess.run(
        [built.fw, built.bw, built.sfw, built.sbw, built.hand, built.handState],
        new Map([[built.inp, x]]),
      )) as tf.NDArray[];
      expect(fw!.shape).toEqual([batch, timeSteps, units]);
      assertAllClose(bw!, hand!);
      assertAllClose(sbw!, handState!);
      // the forward final state is the output at each row's last step
      for (let b = 0; b < batch; b++)
        for (let u = 0; u < units; u++) expect(sfw!.data[b * units + u]).toBeCloseTo(fw!.data[(b * timeSteps + lengths[b]! - 1) * units + u]!, 6);
    });
  });
});
