// TF1's calling convention, behaviour by behaviour: parameters by position in TF1's order or by name in one
// trailing options object; TF1's dtype aliases; the default-session idioms; TF1's errors for what Python refuses.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';

function inGraph<T>(fn: () => T): T {
  return new tf.Graph().as_default(fn);
}

const sessionOf = (t: tf.Tensor): tf.Session => new tf.Session({ graph: t.graph, backend: 'cpu' });

describe("positional parameters in TF1's order, keywords in one options object", () => {
  it('tf.constant([1, 2, 3], tf.float64) is float64 (the dtype is the second positional parameter)', () => {
    inGraph(() => {
      expect(tf.constant([1, 2, 3], tf.float64).dtype).toBe('float64');
      expect(tf.constant([1, 2, 3], { dtype: tf.float64 }).dtype).toBe('float64');
      expect(tf.constant(7, tf.int32, [2, 2]).shape.as_list()).toEqual([2, 2]);
      expect(tf.constant(7, tf.int32, [2], 'seven').name).toBe('seven:0');
    });
  });

  it('tf.reduce_sum(x, 1) reduces axis 1 ([6, 15]); keepdims by position or by name', async () => {
    const x = inGraph(() =>
      tf.constant([
        [1, 2, 3],
        [4, 5, 6],
      ]),
    );
    const sess = sessionOf(x);
    const [byPosition, byName, kept, mixed] = await sess.run(
      x.graph.as_default(() => [tf.reduce_sum(x, 1), tf.reduce_sum(x, { axis: 1 }), tf.reduce_sum(x, 1, true), tf.reduce_sum(x, 1, { keepdims: true })]),
    );
    expect(byPosition!.tolist()).toEqual([6, 15]);
    expect(byName!.tolist()).toEqual([6, 15]);
    expect(kept!.tolist()).toEqual([[6], [15]]);
    expect(mixed!.tolist()).toEqual([[6], [15]]);
    sess.close();
  });

  it("a value of the wrong kind, an unknown name, a name given twice and too many values are Python's TypeError", () => {
    inGraph(() => {
      const x = tf.constant([
        [1, 2],
        [3, 4],
      ]);
      expect(() => tf.reduce_sum(x, 'a' as never)).toThrow(new tf.errors.TypeError("Expected int or list of ints or Tensor for argument 'axis' not 'a'."));
      expect(() => tf.reduce_sum(x, { axes: 1 } as never)).toThrow(new tf.errors.TypeError("reduce_sum() got an unexpected keyword argument 'axes'"));
      expect(() => tf.reduce_sum(x, 1, { axis: 1 } as never)).toThrow(new tf.errors.TypeError("reduce_sum() got multiple values for argument 'axis'"));
      expect(() => tf.reduce_sum(x, 1, true, 'n', null, null, 7 as never)).toThrow(
        new tf.errors.TypeError('reduce_sum() takes from 1 to 6 positional arguments but 7 were given'),
      );
      expect(() => (tf.reduce_sum as () => unknown)()).toThrow(new tf.errors.TypeError("reduce_sum() missing 1 required positional argument: 'input_tensor'"));
      expect(() => tf.matmul(x, x, 'yes' as never)).toThrow(new tf.errors.TypeError("Expected bool for argument 'transpose_a' not 'yes'."));
      expect(() => tf.add(x, { a: 1 } as never)).toThrow(tf.errors.TypeError);
      expect(() => tf.placeholder(tf.float32, [2], 5 as never)).toThrow(tf.errors.TypeError);
    });
  });

  it("null stands for Python's None: the default", () => {
    inGraph(() => {
      const x = tf.placeholder(tf.float32, null, 'p');
      expect(x.shape.dims).toBeNull();
      expect(tf.reduce_sum(tf.ones([2, 3]), null, true).shape.as_list()).toEqual([1, 1]);
    });
  });

  it("TF1's dtype names and aliases: 'float' is float32 and 'double' float64; anything else is TF1's TypeError", async () => {
    const x = inGraph(() => tf.placeholder('float', [null, 2]));
    expect(x.dtype).toBe('float32');
    expect(tf.as_dtype('double')).toBe('float64');
    expect(() => tf.as_dtype('float16' as never)).toThrow(new tf.errors.TypeError("Cannot convert value 'float16' to a TensorFlow DType."));
    const y = x.graph.as_default(() => tf.cast(x, 'double'));
    expect(y.dtype).toBe('float64');
    const sess = sessionOf(x);
    expect((await sess.run(y, new Map([[x, [[1, 2]]]]))).tolist()).toEqual([[1, 2]]);
    sess.close();
  });

  it("sess.run(fetches, feed_dict, options, run_metadata) in TF1's order, run_metadata also by name", async () => {
    const x = inGraph(() => tf.placeholder(tf.float32, [2]));
    const y = x.graph.as_default(() => tf.square(x));
    const sess = sessionOf(x);
    const md = new tf.RunMetadata();
    await sess.run(y, { [x.name]: [1, 2] }, new tf.RunOptions({ trace_level: tf.RunOptions.FULL_TRACE }), md);
    expect(md.step_stats.map((s) => s.node_name)).toEqual(['Square']);
    const md2 = new tf.RunMetadata();
    const trace = new tf.RunOptions({ trace_level: tf.RunOptions.FULL_TRACE });
    expect((await sess.run(y, { feed_dict: new Map([[x, [3, 4]]]), options: trace, run_metadata: md2 })).tolist()).toEqual([9, 16]);
    expect(md2.step_stats).toHaveLength(1);
    await expect(sess.run(y, new Map([[x, [1, 2]]]), { trace_level: 3 } as never)).rejects.toThrow(tf.errors.TypeError);
    sess.close();
  });
});

