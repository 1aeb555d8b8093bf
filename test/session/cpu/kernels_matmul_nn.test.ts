import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../../src/framework/errors.js';
import type { NDArray } from '../../../src/framework/ndarray.js';
import { nd, run, run1, stream, values } from './kernel_harness.js';

const mm = (a: NDArray, b: NDArray, transpose_a = false, transpose_b = false): NDArray => run1('MatMul', [a, b], { transpose_a, transpose_b });

/** A stored [r, c] matrix as a plain row-major getter, for the naive reference. */
const at =
  (t: NDArray, trans: boolean) =>
  (i: number, j: number): number =>
    trans ? t.data[j * t.shape[1]! + i]! : t.data[i * t.shape[1]! + j]!;

describe('MatMul', () => {
  it('multiplies by hand-checked values in all four transpose combinations', () => {
    const a = nd([1, 2, 3, 4, 5, 6], [2, 3]);
    const b = nd([7, 8, 9, 10, 11, 12], [3, 2]);
    const ab = [
      [58, 64],
      [139, 154],
    ];
    expect(mm(a, b).tolist()).toEqual(ab);
    expect(mm(nd([1, 4, 2, 5, 3, 6], [3, 2]), b, true).tolist()).toEqual(ab);
    expect(mm(a, nd([7, 9, 11, 8, 10, 12], [2, 3]), false, true).tolist()).toEqual(ab);
    expect(mm(nd([1, 4, 2, 5, 3, 6], [3, 2]), nd([7, 9, 11, 8, 10, 12], [2, 3]), true, true).tolist()).toEqual(ab);
  });

  it('matches a naive triple loop exactly in float64, for all transposes and block remainders', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 0, max: 9 }),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 1, max: 1e6 }),
        (M, N, K, ta, tb, seed) => {
          const rng = stream(seed);
          const a = nd(values(M * K, 'float64', rng), ta ? [K, M] : [M, K]);
          const b = nd(values(K * N, 'float64', rng), tb ? [N, K] : [K, N]);
          const c = mm(a, b, ta, tb);
          expect(c.shape).toEqual([M, N]);
          const A = at(a, ta);
          const B = at(b, tb);
          for (let i = 0; i < M; i++) {
            for (let j = 0; j < N; j++) {
              let s = 0;
              for (let k = 0; k < K; k++) s += A(i, k) * B(k, j);
              expect(c.data[i * N + j]).toBe(s);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rounds float32 once per result and wraps int32', () => {
    const a = nd([0.1, 0.2, 0.3], [1, 3], 'float32');
    const b = nd([0.4, 0.5, 0.6], [3, 1], 'float32');
    const f = Math.fround;
    const c = mm(a, b);
    expect(c.dtype).toBe('float32');
    expect(c.data[0]).toBe(f(f(0.1) * f(0.4) + f(0.2) * f(0.5) + f(0.3) * f(0.6)));
    const i = mm(nd([65536, 3], [1, 2], 'int32'), nd([65536, 5], [2, 1], 'int32'));
    expect(i.tolist()).toEqual([[15]]);
    const t = mm(nd([1, 2, 3, 4], [2, 2], 'int32'), nd([5, 6, 7, 8], [2, 2], 'int32'), true, true);
    expect(t.tolist()).toEqual([
      [23, 31],
      [34, 46],
    ]);
  });

  it('rejects mismatched inner dimensions with TF1 words', () => {
    const f = (): unknown => run1('MatMul', [nd([1, 2], [1, 2]), nd([1, 2, 3], [3, 1])], { transpose_a: false, transpose_b: false }, { dtypes: ['float64'] });
    expect(f).toThrow(InvalidArgumentError);
    expect(f).toThrow('Matrix size-incompatible: In[0]: [1,2], In[1]: [3,1]');
  });
});

