// The SIMD kernels never read or write past an array: an operand shorter than its shape (a view of a
// resizable buffer that shrank) sends the work to the JavaScript kernels, a packed form made for one
// shape never serves another, and a view too close to the memory's end is not read in place.
import { describe, expect, it } from 'vitest';
import { addressOf, hostFloat32, hostFree, pinnedFloat32, SLACK } from '../../../src/framework/memory/host.js';
import { wasmMatMul } from '../../../src/session/cpu/wasm/matmul.js';
import { beginRun, endRun } from '../../../src/session/cpu/wasm/resident.js';
import { BINARY_CODES, UNARY_CODES, wasmApplyGradientDescent, wasmBinary, wasmSoftmax, wasmSum, wasmUnary } from '../../../src/session/cpu/wasm/elementwise.js';

const filled = (n: number, v: number): Float32Array => {
  const h = hostFloat32(n);
  h.fill(v);
  return h;
};

describe('an operand shorter than its shape', () => {
  it('is declined by MatMul, with the output untouched', () => {
    const [M, N, K] = [32, 16, 24];
    const c = filled(M * N, -1);
    expect(wasmMatMul(filled(M * K - 1, 1), false, filled(K * N, 1), false, c, M, N, K)).toBe(false);
    expect(wasmMatMul(filled(M * K, 1), false, filled(K * N - 4, 1), true, c, M, N, K)).toBe(false);
    expect(wasmMatMul(filled(M * K, 1), true, filled(K * N, 1), false, filled(M * N - 1, 0), M, N, K)).toBe(false);
    expect(c.every((v) => v === -1)).toBe(true);
    expect(wasmMatMul(filled(M * K, 1), false, filled(K * N, 1), false, c, M, N, K)).toBe(true);
    expect(c.every((v) => v === K)).toBe(true);
  });

  it('is declined by the elementwise, softmax and sum kernels, with the output untouched', () => {
    const o = filled(64, -1);
    expect(wasmUnary(UNARY_CODES.Neg, filled(60, 1), o)).toBe(false);
    expect(wasmBinary(BINARY_CODES.Add, filled(63, 1), [8, 8], filled(64, 1), [8, 8], o, [8, 8])).toBe(false);
    expect(wasmBinary(BINARY_CODES.Add, filled(64, 1), [8, 8], filled(7, 1), [1, 8], o, [8, 8])).toBe(false);
    expect(wasmBinary(BINARY_CODES.Add, filled(64, 1), [8, 8], filled(64, 1), [8, 8], filled(63, 0), [8, 8])).toBe(false);
    expect(wasmSoftmax(filled(48, 1), o, 8)).toBe(false);
    expect(wasmSum(filled(63, 1), 1, 8, 8, o, 1)).toBe(false);
    expect(wasmSum(filled(64, 1), 8, 8, 1, filled(7, 0), 1)).toBe(false);
    expect(wasmApplyGradientDescent(o, 0.5, filled(32, 1))).toBe(false);
    expect(o.every((v) => v === -1)).toBe(true);
    expect(wasmUnary(UNARY_CODES.Neg, filled(64, 1), o)).toBe(true);
    expect(o.every((v) => v === -1)).toBe(true);
    expect(wasmBinary(BINARY_CODES.Add, filled(64, 1), [8, 8], filled(8, 2), [1, 8], o, [8, 8])).toBe(true);
    expect(o.every((v) => v === 3)).toBe(true);
  });
});

describe('a pinned array fed under different shapes', () => {
  it('gets a packed form per shape, so each product is right, run after run', () => {
    const a = pinnedFloat32(60);
    a.forEach((_, i) => (a[i] = i % 3 === 0 ? 0 : (i % 5) - 2));
    const b = Float32Array.from({ length: 60 }, (_, i) => (i % 4) - 1);
    const reference = (M: number, K: number, N: number, ta: boolean): Float32Array => {
      const c = new Float32Array(M * N);
      for (let i = 0; i < M; i++)
        for (let j = 0; j < N; j++) {
          let s = 0;
          for (let k = 0; k < K; k++) s += (ta ? a[k * M + i]! : a[i * K + k]!) * b[k * N + j]!;
          c[i * N + j] = s;
        }
      return c;
    };
    // A as [6, 10], [10, 6], [4, 15], and stored transposed: [10, 6] read as A^T [6, 10]
    const cases: [number, number, boolean][] = [
      [6, 10, false],
      [10, 6, false],
      [4, 15, false],
      [6, 10, true],
      [15, 4, true],
    ];
    for (let round = 0; round < 2; round++) {
      for (const [M, K, ta] of cases) {
        const N = Math.floor(60 / K);
        const c = new Float32Array(M * N);
        beginRun([a]);
        try {
          expect(wasmMatMul(a, ta, b, false, c, M, N, K)).toBe(true);
        } finally {
          endRun();
        }
        expect(Array.from(c)).toEqual(Array.from(reference(M, K, N, ta)));
      }
    }
  });
});

describe("a view built by hand on the memory's buffer", () => {
  it("is not read in place when it ends within SLACK bytes of the memory's end (kernels read that far past an operand)", () => {
    const h = hostFloat32(16);
    const end = h.buffer.byteLength;
    expect(addressOf(new Float32Array(h.buffer, end - 64, 16))).toBeNull();
    expect(addressOf(new Float32Array(h.buffer, end - 64 - SLACK, 16))).toBe(end - 64 - SLACK);
    expect(addressOf(h)).toBe(h.byteOffset);
    hostFree(h);
  });
});
