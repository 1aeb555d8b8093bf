import { availableParallelism } from 'node:os';
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as tf from '../../../src/index.js';
import { hostFloat32, pinnedFloat32 } from '../../../src/framework/memory/host.js';
import { wasm } from '../../../src/session/cpu/wasm/instance.js';
import { wasmMatMul } from '../../../src/session/cpu/wasm/matmul.js';
import { setNumThreads, startThreads, threadCount } from '../../../src/session/cpu/wasm/pool.js';
import { stream } from './kernel_harness.js';
import { expectClose, fedProduct, reference, sparse } from './matmul_helpers.js';

const shapes = fc.record({
  M: fc.integer({ min: 1, max: 40 }),
  N: fc.integer({ min: 1, max: 30 }),
  K: fc.integer({ min: 1, max: 70 }),
  ta: fc.boolean(),
  tb: fc.boolean(),
  zeros: fc.double({ min: 0, max: 1, noNaN: true }),
  seed: fc.integer({ min: 1, max: 1e6 }),
});

describe('MatMul in WebAssembly SIMD', () => {
  beforeAll(async () => {
    await startThreads();
  });

  it('is available here (Node has WebAssembly SIMD and shared memory)', () => {
    expect(wasm?.shared).toBe(true);
  });

  it('matches float64 within float32 rounding for every transpose, panel and group remainder', () => {
    fc.assert(
      fc.property(shapes, ({ M, N, K, ta, tb, zeros, seed }) => {
        const rng = stream(seed);
        const a = sparse(M * K, zeros, rng);
        const b = sparse(K * N, 0.1, rng);
        const c = new Float32Array(M * N).fill(NaN);
        wasmMatMul(a, ta, b, tb, c, M, N, K);
        expectClose(c, reference(a, ta, b, tb, M, N, K));
      }),
      { numRuns: 300 },
    );
  });

  it("splits a dense layer's product (few rows, many 12-column panels) by panels across the threads, every transpose", () => {
    // [50, 300]·[300, 100] and mnist_deep's dense layer's shapes: over PARALLEL_MIN_WORK, 9 and 86 panels
    for (const [M, K, N] of [
      [50, 300, 100],
      [7, 3136, 1024],
    ] as const) {
      for (const [ta, tb] of [
        [false, false],
        [false, true],
        [true, false],
        [true, true],
      ] as const) {
        const rng = stream(M + K + N);
        const a = sparse(M * K, 0.5, rng);
        const b = sparse(K * N, 0.1, rng);
        const c = new Float32Array(M * N).fill(NaN);
        expect(wasmMatMul(a, ta, b, tb, c, M, N, K)).toBe(true);
        expectClose(c, reference(a, ta, b, tb, M, N, K));
      }
    }
  });

  it('sums a mostly nonzero A^T·G in registers (mm_tn_reg_cols): the float32 sums in row order, bit for bit, inf and NaN kept', () => {
    // A stored [K, M] with M a multiple of 4, 9 and 86 panels: the register route (a sparse A takes the packed one, same bits)
    for (const [M, K, N, zeros] of [
      [48, 300, 100, 0.2],
      [3136, 50, 1024, 0.3],
      [48, 300, 100, 0.95],
    ] as const) {
      for (const tb of [false, true]) {
        const rng = stream(M + K + N);
        const a = sparse(K * M, zeros, rng);
        const g = sparse(K * N, 0.1, rng);
        if (zeros < 0.5) g[7] = tb ? NaN : Infinity; // row 7 or 0 of G: 0·inf and 0·NaN must stay NaN
        const c = new Float32Array(M * N).fill(NaN);
        expect(wasmMatMul(a, true, g, tb, c, M, N, K)).toBe(true);
        const want = new Float32Array(M * N);
        for (let i = 0; i < M; i++)
          for (let j = 0; j < N; j++) {
            let s = 0;
            for (let k = 0; k < K; k++) s = Math.fround(s + Math.fround(a[k * M + i]! * (tb ? g[j * K + k]! : g[k * N + j]!)));
            want[i * N + j] = s;
          }
        for (let i = 0; i < c.length; i++) if (!Object.is(c[i], want[i])) expect.fail(`M ${M} tb ${tb} at ${i}: ${c[i]} vs ${want[i]}`);
      }
    }
  });

  it('gives NaN where a dense product would when B holds inf or NaN (zeros of A are not skipped then)', () => {
    const M = 3,
      K = 5,
      N = 2;
    const a = new Float32Array([0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0]);
    const b = new Float32Array([Infinity, 1, 0, 0, 1, 0, 0, 0, 0, NaN]);
    const c = new Float32Array(M * N);
    wasmMatMul(a, false, b, false, c, M, N, K);
    const ref = reference(a, false, b, false, M, N, K);
    expect(Array.from(c)).toEqual(Array.from(ref.c, (v) => Math.fround(v)));
    // row 1 of A is all zeros: skipping them would have given 0, not 0·inf and 0·NaN
    expect([c[2], c[3]]).toEqual([NaN, NaN]);
    expect(c[4]).toBe(Infinity);
  });

  it('packs an A that lies in the memory where it lies, with the same bits as from a copy', () => {
    fc.assert(
      fc.property(shapes, fc.boolean(), ({ M, N, K, ta, tb, zeros, seed }, poison) => {
        const rng = stream(seed);
        const a = sparse(M * K, zeros, rng);
        const b = sparse(K * N, 0.1, rng);
        if (poison) b[Math.floor(rng.next() * b.length)] = rng.next() < 0.5 ? Infinity : NaN;
        const copied = new Float32Array(M * N);
        wasmMatMul(a, ta, b, tb, copied, M, N, K);
        const pinned = pinnedFloat32(a.length);
        pinned.set(a);
        const inPlace = hostFloat32(M * N);
        wasmMatMul(pinned, ta, b, tb, inPlace, M, N, K);
        for (let i = 0; i < copied.length; i++) {
          if (!Object.is(inPlace[i], copied[i])) expect.fail(`element ${i}: ${inPlace[i]} vs ${copied[i]}`);
        }
      }),
      { numRuns: 200 },
    );
  });

  it.each([false, true])("keeps a pinned feed's packed form across runs only while verify finds every group unchanged (transpose_a %s)", (ta) => {
    // rows of 10: two full groups of four and a partial one of two; A is [6, 10], or A^T stored [10, 6]
    const [M, K] = ta ? [10, 6] : [6, 10];
    const N = 3;
    const pinned = pinnedFloat32(M * K);
    const b = Float32Array.from({ length: K * N }, (_, i) => (i % 7) - 3);
    const product = (): Float32Array => fedProduct(pinned, ta, b, M, N, K);
    const check = (): void => expectClose(product(), reference(pinned, ta, b, false, M, N, K));
    pinned.set(sparse(M * K, 0.6, stream(11)));
    check();
    check(); // kept
    const mutations: ((a: Float32Array) => void)[] = [
      (a) => {
        a[13] = a[13] === 0 ? 2 : a[13]! * 3;
      }, // a value inside a kept group
      (a) => {
        const i = a.findIndex((v) => v !== 0);
        a[i] = 0;
        a[(i + 20) % a.length] = 9;
      }, // a nonzero moves, count unchanged
      (a) => {
        a[9] = 4;
        a[8] = 0;
      }, // the partial last group of row 0
      (a) => {
        a[0] = a[0] === 0 ? -0 : a[0]!;
        a[1] = 0;
        a[2] = 0;
        a[3] = 0;
      }, // -0 is not +0 (bits)
      (a) => {
        a.fill(0);
      },
    ];
    for (const mutate of mutations) {
      mutate(pinned);
      check();
    }
    // -0 alone in an otherwise zero row: its group is kept (its bits are not zero), and kept while unchanged
    pinned.fill(0);
    pinned[5] = -0;
    check();
    pinned[5] = 0;
    check();
  });

  it('splits large products across threads with the same results as one thread', () => {
    const rng = stream(7);
    const M = 600,
      K = 784,
      N = 10;
    const a = sparse(M * K, 0.8, rng);
    const b = sparse(K * N, 0, rng);
    const g = sparse(M * N, 0, rng);
    const run = (threads: number) => {
      setNumThreads(threads);
      const c = new Float32Array(M * N);
      const d = new Float32Array(K * N);
      wasmMatMul(a, false, b, false, c, M, N, K);
      wasmMatMul(a, true, g, false, d, K, N, M);
      return { c, d };
    };
    const one = run(1);
    const all = run(0);
    setNumThreads(0);
    expect(threadCount()).toBe(Math.min(availableParallelism(), 15));
    expect(all.c).toEqual(one.c);
    expectClose(all.d, reference(a, true, g, false, K, N, M));
  });

  it('reuses a fed array across runs only while its bytes are unchanged', () => {
    const M = 64,
      K = 30,
      N = 3;
    const a = sparse(M * K, 0.5, stream(3));
    const b = sparse(K * N, 0, stream(4));
    const product = (): Float32Array => fedProduct(a, false, b, M, N, K);
    expectClose(product(), reference(a, false, b, false, M, N, K));
    a[M * K - 1] = 5; // one entry of the last row, in place, between runs
    expectClose(product(), reference(a, false, b, false, M, N, K));
    a.fill(0);
    expect(Array.from(product()).every((v) => v === 0)).toBe(true);
  });

  it("multiplies a large fed array's kept copy on the workers while this thread compares it, and sees a change in place", () => {
    const M = 2000,
      K = 784,
      N = 10; // 15.7 million multiply-adds: split across the threads
    const rng = stream(11);
    const a = sparse(M * K, 0.8, rng);
    const b = sparse(K * N, 0, rng);
    const first = fedProduct(a, false, b, M, N, K); // copies `a` in and packs it
    expectClose(first, reference(a, false, b, false, M, N, K));
    const ctl = (): Int32Array => new Int32Array(wasm!.memory.buffer, 0, 4);
    const equals = Buffer.prototype.equals;
    const posted: boolean[] = [];
    let generation = 0;
    const spy = vi.spyOn(Buffer.prototype, 'equals').mockImplementation(function (this: Buffer, ...args: unknown[]) {
      posted.push(Atomics.load(ctl(), 0) !== generation); // a job went to the workers before the comparison
      return equals.call(this, args[0] as Uint8Array);
    });
    const product = (): Float32Array => {
      generation = Atomics.load(ctl(), 0);
      return fedProduct(a, false, b, M, N, K);
    };
    try {
      expect(product()).toEqual(first); // unchanged: the workers' rows from the kept copy
      a[(M - 1) * K + 5] = 7; // the last row, in place
      expectClose(product(), reference(a, false, b, false, M, N, K));
      a[3] = -2; // the first row
      expectClose(product(), reference(a, false, b, false, M, N, K));
    } finally {
      spy.mockRestore();
    }
    if (threadCount() < 2) return expect(posted.every((p) => !p)).toBe(true); // one core: compared first, as before
    expect(posted.slice(0, 1)).toEqual([true]);
  });

  it('sees a feed mutated in place between Session runs', async () => {
    const g = new tf.Graph();
    const { x, y } = g.as_default(() => {
      const x = tf.placeholder(tf.float32, [null, 100]);
      const w = tf.constant(
        Array.from({ length: 100 }, (_, i) => Array.from({ length: 50 }, (_, j) => (i === j ? 1 : 0))),
        { dtype: tf.float32 },
      );
      return { x, y: tf.matmul(x, w) };
    });
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    const feed = new tf.NDArray(sparse(20 * 100, 0.7, stream(9)), [20, 100], 'float32');
    const first = await sess.run(y, new Map([[x, feed]]));
    expect(first.get(3, 7)).toBe(feed.get(3, 7));
    feed.data[3 * 100 + 7] = 42;
    const second = await sess.run(y, new Map([[x, feed]]));
    expect(second.get(3, 7)).toBe(42);
    sess.close();
  });
});
