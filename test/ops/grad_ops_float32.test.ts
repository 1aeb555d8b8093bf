// TanhGrad, RsqrtGrad and SoftsignGrad in float32 round each step as TF1's Eigen kernels do (cwise_ops_gradients.h:
// dy * (1 - y * y) and -0.5 * (dy * y) * (y * y); softsign_op.h: g / (|x| + 1).square()), so a square that overflows
// float32 overflows here too: TanhGrad(FLT_MAX, 0) is 0 · -inf = NaN (NumPy's float32 agrees), where arithmetic in
// doubles gave -0. Every ordered pair of special and ordinary values, against float32 arithmetic step by step; and
// float64 keeps doubles.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';

const f = Math.fround;
const FLT_MAX = f(3.4028234663852886e38);
const VALUES = [Number.NaN, Infinity, -Infinity, 0, -0, FLT_MAX, -FLT_MAX, f(1.1754943508222875e-38), f(1e-45), 1, -1, f(0.5), f(3e19), f(-7.25), f(1e-30)];

const REFERENCE: Record<'TanhGrad' | 'RsqrtGrad' | 'SoftsignGrad', (a: number, b: number) => number> = {
  TanhGrad: (y, dy) => f(dy * f(1 - f(y * y))),
  RsqrtGrad: (y, dy) => f(f(-0.5 * f(dy * y)) * f(y * y)),
  SoftsignGrad: (g, x) => {
    const d = f(Math.abs(x) + 1);
    return f(g / f(d * d));
  },
};

async function run(op: 'TanhGrad' | 'RsqrtGrad' | 'SoftsignGrad', dtype: 'float32' | 'float64', a: number[], b: number[]): Promise<number[]> {
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
  for (const [op, ref] of Object.entries(REFERENCE) as [keyof typeof REFERENCE, (a: number, b: number) => number][]) {
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
  });

  it('float64 computes in doubles: the same squares stay finite', async () => {
    expect(await run('TanhGrad', 'float64', [FLT_MAX], [0])).toEqual([-0]);
    expect(await run('RsqrtGrad', 'float64', [FLT_MAX, 2], [0, 3])).toEqual([-0, -0.5 * (3 * 2) * (2 * 2)]);
    expect(await run('SoftsignGrad', 'float64', [Infinity], [FLT_MAX])).toEqual([Infinity]);
  });
});
