// The CPU kernels' WebAssembly heap: blocks outlive kernels, free coalesces, the heap shrinks when its
// last block goes, and host arrays are views kernels can address in place.
import { describe, expect, it } from 'vitest';
import { dropKept, keptBytes } from '../../../src/session/cpu/wasm/resident.js';
import {
  addressOf,
  alloc,
  clearStack,
  f32,
  free,
  heapStats,
  hostFloat32,
  hostFree,
  keep,
  malloc,
  mark,
  pinnedFloat32,
  release,
  stackEmpty,
} from '../../../src/framework/memory/host.js';

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

  it('keeps what a build wrote into a block of the size asked for, placed in a hole where one fits, with its scratch released', () => {
    const start = heapStats();
    const a = malloc(256);
    const b = malloc(16);
    free(a); // a hole below b
    const [v, block] = keep(64, (at) => {
      alloc(1000); // scratch, gone when build returns
      f32(at, 16).fill(7);
      return at;
    });
    expect(block).toBe(a); // in the hole, not at the top of the heap
    expect(v).toBe(block);
    expect(f32(block, 16).every((x) => x === 7)).toBe(true);
    expect(heapStats().live).toBe(start.live + 64 + 16);
    expect(stackEmpty()).toBe(true); // the build's scratch is gone
    free(block);
    free(b);
    expect(heapStats()).toEqual(start);
  });

  it('frees the block again when the build throws', () => {
    const before = heapStats();
    expect(() =>
      keep(64, () => {
        alloc(32);
        throw new Error('kernel failed');
      }),
    ).toThrow('kernel failed');
    expect(heapStats()).toEqual(before);
    expect(stackEmpty()).toBe(true); // nothing left on the stack
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

describe('pinned arrays', () => {
  it('are fed in place: each run reads their current values, with no kept copy', async () => {
    const { Graph, Session, placeholder, matmul, constant, float32, pinned_zeros } = await import('../../../src/index.js');
    const g = new Graph();
    const { x, y } = g.as_default(() => {
      const x = placeholder(float32, [null, 64]);
      const w = constant(
        Array.from({ length: 64 }, (_, i) => Array.from({ length: 64 }, (_, j) => (i === j ? 2 : 0))),
        { dtype: float32 },
      );
      return { x, y: matmul(x, w) };
    });
    const feed = pinned_zeros([100, 64]);
    expect(addressOf(feed.data as Float32Array)).not.toBeNull();
    feed.data.fill(1);
    const sess = new Session({ graph: g, backend: 'cpu' });
    dropKept();
    expect((await sess.run(y, new Map([[x, feed]]))).get(99, 63)).toBe(2);
    feed.data[99 * 64 + 63] = 5; // changed in place between runs
    expect((await sess.run(y, new Map([[x, feed]]))).get(99, 63)).toBe(10);
    expect(keptBytes()).toBe(0);
    // an ordinary array is copied into the memory, and the copy kept to compare with at the next run
    const ordinary = Float32Array.from(feed.data);
    expect((await sess.run(y, new Map([[x, ordinary]]))).get(99, 63)).toBe(10);
    expect(keptBytes()).toBe(ordinary.byteLength);
    sess.close();
  });

  it('stay allocated while a view cut from them lives', async () => {
    const { setFlagsFromString } = await import('node:v8');
    const { runInNewContext } = await import('node:vm');
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    let view: Float32Array;
    {
      const owner = pinnedFloat32(4096);
      owner.fill(7);
      view = owner.subarray(10, 20).subarray(1, 3);
    }
    for (let i = 0; i < 3; i++) {
      gc();
      await new Promise((r) => setTimeout(r, 10)); // finalizers run between tasks
    }
    // were the owner's block freed, these new blocks would take it over
    const fresh = Array.from({ length: 4 }, () => hostFloat32(4096));
    fresh.forEach((f) => f.fill(-1));
    expect(Array.from(view)).toEqual([7, 7]);
    fresh.forEach(hostFree);
  });
});

describe('kept copies of ordinary feeds', () => {
  it('a new array of the same length takes over the copy of one fed once; an array fed again keeps its own', async () => {
    const { Graph, Session, placeholder, matmul, constant, float32 } = await import('../../../src/index.js');
    const g = new Graph();
    const { x, y } = g.as_default(() => {
      const x = placeholder(float32, [null, 16]);
      const w = constant(
        Array.from({ length: 16 }, (_, i) => Array.from({ length: 4 }, (_, j) => i * 4 + j)),
        { dtype: float32 },
      );
      return { x, y: matmul(x, w) };
    });
    const sess = new Session({ graph: g, backend: 'cpu' });
    dropKept();
    /** A [100, 16] batch of ones scaled by s (a product big enough for the SIMD kernels), and its product's first entry (Σ_i s·4i). */
    const batch = (s: number): Float32Array => new Float32Array(1600).fill(s);
    const first = (s: number): number => s * 480;
    const stable = batch(0.5);
    expect((await sess.run(y, new Map([[x, stable]]))).get(0, 0)).toBe(first(0.5));
    expect((await sess.run(y, new Map([[x, stable]]))).get(0, 0)).toBe(first(0.5)); // a hit: stable keeps its copy
    const blocks = heapStats().blocks;
    for (let step = 1; step <= 20; step++) {
      // a mini-batch loop: a new array each run, each a different batch
      expect((await sess.run(y, new Map([[x, batch(step)]]))).get(99, 0)).toBe(first(step));
      // the stable copy and one for the latest batch, the previous batch's block reused
      expect(keptBytes()).toBe(2 * stable.byteLength);
      expect(heapStats().blocks).toBe(blocks + 2); // the batch's copy and its packed form
    }
    // the array fed twice was never taken over: still correct, and still kept
    expect((await sess.run(y, new Map([[x, stable]]))).get(0, 0)).toBe(first(0.5));
    expect(keptBytes()).toBe(2 * stable.byteLength);
    // an array whose copy was taken over is copied afresh when fed again
    const old = batch(7);
    const next = batch(8);
    await sess.run(y, new Map([[x, old]]));
    await sess.run(y, new Map([[x, next]]));
    expect((await sess.run(y, new Map([[x, old]]))).get(0, 0)).toBe(first(7));
    sess.close();
  });
});

describe('the MNIST DataSet pins what is fed run after run', () => {
  it('slices and the shuffled set are pinned; next_batch arrays, new at every step, are not', async () => {
    const { DataSet } = await import('../../../src/examples/tutorials/mnist/dataset.js');
    const { NDArray } = await import('../../../src/framework/ndarray.js');
    const images = new NDArray(
      Float32Array.from({ length: 50 * 4 }, (_, i) => i),
      [50, 4],
      'float32',
    );
    const labels = new NDArray(
      Float32Array.from({ length: 50 * 2 }, (_, i) => i % 2),
      [50, 2],
      'float32',
    );
    const ds = new DataSet(images, labels, { seed: 1 });
    const [x, y] = ds.slice(0, 10);
    expect(addressOf(x.data as Float32Array)).not.toBeNull();
    expect(addressOf(y.data as Float32Array)).not.toBeNull();
    // dtype float32 (the default): TF1's scaling, `* (1.0 / 255.0)` in float32
    expect(Array.from(x.data.subarray(36, 40))).toEqual([36, 37, 38, 39].map((v) => Math.fround(v * Math.fround(1 / 255))));
    const [bx] = ds.next_batch(5);
    expect(addressOf(bx.data as Float32Array)).toBeNull();
    expect(addressOf(ds.images.data as Float32Array)).not.toBeNull(); // shuffled by next_batch: a pinned copy
  });
});
