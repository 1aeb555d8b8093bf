import { describe, expect, it } from 'vitest';
import { np_rows, percent } from '../../examples/lib/example.js';
import { NDArray } from 'tf1-ts';

// The examples' stand-ins for Python's formatting and NumPy's slicing (examples/lib/example.ts).
describe("percent: Python's %g", () => {
  it('prints as Python 3 prints the same doubles', () => {
    // Python 3: '%g' % v for each v, and '%.3g', '%.2g'.
    const cases: [number, string][] = [
      [0.98, '0.98'],
      [1.0, '1'],
      [0.0, '0'],
      [1e-5, '1e-05'],
      [123456789, '1.23457e+08'],
      [0.0001, '0.0001'],
      [0.9919999837875366, '0.992'],
      [100000, '100000'],
      [1000000, '1e+06'],
      [0.00012345, '0.00012345'],
      [-2.5e-7, '-2.5e-07'],
      [0.06, '0.06'],
      [Number.POSITIVE_INFINITY, 'inf'],
    ];
    for (const [v, want] of cases) expect(percent('%g', v)).toBe(want);
    expect(percent('%.3g', 0.00012345)).toBe('0.000123');
    expect(percent('%.2g', 1234.5)).toBe('1.2e+03');
  });

  it("takes a NumPy float32 scalar as Python takes it (the float32's double: 0.98 as float32 prints 0.98)", () => {
    const acc = new NDArray(new Float32Array([0.98]), [], 'float32');
    expect(percent('step %d, training accuracy %g', 100, acc)).toBe('step 100, training accuracy 0.98');
  });
});

describe('np_rows', () => {
  it("is NumPy's a[start:end] of a 2-d array", () => {
    const a = new NDArray(new Float32Array([1, 2, 3, 4, 5, 6]), [3, 2], 'float32');
    const r = np_rows(a, 1, 3);
    expect(r.shape).toEqual([2, 2]);
    expect(Array.from(r.data)).toEqual([3, 4, 5, 6]);
  });
});
