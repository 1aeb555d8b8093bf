// Sigmoid in WebAssembly SIMD (sigmoid.mjs: 1 / (1 + exp(-x)) in doubles with exp.mjs's exp) gives the JavaScript
// kernel's float32 results (Math.exp in doubles) bit for bit: over random bit patterns, a comb through every binade
// from the subnormals to the ends where it saturates, and the special values.
import { describe, expect, it } from 'vitest';
import { NDArray } from '../../../src/framework/ndarray.js';
import { hostFloat32, hostFree } from '../../../src/framework/memory/host.js';
import { UNARY_CODES, wasmUnary } from '../../../src/session/cpu/wasm/elementwise.js';
import { run1, stream } from './kernel_harness.js';

/** The bits of float32 `x`. */
const bitsOf = (x: number): number => new Uint32Array(Float32Array.of(x).buffer)[0]!;

/** Sigmoid of `x` by the SIMD kernel and by the JavaScript kernel; the first element that differs in bits, if any. */
function firstDifference(x: Float32Array): string | null {
  const n = x.length - (x.length % 4);
  const want = run1('Sigmoid', [new NDArray(x.slice(0, n), [n / 4, 4], 'float32')], {} as never).data;
  const input = hostFloat32(n);
  const got = hostFloat32(n);
  try {
    input.set(x.subarray(0, n));
    expect(wasmUnary(UNARY_CODES.Sigmoid, input, got)).toBe(true);
    for (let i = 0; i < n; i++) if (!Object.is(got[i], want[i])) return `sigmoid(${x[i]}): ${got[i]} against ${want[i]}`;
    return null;
  } finally {
    hostFree(got);
    hostFree(input);
  }
}

describe('Sigmoid in SIMD', () => {
  it('matches the JavaScript kernel on random float32 bit patterns', () => {
    const rng = stream(18);
    const bits = new Uint32Array(1 << 18);
    for (let i = 0; i < bits.length; i++) bits[i] = Math.floor(rng.next() * 2 ** 32);
    expect(firstDifference(new Float32Array(bits.buffer))).toBeNull();
  });

  it('matches it on a comb through every binade of both signs, saturated ends and subnormals included', () => {
    // every 661st float32 from 0 up to 200 and from -0 down to -200 (sigmoid is 1 or 0 in float32 well before)
    const top = bitsOf(200);
    const bits: number[] = [];
    for (let b = 0; b <= top; b += 661) bits.push(b, (b | 0x80000000) >>> 0);
    expect(firstDifference(new Float32Array(Uint32Array.from(bits).buffer))).toBeNull();
  });

  it('matches it at the special values and where exp is clamped', () => {
    const xs = [NaN, Infinity, -Infinity, 0, -0, 1e-45, -1e-45, 1.17549435e-38, 3.4028235e38, -3.4028235e38, 16.635532, 88.72284, -87.33655];
    for (const edge of [708, 709.7, 745.1]) for (const s of [1, -1]) for (const d of [-1, 0, 1]) xs.push(Math.fround(s * edge) + d * 2 ** -13);
    const x = Float32Array.from(xs);
    expect(firstDifference(x)).toBeNull();
    // the saturated ends: exactly 1 and 0, NaN kept
    const big = Float32Array.of(-1e30, 1e30, NaN, 0);
    const o = hostFloat32(4);
    const input = hostFloat32(4);
    input.set(big);
    wasmUnary(UNARY_CODES.Sigmoid, input, o);
    expect([o[0], o[1], Number.isNaN(o[2]), o[3]]).toEqual([0, 1, true, 0.5]);
    hostFree(o);
    hostFree(input);
  });
});
