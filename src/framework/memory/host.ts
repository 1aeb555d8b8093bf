import { ResourceExhaustedError } from '../errors.js';
import { alloc, calloc, free, HOST_BUDGET, liveBytes, malloc, stackEmpty } from './heap.js';
import { linear, SLACK } from './linear.js';

// The host memory as JavaScript sees it: views of it, and host arrays that live in it.
export { CONTROL_BYTES, SLACK } from './linear.js';
export { alloc, calloc, clearStack, free, HEAP_LIMIT, heapStats, HOST_BUDGET, liveBytes, keep, malloc, mark, release, stackEmpty } from './heap.js';

/** The memory's buffer objects: a shared memory hands out a new one after each grow, each still valid. */
const buffers = new WeakSet<ArrayBufferLike>();

function buffer(): ArrayBuffer | SharedArrayBuffer {
  const b = linear!.memory.buffer;
  buffers.add(b);
  return b;
}

/** A float32 view of `n` elements at byte address `p` (made fresh: a plain memory's buffer changes when it grows). */
export function f32(p: number, n: number): Float32Array {
  return new Float32Array(buffer(), p, n);
}

/** Copies `a` into fresh scratch (with SLACK bytes after it) and returns its address. */
export function copyIn(a: Float32Array): number {
  const n = a.length;
  const p = alloc(n * 4 + SLACK);
  f32(p, n).set(a);
  return p;
}

/** The memory buffer addressOf found last (one of `buffers`). */
let lastFound: ArrayBufferLike | null = null;

/**
 * The byte address of `a` when it lies in the kernels' shared memory (so kernels read and write it
 * in place); else null. A view that ends less than SLACK bytes before the end of the memory (one
 * built on `.buffer` by hand) is not addressable: kernels read that far past an operand.
 */
export function addressOf(a: ArrayBufferView): number | null {
  if (!linear?.shared) return null;
  const b = a.buffer;
  // the last buffer found is compared first: every operand of every kernel asks, and nearly all share one buffer
  if (b !== lastFound) {
    if (!buffers.has(b)) return null;
    lastFound = b;
  }
  return a.byteOffset + a.byteLength + SLACK <= b.byteLength ? a.byteOffset : null;
}

// Host arrays in the memory: freed when their view is collected, or at once by hostFree().
const collected = new FinalizationRegistry<number>((at) => free(at));

/**
 * A view of `n` floats in a fresh heap block (zeroed unless `zeroed` is false), freed when the view is collected; an
 * ordinary (zeroed) array where that cannot be: no shared memory, a kernel running, or the memory full (the array
 * then lives in the JavaScript heap, as any array, and kernels copy it in when they need to).
 */
function heapArray(n: number, View: new (buffer: ArrayBuffer, at: number, n: number) => Float32Array, zeroed = true): Float32Array {
  if (!linear?.shared || !stackEmpty() || n === 0 || liveBytes() + n * 4 > HOST_BUDGET) return new Float32Array(n);
  let at: number;
  try {
    at = zeroed ? calloc(n * 4 + SLACK) : malloc(n * 4 + SLACK);
  } catch (e) {
    if (e instanceof ResourceExhaustedError) return new Float32Array(n);
    throw e;
  }
  const view = new View(buffer() as unknown as ArrayBuffer, at, n);
  collected.register(view, at, view);
  return view;
}

/**
 * A zeroed float32 array of `n` elements living in the kernels' memory, which SIMD kernels read and
 * write in place (where the memory is shared, so views survive its growth, the stack is empty and
 * the memory has room); otherwise an ordinary Float32Array.
 */
export function hostFloat32(n: number): Float32Array {
  return heapArray(n, Float32Array);
}

/**
 * As hostFloat32, but the contents are whatever the block held before: for a kernel's output, which the kernel writes
 * whole (as it does a compiled plan's reused buffer), so zeroing it first is wasted work.
 */
export function hostFloat32Unset(n: number): Float32Array {
  return heapArray(n, Float32Array, false);
}

/** Derived view → the pinned array it was cut from: keeps the owner (and its block) alive while the view lives. */
const owners = new WeakMap<Float32Array, Float32Array>();

/** A Float32Array in pinned memory; a view cut from it with subarray() is one too, and keeps it alive. */
class PinnedFloat32Array extends Float32Array {
  override subarray(begin?: number, end?: number): PinnedFloat32Array {
    const v = super.subarray(begin, end) as PinnedFloat32Array; // made by this class (the species)
    owners.set(v, owners.get(this) ?? this);
    return v;
  }
}

/**
 * A hostFloat32 array to hand to users (a dataset's images, to be fed run after run): kernels read
 * it in place, with no per-run copy. Its block is freed when the array is collected; views cut from
 * it with subarray() keep it alive. (A view built on its `.buffer` directly does not: the buffer
 * is the kernels' whole memory.) Where the memory is full it is an ordinary array, copied when fed.
 */
export function pinnedFloat32(n: number): Float32Array {
  return heapArray(n, PinnedFloat32Array);
}

/** Frees a hostFloat32 array now (a no-op for an ordinary array); it must not be used afterwards. */
export function hostFree(a: Float32Array): void {
  const at = addressOf(a);
  if (at !== null && collected.unregister(a)) free(at);
}
