// tf.tanh, tf.abs, tf.sign, tf.rsqrt, tf.log1p, tf.expm1, the trigonometric and hyperbolic ops and the roundings: TF1's node names,
// its gradient graphs' names, and the values at the extremes on both backends.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { denseGradients } from '../helpers/dense_gradients.js';

function inGraph<T>(fn: () => T): T {
  return new tf.Graph().as_default(fn);
}

describe('the builders', () => {
  it('name their ops after the op types; tf.nn.tanh is tf.tanh', () => {
    expect(tf.nn.tanh).toBe(tf.tanh);
    inGraph(() => {
      const x = tf.placeholder(tf.float32, [null, 2], 'x');
      const fns = [
        tf.tanh,
        tf.abs,
        tf.sign,
        tf.rsqrt,
        tf.log1p,
        tf.expm1,
        tf.sin,
        tf.cos,
        tf.floor,
        tf.ceil,
        tf.round,
        tf.rint,
        tf.sinh,
        tf.cosh,
        tf.tan,
        tf.asin,
        tf.acos,
        tf.atan,
      ];
      expect(fns.map((f) => f(x).name)).toEqual(
        ['Tanh', 'Abs', 'Sign', 'Rsqrt', 'Log1p', 'Expm1', 'Sin', 'Cos', 'Floor', 'Ceil', 'Round', 'Rint', 'Sinh', 'Cosh', 'Tan', 'Asin', 'Acos', 'Atan'].map(
          (n) => `${n}:0`,
        ),
      );
      expect(String(tf.tanh(x, { name: 't' }))).toBe('Tensor("t:0", shape=(?, 2), dtype=float32)');
    });
  });

  it('take integers where TF1 registers them (Abs, Sign, Round) and refuse them elsewhere', () => {
    inGraph(() => {
      const i = tf.constant([-2, 3], { dtype: tf.int32 });
      expect(tf.abs(i).dtype).toBe('int32');
      expect(tf.sign(i).dtype).toBe('int32');
      expect(() => tf.tanh(i)).toThrow(/Value passed to parameter 'x' has DataType int32 not in list of allowed values/);
      expect(() => tf.floor(i)).toThrow(tf.errors.TypeError);
    });
  });

  it('tf.round returns an integer tensor itself and converts a number as "x" outside its scope, as math_ops.round', () => {
    inGraph(() => {
      const i = tf.constant([1, 2], { dtype: tf.int32 });
      expect(tf.round(i)).toBe(i);
      const r = tf.round(2.5);
      expect(r.name).toBe('Round:0');
      expect(r.op.inputs[0]!.name).toBe('x:0');
      expect(tf.round(tf.constant(1.5), { name: 'r' }).name).toBe('r:0');
    });
  });
});

describe('the gradients, as TF1 names them', () => {
  const grad = (f: (x: tf.Tensor) => tf.Tensor): tf.Tensor | null =>
    inGraph(() => {
      const x = tf.placeholder(tf.float32, [3], 'x');
      return denseGradients(f(x), [x])[0] ?? null;
    });

  it('Tanh: TanhGrad of its output and the incoming gradient', () => {
    const dx = grad(tf.tanh)!;
    expect(dx.name).toBe('gradients/Tanh_grad/TanhGrad:0');
    expect(dx.op.inputs.map((t) => t.name)).toEqual(['Tanh:0', 'gradients/Fill:0']);
  });

  it('Rsqrt: RsqrtGrad of its output and the incoming gradient', () => {
    expect(grad(tf.rsqrt)!.op.inputs.map((t) => t.name)).toEqual(['Rsqrt:0', 'gradients/Fill:0']);
  });

  it('Abs: grad * sign(x)', () => {
    const dx = grad(tf.abs)!;
    expect(dx.name).toBe('gradients/Abs_grad/mul:0');
    expect(dx.op.inputs.map((t) => t.name)).toEqual(['gradients/Fill:0', 'gradients/Abs_grad/Sign:0']);
  });

  it("Sign: zeros of x's shape", () => {
    const dx = grad(tf.sign)!;
    expect(dx.name).toBe('gradients/Sign_grad/zeros:0');
    expect(dx.op.type).toBe('Fill');
    expect(dx.op.inputs.map((t) => t.name)).toEqual(['gradients/Sign_grad/Shape:0', 'gradients/Sign_grad/zeros/Const:0']);
  });

  it('Log1p, Expm1, Sin and Cos: the products of math_grad.py', () => {
    expect(grad(tf.log1p)!.op.inputs.map((t) => t.name)).toEqual(['gradients/Fill:0', 'gradients/Log1p_grad/Reciprocal:0']);
    expect(grad(tf.log1p)!.op.inputs[1]!.op.inputs[0]!.name).toBe('gradients/Log1p_grad/add:0');
    expect(grad(tf.expm1)!.op.inputs.map((t) => t.name)).toEqual(['gradients/Fill:0', 'gradients/Expm1_grad/Exp:0']);
    expect(grad(tf.sin)!.op.inputs.map((t) => t.name)).toEqual(['gradients/Fill:0', 'gradients/Sin_grad/Cos:0']);
    expect(grad(tf.cos)!.op.inputs.map((t) => t.name)).toEqual(['gradients/Cos_grad/Neg:0', 'gradients/Cos_grad/Sin:0']);
    expect(grad(tf.tan)!.op.inputs.map((t) => t.name)).toEqual(['gradients/Fill:0', 'gradients/Tan_grad/Square:0']);
    expect(grad(tf.acos)!.op.inputs.map((t) => t.name)).toEqual(['gradients/Acos_grad/Neg:0', 'gradients/Acos_grad/Reciprocal:0']);
    expect(grad(tf.atan)!.op.inputs[1]!.op.inputs[0]!.name).toBe('gradients/Atan_grad/Add:0');
  });

  it('Floor, Ceil, Round and Rint: None (their rules return [None])', () => {
    expect([tf.floor, tf.ceil, tf.round, tf.rint].map((f) => grad(f))).toEqual([null, null, null, null]);
  });
});

