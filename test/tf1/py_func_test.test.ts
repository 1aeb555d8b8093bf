// TF1 r1.12's tensorflow/python/kernel_tests/py_func_test.py (PyFuncTest), ported: one `it` per TF1 method that
// graph mode has (the eager_py_func methods and the complex dtypes are not tf1-ts's). NumPy's arithmetic in the
// functions is written out on the NDArrays they get.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose, assertAllEqual, evaluate, inGraph, inSession, rejected } from './helpers.js';

/** `fn` elementwise over NDArrays of one shape, into a new NDArray of `dtype` (NumPy's broadcasting of equal shapes). */
function elementwise(dtype: tf.DType, fn: (...v: number[]) => number) {
  return (...xs: tf.NDArray[]): tf.NDArray => {
    const out = tf.NDArray.zeros(xs[0]!.shape, dtype);
    const [a, b, c] = xs.map((x) => x.data);
    for (let i = 0; i < out.size; i++) out.data[i] = fn(a![i]!, b?.[i] ?? 0, c?.[i] ?? 0);
    return out;
  };
}

describe('PyFuncTest', () => {
  it('testRealDataTypes', async () => {
    for (const dtype of [tf.float32, tf.float64, tf.uint8, tf.int8, tf.uint16, tf.int16, tf.int32, tf.int64]) {
      const [z] = await evaluate(() => {
        const x = tf.constant(1, dtype);
        const y = tf.constant(2, dtype);
        const out = tf.py_func(
          elementwise(dtype, (a, b) => a + b),
          [x, y],
          [dtype],
        ) as tf.Tensor[];
        return [out[0]!];
      });
      expect(z!.dtype).toBe(dtype);
      assertAllEqual(z!, 3);
    }
  });

  it('testBasic', async () => {
    const myFunc = elementwise(tf.float32, (x, y, z) => Math.fround(Math.sinh(x) * z + Math.cosh(y)));
    const [r] = await evaluate(() => {
      const x = tf.constant(1.0, tf.float32);
      const y = tf.constant(2.0, tf.float32);
      const z = tf.constant(3.0, tf.float32);
      return [tf.py_func(myFunc, [x, y, z], tf.float32) as tf.Tensor];
    });
    assertAllClose(r!, Math.fround(Math.sinh(1) * 3 + Math.cosh(2)));
  });

  it('testStrings', async () => {
    const enc = new TextEncoder();
    const [z] = await evaluate(() => {
      const x = tf.constant(['hello', 'hi'], tf.string);
      const [y] = tf.py_func(() => tf.NDArray.fromStrings([' there']), [], [tf.string]) as tf.Tensor[];
      // x + y, NumPy's concatenation of bytes broadcast over x
      const join = (a: tf.NDArray, b: tf.NDArray): tf.NDArray => tf.NDArray.fromStrings(a.strings.map((s) => new Uint8Array([...s, ...b.strings[0]!])));
      return [(tf.py_func(join, [x, y!], [tf.string]) as tf.Tensor[])[0]!];
    });
    expect(z!.strings).toEqual([enc.encode('hello there'), enc.encode('hi there')]);
  });

  it('testLarge', async () => {
    await inSession(async (g, sess) => {
      const [y, z] = g.as_default(() => {
        const x = tf.zeros([1000000], tf.float32);
        return [
          tf.py_func(
            elementwise(tf.float32, (v) => v + 1),
            [x],
            [tf.float32],
          ) as tf.Tensor[],
          tf.py_func(
            elementwise(tf.float32, (v) => v * 2),
            [x],
            [tf.float32],
          ) as tf.Tensor[],
        ];
      });
      for (let i = 0; i < 100; i++) await sess.run([y![0]!.op, z![0]!.op]);
    });
  });

  it('testNoInput', async () => {
    const [x] = await evaluate(() => [tf.py_func(() => 42.0, [], tf.float64) as tf.Tensor]);
    expect(x!.dtype).toBe('float64');
    assertAllClose(x!, 42.0);
  });

  it('testStateful', async () => {
    await inSession(async (g, sess) => {
      let producer = 0;
      const [x] = g.as_default(() => tf.py_func(() => producer++, [], [tf.int64]) as tf.Tensor[]);
      for (const want of [0, 1, 2]) assertAllEqual(await sess.run(x!), want);
    });
  });

  it('testStateless (its value computed once and reused, as TF1 folds it)', async () => {
    await inSession(async (g, sess) => {
      let producer = 0;
      const [x] = g.as_default(() => tf.py_func(() => producer++, [], [tf.int64], { stateful: false }) as tf.Tensor[]);
      for (let i = 0; i < 3; i++) assertAllEqual(await sess.run(x!), 0);
    });
  });

  it('testGradientFunction: PyFunc and PyFuncStateless have none', () => {
    inGraph(() => {
      const a = tf.constant(0.0, tf.float32);
      const [x] = tf.py_func((v: tf.NDArray) => v, [a], [tf.float32]) as tf.Tensor[];
      const [y] = tf.py_func((v: tf.NDArray) => v, [a], [tf.float32], { stateful: false }) as tf.Tensor[];
      expect(tf.gradients(x!, a)).toEqual([null]);
      expect(tf.gradients(y!, a)).toEqual([null]);
    });
  });

  it('testBadReturnType: a value of no array kind is UnimplementedError', async () => {
    await inSession(async (g, sess) => {
      const [z] = g.as_default(() => tf.py_func(() => ({ foo: tf.float32 }), [], [tf.int64]) as tf.Tensor[]);
      const e = await rejected(sess.run(z!));
      expect(e).toBeInstanceOf(tf.errors.UnimplementedError);
      expect(e.message).toMatch(/Unsupported object type Object/);
    });
  });

  it('testNoReturnValueStateful', async () => {
    const state = { value: BigInt64Array.of(1n) };
    await inSession(async (g, sess) => {
      const op = g.as_default(() =>
        tf.py_func((diff: tf.NDArray) => void (state.value[0]! += BigInt(diff.data[0]!)), [tf.constant(2, tf.int64)], [], { stateful: true }),
      );
      expect(await sess.run(op as tf.Operation)).toBeNull();
    });
    expect(state.value[0]).toBe(3n);
  });

  it('testNoReturnValueStateless', async () => {
    const state = { value: 1 };
    await inSession(async (g, sess) => {
      const op = g.as_default(() => tf.py_func((diff: tf.NDArray) => void (state.value += diff.data[0]!), [tf.constant(2, tf.int64)], [], { stateful: false }));
      expect(await sess.run(op as tf.Operation)).toBeNull();
    });
    expect(state.value).toBe(3);
  });

  it('testExceptionHandling', async () => {
    class WeirdError extends Error {}
    const cases: [new (m: string) => Error, new (...a: never[]) => tf.errors.OpError][] = [
      [tf.errors.ValueError, tf.errors.InvalidArgumentError],
      [TypeError, tf.errors.InvalidArgumentError],
      [tf.errors.OutOfRangeError, tf.errors.OutOfRangeError],
      [tf.errors.ResourceExhaustedError, tf.errors.ResourceExhaustedError],
      [tf.errors.UnimplementedError, tf.errors.UnimplementedError],
      [WeirdError, tf.errors.UnknownError],
    ];
    for (const [jsErr, tfErr] of cases) {
      await inSession(async (g, sess) => {
        function innerException(): never {
          throw new jsErr('blah');
        }
        function raiseException(): void {
          innerException();
        }
        const f = g.as_default(() => tf.py_func(raiseException, [], []));
        const e = await rejected(sess.run(f as tf.Operation));
        expect(e).toBeInstanceOf(tfErr);
        // the error at the top, then where it was raised, innermost first (JS's order)
        if (!(e instanceof jsErr)) expect((e as Error).message).toMatch(/blah[\s\S]*innerException[\s\S]*raiseException/);
      });
    }
  });
});

