// What the WebAssembly products' tests share: sparse operands, a float64 reference with its error bound, and a
// product computed in a run of its own (as Session.run feeds A).
import { expect } from 'vitest';
import { beginRun, endRun } from '../../../src/session/cpu/wasm/resident.js';
import { wasmMatMul } from '../../../src/session/cpu/wasm/matmul.js';

/** A float32 matrix with about `zeros` of its entries exactly 0 (as MNIST pixels are). */
export function sparse(n: number, zeros: number, rng: { next(): number }): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = rng.next() < zeros ? 0 : rng.next() * 2 - 1;
  return a;
}

/** op(A)·op(B) in float64, and the bound Σ|a||b| per element that float32 rounding error scales with. */
export function reference(a: Float32Array, ta: boolean, b: Float32Array, tb: boolean, M: number, N: number, K: number) {
  const c = new Float64Array(M * N);
  const mag = new Float64Array(M * N);
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0;
      let m = 0;
      for (let k = 0; k < K; k++) {
        const p = (ta ? a[k * M + i]! : a[i * K + k]!) * (tb ? b[j * K + k]! : b[k * N + j]!);
        s += p;
        m += Math.abs(p);
      }
      c[i * N + j] = s;
      mag[i * N + j] = m;
    }
  }
  return { c, mag };
}

/** Expects `c` within float32 rounding of the reference (4e-6 of Σ|a||b| per element). */
export function expectClose(c: Float32Array, ref: { c: Float64Array; mag: Float64Array }): void {
  for (let i = 0; i < c.length; i++) {
    const tol = 4e-6 * ref.mag[i]! + 1e-30;
    if (!(Math.abs(c[i]! - ref.c[i]!) <= tol)) expect.fail(`element ${i}: ${c[i]} vs ${ref.c[i]} (tolerance ${tol})`);
  }
}

/** op(A)·B computed in a run of its own to which A is fed, as Session.run feeds it. */
export function fedProduct(a: Float32Array, ta: boolean, b: Float32Array, M: number, N: number, K: number): Float32Array {
  const c = new Float32Array(M * N);
  beginRun([a]);
  try {
    wasmMatMul(a, ta, b, false, c, M, N, K);
  } finally {
    endRun();
  }
  return c;
}