describe.each(['cpu', 'webgpu'] as const)('the values at the extremes on the %s backend', (backend) => {
  async function run(f: (x: tf.Tensor) => tf.Tensor, values: number[], dtype: tf.DType = 'float32'): Promise<number[]> {
    const g = new tf.Graph();
    const [x, y] = g.as_default(() => {
      const x = tf.placeholder(dtype, [null]);
      return [x, f(x)] as const;
    });
    const sess = new tf.Session({ graph: g, backend });
    try {
      const data = dtype === 'int32' ? new Int32Array(values) : new Float32Array(values);
      // + 0: the sign of a zero is the CPU kernels' business (tested below), not every backend's.
      return Array.from(((await sess.run(y, { feed_dict: new Map([[x, data]]) })) as tf.NDArray).data, (v) => v + 0);
    } finally {
      sess.close();
    }
  }

  it('tanh saturates to ±1 without NaN', async () => {
    expect(await run(tf.tanh, [-Infinity, -100, -40, 0, 40, 100, Infinity])).toEqual([-1, -1, -1, 0, 1, 1, 1]);
  });

  it('round and rint take halves to even', async () => {
    expect(await run(tf.round, [-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 3.7, -3.7])).toEqual([-2, -2, 0, 0, 2, 2, 4, -4]);
    expect(await run(tf.rint, [-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 3.7, -3.7])).toEqual([-2, -2, 0, 0, 2, 2, 4, -4]);
    expect(await run(tf.round, [-3, 7], 'int32')).toEqual([-3, 7]);
  });

  it('floor and ceil', async () => {
    expect(await run(tf.floor, [-1.5, -0.5, 0.5, 1.5, 2])).toEqual([-2, -1, 0, 1, 2]);
    expect(await run(tf.ceil, [-1.5, -0.5, 0.5, 1.5, 2])).toEqual([-1, 0, 1, 2, 2]);
  });

  it("sign is Eigen's (x > 0) - (x < 0), abs wraps the int32 minimum", async () => {
    expect(await run(tf.sign, [-Infinity, -3, -0, 0, 0.25, Infinity])).toEqual([-1, -1, 0, 0, 1, 1]);
    expect(await run(tf.sign, [-5, 0, 9], 'int32')).toEqual([-1, 0, 1]);
    expect(await run(tf.abs, [-(2 ** 31), -3, 4], 'int32')).toEqual([-(2 ** 31), 3, 4]);
    expect(await run(tf.abs, [-Infinity, -2.5, 3])).toEqual([Infinity, 2.5, 3]);
  });

  it('rsqrt, log1p and expm1 at their poles and limits', async () => {
    expect(await run(tf.rsqrt, [0, 4, 0.25, Infinity])).toEqual([Infinity, 0.5, 2, 0]);
    expect(await run(tf.log1p, [-1, 0, Infinity])).toEqual([-Infinity, 0, Infinity]);
    expect(await run(tf.expm1, [-Infinity, 0])).toEqual([-1, 0]);
  });
});

describe('the CPU kernels', () => {
  it("round is TF1's: -0.4 and -0.5 round to +0, where rint keeps the sign; sign of NaN is 0", async () => {
    const g = new tf.Graph();
    const [x, r, ri, s] = g.as_default(() => {
      const x = tf.placeholder(tf.float32, [null]);
      return [x, tf.round(x), tf.rint(x), tf.sign(x)] as const;
    });
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    try {
      const [round, rint] = (await sess.run([r, ri], { feed_dict: new Map([[x, new Float32Array([-0.4, -0.5])]]) })) as tf.NDArray[];
      expect(Array.from(round!.data).map((v) => Object.is(v, 0))).toEqual([true, true]);
      expect(Array.from(rint!.data).map((v) => Object.is(v, -0))).toEqual([true, true]);
      const sign = (await sess.run(s, { feed_dict: new Map([[x, new Float32Array([NaN, -0])]]) })) as tf.NDArray;
      expect(Array.from(sign.data).map((v) => Object.is(v, 0))).toEqual([true, true]);
    } finally {
      sess.close();
    }
  });
});
