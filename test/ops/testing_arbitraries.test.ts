import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { broadcast_shape, broadcast_shapes, gradient_error, ndarray, ndarrays, reduction_axes, shape } from '../../src/testing/index.js';

describe('tf1-ts/testing arbitraries', () => {
  it('shape() stays within its rank and dimension bounds', () => {
    fc.assert(
      fc.property(shape({ min_rank: 1, max_rank: 3, min_dim: 2, max_dim: 5 }), (s) => {
        expect(s.length).toBeGreaterThanOrEqual(1);
        expect(s.length).toBeLessThanOrEqual(3);
        expect(s.every((d) => Number.isInteger(d) && d >= 2 && d <= 5)).toBe(true);
      }),
    );
  });

  it("broadcast_shapes() gives pairs the engine's shape inference broadcasts to broadcast_shape's answer", () => {
    fc.assert(
      fc.property(broadcast_shapes(), ([a, b]) => {
        const g = new tf.Graph();
        const y = g.as_default(() => tf.add(tf.placeholder(tf.float64, a), tf.placeholder(tf.float64, b)));
        expect(y.shape.as_list()).toEqual(broadcast_shape(a, b));
      }),
      { numRuns: 200 },
    );
  });

  it('broadcast_shapes() produces every broadcasting case', () => {
    const pairs = fc.sample(broadcast_shapes(), { numRuns: 1000, seed: 7 });
    const seen = (p: (a: number[], b: number[]) => boolean): boolean => pairs.some(([a, b]) => p(a, b));
    expect(seen((a, b) => a.length > 0 && String(a) === String(b))).toBe(true);
    expect(seen((a, b) => a.length === 0 && b.length > 0)).toBe(true);
    expect(seen((a, b) => b.length === 0 && a.length > 0)).toBe(true);
    expect(seen((a, b) => a.length > 0 && b.length > a.length)).toBe(true);
    expect(seen((a, b) => b.length > 0 && a.length > b.length)).toBe(true);
    // Both sides broadcast at once: a has 1 against n on one axis, b on another.
    expect(seen((a, b) => a.length === b.length && a.some((d, i) => d === 1 && b[i]! > 1) && b.some((d, i) => d === 1 && a[i]! > 1))).toBe(true);
  });

  it('broadcast_shape() refuses shapes that do not broadcast', () => {
    expect(broadcast_shape([2, 1], [3])).toEqual([2, 3]);
    expect(() => broadcast_shape([2], [3])).toThrow(RangeError);
  });

  it('reduction_axes(r) gives distinct valid axes, some negative', () => {
    const samples = fc.sample(reduction_axes(3), { numRuns: 300, seed: 3 });
    for (const axes of samples) {
      expect(axes.every((a) => Number.isInteger(a) && a >= -3 && a < 3)).toBe(true);
      expect(new Set(axes.map((a) => (a + 3) % 3)).size).toBe(axes.length);
    }
    expect(samples.some((axes) => axes.some((a) => a < 0))).toBe(true);
    expect(
      new Set(
        samples.map((axes) =>
          axes
            .map((a) => (a + 3) % 3)
            .sort()
            .join(),
        ),
      ).size,
    ).toBe(8);
  });

  it('ndarray() keeps values in range and away from the avoided points', () => {
    fc.assert(
      fc.property(ndarray([4, 4], { min: -1, max: 2, avoid: [0, 1], gap: 0.2 }), (a) => {
        expect(a.shape).toEqual([4, 4]);
        expect(a.dtype).toBe('float64');
        for (const v of a.data) {
          expect(v).toBeGreaterThanOrEqual(-1);
          expect(v).toBeLessThanOrEqual(2);
          expect(Math.abs(v)).toBeGreaterThanOrEqual(0.2);
          expect(Math.abs(v - 1)).toBeGreaterThanOrEqual(0.2 - 1e-12);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('ndarrays() with distinct keeps every value of every array that far apart', () => {
    fc.assert(
      fc.property(ndarrays([[3, 3], [3]], { distinct: 0.05, avoid: [0], gap: 0.1 }), (arrays) => {
        const all = arrays.flatMap((a) => Array.from(a.data)).sort((x, y) => x - y);
        for (let i = 1; i < all.length; i++) expect(all[i]! - all[i - 1]!).toBeGreaterThanOrEqual(0.05 - 1e-12);
        expect(all.every((v) => Math.abs(v) >= 0.1)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('ndarray() of a shape arbitrary follows the shapes, and takes float32', () => {
    fc.assert(
      fc.property(ndarray(shape({ max_dim: 3 }), { dtype: 'float32' }), (a) => {
        expect(a.dtype).toBe('float32');
        expect(a.data).toBeInstanceOf(Float32Array);
        expect(a.size).toBe(a.shape.reduce((x, y) => x * y, 1));
      }),
    );
  });

  it('refuses constraints no value can meet', () => {
    expect(() => ndarray([2], { min: -0.1, max: 0.1, avoid: [0], gap: 0.5 })).toThrow(RangeError);
    expect(() => ndarray([100], { min: 0, max: 1, distinct: 0.1 })).toThrow(RangeError);
  });
});

describe('gradient_error', () => {
  it("is small for the engine's own gradients and large for a function whose gradient is stopped", async () => {
    const x = new tf.NDArray(Float64Array.from([0.5, 1.5, 2.5]), [3], 'float64');
    expect(await gradient_error((t) => tf.log(t).mul(tf.square(t)), [x], { delta: 1e-5 })).toBeLessThan(1e-8);
    // x + stop_gradient(x^2 - x) has the value of x^2 but the gradient of x.
    expect(await gradient_error((t) => t.add(tf.stop_gradient(tf.square(t).sub(t))), [x])).toBeGreaterThan(1);
  });
});
