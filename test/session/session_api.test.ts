// Details of TF1's Session API (python/client/session.py, framework/errors_impl.py) that programs rely on.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';

function graph() {
  const g = new tf.Graph();
  return g.as_default(() => {
    const x = tf.placeholder(tf.float32, [2], 'x');
    const n = tf.placeholder(tf.int32, [], 'n');
    const v = tf.Variable(tf.zeros([2]), { name: 'v' });
    const q = tf.floordiv(tf.constant(7), n);
    return { g, x, n, v, q, y: x.add(v), init: tf.global_variables_initializer() };
  });
}

describe('OpError.op is the Operation the error is about (TF1: e.op, from the [[{{node ...}}]] the message names)', () => {
  it('an unfed placeholder: op is the Placeholder', async () => {
    const m = graph();
    const sess = new tf.Session({ graph: m.g, backend: 'cpu' });
    await sess.run(m.init);
    const err = await sess.run(m.y).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(tf.errors.InvalidArgumentError);
    expect((err as tf.errors.OpError).op).toBe(m.x.op);
    sess.close();
  });

  it('an uninitialized variable: op is the node that reads it', async () => {
    const m = graph();
    const sess = new tf.Session({ graph: m.g, backend: 'cpu' });
    const err = await sess.run(m.y, new Map([[m.x, [1, 2]]])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(tf.errors.FailedPreconditionError);
    expect((err as tf.errors.OpError).op).toBe(m.g.get_operation_by_name('v/read'));
    sess.close();
  });

  it("a kernel that fails on its values: op is that kernel's node", async () => {
    const m = graph();
    const sess = new tf.Session({ graph: m.g, backend: 'cpu' });
    const err = await sess.run(m.q, new Map([[m.n, 0]])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(tf.errors.InvalidArgumentError);
    expect((err as Error).message).toBe('Integer division by zero');
    expect((err as tf.errors.OpError).op).toBe(m.q.op);
    sess.close();
  });
});

describe("Session.run's argument checks", () => {
  it('run([]) on an empty graph: RuntimeError "The Session graph is empty."', async () => {
    const sess = new tf.Session({ graph: new tf.Graph(), backend: 'cpu' });
    const text = 'The Session graph is empty.  Add operations to the graph before calling run().';
    for (const fetches of [[], {}]) {
      const err = await sess.run(fetches).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(tf.errors.RuntimeError);
      expect((err as Error).message).toBe(text);
    }
    sess.close();
  });

  it('a feed key that is not a tensor (a number, an object, an operation, a name not in the graph): TypeError', async () => {
    const m = graph();
    const sess = new tf.Session({ graph: m.g, backend: 'cpu' });
    await sess.run(m.init);
    const cases: [unknown, string][] = [
      [5, 'Cannot interpret feed_dict key as Tensor: Can not convert a number into a Tensor.'],
      [{}, 'Cannot interpret feed_dict key as Tensor: Can not convert a Object into a Tensor.'],
      [m.y.op, 'Cannot interpret feed_dict key as Tensor: Can not convert a Operation into a Tensor.'],
      [
        'nope:0',
        "Cannot interpret feed_dict key as Tensor: The name 'nope:0' refers to a Tensor which does not exist. The operation, 'nope', does not exist in the graph.",
      ],
      [
        'x',
        'Cannot interpret feed_dict key as Tensor: The name \'x\' looks like an (invalid) Operation name, not a Tensor. Tensor names must be of the form "<op_name>:<output_index>".',
      ],
    ];
    for (const [key, message] of cases) {
      const err = await sess.run(m.y, new Map([[key as tf.Tensor, [1, 2]]])).catch((e: unknown) => e);
      expect(err, String(key)).toBeInstanceOf(tf.errors.TypeError);
      expect((err as Error).message).toBe(message);
    }
    const other = new tf.Graph().as_default(() => tf.placeholder(tf.float32));
    await expect(sess.run(m.y, new Map([[other, 1]]))).rejects.toThrow(tf.errors.TypeError);
    sess.close();
  });

  it('new tf.Session({ graph: 37 }): TypeError "graph must be a tf.Graph"; an option TF1 does not have: TypeError', () => {
    expect(() => new tf.Session({ graph: 37 as never })).toThrow(tf.errors.TypeError);
    expect(() => new tf.Session({ graph: 37 as never })).toThrow("graph must be a tf.Graph, but got <class 'int'>");
    expect(() => new tf.Session({ grpah: new tf.Graph() } as never)).toThrow("Session() got an unexpected keyword argument 'grpah'");
    expect(() => new tf.Session({ backend: 'tpu' } as never)).toThrow(tf.errors.TypeError);
  });
});
