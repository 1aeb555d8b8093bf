// TF1's tensorflow/python/kernel_tests/rnn_cell_test.py (r1.12), RNNCellTest: the cases of the cells tf1-ts has
// (same inputs, the constant 0.5 initializer, the same expected values). Not ported: the _linear and contrib cells,
// the float16 variants (tf1-ts has no float16; float32 is run), custom getters and checkpoint dependencies, and
// the DropoutWrapper cases (they run tf.nn.dynamic_rnn, a while loop); see NOT_PORTED.md.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose, graphSession, inSession, thrown } from './helpers.js';

const rnn = tf.nn.rnn_cell;
const half = () => tf.constant_initializer(0.5);
const ones = (r: number, c: number, v = 1): number[][] => Array.from({ length: r }, () => Array<number>(c).fill(v));

describe('RNNCellTest', () => {
  it('testBasicRNNCell', async () => {
    await inSession(async (g, sess) => {
      const { x, m, out, cell } = g.as_default(() =>
        tf.variable_scope('root', { initializer: half() }, () => {
          const x = tf.zeros([1, 2]);
          const m = tf.zeros([1, 2]);
          const cell = new rnn.BasicRNNCell(2);
          const [out] = cell.__call__(x, m);
          return { x, m, out, cell };
        }),
      );
      expect(cell.trainable_variables.map((v) => v.name)).toEqual(['root/basic_rnn_cell/kernel:0', 'root/basic_rnn_cell/bias:0']);
      expect(cell.non_trainable_variables).toEqual([]);
      await sess.run(g.as_default(() => tf.global_variables_initializer()));
      const [res] = (await sess.run([out], { [x.name]: [[1, 1]], [m.name]: [[0.1, 0.1]] })) as tf.NDArray[];
      expect(res!.shape).toEqual([1, 2]);
    });
  });

  it('testGRUCell', async () => {
    await inSession(async (g, sess) => {
      const a = g.as_default(() =>
        tf.variable_scope('root', { initializer: half() }, () => {
          const x = tf.zeros([1, 2]);
          const m = tf.zeros([1, 2]);
          return { x, m, out: new rnn.GRUCell(2).__call__(x, m)[0] };
        }),
      );
      await sess.run(g.as_default(() => tf.global_variables_initializer()));
      assertAllClose(await sess.run(a.out, { [a.x.name]: [[1, 1]], [a.m.name]: [[0.1, 0.1]] }), [[0.175991, 0.175991]]);
      // GRUCell with input_size != num_units.
      const b = g.as_default(() =>
        tf.variable_scope('other', { initializer: half() }, () => {
          const x = tf.zeros([1, 3]);
          const m = tf.zeros([1, 2]);
          return { x, m, out: new rnn.GRUCell(2).__call__(x, m)[0] };
        }),
      );
      await sess.run(g.as_default(() => tf.global_variables_initializer()));
      assertAllClose(await sess.run(b.out, { [b.x.name]: [[1, 1, 1]], [b.m.name]: [[0.1, 0.1]] }), [[0.156736, 0.156736]]);
    });
  });

  it('testBasicLSTMCell', async () => {
    await inSession(async (g, sess) => {
      const a = g.as_default(() =>
        tf.variable_scope('root', { initializer: half() }, () => {
          const x = tf.zeros([1, 2]);
          const m = tf.zeros([1, 8]);
          const cell = new rnn.MultiRNNCell(
            [0, 1].map(() => new rnn.BasicLSTMCell(2, { state_is_tuple: false })),
            { state_is_tuple: false },
          );
          expect(cell.dtype).toBe(null);
          const [out, out_m] = cell.__call__(x, m);
          // Layer infers the input type.
          expect(cell.dtype).toBe('float32');
          return { x, m, out, out_m: out_m as tf.Tensor, cell };
        }),
      );
      const expected = ['kernel', 'bias', 'kernel', 'bias'].map((v, i) => `root/multi_rnn_cell/cell_${i >> 1}/basic_lstm_cell/${v}:0`);
      expect(a.cell.trainable_variables.map((v) => v.name)).toEqual(expected);
      expect(a.cell.non_trainable_variables).toEqual([]);
      await sess.run(g.as_default(() => tf.global_variables_initializer()));
      const res = (await sess.run([a.out, a.out_m], { [a.x.name]: [[1, 1]], [a.m.name]: ones(1, 8, 0.1) })) as tf.NDArray[];
      expect(res.length).toBe(2);
      expect(g.as_default(() => tf.global_variables()).map((v) => v.name)).toEqual(expected);
      assertAllClose(res[0]!, [[0.24, 0.24]], { rtol: 1e-2, atol: 1e-2 });
      assertAllClose(res[1]!, [[0.689, 0.689, 0.448, 0.448, 0.398, 0.398, 0.24, 0.24]], { rtol: 1e-2, atol: 1e-2 });
      // BasicLSTMCell with input_size != num_units.
      const b = g.as_default(() =>
        tf.variable_scope('other', { initializer: half() }, () => {
          const x = tf.zeros([1, 3]);
          const m = tf.zeros([1, 4]);
          return { x, m, r: new rnn.BasicLSTMCell(2, { state_is_tuple: false }).__call__(x, m) as [tf.Tensor, tf.Tensor] };
        }),
      );
      await sess.run(g.as_default(() => tf.global_variables_initializer()));
      const res2 = (await sess.run(b.r, { [b.x.name]: [[1, 1, 1]], [b.m.name]: ones(1, 4, 0.1) })) as tf.NDArray[];
      expect(res2.length).toBe(2);
    });
  });

  it('testBasicLSTMCellDimension0Error', () => {
    // Tests that dimension 0 in both(x and m) shape must be equal.
    const e = thrown(() =>
      tf.Graph.prototype.as_default.call(new tf.Graph(), () =>
        tf.variable_scope('root', { initializer: half() }, () => {
          const x = tf.zeros([3, 4]);
          const m = tf.zeros([2, 4]);
          return new rnn.BasicLSTMCell(2, { state_is_tuple: false }).__call__(x, m);
        }),
      ),
    );
    expect(e).toBeInstanceOf(tf.errors.ValueError);
  });

  it('testBasicLSTMCellStateSizeError', () => {
    // state_size must be num_units * 2.
    const e = thrown(() =>
      tf.Graph.prototype.as_default.call(new tf.Graph(), () =>
        tf.variable_scope('root', { initializer: half() }, () => {
          const x = tf.zeros([3, 4]);
          const m = tf.zeros([3, 6]);
          return new rnn.BasicLSTMCell(2, { state_is_tuple: false }).__call__(x, m);
        }),
      ),
    );
    expect(e).toBeInstanceOf(tf.errors.ValueError);
  });

  it('testBasicLSTMCellWithStateTuple', async () => {
    await inSession(async (g, sess) => {
      const a = g.as_default(() =>
        tf.variable_scope('root', { initializer: half() }, () => {
          const x = tf.zeros([1, 2]);
          const m0 = tf.zeros([1, 4]);
          const m1 = tf.zeros([1, 4]);
          const cell = new rnn.MultiRNNCell(
            [0, 1].map(() => new rnn.BasicLSTMCell(2, { state_is_tuple: false })),
            { state_is_tuple: true },
          );
          const [out, [out_m0, out_m1]] = cell.__call__(x, [m0, m1]) as [tf.Tensor, tf.Tensor[]];
          return { x, m0, m1, fetches: [out, out_m0!, out_m1!] };
        }),
      );
      await sess.run(g.as_default(() => tf.global_variables_initializer()));
      const res = (await sess.run(a.fetches, { [a.x.name]: [[1, 1]], [a.m0.name]: ones(1, 4, 0.1), [a.m1.name]: ones(1, 4, 0.1) })) as tf.NDArray[];
      expect(res.length).toBe(3);
      // These values match the version with state_is_tuple=False.
      assertAllClose(res[0]!, [[0.24024698, 0.24024698]]);
      assertAllClose(res[1]!, [[0.68967271, 0.68967271, 0.44848421, 0.44848421]]);
      assertAllClose(res[2]!, [[0.39897051, 0.39897051, 0.24024698, 0.24024698]]);
    });
  });

  it('testLSTMCell', async () => {
    await inSession(async (g, sess) => {
      const [num_units, num_proj, batch_size, input_size] = [8, 6, 3, 2];
      const state_size = num_units + num_proj;
      const a = g.as_default(() =>
        tf.variable_scope('root', { initializer: half() }, () => {
          const x = tf.zeros([batch_size, input_size]);
          const m = tf.zeros([batch_size, state_size]);
          const cell = new rnn.LSTMCell({ num_units, num_proj, forget_bias: 1.0, state_is_tuple: false });
          return { x, m, r: cell.__call__(x, m) as [tf.Tensor, tf.Tensor] };
        }),
      );
      await sess.run(g.as_default(() => tf.global_variables_initializer()));
      const res = (await sess.run(a.r, {
        [a.x.name]: [
          [1, 1],
          [2, 2],
          [3, 3],
        ],
        [a.m.name]: ones(batch_size, state_size, 0.1),
      })) as tf.NDArray[];
      expect(res.length).toBe(2);
      expect(res[0]!.shape).toEqual([batch_size, num_proj]);
      expect(res[1]!.shape).toEqual([batch_size, state_size]);
      // Different inputs so different outputs and states.
      const row = (t: tf.NDArray, i: number) => Array.from(t.data.slice(i * t.shape[1]!, (i + 1) * t.shape[1]!));
      const dist = (p: number[], q: number[]) => Math.hypot(...p.map((v, k) => v - q[k]!));
      for (let i = 1; i < batch_size; i++) {
        expect(dist(row(res[0]!, 0), row(res[0]!, i))).toBeGreaterThan(1e-6);
        expect(dist(row(res[1]!, 0), row(res[1]!, i))).toBeGreaterThan(1e-6);
      }
    });
  });

  it('testLSTMCellVariables', () => {
    const [num_units, num_proj, batch_size, input_size] = [8, 6, 3, 2];
    const names = tf.Graph.prototype.as_default.call(new tf.Graph(), () => {
      tf.variable_scope('root', { initializer: half() }, () => {
        const x = tf.zeros([batch_size, input_size]);
        const m = tf.zeros([batch_size, num_units + num_proj]);
        new rnn.LSTMCell({ num_units, num_proj, forget_bias: 1.0, state_is_tuple: false }).__call__(x, m);
      });
      return tf.global_variables().map((v) => v.op.name);
    });
    expect(names).toEqual(['root/lstm_cell/kernel', 'root/lstm_cell/bias', 'root/lstm_cell/projection/kernel']);
  });

  it('testResidualWrapper', async () => {
    await inSession(async (g, sess) => {
      const a = g.as_default(() =>
        tf.variable_scope('root', { initializer: half() }, () => {
          const x = tf.zeros([1, 3]);
          const m = tf.zeros([1, 3]);
          const base_cell = new rnn.GRUCell(3);
          const [out, m_new] = base_cell.__call__(x, m) as [tf.Tensor, tf.Tensor];
          tf.get_variable_scope().reuse_variables();
          const wrapper_object = new rnn.ResidualWrapper(base_cell);
          const [out_res, m_new_res] = wrapper_object.__call__(x, m) as [tf.Tensor, tf.Tensor];
          return { x, m, fetches: [out, out_res, m_new, m_new_res] };
        }),
      );
      await sess.run(g.as_default(() => tf.global_variables_initializer()));
      const res = (await sess.run(
        a.fetches,
        new Map([
          [a.x, [[1, 1, 1]]],
          [a.m, [[0.1, 0.1, 0.1]]],
        ]) as never,
      )) as tf.NDArray[];
      // Residual connections.
      assertAllClose(res[1]!, [Array.from(res[0]!.data).map((v) => v + 1)]);
      // States are left untouched.
      assertAllClose(res[2]!, res[3]!);
    });
  });

  it('testMultiRNNCell', async () => {
    await inSession(async (g, sess) => {
      const a = g.as_default(() =>
        tf.variable_scope('root', { initializer: half() }, () => {
          const x = tf.zeros([1, 2]);
          const m = tf.zeros([1, 4]);
          const [, ml] = new rnn.MultiRNNCell(
            [0, 1].map(() => new rnn.GRUCell(2)),
            { state_is_tuple: false },
          ).__call__(x, m);
          return { x, m, ml: ml as tf.Tensor };
        }),
      );
      await sess.run(g.as_default(() => tf.global_variables_initializer()));
      const res = await sess.run(a.ml, { [a.x.name]: [[1, 1]], [a.m.name]: [[0.1, 0.1, 0.1, 0.1]] });
      assertAllClose(res, [[0.175991, 0.175991, 0.13248, 0.13248]]);
    });
  });

  it('testMultiRNNCellWithStateTuple', async () => {
    await inSession(async (g, sess) => {
      const a = g.as_default(() =>
        tf.variable_scope('root', { initializer: half() }, () => {
          const x = tf.zeros([1, 2]);
          const m_bad = tf.zeros([1, 4]);
          const m_good = [tf.zeros([1, 2]), tf.zeros([1, 2])];
          // Test incorrectness of state.
          const e = thrown(() =>
            new rnn.MultiRNNCell(
              [0, 1].map(() => new rnn.GRUCell(2)),
              { state_is_tuple: true },
            ).__call__(x, m_bad),
          );
          expect(e).toBeInstanceOf(tf.errors.ValueError);
          expect(e.message).toMatch(/Expected state .* a tuple/);
          const [, ml] = new rnn.MultiRNNCell(
            [0, 1].map(() => new rnn.GRUCell(2)),
            { state_is_tuple: true },
          ).__call__(x, m_good);
          return { x, m_good, ml: ml as tf.Tensor[] };
        }),
      );
      await sess.run(g.as_default(() => tf.global_variables_initializer()));
      const res = (await sess.run(a.ml, { [a.x.name]: [[1, 1]], [a.m_good[0]!.name]: [[0.1, 0.1]], [a.m_good[1]!.name]: [[0.1, 0.1]] })) as tf.NDArray[];
      // These numbers match those of testMultiRNNCell.
      assertAllClose(res[0]!, [[0.175991, 0.175991]]);
      assertAllClose(res[1]!, [[0.13248, 0.13248]]);
    });
  });
});

