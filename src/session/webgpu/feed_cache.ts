import type { Tensor } from '../../graph/tensor.js';
import { allocHost } from '../../framework/dtypes.js';
import { sameBytes } from '../../framework/memory/compare.js';
import { addressOf, hostFloat32Unset, hostFree } from '../../framework/memory/host.js';
import { NDArray } from '../../framework/ndarray.js';
import type { BufferPool } from './buffer_pool.js';
import { gpuBytes, toGpuWords } from './dtypes.js';
import { sameShape } from '../kernels/util.js';
import { slot, type Slot } from './slots.js';

/** Feeds smaller than this are uploaded every run: comparing them would cost about what uploading does. */
export const FEED_CACHE_MIN_BYTES = 1 << 16;

/** Uploads kept per placeholder: a training set and a test set fed to one placeholder in turn both stay. */
export const KEPT_PER_FEED = 2;

/** Bytes of a placeholder's kept uploads together (each is on the GPU and copied on the host): a second is kept only while both fit; the latest is kept whatever its size. */
export const KEPT_BYTES_PER_FEED = 2 ** 30;

/** Runs in a row whose feed matched no kept upload, after which a placeholder's new values are not kept (a mini-batch loop). */
export const MISSES_TO_STREAM = 3;

/** While a placeholder streams, every this many-th upload is kept again, so that a feed that stops changing is found. */
export const STREAM_PROBE = 16;

/** What the cache did, for tests and benchmarks. */
export interface FeedCacheCounters {
  /** Large feeds uploaded (not found among the kept uploads). */
  uploads: number;
  /** Host copies made of uploaded feeds, to compare later runs' feeds with. */
  copies: number;
}

/** One kept upload: the host bytes it was made from, and its GPU buffer (owned by the cache). */
interface Kept {
  /** The bytes of the upload: in the shared memory where the fed array is (see keep). */
  bytes: Uint8Array;
  /** The shared-memory block holding `bytes`, freed when the entry goes; null for an ordinary copy. */
  block: Float32Array | null;
  buffer: GPUBuffer;
  dtype: string;
  shape: readonly number[];
}

/** A placeholder's kept uploads (the most recently used first), and how it has been fed lately. */
interface FeedState {
  kept: Kept[];
  /** Runs in a row whose value matched none of `kept`. */
  misses: number;
  /** The last upload that was not kept (a streaming placeholder's), released at the next upload. */
  stream: GPUBuffer | null;
}

/**
 * The GPU copies of large fed values, kept across runs while their bytes do not change. A training
 * loop feeds the same images every step (the article's x_train is 17 MB); uploading them each step
 * was most of a step's time on a real GPU (the copy into Dawn's staging memory alone takes
 * milliseconds), while comparing with the last upload is one memcmp. A value that changed, even in
 * place in the same array, differs in its bytes and is uploaded again. The comparison is of the
 * host array's own bytes, before any conversion to GPU words: a pinned array (the MNIST loader's,
 * in a SharedArrayBuffer that Dawn cannot upload from) would otherwise be copied every run to be
 * compared, 17 MB per step for the article (measured on SwiftShader: 11 of a step's 29 ms of JavaScript).
 * For such an array the copy kept is in the shared memory too, so that the comparison is split across worker
 * threads (framework/memory/compare.ts): on the GPU machine one memcmp of the article's images took 1.5 ms of a
 * 2.3 ms step.
 *
 * Each placeholder keeps its last KEPT_PER_FEED uploads (within KEPT_BYTES_PER_FEED, the latest always): the article
 * feeds its test images to the training images' placeholder every 100 steps, which with one kept upload cost two
 * uploads each time (31 MB and 17 MB). A placeholder
 * fed a new value run after run (a mini-batch loop) stops keeping copies after MISSES_TO_STREAM such runs: a copy
 * that no later run matches is only a cost (a 313 KB batch copied, and kept alive long enough to be promoted to
 * V8's old generation), and keeping one again every STREAM_PROBE-th upload finds a feed that stops changing.
 */
export class FeedCache {
  private readonly feeds = new Map<Tensor, FeedState>();
  readonly counters: FeedCacheCounters = { uploads: 0, copies: 0 };

  constructor(
    private readonly device: GPUDevice,
    private readonly pool: BufferPool,
    private readonly keptBytes = KEPT_BYTES_PER_FEED,
  ) {}

