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

interface Entry {
  /** The bytes of the last upload: in the shared memory where the fed array is (see keep). */
  bytes: Uint8Array;
  /** The shared-memory block holding `bytes`, freed when the entry goes; null for an ordinary copy. */
  block: Float32Array | null;
  buffer: GPUBuffer;
  dtype: string;
  shape: readonly number[];
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
 */
export class FeedCache {
  private readonly entries = new Map<Tensor, Entry>();

  constructor(
    private readonly device: GPUDevice,
    private readonly pool: BufferPool,
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
   * A buffer holding `value` for the placeholder `t`, owned by the cache: the last upload when the
   * bytes are unchanged, else a fresh upload. Call at the start of a run, before anything is
   * recorded, so the upload cannot overtake this batch's commands.
   */
  buffer(t: Tensor, value: NDArray, name: string): GPUBuffer {
    const data = value.data;
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    const e = this.entries.get(t);
    if (e && e.dtype === value.dtype && sameShape(e.shape, value.shape) && sameBytes(e.bytes, bytes)) return e.buffer;
    const words = toGpuWords(value, name);
    // The old buffer may still be read by submitted work; the pool hands it out again only in recorded order.
    if (e) {
      this.pool.release(e.buffer);
      if (e.block) hostFree(e.block);
    }
    const buffer = this.pool.acquireUntouched(gpuBytes(value.size));
    this.device.queue.writeBuffer(buffer, 0, words);
    this.entries.set(t, { ...keep(bytes), buffer, dtype: value.dtype, shape: [...value.shape] });
    return buffer;
  }

  /** Forgets every entry (their buffers belong to the pool, which the backend destroys on close). */
  clear(): void {
    for (const e of this.entries.values()) if (e.block) hostFree(e.block);
    this.entries.clear();
  }
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
