// The bugs the fuzzers found, each pinned by a small deterministic case (a fixed fuzz seed need not
// meet them again). Errors are TF1's classes with TF1's wording where TF1 has one.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';

function inGraph<T>(fn: () => T): { g: tf.Graph; m: T; sess: tf.Session } {
  const g = new tf.Graph();
  const m = g.as_default(fn);
  return { g, m, sess: new tf.Session({ graph: g, backend: 'cpu' }) };
}

describe('bad sizes fail cleanly, without allocating', () => {
  it('negative, fractional and oversized shapes given as JS arrays are build-time errors', () => {
    inGraph(() => {
      expect(() => tf.ones([-1])).toThrow(new tf.errors.ValueError('Dimension -1 must be >= 0'));
      expect(() => tf.zeros([2.5])).toThrow(new tf.errors.ValueError('Ambiguous dimension: 2.5'));
      expect(() => tf.constant(0, { shape: [1 << 16, 1 << 16] })).toThrow(/Cannot create a tensor proto whose content is larger than/);
      expect(() => tf.constant([NaN], { dtype: tf.int64 })).toThrow(tf.errors.TypeError);
      expect(() => tf.constant([1.5], { dtype: tf.int32 })).toThrow("Expected int32, got 1.5 of type 'float' instead.");
    });
  });

  it('a huge tensor is ResourceExhaustedError before any kernel runs; dims past int32 are not wrapped around', async () => {
    const { m, sess } = inGraph(() => ({ big: tf.zeros([2 ** 40]), square: tf.zeros([1 << 16, 1 << 16]) }));
    expect(m.big.op.inputs[0]!.dtype).toBe('int64');
    const before = process.memoryUsage().arrayBuffers;
    for (const t of [m.big, m.square]) {
      const e = await sess.run(t).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(tf.errors.ResourceExhaustedError);
      expect(String((e as Error).message)).toMatch(/^OOM when allocating tensor with shape\[/);
    }
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 2 ** 20);
  });

  it('a size known only from a fed value is checked when the kernel allocates', async () => {
    const { m, sess } = inGraph(() => {
      const dims = tf.placeholder(tf.int32, [2]);
      return { dims, f: tf.fill(dims, 1) };
    });
    await expect(sess.run(m.f, new Map([[m.dims, [65536, 65536]]]))).rejects.toBeInstanceOf(tf.errors.ResourceExhaustedError);
    await expect(sess.run(m.f, new Map([[m.dims, [-3, 2]]]))).rejects.toBeInstanceOf(tf.errors.InvalidArgumentError);
  });
});

describe('shape rules TF1 has and the engine lacked', () => {
  it("a shape vector longer than TF1's largest rank (254) is a ValueError, not a JS heap exhausted by a rank-2^31 shape", () => {
    inGraph(() => {
      const long = tf.ones([2 ** 31 - 1], tf.int32); // a Fill op: its length is known, its values are not
      expect(() => tf.tile(tf.ones([3]), long)).toThrow(/Shape of rank 2147483647 has too many dimensions \(at most 254\)/);
      expect(() => tf.fill(long, 1)).toThrow(tf.errors.ValueError);
    });
  });

  it('Reshape takes one -1 and no other negative size; Range scalars; index dtypes for ExpandDims and Tile; AddN numbers', () => {
    inGraph(() => {
      const x = tf.placeholder(tf.float32, [4]);
      // As TF1's shape function: two -1s build (the kernel refuses them when run), a size below -1 does not.
      expect(tf.reshape(x, [-1, -1]).shape.as_list()).toEqual([null, null]);
      expect(() => tf.reshape(x, [2, -7])).toThrow(new tf.errors.ValueError('Invalid value in tensor used for shape: -7'));
      const v = tf.constant([1, 2], { dtype: tf.float32 });
      expect(() => tf.range(v, v, v)).toThrow(/Shape must be rank 0 but is rank 1/);
      expect(() => tf.expand_dims(x, v)).toThrow(/parameter 'dim' has DataType float32/);
      expect(() => tf.expand_dims(x, [0, 1])).toThrow(/'dim' input must be a tensor with a single value/);
      expect(() => tf.tile(x, v)).toThrow(/parameter 'multiples' has DataType float32/);
      expect(() => tf.add_n([tf.constant([true]), tf.constant([false])])).toThrow(tf.errors.TypeError);
    });
  });
});

