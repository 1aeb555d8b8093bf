// The CPU kernels' WebAssembly memory is usable up to its 4 GiB: addresses past 2^31 work, a full
// memory raises TF1's ResourceExhaustedError, and a failed allocation changes nothing, so that after
// frees the next allocations and kernels work again.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ResourceExhaustedError } from '../../../src/framework/errors.js';
import { alloc, clearStack, free, HEAP_LIMIT, heapStats, malloc, mark } from '../../../src/framework/memory/host.js';
import { wasm } from '../../../src/session/cpu/wasm/instance.js';

const child = fileURLToPath(new URL('./fixtures/heap_past_2gib.ts', import.meta.url));
const GiB = 2 ** 30;

describe("the kernels' memory past 2 GiB and up to 4 GiB (in a child process: the memory never shrinks)", () => {
  it('runs MatMul, its gradient and elementwise ops on a pinned slice above 2 GiB exactly as JavaScript computes them, raises ResourceExhaustedError when a kernel cannot get its scratch in the full memory, and recovers after frees', () => {
    const p = spawnSync(process.execPath, ['--import', 'tsx', child], { encoding: 'utf8', timeout: 60_000 });
    expect(p.status, p.stderr).toBe(0);
    const r = JSON.parse(p.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
    expect(r.sliceAddress).toBeGreaterThan(2 * GiB); // past the int32 range of the old address arithmetic
    expect(r.brkPast2GiB).toBeGreaterThan(2.5 * GiB);
    expect(r.sliceMatches).toBe(true);
    expect(r.changedSliceMatches).toBe(true);
    // full: 4 GiB less the page kept unused
    expect(r.memoryBytes).toBe(4 * GiB - 65536);
    expect(r.mallocWhenFull).toMatch(
      /^ResourceExhaustedError: OOM when allocating tensor with shape\[262144\] and type float on \/job:localhost\/replica:0\/task:0\/device:CPU:0 by allocator cpu/,
    );
    expect(r.pinnedWhenFull).toBeNull(); // an ordinary array instead of a failure
    expect(r.elementwiseWhenFull).toBe(true);
    expect(r.runWhenFull).toMatch(/^ResourceExhaustedError: OOM when allocating tensor .*\n\t \[\[\{\{node MatMul\}\}\]\]$/s);
    // recovery
    expect(r.sliceMatchesAfterFree).toBe(true);
    expect(r.smallAddress).toBeLessThan(GiB); // a hole left by the freed arrays, low in the heap
    expect(r.smallMatches).toBe(true);
    expect(r.brkAfterClose).toBeLessThan(2 * GiB);
  });
});

describe('a failed allocation leaves the heap as it was', () => {
  /** Runs `f` with the memory's grow() failing as it does when the pages cannot be had. */
  function growFails<T>(f: () => T): T {
    const memory = wasm!.memory as WebAssembly.Memory & { grow: (pages: number) => number };
    memory.grow = () => {
      throw new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded');
    };
    try {
      return f();
    } finally {
      delete (memory as { grow?: unknown }).grow; // the prototype's again
    }
  }

  it('malloc that needs a grow() that fails throws ResourceExhaustedError with the free list intact, and the hole is still taken next', () => {
    const a = malloc(4096);
    const b = malloc(64);
    free(a); // a hole below b
    const before = heapStats();
    const big = wasm!.memory.buffer.byteLength; // more than the memory has: it must grow
    expect(() => growFails(() => malloc(big))).toThrow(ResourceExhaustedError);
    expect(heapStats()).toEqual(before);
    expect(malloc(4096)).toBe(a);
    free(a);
    free(b);
  });

  it('malloc past 4 GiB, or past what is left of it, throws ResourceExhaustedError without touching the memory', () => {
    const before = heapStats();
    const bytes = wasm!.memory.buffer.byteLength;
    expect(() => malloc(4 * GiB)).toThrow(/^OOM when allocating tensor with shape\[1073741824\] and type float/);
    expect(() => malloc(HEAP_LIMIT - before.brk + 16)).toThrow(ResourceExhaustedError);
    expect(heapStats()).toEqual(before);
    expect(wasm!.memory.buffer.byteLength).toBe(bytes);
  });

  it('scratch that cannot be had throws ResourceExhaustedError with the stack as it was', () => {
    const m = mark();
    alloc(100);
    const top = mark();
    expect(() => growFails(() => alloc(wasm!.memory.buffer.byteLength))).toThrow(ResourceExhaustedError);
    expect(mark()).toBe(top);
    expect(() => alloc(HEAP_LIMIT)).toThrow(ResourceExhaustedError);
    expect(mark()).toBe(top);
    clearStack();
    expect(mark()).toBe(m);
  });
});
