// Byte equality split across worker threads for arrays in the shared memory (framework/memory/compare.ts): a difference
// in any part, at a part's first or last byte, is found; arrays outside the shared memory, or small, are compared on
// the calling thread; and a worker whose view of the memory predates its growth catches up before it compares.
import { availableParallelism } from 'node:os';
import { expect, it } from 'vitest';
import { compareWorkers, PARALLEL_COMPARE_BYTES, sameBytes } from '../../../src/framework/memory/compare.js';
import { addressOf, hostFree, pinnedFloat32 } from '../../../src/framework/memory/host.js';

const bytesOf = (a: Float32Array): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** Two pinned arrays of `n` floats with the same pseudo-random contents. */
function pair(n: number): [Float32Array, Float32Array] {
  const a = pinnedFloat32(n);
  for (let i = 0; i < n; i++) a[i] = Math.sin(i) * 100;
  const b = pinnedFloat32(n);
  b.set(a);
  expect(addressOf(a)).not.toBeNull();
  expect(addressOf(b)).not.toBeNull();
  return [a, b];
}

/** Expects equal bytes, then a difference at each of `at` (byte offsets) to be found, one at a time. */
function expectEveryDifference(a: Float32Array, b: Float32Array, at: number[]): void {
  const x = bytesOf(a);
  const y = bytesOf(b);
  expect(sameBytes(x, y)).toBe(true);
  for (const i of at) {
    const v = y[i]!;
    y[i] = v ^ 0x40;
    expect(sameBytes(x, y), `a difference at byte ${i} of ${x.byteLength}`).toBe(false);
    y[i] = v;
    expect(sameBytes(x, y)).toBe(true);
  }
}

/** Byte offsets around every boundary of `parts` parts of `n` bytes (as compare.ts splits them), and both ends. */
function boundaries(n: number, parts: number): number[] {
  const size = Math.ceil(n / parts / 64) * 64;
  const at = [0, 1, n - 2, n - 1];
  for (let t = 1; t < parts; t++) at.push(t * size - 1, t * size, t * size + 1);
  return at.filter((i) => i >= 0 && i < n);
}

it('compares large pinned arrays in parts on worker threads, finding a difference in any part', async () => {
  const n = (3 * PARALLEL_COMPARE_BYTES) / 4 + 37; // not a multiple of the parts' size
  const [a, b] = pair(n);
  expect(sameBytes(bytesOf(a), bytesOf(b))).toBe(true); // starts the workers
  const want = Math.min(availableParallelism(), 8) - 1;
  for (let waited = 0; compareWorkers() < want && waited < 20_000; waited += 10) await new Promise((r) => setTimeout(r, 10));
  expect(compareWorkers()).toBe(want);
  expectEveryDifference(a, b, boundaries(n * 4, 1 + want));
  // a float's sign, NaN payloads and -0 are bytes like any other
  b[n - 1] = -b[n - 1]!;
  expect(sameBytes(bytesOf(a), bytesOf(b))).toBe(false);
  hostFree(a);
  hostFree(b);
});

it('finds differences after the memory grew, where the workers saw it smaller', async () => {
  const [a0] = pair(PARALLEL_COMPARE_BYTES / 4);
  expect(sameBytes(bytesOf(a0), bytesOf(a0))).toBe(true);
  // a block larger than all that was allocated so far: the memory grows, and these arrays lie past its old end
  const n = 24 * 2 ** 20;
  const [a, b] = pair(n);
  expectEveryDifference(a, b, boundaries(n * 4, 1 + compareWorkers()));
  hostFree(a);
  hostFree(b);
  hostFree(a0);
});

it('compares ordinary arrays, and small ones, on the calling thread, with the same answers', () => {
  const x = new Uint8Array(PARALLEL_COMPARE_BYTES * 2).map((_, i) => i * 7);
  const y = x.slice();
  expect(addressOf(x)).toBeNull();
  expect(sameBytes(x, y)).toBe(true);
  y[x.length - 1]! ^= 1;
  expect(sameBytes(x, y)).toBe(false);
  expect(sameBytes(x, x.subarray(1))).toBe(false); // lengths differ
  const [a, b] = pair(100);
  expectEveryDifference(a, b, [0, 17, 399]);
});