describe('py_func in tf1-ts', () => {
  it("builds one PyFunc op with TF1's token, Tin and Tout, its outputs of unknown shape", () => {
    inGraph(() => {
      const [a, b] = tf.py_func(() => [1, 2], [tf.constant(1.0, tf.float32), 'x'], [tf.float32, tf.int32], { name: 'f' }) as tf.Tensor[];
      expect(a!.op.name).toBe('f');
      expect(a!.op.type).toBe('PyFunc');
      expect(a!.op.get_attr('token')).toMatch(/^pyfunc_\d+$/);
      expect(a!.op.get_attr('Tout')).toEqual(['float32', 'int32']);
      expect(String(a!.shape)).toBe('<unknown>');
      expect(b!.dtype).toBe('int32');
      expect(a!.op.inputs.map((t) => t.op.name)).toEqual(['Const', 'f/input_1']);
    });
  });

  it('a returned NDArray of another dtype, a wrong count, and a Promise are InvalidArgumentError; the session goes on', async () => {
    await inSession(async (g, sess) => {
      const { bad, count, promise, ok, v } = g.as_default(() => {
        const v = tf.Variable(1.0, { dtype: tf.float32 });
        const bad = tf.py_func(() => new tf.NDArray(Float64Array.of(1), [1], 'float64'), [], tf.float32) as tf.Tensor;
        const count = tf.py_func(() => [1, 2], [], [tf.float32]) as tf.Tensor[];
        const promise = tf.py_func(async () => 1, [], tf.float32) as tf.Tensor;
        const ok = tf.assign_add(v, tf.py_func(() => 2, [], tf.float32) as tf.Tensor);
        return { bad, count, promise, ok, v };
      });
      await sess.run(v.initializer);
      const e1 = await rejected(sess.run([tf.assign_add(v, 5), bad] as never));
      expect(e1).toBeInstanceOf(tf.errors.InvalidArgumentError);
      expect(e1.message).toMatch(/^0-th value returned by pyfunc_\d+ is double, but expects float/);
      expect((await rejected(sess.run(count[0]!))).message).toMatch(/^pyfunc_\d+ returns 2 values, but expects to see 1 values\./);
      expect((await rejected(sess.run(promise))).message).toMatch(/returned a Promise/);
      assertAllEqual(await sess.run(ok), 3);
    });
  });

  it('a PyFunc node read back from its GraphDef runs in this process; a token no function has is InvalidArgumentError', async () => {
    const g = new tf.Graph();
    g.as_default(() => tf.py_func((x: tf.NDArray) => x, [tf.constant([1, 2], tf.float32)], tf.float32, { name: 'f' }));
    const g2 = new tf.Graph();
    g2.as_default(() => tf.import_graph_def(g.as_graph_def(), { name: '' }));
    const missing = g2.create_op('PyFunc', [], { token: 'pyfunc_unknown', Tout: ['float32'] }, 'missing').outputs[0]!;
    const sess = new tf.Session({ graph: g2 });
    assertAllEqual(await sess.run(g2.get_tensor_by_name('f:0')), [1, 2]);
    const e = await rejected(sess.run(missing));
    expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
    expect(e.message).toBe('ValueError: callback pyfunc_unknown is not found');
    await sess.close();
  });
});
