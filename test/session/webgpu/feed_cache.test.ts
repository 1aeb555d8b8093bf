// The WebGPU backend's cache of large feeds (feed_cache.ts): the last KEPT_PER_FEED uploads of each placeholder are
// kept while their bytes do not change (a training set and a test set fed in turn), a value changed in place is
// uploaded again, and a placeholder fed new values run after run (a mini-batch loop) stops keeping copies until a
// value repeats. Every run's result is checked against sums computed here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/index.js';
import { WebGpuBackend } from '../../../src/session/webgpu/backend.js';
import { BufferPool } from '../../../src/session/webgpu/buffer_pool.js';
import { acquireDevice } from '../../../src/session/webgpu/device.js';
import { FEED_CACHE_MIN_BYTES, FeedCache, KEPT_PER_FEED, MISSES_TO_STREAM, STREAM_PROBE } from '../../../src/session/webgpu/feed_cache.js';
import { nd, NO_ADAPTER } from './harness.js';

const COLS = 1024;

/** A [rows, COLS] float32 array of small integers from `seed` (exact sums), equal to another seed's nowhere near its start. */
function filled(rows: number, seed: number): tf.NDArray {
  return nd(
    Array.from({ length: rows * COLS }, (_, i) => ((i * 7 + seed * 13) % 29) - 14 + (i === 20 * COLS + 5 ? 100 * seed : 0)),
    [rows, COLS],
    'float32',
  );
}

/** Each row's sum, as the graph computes it. */
function rowSums(a: tf.NDArray): number[] {
  const out: number[] = [];
  for (let r = 0; r < a.shape[0]!; r++) {
    let sum = 0;
    for (let c = 0; c < COLS; c++) sum += a.data[r * COLS + c]!;
    out.push(sum);
  }
  return out;
}

describe('the WebGPU cache of large feeds', () => {
  const graph = new tf.Graph();
  let sess: tf.Session;
  let backend: WebGpuBackend;
  beforeAll(async () => {
    sess = new tf.Session({ graph, backend: 'webgpu' });
    const b = await sess.getBackend();
    if (!(b instanceof WebGpuBackend)) throw new Error(NO_ADAPTER);
    backend = b;
  });
  afterAll(() => sess.close());

  /** A new placeholder (its own cache entries) and a function that feeds it `a`, checks the row sums and returns the uploads and copies the run made. */
  function placeholder(): (a: tf.NDArray) => Promise<{ uploads: number; copies: number }> {
    const { x, sums } = graph.as_default(() => {
      const x = tf.placeholder(tf.float32, { shape: [null, COLS] });
      return { x, sums: tf.reduce_sum(x, 1) };
    });
    return async (a) => {
      const { uploads, copies } = backend.feedCounters;
      const out = await sess.run(sums, new Map([[x, a]]));
      expect(Array.from(out.data)).toEqual(rowSums(a));
      return { uploads: backend.feedCounters.uploads - uploads, copies: backend.feedCounters.copies - copies };
    };
  }

  it('keeps a training set and a test set fed to one placeholder in turn: each is uploaded once', async () => {
    const feed = placeholder();
    expect(KEPT_PER_FEED).toBeGreaterThanOrEqual(2);
    const train = filled(32, 1);
    const test = filled(48, 2);
    expect(train.size * 4).toBeGreaterThanOrEqual(FEED_CACHE_MIN_BYTES);
    expect(await feed(train)).toEqual({ uploads: 1, copies: 1 });
    expect(await feed(test)).toEqual({ uploads: 1, copies: 1 });
    for (let i = 0; i < 5; i++) {
      expect(await feed(train)).toEqual({ uploads: 0, copies: 0 });
      expect(await feed(train)).toEqual({ uploads: 0, copies: 0 });
      expect(await feed(test)).toEqual({ uploads: 0, copies: 0 });
    }
  });

  it('uploads a kept value changed in place again, and keeps the other', async () => {
    const feed = placeholder();
    const a = filled(32, 3);
    const b = filled(32, 4);
    await feed(a);
    await feed(b);
    expect(await feed(a)).toEqual({ uploads: 0, copies: 0 });
    expect(await feed(b)).toEqual({ uploads: 0, copies: 0 });
    a.data[5 * COLS + 7] = 1000; // the older of the two kept uploads, changed in place
    expect(await feed(a)).toEqual({ uploads: 1, copies: 1 });
    expect(await feed(b)).toEqual({ uploads: 0, copies: 0 });
    b.data[b.size - 1] = -1000; // its last element
    expect(await feed(b)).toEqual({ uploads: 1, copies: 1 });
  });

  it('stops keeping copies of a value new every run, and keeps one again once a value repeats', async () => {
    const feed = placeholder();
    const runs = 3 * STREAM_PROBE + 5;
    let uploads = 0;
    let copies = 0;
    for (let i = 0; i < runs; i++) {
      const r = await feed(filled(32, 100 + i));
      uploads += r.uploads;
      copies += r.copies;
    }
    const probes = Math.floor(runs / STREAM_PROBE);
    expect(uploads).toBe(runs);
    expect(copies).toBe(MISSES_TO_STREAM - 1 + probes);
    // One array fed again and again: kept again at the next probe, then never uploaded.
    const same = filled(32, 7);
    let repeatUploads = 0;
    for (let i = 0; i < STREAM_PROBE + 4; i++) repeatUploads += (await feed(same)).uploads;
    expect(repeatUploads).toBeLessThanOrEqual(STREAM_PROBE);
    expect(await feed(same)).toEqual({ uploads: 0, copies: 0 });
    // And the cache keeps pairs again: a second array fed in turn with it is uploaded once.
    const other = filled(48, 8);
    expect((await feed(other)).uploads).toBe(1);
    expect(await feed(same)).toEqual({ uploads: 0, copies: 0 });
    expect(await feed(other)).toEqual({ uploads: 0, copies: 0 });
  });
});

describe("the feed cache's byte budget", () => {
  it('keeps a second upload only while both fit in it, and the latest whatever its size', async () => {
    const ctx = await acquireDevice();
    if (!ctx) throw new Error(NO_ADAPTER);
    try {
      const pool = new BufferPool(ctx.device, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST, 'feed cache test');
      const t = new tf.Graph().as_default(() => tf.placeholder(tf.float32));
      const a = filled(32, 1); // 128 KiB
      const b = filled(48, 2); // 192 KiB
      const uploads = (budget: number, values: tf.NDArray[]): number => {
        const cache = new FeedCache(ctx.device, pool, budget);
        for (const v of values) cache.buffer(t, v, 'x');
        cache.clear();
        return cache.counters.uploads;
      };
      const turns = [a, b, a, b, a, b];
      expect(uploads(a.size * 4 + b.size * 4, turns)).toBe(2); // both fit: each uploaded once
      expect(uploads(a.size * 4 + b.size * 4 - 1, turns)).toBe(6); // one byte short: only the latest kept
      expect(uploads(1000, [a, a, a])).toBe(1); // larger than the budget alone, and still kept
    } finally {
      ctx.device.destroy();
    }
  });
});
