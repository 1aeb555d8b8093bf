// The gradient helpers in float32 round each step as TF1's Eigen kernels do (cwise_ops_gradients.h: dy * (1 - y * y),
// -0.5 * (dy * y) * (y * y), and in the vectorized form's order dy * (y * (1 - y)), -(dy * (y * y)), (0.5 * dy) / y;
// softsign_op.h: g / (|x| + 1).square(); softplus_op.h: g / (exp(-x) + 1)), so a square that overflows float32
// overflows here too: TanhGrad(FLT_MAX, 0) is 0 · -inf = NaN (NumPy's float32 agrees), where arithmetic in doubles
// gave -0. Every ordered pair of special and ordinary values, against float32 arithmetic step by step; and float64
// keeps doubles.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';

const f = Math.fround;
const FLT_MAX = f(3.4028234663852886e38);
const VALUES = [Number.NaN, Infinity, -Infinity, 0, -0, FLT_MAX, -FLT_MAX, f(1.1754943508222875e-38), f(1e-45), 1, -1, f(0.5), f(3e19), f(-7.25), f(1e-30)];

type Op = 'TanhGrad' | 'RsqrtGrad' | 'SoftsignGrad' | 'SigmoidGrad' | 'ReciprocalGrad' | 'SqrtGrad' | 'SoftplusGrad';

const REFERENCE: Record<Op, (a: number, b: number) => number> = {
  TanhGrad: (y, dy) => f(dy * f(1 - f(y * y))),
  RsqrtGrad: (y, dy) => f(f(-0.5 * f(dy * y)) * f(y * y)),
  SoftsignGrad: (g, x) => {
    const d = f(Math.abs(x) + 1);
    return f(g / f(d * d));
  },
  SigmoidGrad: (y, dy) => f(dy * f(y * f(1 - y))),
  ReciprocalGrad: (y, dy) => f(-f(dy * f(y * y))),
  SqrtGrad: (y, dy) => f(f(0.5 * dy) / y),
  SoftplusGrad: (g, x) => f(g / f(f(Math.exp(-x)) + 1)),
};

async function run(op: Op, dtype: 'float32' | 'float64', a: number[], b: number[]): Promise<number[]> {
  const g = new tf.Graph();
  const out = g.as_default(() => {
    const x = tf.constant(a, dtype);
    const y = tf.constant(b, dtype);
    return g.create_op(op, [x, y], {}, op).outputs[0]!;
  });
  const sess = new tf.Session({ graph: g, backend: 'cpu' });
  try {
    return Array.from((await sess.run(out)).data as Float32Array);
  } finally {
    sess.close();
  }
}

describe('the float32 *Grad ops round as TF1 rounds them', () => {
  const a = VALUES.flatMap((v) => VALUES.map(() => v));
  const b = VALUES.flatMap(() => VALUES);
  for (const [op, ref] of Object.entries(REFERENCE) as [Op, (a: number, b: number) => number][]) {
    it(`${op}: every ordered pair of special values, as float32 arithmetic gives it`, async () => {
      const got = await run(op, 'float32', a, b);
      const bad = got.flatMap((v, i) => (Object.is(v, ref(a[i]!, b[i]!)) ? [] : [`${op}(${a[i]}, ${b[i]}) = ${v}, not ${ref(a[i]!, b[i]!)}`]));
      expect(bad).toEqual([]);
    });
  }

  it('where a square overflows float32: NaN, as TF1 and NumPy give', async () => {
    expect(await run('TanhGrad', 'float32', [FLT_MAX, -FLT_MAX], [0, 0])).toEqual([Number.NaN, Number.NaN]);
    expect(await run('RsqrtGrad', 'float32', [FLT_MAX], [0])).toEqual([Number.NaN]);
    expect(await run('SoftsignGrad', 'float32', [Infinity, -Infinity], [FLT_MAX, -FLT_MAX])).toEqual([Number.NaN, Number.NaN]);
    expect(await run('ReciprocalGrad', 'float32', [1e20, -1e20], [1e-30, 1e-30])).toEqual([-Infinity, -Infinity]);
  });

  it('SoftplusGrad below x = -88.72: exp(-x) overflows float32, so the gradient is 0 (NaN for an infinite one)', async () => {
    expect(await run('SoftplusGrad', 'float32', [1, 3, -2, Infinity, 1], [-89, -100, -1e30, -100, -88])).toEqual([
      0,
      0,
      -0,
      Number.NaN,
      f(1 / f(f(Math.exp(88)) + 1)),
    ]);
    // float64's exp overflows only below -709.78
    expect(await run('SoftplusGrad', 'float64', [1, 1], [-100, -710])).toEqual([1 / (Math.exp(100) + 1), 0]);
  });

  it("SigmoidGrad rounds y (1 - y) before multiplying by dy, the vectorized kernel's order", async () => {
    // dy y (1 - y) in doubles rounded once differs by an ulp from dy (y (1 - y)) in float32 for these (a search of
    // random float32 values found them; 26% of random pairs differ so for ReciprocalGrad, 29% for SoftplusGrad)
    const ys = [0.6324834823608398, 0.6794614791870117, 0.5798715353012085, 0.11133861541748047, 0.9729743003845215];
    const dys = [9.958810806274414, 6.731233596801758, 2.337620258331299, 4.7038750648498535, 4.675345420837402];
    const got = await run('SigmoidGrad', 'float32', ys, dys);
    expect(got).toEqual([2.3149070739746094, 1.4660195112228394, 0.5694923400878906, 0.46541231870651245, 0.12293966859579086]);
  });

  it('float64 computes in doubles: the same squares stay finite', async () => {
    expect(await run('TanhGrad', 'float64', [FLT_MAX], [0])).toEqual([-0]);
    expect(await run('RsqrtGrad', 'float64', [FLT_MAX, 2], [0, 3])).toEqual([-0, -0.5 * (3 * 2) * (2 * 2)]);
    expect(await run('SoftsignGrad', 'float64', [Infinity], [FLT_MAX])).toEqual([Infinity]);
  });
});
