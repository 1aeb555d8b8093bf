// The CPU kernels' WebAssembly heap: blocks outlive kernels, free coalesces, the heap shrinks when its
// last block goes, and host arrays are views kernels can address in place.
import { describe, expect, it } from 'vitest';
import { addressOf, alloc, clearStack, f32, free, heapStats, hostFloat32, hostFree, keep, malloc, mark, release } from '../../../src/session/cpu/wasm/memory.js';

describe('the WebAssembly heap', () => {
  it('reuses a freed block, coalesces neighbours and gives memory back at the end', () => {
    const start = heapStats();
    const a = malloc(100);
    const b = malloc(1000);
    const c = malloc(10);
    expect(a % 16).toBe(0);
    expect(b).toBeGreaterThanOrEqual(a + 100);
    expect(c).toBeGreaterThanOrEqual(b + 1000);
    free(a);
    expect(malloc(50)).toBe(a); // first fit
    free(a);
    free(b); // a and b merge into one hole
    const ab = malloc(1100);
    expect(ab).toBe(a);
    free(ab);
    free(c); // the last block: the heap shrinks back
    expect(heapStats()).toEqual(start);
  });

  it('keeps what a build allocated on the stack as one block', () => {
    const start = heapStats();
    const [v, block] = keep(() => {
      const p = alloc(64);
      f32(p, 16).fill(7);
      return p;
    });
    expect(block).toBe(v);
    expect(heapStats().live).toBe(start.live + 64);
    free(block!);
    expect(heapStats()).toEqual(start);
  });

  it('refuses to grow the heap while a kernel holds scratch', () => {
    const m = mark();
    alloc(32);
    expect(() => malloc(16)).toThrow(/scratch/);
    expect(hostFloat32(4).buffer).toBeInstanceOf(ArrayBuffer); // an ordinary array instead
    release(m);
    clearStack();
  });

  it('host arrays are zeroed views in the memory, addressable by kernels, and freed by hostFree', () => {
    const start = heapStats();
    const h = hostFloat32(1000);
    expect(h.every((v) => v === 0)).toBe(true);
    expect(addressOf(h)).toBe(h.byteOffset);
    expect(addressOf(new Float32Array(4))).toBeNull();
    h.fill(3);
    expect(f32(addressOf(h)!, 1000)[999]).toBe(3);
    hostFree(h);
    hostFree(h); // twice is harmless
    expect(heapStats()).toEqual(start);
  });
});
