// A pinned feed's forward product large enough to split across the threads (the article's shapes: x [5500, 784]
// read in place, W [784, 10]): each thread multiplies its rows with the kept packed form and then checks those rows
// against x (mm_nn_verify), so a change anywhere in x, in any thread's rows, is found and x packed again; until then
// the kept form serves run after run. The panel is 10 columns wide (the kernel for that width, as the unchecked
// product uses), and the results match the product of an ordinary copy of x bit for bit. The check counts a row's
// nonzero groups four at a time, then one at a time, then the partial last group: a value appearing in a zero group
// at any of those places is found.
import { beforeAll, expect, it } from 'vitest';
import { pinnedFloat32 } from '../../../src/framework/memory/host.js';
import { wasmMatMul } from '../../../src/session/cpu/wasm/matmul.js';
import { PARALLEL_MIN_WORK } from '../../../src/session/cpu/wasm/matmul_pack.js';
import { startThreads } from '../../../src/session/cpu/wasm/pool.js';
import { stream } from './kernel_harness.js';
import { fedProduct, sparse } from './matmul_helpers.js';

const [M, K, N] = [5500, 784, 10];

beforeAll(async () => {
  await startThreads();
});

/** The same product from an ordinary copy of `a` (copied in and packed afresh): the bits a checked form must give. */
function fromCopy(a: Float32Array, b: Float32Array, rows = M, k = K): Float32Array {
  const c = new Float32Array(rows * N);
  expect(wasmMatMul(a.slice(), false, b, false, c, rows, N, k)).toBe(true);
  return c;
}

function expectSameBits(got: Float32Array, want: Float32Array, what: string): void {
  for (let i = 0; i < want.length; i++) if (!Object.is(got[i], want[i])) expect.fail(`${what}: element ${i}: ${got[i]} vs ${want[i]}`);
}

it("finds a change in any thread's rows of a pinned feed, and keeps its packed form while there is none", () => {
  expect(M * N * K).toBeGreaterThanOrEqual(PARALLEL_MIN_WORK); // split across the threads where there are two
  const rng = stream(3);
  const x = pinnedFloat32(M * K);
  x.set(sparse(M * K, 0.8, rng));
  const w = Float32Array.from({ length: K * N }, () => rng.next() * 2 - 1);
  expectSameBits(fedProduct(x, false, w, M, N, K), fromCopy(x, w), 'first run');
  expectSameBits(fedProduct(x, false, w, M, N, K), fromCopy(x, w), 'kept form');
  // a value changed in the first row, in the middle, in the last row (another thread's where there are two), a
  // nonzero moved within a row (the count of nonzero groups unchanged), and a zero group made nonzero
  const changes: [string, (a: Float32Array) => void][] = [
    ['first row', (a) => (a[5] = a[5] === 0 ? 0.5 : a[5]! * 2)],
    ['middle row', (a) => (a[(M / 2) * K + 300] = a[(M / 2) * K + 300]! - 1)],
    ['last row', (a) => (a[(M - 1) * K + K - 1] = 7)],
    [
      'a nonzero moved',
      (a) => {
        const row = (M - 2) * K;
        const i = a.subarray(row, row + K).findIndex((v) => v !== 0);
        const j = a.subarray(row, row + K).findIndex((v, k) => v === 0 && Math.floor(k / 4) !== Math.floor(i / 4));
        a[row + j] = a[row + i]!;
        a[row + i] = 0;
      },
    ],
    ['a row zeroed', (a) => a.fill(0, (M - 3) * K, (M - 2) * K)],
    ['a zero row given a value', (a) => (a[(M - 3) * K + 100] = 3)],
  ];
  for (const [what, change] of changes) {
    change(x);
    expectSameBits(fedProduct(x, false, w, M, N, K), fromCopy(x, w), what);
    expectSameBits(fedProduct(x, false, w, M, N, K), fromCopy(x, w), `${what}, kept`);
  }
});

it("finds a value appearing in any of a row's zero groups: four at a time, the rest, the partial last group", () => {
  // K = 94: 23 whole groups (five runs of four, then three) and a last group of two. x is all zeros but for the value
  // placed, so a check that skipped any group's place would find nothing to repack for and give a stale product.
  const [rows, k] = [8, 94];
  const rng = stream(9);
  const x = pinnedFloat32(rows * k);
  const w = Float32Array.from({ length: k * N }, () => rng.next() * 2 - 1);
  expectSameBits(fedProduct(x, false, w, rows, N, k), fromCopy(x, w, rows, k), 'all zeros');
  for (let group = 0; group < Math.ceil(k / 4); group++) {
    const at = 3 * k + group * 4 + (group % 2); // a lane of the group that exists in the partial one too
    x[at] = 1 + group;
    expectSameBits(fedProduct(x, false, w, rows, N, k), fromCopy(x, w, rows, k), `group ${group} given a value`);
    x[at] = 0;
    expectSameBits(fedProduct(x, false, w, rows, N, k), fromCopy(x, w, rows, k), `group ${group} zero again`);
  }
});
