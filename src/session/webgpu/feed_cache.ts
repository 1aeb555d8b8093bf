import type { Tensor } from '../../graph/tensor.js';
import { allocHost } from '../../framework/dtypes.js';
import { NDArray } from '../../framework/ndarray.js';
import type { BufferPool } from './buffer_pool.js';
import { gpuBytes, toGpuWords } from './dtypes.js';
import { sameShape } from '../kernels/util.js';
import { slot, type Slot } from './slots.js';

/** Feeds smaller than this are uploaded every run: comparing them would cost about what uploading does. */
export const FEED_CACHE_MIN_BYTES = 1 << 16;

interface Entry {
  bytes: Uint8Array;
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
    if (e) this.pool.release(e.buffer);
    const buffer = this.pool.acquireUntouched(gpuBytes(value.size));
    this.device.queue.writeBuffer(buffer, 0, words);
    this.entries.set(t, { bytes: bytes.slice(), buffer, dtype: value.dtype, shape: [...value.shape] });
    return buffer;
  }

  /** Forgets every entry (their buffers belong to the pool, which the backend destroys on close). */
  clear(): void {
    this.entries.clear();
  }
}

type NodeBuffer = { compare(a: Uint8Array, b: Uint8Array): number };

/** Byte equality: Node's native memcmp where there is one, else a word loop. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  const B = (globalThis as { Buffer?: NodeBuffer }).Buffer;
  if (B) return B.compare(a, b) === 0;
  if (a.byteLength % 4 === 0 && a.byteOffset % 4 === 0 && b.byteOffset % 4 === 0) {
    const x = new Uint32Array(a.buffer, a.byteOffset, a.byteLength / 4);
    const y = new Uint32Array(b.buffer, b.byteOffset, b.byteLength / 4);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    return true;
  }
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A copy of a host value in ordinary memory. */
function copyOf(a: NDArray): NDArray {
  if (a.dtype === 'string') return a.copy();
  const data = allocHost(a.dtype, a.size);
  data.set(a.data);
  return new NDArray(data, a.shape, a.dtype);
}