describe("TF1's default-session idioms", () => {
  it('tf.InteractiveSession makes itself the default: t.eval() and op.run() need no session, until it is closed', async () => {
    const g = new tf.Graph();
    const { v, inc, doubled } = g.as_default(() => {
      const v = tf.Variable(tf.constant([1, 2], tf.float32), { name: 'v' });
      return { v, inc: tf.assign_add(v, [1, 1]), doubled: v.mul(2) };
    });
    const sess = new tf.InteractiveSession({ graph: g, config: new tf.ConfigProto({ device_count: { GPU: 0 } }) });
    expect(await sess.backendName()).toBe('cpu');
    await v.initializer.run();
    expect(tf.get_default_session()).toBe(sess);
    await inc.op.run();
    expect((await doubled.eval()).tolist()).toEqual([4, 6]);
    expect((await v.eval()).tolist()).toEqual([2, 3]);
    sess.close();
    expect(tf.get_default_session()).toBeNull();
    await expect(doubled.eval()).rejects.toThrow(/No default session is registered/);
  });

  it('sess.as_default(fn) keeps the default across awaits inside fn; eval(feed_dict, session) takes both by position', async () => {
    const g = new tf.Graph();
    const { x, y } = g.as_default(() => {
      const x = tf.placeholder(tf.float32, []);
      return { x, y: x.add(1) };
    });
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    const seen = await sess.as_default(async () => {
      const a = await y.eval(new Map([[x, 1]]));
      await new Promise((r) => setTimeout(r, 5));
      const b = await y.eval({ feed_dict: new Map([[x, 2]]) });
      return [a.item(), b.item(), tf.get_default_session() === sess];
    });
    expect(seen).toEqual([2, 3, true]);
    expect(tf.get_default_session()).toBeNull();
    expect((await y.eval(new Map([[x, 5]]), sess)).item()).toBe(6);
    const other = new tf.Session({ graph: new tf.Graph(), backend: 'cpu' });
    await expect(y.eval(null, other)).rejects.toThrow(
      "Cannot use the given session to evaluate tensor: the tensor's graph is different from the session's graph.",
    );
    sess.close();
    other.close();
  });

  it("tf.assign, tf.assign_add and tf.assign_sub write a variable; a non-variable ref is TF1's TypeError", async () => {
    const g = new tf.Graph();
    const m = g.as_default(() => {
      const v = tf.Variable(tf.zeros([2]), { name: 'w' });
      return { v, set: tf.assign(v, [5, 5]), add: tf.assign_add(v, [1, 2]), sub: tf.assign_sub(v, [2, 2], { name: 'minus' }) };
    });
    expect(m.sub.op.name).toBe('minus');
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    await sess.run(m.set);
    await sess.run(m.add);
    expect((await sess.run(m.sub)).tolist()).toEqual([4, 5]);
    expect(() => g.as_default(() => tf.assign(tf.constant([1]), [2]))).toThrow(
      new tf.errors.TypeError("'Assign' Op requires that input 'ref' be a mutable tensor (e.g.: a tf.Variable)"),
    );
    sess.close();
  });
});

