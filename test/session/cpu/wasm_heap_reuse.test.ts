// The kernels' heap reuses what is freed: pinned arrays fed once and dropped, and the packed forms
// kept for them, go back to the heap, and kept blocks take holes, so memory stays flat.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import * as tf from '../../../src/index.js';
import { heapStats, pinnedFloat32 } from '../../../src/framework/memory/host.js';
import { wasm } from '../../../src/session/cpu/wasm/instance.js';
import { wasmMatMul } from '../../../src/session/cpu/wasm/matmul.js';
import { beginRun, dropKept, endRun, keptBytes } from '../../../src/session/cpu/wasm/resident.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Full collections, with the finalizers (which free collected arrays' blocks) given their turn. */
async function collect(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 0));
  }
}

describe('pinned arrays made, fed and dropped in a loop', () => {
  it('keep the memory and the heap flat: their blocks and their packed forms are freed and reused', async () => {
    const K = 1000;
    const g = new tf.Graph();
    const { x, y } = g.as_default(() => {
      const x = tf.placeholder(tf.float32, [null, K]);
      const w = tf.constant(
        Array.from({ length: K }, (_, k) => Array.from({ length: 10 }, (_, j) => ((k + j) % 3) - 1)),
        { dtype: tf.float32 },
      );
      return { x, y: tf.matmul(x, w) };
    });
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    const step = async (i: number): Promise<void> => {
      const p = tf.pinned_zeros([3000, K]); // 12 MB
      const d = p.data as Float32Array;
      for (let j = i % 7; j < d.length; j += 7) d[j] = 1;
      const out = await sess.run(y, new Map([[x, p]]));
      expect(out.shape).toEqual([3000, 10]);
    };
    for (let i = 0; i < 4; i++) {
      await step(i);
      await collect();
    }
    const warm = { bytes: wasm!.memory.buffer.byteLength, brk: heapStats().brk, live: heapStats().live };
    for (let i = 4; i < 34; i++) {
      await step(i);
      await collect();
    }
    // 30 more arrays of 12 MB, each with its packed form: a leak of either would show as hundreds of MB
    expect(wasm!.memory.buffer.byteLength).toBe(warm.bytes);
    expect(heapStats().brk).toBeLessThanOrEqual(warm.brk);
    expect(heapStats().live).toBeLessThanOrEqual(warm.live);
    sess.close();
  });
});

describe('packed forms kept for pinned feeds', () => {
  it("are kept for at most 8 arrays: the oldest array's form is freed for a ninth, and rebuilt when that array is fed again", () => {
    dropKept();
    const [M, K, N] = [16, 24, 4];
    const b = new Float32Array(K * N).fill(1);
    const feed = (a: Float32Array): Float32Array => {
      const c = new Float32Array(M * N);
      beginRun([a]);
      try {
        expect(wasmMatMul(a, false, b, false, c, M, N, K)).toBe(true);
      } finally {
        endRun();
      }
      return c;
    };
    const arrays = Array.from({ length: 10 }, (_, i) => pinnedFloat32(M * K).fill(i + 1));
    const base = heapStats().blocks;
    arrays.forEach((a, i) => expect(feed(a).every((v) => v === (i + 1) * K)).toBe(true));
    expect(heapStats().blocks).toBe(base + 8); // ten arrays fed, eight forms kept
    arrays[0]!.fill(20); // evicted: fed again, it is packed afresh (and another form goes)
    expect(feed(arrays[0]!).every((v) => v === 20 * K)).toBe(true);
    expect(heapStats().blocks).toBe(base + 8);
    expect(feed(arrays[9]!).every((v) => v === 10 * K)).toBe(true); // still kept
    dropKept();
    expect(heapStats().blocks).toBe(base);
  });
});

describe('a feed whose buffer is resizable', () => {
  const K = 16;
  const N = 4;
  const ones = (n: number): Float32Array => new Float32Array(n).fill(1);
  /** A resizable ArrayBuffer (ES2024: Node 20 has them, this project's TypeScript lib does not declare them). */
  type Resizable = ArrayBuffer & { resize(bytes: number): void };
  const resizable = (bytes: number, max: number): Resizable =>
    new (ArrayBuffer as unknown as new (n: number, o: { maxByteLength: number }) => Resizable)(bytes, { maxByteLength: max });

  it('grown between runs is copied into a block of its new size: four pinned arrays allocated after its kept copy keep their values', () => {
    dropKept();
    const buffer = resizable(64 * K * 4, 1024 * K * 4);
    const a = new Float32Array(buffer); // length-tracking: its length follows the buffer's
    a.fill(1);
    const b = ones(K * N);
    const product = (M: number): Float32Array => {
      const c = new Float32Array(M * N);
      beginRun([a]);
      try {
        expect(wasmMatMul(a, false, b, false, c, M, N, K)).toBe(true);
      } finally {
        endRun();
      }
      return c;
    };
    expect(product(64).every((v) => v === K)).toBe(true);
    // right after the kept copy and its packed form
    const pins = Array.from({ length: 4 }, () => pinnedFloat32(1024).fill(3));
    buffer.resize(1024 * K * 4);
    a.fill(1);
    expect(a.length).toBe(1024 * K);
    expect(product(1024).every((v) => v === K)).toBe(true);
    for (const p of pins) expect(p.every((v) => v === 3)).toBe(true);
    expect(keptBytes()).toBe(a.byteLength);
    // shrunk: copied afresh again, no kept bytes read past its end
    buffer.resize(8 * K * 4);
    a.fill(2);
    expect(product(8).every((v) => v === 2 * K)).toBe(true);
    expect(keptBytes()).toBe(8 * K * 4);
    for (const p of pins) expect(p.every((v) => v === 3)).toBe(true);
    dropKept();
  });

  it('fed to Session.run, grown between runs, never overwrites other arrays (an elementwise op and MatMul read it)', async () => {
    const g = new tf.Graph();
    const { x, y, z } = g.as_default(() => {
      const x = tf.placeholder(tf.float32, [null, K]);
      const y = tf.matmul(
        x,
        tf.constant(
          Array.from({ length: K }, () => Array.from({ length: N }, () => 1)),
          { dtype: tf.float32 },
        ),
      );
      return { x, y, z: tf.reduce_sum(x.mul(x)) };
    });
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    const buffer = resizable(64 * K * 4, 1024 * K * 4);
    const a = new Float32Array(buffer).fill(1);
    const [y1, z1] = await sess.run([y, z], new Map([[x, a]]));
    expect(y1!.shape).toEqual([64, N]);
    expect(z1!.item()).toBe(64 * K);
    const pins = Array.from({ length: 4 }, () => tf.pinned_zeros([1024]));
    for (const p of pins) p.data.fill(3);
    buffer.resize(1024 * K * 4);
    a.fill(1);
    const [y2, z2] = await sess.run([y, z], new Map([[x, a]]));
    expect(y2!.shape).toEqual([1024, N]);
    expect(Array.from(y2!.data).every((v) => v === K)).toBe(true);
    expect(z2!.item()).toBe(1024 * K);
    for (const p of pins) expect(Array.from(p.data).every((v) => v === 3)).toBe(true);
    sess.close();
  });
});
