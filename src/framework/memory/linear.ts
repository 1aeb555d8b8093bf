// The one linear memory that pinned host arrays, a plan's buffers and the CPU backend's WebAssembly
// kernels share. It lives below the session so that host arrays (tf.pinned_zeros, a dataset's images)
// can be made without importing a backend; the CPU backend instantiates its kernels on it.

/** Bytes a kernel may read past the end of its A operand (a partial group of four floats). */
export const SLACK = 16;

/** Bytes at the start of memory reserved for the thread pool's control block. */
export const CONTROL_BYTES = 1024;

/** Bytes in a WebAssembly page, the unit the memory grows by. */
export const PAGE = 65536;

/** The memory's maximum in pages: 65536, 4 GiB, all a 32-bit address reaches. */
export const MAX_PAGES = 65536;

/** The memory, and whether it is a SharedArrayBuffer (so worker threads can share it, and views survive its growth). */
export interface LinearMemory {
  readonly memory: WebAssembly.Memory;
  readonly shared: boolean;
}

/** A shared memory where the platform allows one (Node; Chromium, isolated or not), else a plain one. */
function create(): LinearMemory | null {
  if (typeof WebAssembly === 'undefined') return null;
  for (const shared of [true, false]) {
    try {
      return { memory: new WebAssembly.Memory({ initial: 16, maximum: MAX_PAGES, shared }), shared };
    } catch {
      // no shared memory here: try a plain one
    }
  }
  return null;
}

/** The memory, or null where there is no WebAssembly. */
export const linear: LinearMemory | null = create();