describe('Session.run', () => {
  it('a fed placeholder reached through a control edge is not run', async () => {
    const { m, sess } = inGraph(() => {
      const x = tf.placeholder(tf.float32, []);
      return { x, both: tf.group([x, x.add(1)]), y: tf.control_dependencies([x.op], () => tf.identity(x.mul(2))) };
    });
    expect(await sess.run(m.both, new Map([[m.x, 1]]))).toBeNull();
    expect((await sess.run(m.y, new Map([[m.x, 3]]))).item()).toBe(6);
  });

  it('fetching an uninitialized variable itself is FailedPreconditionError, not zeros', async () => {
    const { m, sess } = inGraph(() => tf.Variable(tf.ones([2]), { name: 'w' }));
    await expect(sess.run(m)).rejects.toThrow(/^Attempting to use uninitialized value w/);
    await sess.run(m.initializer);
    expect((await sess.run(m)).tolist()).toEqual([1, 1]);
  });

  it('a reshape of a value whose size shows only at run time is checked then (InvalidArgumentError)', async () => {
    const { m, sess } = inGraph(() => {
      const dims = tf.placeholder(tf.int32, [1]);
      return { dims, r: tf.reshape(tf.fill(dims, 2), [2]) };
    });
    expect((await sess.run(m.r, new Map([[m.dims, [2]]]))).tolist()).toEqual([2, 2]);
    const e = await sess.run(m.r, new Map([[m.dims, [3]]])).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
    // TF1's Reshape kernel's words: the graph-build message ("Cannot reshape a tensor with 3 elements ...") is its shape function's.
    expect(String((e as Error).message)).toBe('Input to reshape is a tensor with 3 values, but the requested shape has 2');
  });

  it('a run that fails after writing a variable leaves every variable as it was, initialized or not', async () => {
    const { m, sess } = inGraph(() => {
      const v = tf.Variable(tf.zeros([2]), { name: 'v' });
      const fresh = tf.Variable(tf.ones([2]), { name: 'fresh' });
      const shape = tf.placeholder(tf.int32, [2]);
      const q = tf.placeholder(tf.int32, []);
      const inc = v.assign_add([1, 1]);
      return {
        v,
        fresh,
        shape,
        q,
        init: v.initializer,
        reshaped: tf.reshape(inc, shape),
        divided: tf.floordiv(tf.cast(inc, tf.int32), q),
        initThenFail: tf.floordiv(tf.cast(fresh.initializer.outputs[0]!, tf.int32), q),
      };
    });
    await sess.run(m.init);
    await expect(sess.run(m.reshaped, new Map([[m.shape, [3, 3]]]))).rejects.toBeInstanceOf(tf.errors.InvalidArgumentError);
    await expect(sess.run(m.divided, new Map([[m.q, 0]]))).rejects.toThrow('Integer division by zero');
    expect((await sess.run(m.v)).tolist()).toEqual([0, 0]);
    // The failed run had initialized `fresh`; it is uninitialized again, as it was.
    await expect(sess.run(m.initThenFail, new Map([[m.q, 0]]))).rejects.toBeInstanceOf(tf.errors.InvalidArgumentError);
    await expect(sess.run(m.fresh)).rejects.toThrow(/^Attempting to use uninitialized value fresh/);
    expect(await sess.readVariable(m.fresh)).toBeNull();
    await sess.run(m.fresh.initializer);
    expect((await sess.run(m.fresh)).tolist()).toEqual([1, 1]);
    // The same run succeeds once its inputs are good, and then its writes stay.
    expect((await sess.run(m.divided, new Map([[m.q, 1]]))).tolist()).toEqual([1, 1]);
    expect((await sess.run(m.v)).tolist()).toEqual([1, 1]);
  });
});