describe('JavaScript numbers and TF1 dtypes', () => {
  it('an integer constant meeting a float says how to give it a float dtype', () => {
    inGraph(() => {
      const x = tf.placeholder(tf.float32, [2]);
      expect(() => x.add(tf.constant(2))).toThrow(
        /does not match type float32 of argument 'x'\. \(JavaScript has no float literal, so the constant 2 \('Const'\) is int32: give its dtype, e\.g\. tf\.constant\(2, tf\.float32\)/,
      );
      expect(x.add(2).dtype).toBe('float32'); // a plain number takes the tensor's dtype, as in TF1
    });
  });

  it('integers past int32 are int64, past int64 float32; impossible shapes are ValueError, as in TF1', () => {
    inGraph(() => {
      expect(tf.constant(3e9).dtype).toBe('int64');
      expect(tf.constant(-3e9).dtype).toBe('int64');
      expect(tf.constant(1e20).dtype).toBe('float32');
      expect(tf.constant([1, 2 ** 31]).dtype).toBe('int64');
      expect(tf.range(0, 3e9).shape.as_list()).toEqual([3e9]);
      expect(tf.range(0, 3e9).dtype).toBe('int64');
      expect(tf.truncated_normal([2 ** 33, 1]).shape.as_list()).toEqual([2 ** 33, 1]);
      expect(() => tf.reshape(tf.zeros([4]), [2 ** 32 + 1])).toThrow(tf.errors.ValueError);
      expect(() => tf.constant(3e9, tf.int32)).toThrow(new tf.errors.TypeError('Python integer 3000000000 out of bounds for int32'));
    });
  });

  it('tf.range counts from 0 when given one value and takes the widest dtype of its arguments', async () => {
    const g = new tf.Graph();
    const [five, halves, wide] = g.as_default(() => [tf.range(5), tf.range(0, 2, 0.5), tf.range(tf.constant(1, tf.int64), 4)]);
    expect(halves!.dtype).toBe('float32');
    expect(wide!.dtype).toBe('int64');
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    const [a, b, c] = await sess.run([five!, halves!, wide!]);
    expect(a!.tolist()).toEqual([0, 1, 2, 3, 4]);
    expect(b!.tolist()).toEqual([0, 0.5, 1, 1.5]);
    expect(c!.tolist()).toEqual([1, 2, 3]);
    sess.close();
  });

  it('feeding integers past int32 to an int32 placeholder is a TypeError, as NumPy 2 refuses the conversion', async () => {
    const x = inGraph(() => tf.placeholder(tf.int32, [2]));
    const sess = sessionOf(x);
    await expect(sess.run(x, new Map([[x, [3e9, 2 ** 32 + 5]]]))).rejects.toThrow(new tf.errors.TypeError('Python integer 3000000000 out of bounds for int32'));
    sess.close();
  });

  it("impossible placeholder shapes and fill dims are ValueError when built, as TF1's TensorShape and Fill shape function raise", () => {
    inGraph(() => {
      expect(() => tf.placeholder(tf.float32, [-1])).toThrow(new tf.errors.ValueError('Dimension -1 must be >= 0'));
      expect(() => tf.placeholder(tf.float32, [-2, 3])).toThrow(new tf.errors.ValueError('Dimension -2 must be >= 0'));
      expect(() => tf.placeholder(tf.float32, [1.5])).toThrow(new tf.errors.ValueError('Ambiguous dimension: 1.5'));
      expect(() => tf.placeholder(tf.float32, [NaN])).toThrow(new tf.errors.ValueError('cannot convert float NaN to integer'));
      // tf.fill's dims are a tensor, checked by Fill's shape function, as in TF1.
      expect(() => tf.fill([-1], 7)).toThrow(
        new tf.errors.ValueError(
          "Fill dimensions must be >= 0 for 'Fill' (op: 'Fill') with input shapes: [1], [] and with input tensors computed as partial shapes: input[0] = [?].",
        ),
      );
      expect(tf.placeholder(tf.float32, 3).shape.as_list()).toEqual([3]);
    });
  });

  it("tf.fill's value keeps its own dtype: tf.fill([2], 0) is int32, as TF1", () => {
    inGraph(() => {
      expect(tf.fill([2], 0).dtype).toBe('int32');
      expect(tf.fill([2], 0.5).dtype).toBe('float32');
    });
  });

  it('tf.constant of a JS value with a shape of no elements is an empty array of the dtype (float64 by default), as make_tensor_proto', () => {
    new tf.Graph().as_default(() => {
      const c = tf.constant(1, tf.float32, [2, 0, 5]);
      expect([c.dtype, c.shape.as_list()]).toEqual(['float32', [2, 0, 5]]);
      expect(tf.constant([1, 2, 3], { shape: [0] }).dtype).toBe('float64');
      // a NumPy array keeps its size check
      expect(() => tf.constant(new tf.NDArray(new Float32Array([1]), [1], 'float32'), { shape: [0] })).toThrow(/Too many elements provided/);
    });
  });

  it('tf.constant pads too few values with the last one; too many, or a ragged list, is ValueError', async () => {
    const g = new tf.Graph();
    const c = g.as_default(() => tf.constant([1, 2], tf.int32, [2, 2]));
    g.as_default(() => {
      expect(() => tf.constant([1, 2, 3], tf.int32, [2])).toThrow(new tf.errors.ValueError('Too many elements provided. Needed at most 2, but received 3'));
      expect(() => tf.constant([[1, 2], [3]])).toThrow(
        new tf.errors.ValueError('Argument must be a dense tensor: [[1,2],[3]] - got shape [2], but wanted [2, 2].'),
      );
    });
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    expect((await sess.run(c)).tolist()).toEqual([
      [1, 2],
      [2, 2],
    ]);
    sess.close();
  });

  it("TensorShape: merging incompatible shapes and as_list() of an unknown one raise TF1's ValueError", () => {
    expect(() => new tf.TensorShape([2]).merge_with(new tf.TensorShape([3]))).toThrow(new tf.errors.ValueError('Shapes (2,) and (3,) are not compatible'));
    expect(() => new tf.TensorShape(null).as_list()).toThrow(new tf.errors.ValueError('as_list() is not defined on an unknown TensorShape.'));
    expect(new tf.TensorShape([null, 3]).merge_with([2, null]).as_list()).toEqual([2, 3]);
  });
});