  /**
   * Fills the slots of a run's feeds (`feedIds`), reading each fed array now. Large feeds that a step reads
   * (`readFeeds`) go through the cache (uploaded now, only when their bytes changed; a host read of one reads the
   * upload back); the others are copied, and upload when first read.
   */
  feedSlots(feedIds: ReadonlyMap<Tensor, number>, feeds: ReadonlyMap<Tensor, NDArray>, readFeeds: ReadonlySet<number>, slots: (Slot | null)[]): void {
    for (const [t, id] of feedIds) {
      const a = feeds.get(t)!;
      const cached = a.dtype !== 'string' && readFeeds.has(id) && a.size * 4 >= FEED_CACHE_MIN_BYTES ? this.buffer(t, a, t.op.name) : null;
      const host = cached ? null : copyOf(a);
      slots[id] = slot(a.shape, a.dtype, { buffer: cached, host, hostResident: false, owner: cached ? 'cached' : 'pool' });
    }
  }

  /**
   * A buffer holding `value` for the placeholder `t`, owned by the cache: a kept upload of the same bytes, else a
   * fresh upload. Call at the start of a run, before anything is recorded, so the upload cannot overtake this
   * batch's commands.
   */
  buffer(t: Tensor, value: NDArray, name: string): GPUBuffer {
    const data = value.data;
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    let f = this.feeds.get(t);
    if (!f) this.feeds.set(t, (f = { kept: [], misses: 0, stream: null }));
    const kept = f.kept;
    const i = kept.findIndex((e) => e.dtype === value.dtype && sameShape(e.shape, value.shape) && sameBytes(e.bytes, bytes));
    if (i >= 0) {
      const e = kept[i]!;
      if (i > 0) kept.unshift(...kept.splice(i, 1));
      f.misses = 0;
      return e.buffer;
    }
    const words = toGpuWords(value, name);
    // An old buffer may still be read by submitted work; the pool hands it out again only in recorded order.
    if (f.stream) this.pool.release(f.stream);
    f.stream = null;
    f.misses++;
    // Streaming from now on: no kept upload matched the last runs, and none is likely to match again.
    if (f.misses === MISSES_TO_STREAM) for (const e of kept.splice(0)) drop(e, this.pool);
    const keepIt = f.misses < MISSES_TO_STREAM || f.misses % STREAM_PROBE === 0;
    // the oldest kept uploads go first: beyond KEPT_PER_FEED, or beyond the byte budget with the new one
    let total = bytes.byteLength;
    for (const e of kept) total += e.bytes.byteLength;
    while (keepIt && kept.length > 0 && (kept.length >= KEPT_PER_FEED || total > this.keptBytes)) {
      const old = kept.pop()!;
      total -= old.bytes.byteLength;
      drop(old, this.pool);
    }
    const buffer = this.pool.acquireUntouched(gpuBytes(value.size));
    this.device.queue.writeBuffer(buffer, 0, words);
    this.counters.uploads++;
    if (keepIt) {
      kept.unshift({ ...keep(bytes), buffer, dtype: value.dtype, shape: [...value.shape] });
      this.counters.copies++;
    } else {
      f.stream = buffer;
    }
    return buffer;
  }

  /** Forgets every entry (their buffers belong to the pool, which the backend destroys on close). */
  clear(): void {
    for (const f of this.feeds.values()) for (const e of f.kept) if (e.block) hostFree(e.block);
    this.feeds.clear();
  }
}

/** Lets a kept upload go: its buffer back to the pool, its shared-memory copy freed. */
function drop(e: Kept, pool: BufferPool): void {
  pool.release(e.buffer);
  if (e.block) hostFree(e.block);
}

/** A copy of `bytes` to compare later runs with: in the shared memory when `bytes` is there (so compared in parallel). */
function keep(bytes: Uint8Array): { bytes: Uint8Array; block: Float32Array | null } {
  if (addressOf(bytes) !== null) {
    const block = hostFloat32Unset(Math.ceil(bytes.byteLength / 4));
    const copy = new Uint8Array(block.buffer, block.byteOffset, bytes.byteLength);
    copy.set(bytes);
    if (addressOf(copy) !== null) return { bytes: copy, block };
    hostFree(block);
  }
  return { bytes: bytes.slice(), block: null };
}

/** A copy of a host value in ordinary memory. */
function copyOf(a: NDArray): NDArray {
  if (a.dtype === 'string') return a.copy();
  const data = allocHost(a.dtype, a.size);
  data.set(a.data);
  return new NDArray(data, a.shape, a.dtype);
}