describe('RNN cells (tf1-ts)', () => {
  it("the cells' gradients match central differences (compute_gradient_error, float64)", async () => {
    for (const make of [
      () => new rnn.BasicRNNCell(3),
      () => new rnn.GRUCell(3),
      () => new rnn.BasicLSTMCell(3),
      () => new rnn.LSTMCell(3, { use_peepholes: true, cell_clip: 5, num_proj: 2 }),
    ]) {
      const { graph, sess, built } = graphSession(() => {
        const x = tf.placeholder(tf.float64, [2, 4]);
        const cell = make();
        const [outs] = tf.nn.static_rnn(cell, [x, x.mul(0.5)], { dtype: tf.float64 });
        return { x, y: outs[1]!, init: tf.global_variables_initializer() };
      });
      await sess.run(built.init);
      const err = await sess.as_default(() => tf.test.compute_gradient_error(built.x, [2, 4], built.y, built.y.shape.as_list() as number[]));
      sess.close();
      expect(graph).toBeDefined();
      expect(err).toBeLessThan(1e-6);
    }
  });

  it("static_rnn's sequence_length with a cell that makes variables (inside _rnn_step's conds): zeros past a row's length, its last state kept, and it trains", async () => {
    const { sess, built } = graphSession(() => {
      const x = tf.placeholder(tf.float32, [2, 3]);
      const sl = tf.placeholder(tf.int32, [2]);
      const [outs, st] = tf.nn.static_rnn(new rnn.BasicLSTMCell(2), [x, x, x], { dtype: tf.float32, sequence_length: sl });
      const train = new tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_sum(outs[2]!));
      return { x, sl, fetches: [outs[0]!, outs[2]!, (st as tf.Tensor[])[1]!], train, init: tf.global_variables_initializer() };
    });
    await sess.run(built.init);
    const feed = new Map<tf.Tensor, unknown>([
      [
        built.x,
        [
          [1, 2, 3],
          [0, 1, 0],
        ],
      ],
      [built.sl, [1, 3]],
    ]);
    const [o0, o2, h] = (await sess.run(built.fetches, feed as never)) as tf.NDArray[];
    expect(Array.from(o2!.data.slice(0, 2))).toEqual([0, 0]);
    assertAllClose(h!, [Array.from(o0!.data.slice(0, 2)), Array.from(o2!.data.slice(2, 4))]);
    await sess.run(built.train, feed as never);
    sess.close();
  });

  it("DropoutWrapper's seed: each dropout's op seed is TF1's _gen_seed, MD5 of str(seed) + '<input|state|output>_<i>'", () => {
    const seeds = tf.Graph.prototype.as_default.call(new tf.Graph(), () => {
      const cell = new rnn.DropoutWrapper(new rnn.BasicLSTMCell(2), { input_keep_prob: 0.5, state_keep_prob: 0.5, output_keep_prob: 0.5, seed: 0 });
      cell.__call__(tf.zeros([1, 3]), cell.zero_state(1, tf.float32));
      return tf
        .get_default_graph()
        .get_operations()
        .filter((o) => o.type === 'RandomUniform' && o.name.includes('dropout'))
        .map((o) => (o.attrs as { seed2: number }).seed2);
    });
    // Python: int(hashlib.md5(b'0input_0').hexdigest()[:8], 16) & 0x7FFFFFFF, and so on (h is the state's leaf 1).
    expect(seeds).toEqual([1124739560, 125774923, 2013214891]);
  });

  it("every cell and wrapper is a tf.layers.Layer, as r1.12's RNNCell subclasses base_layer.Layer", () => {
    tf.Graph.prototype.as_default.call(new tf.Graph(), () => {
      const lstm = new rnn.BasicLSTMCell(4);
      const cells = [lstm, new rnn.GRUCell(3), new rnn.BasicRNNCell(2), new rnn.LSTMCell(5), new rnn.MultiRNNCell([lstm]), new rnn.DropoutWrapper(lstm)];
      for (const c of cells) expect(c).toBeInstanceOf(tf.layers.Layer);
      // a Layer subclass keeps the ordinary test: a cell is not a Dense, a Dense is not a cell
      expect(lstm instanceof tf.layers.Dense).toBe(false);
      expect(new tf.layers.Dense(3) instanceof rnn.RNNCell).toBe(false);
      expect(new tf.layers.Dense(3)).toBeInstanceOf(tf.layers.Layer);
      expect({} instanceof tf.layers.Layer).toBe(false);
    });
  });
  it('LSTMStateTuple is a (c, h) pair nest keeps, zero_state names its scope after the cell', () => {
    tf.Graph.prototype.as_default.call(new tf.Graph(), () => {
      const cell = new rnn.DropoutWrapper(new rnn.BasicLSTMCell(4), { output_keep_prob: 0.5 });
      const s = cell.zero_state(3, tf.float32) as tf.nn.rnn_cell.LSTMStateTuple<tf.Tensor>;
      expect(s).toBeInstanceOf(rnn.LSTMStateTuple);
      expect(s.c.name).toBe('DropoutWrapperZeroState/BasicLSTMCellZeroState/zeros:0');
      expect(s.h.shape.as_list()).toEqual([3, 4]);
      expect(s.dtype).toBe('float32');
      expect(cell.state_size).toEqual(new rnn.LSTMStateTuple(4, 4));
      expect(thrown(() => new rnn.DropoutWrapper(new rnn.BasicLSTMCell(4), { input_keep_prob: 1.5 })).message).toBe(
        'Parameter input_keep_prob must be between 0 and 1: 1',
      );
      expect(thrown(() => new rnn.DropoutWrapper(3 as never)).message).toMatch(
        /^The argument 'cell' \(3\) is not an RNNCell: 'output_size' property is missing/,
      );
    });
  });
});