describe('Softmax and LogSoftmax', () => {
  it('compute the last axis by hand', () => {
    const s = run1('Softmax', [nd([0, Math.log(3), 5, 5], [2, 2])], {});
    expect(s.data[0]).toBeCloseTo(0.25, 15);
    expect(s.data[1]).toBeCloseTo(0.75, 15);
    expect(Array.from(s.data.subarray(2))).toEqual([0.5, 0.5]);
    const l = run1('LogSoftmax', [nd([1, 1], [2])], {});
    expect(l.data[0]).toBeCloseTo(-Math.LN2, 15);
    expect(l.data[1]).toBe(l.data[0]);
    expect(run1('Softmax', [nd([1000, -1000, 0], [3], 'float32')], {}).tolist()).toEqual([1, 0, 0]);
  });

  it('give rows that sum to 1, and log-softmax equal to log(softmax), at any rank', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 3 }),
        fc.double({ min: 1, max: 500, noNaN: true }),
        fc.integer({ min: 1, max: 1e6 }),
        (shape, scale, seed) => {
          const n = shape.reduce((a, b) => a * b, 1);
          const x = nd(
            values(n, 'float64', stream(seed)).map((v) => v * scale),
            shape,
          );
          const s = run1('Softmax', [x], {});
          const ls = run1('LogSoftmax', [x], {});
          const C = shape[shape.length - 1]!;
          for (let p = 0; p < n; p += C) {
            let sum = 0;
            for (let j = 0; j < C; j++) {
              sum += s.data[p + j]!;
              expect(ls.data[p + j]).toBeLessThanOrEqual(0);
              if (s.data[p + j]! > 1e-300) expect(ls.data[p + j]).toBeCloseTo(Math.log(s.data[p + j]!), 9);
            }
            expect(sum).toBeCloseTo(1, 12);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('SoftmaxCrossEntropyWithLogits', () => {
  const xent = (f: NDArray, l: NDArray): NDArray[] => run('SoftmaxCrossEntropyWithLogits', [f, l], {});

  it('returns the per-row loss [batch] and backprop = softmax - labels [batch, classes]', () => {
    const [loss, back] = xent(nd([0, 0, Math.log(2), 0], [2, 2]), nd([1, 0, 0.5, 0.5], [2, 2]));
    expect(loss!.shape).toEqual([2]);
    expect(back!.shape).toEqual([2, 2]);
    // row 0: softmax [.5,.5], loss = -log .5; row 1: softmax [2/3,1/3], loss = -(.5 log 2/3 + .5 log 1/3)
    expect(loss!.data[0]).toBeCloseTo(Math.LN2, 15);
    expect(loss!.data[1]).toBeCloseTo(-(0.5 * Math.log(2 / 3) + 0.5 * Math.log(1 / 3)), 15);
    expect(Array.from(back!.data).map((v) => +v.toFixed(12))).toEqual([-0.5, 0.5, +(2 / 3 - 0.5).toFixed(12), +(1 / 3 - 0.5).toFixed(12)]);
  });

  it('stays finite and exact for logits of ±1000', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(-1000, 1000, 0), { minLength: 3, maxLength: 3 }),
        fc.integer({ min: 0, max: 2 }),
        fc.constantFrom('float32' as const, 'float64' as const),
        (logits, cls, dt) => {
          const labels = [0, 0, 0];
          labels[cls] = 1;
          const [loss, back] = xent(nd(logits, [1, 3], dt), nd(labels, [1, 3], dt));
          const m = Math.max(...logits);
          const z = logits.map((v) => v - m);
          const lse = Math.log(z.reduce((a, v) => a + Math.exp(v), 0));
          expect(Number.isFinite(loss!.data[0]!)).toBe(true);
          const digits = dt === 'float32' ? 3 : 9; // a float32 loss near 2000 has an ulp of 1.2e-4
          expect(loss!.data[0]).toBeCloseTo(lse - z[cls]!, digits);
          for (let j = 0; j < 3; j++) {
            expect(Number.isFinite(back!.data[j]!)).toBe(true);
            expect(back!.data[j]).toBeCloseTo(Math.exp(z[j]! - lse) - labels[j]!, digits + 3);
          }
        },
      ),
    );
  });

  it("rejects logits and labels that do not broadcast, in TF1 r1.12's words", () => {
    const f = (): unknown => run('SoftmaxCrossEntropyWithLogits', [nd([1, 2], [1, 2]), nd([1, 2, 3], [1, 3])], {}, { dtypes: ['float64', 'float64'] });
    expect(f).toThrow(InvalidArgumentError);
    expect(f).toThrow('logits and labels must be broadcastable: logits_size=[1,2] labels_size=[1,3]');
  });
});
