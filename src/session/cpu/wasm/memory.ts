import { KERNELS_PLAIN, KERNELS_SHARED } from './binary.js';

/** The exports of matmul.wat, matmul_glue.wat and elementwise.wat (addresses are byte offsets in the memory; see those files). */
export interface KernelExports {
  pack(a: number, K: number, m0: number, m1: number, vals: number, idx: number, starts: number, ends: number, dense: number): void;
  mm_nn(vals: number, idx: number, starts: number, ends: number, b: number, c: number, m0: number, m1: number): void;
  mm_tn(vals: number, idx: number, starts: number, ends: number, g: number, ct: number, k0: number, k1: number, Q: number): void;
  mm_nn_verify(vals: number, idx: number, starts: number, ends: number, b: number, c: number, m0: number, m1: number, a: number, K: number, dense: number, bad: number): void;
  all_finite(p: number, n: number): number;
  verify(a: number, K: number, m0: number, m1: number, vals: number, idx: number, starts: number, ends: number, dense: number, bad: number): void;
  panel_rows(b: number, K: number, N: number, tb: number, j0: number, dst: number): void;
  panel_cols(g: number, K: number, N: number, tb: number, j0: number, dst: number): void;
  unpanel(cp: number, M: number, c: number, N: number, j0: number, w: number): void;
  sum_partials(parts: number, T: number, M: number, c: number, N: number, j0: number, w: number): void;
  binary(op: number, rows: number, inner: number, x: number, rx: number, ix: number, y: number, ry: number, iy: number, o: number): void;
  unary(op: number, x: number, o: number, n: number): void;
  softmax(x: number, o: number, rows: number, C: number, scratch: number): void;
  sum(x: number, A: number, R: number, I: number, o: number, div: number): void;
  apply_gd(v: number, alpha: number, d: number, n: number): void;
}

/** Kernel names in a fixed order: the thread pool sends a kernel to its workers by index (only the matmul's run on workers). */
export const KERNEL_NAMES = ['pack', 'mm_nn', 'mm_tn', 'verify', 'mm_nn_verify'] as const satisfies readonly (keyof KernelExports)[];

/** Bytes a kernel may read past the end of its A operand (a partial group of four floats). */
export const SLACK = 16;

/** Bytes at the start of memory reserved for the thread pool's control block. */
export const CONTROL_BYTES = 1024;

const PAGE = 65536;
const MAX_PAGES = 65536;

function decode(base64: string): Uint8Array {
  const s = atob(base64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** The compiled kernels and the one memory they work in. */
export interface WasmKernels {
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
  readonly exports: KernelExports;
  /** True when the memory is a SharedArrayBuffer (so worker threads can share the work). */
  readonly shared: boolean;
}

/**
 * Instantiates the kernels, with a shared memory where the platform allows one (Node; a browser
 * page that is cross-origin isolated), else a plain one. Null where WebAssembly SIMD is missing;
 * the CPU backend then runs its JavaScript kernels. The module is a few KB, so compiling it
 * synchronously is allowed even on a browser's main thread.
 */
function instantiate(): WasmKernels | null {
  if (typeof WebAssembly === 'undefined') return null;
  for (const shared of [true, false]) {
    try {
      const memory = new WebAssembly.Memory({ initial: 16, maximum: MAX_PAGES, shared });
      const module = new WebAssembly.Module(decode(shared ? KERNELS_SHARED : KERNELS_PLAIN) as Uint8Array<ArrayBuffer>);
      const instance = new WebAssembly.Instance(module, { env: { memory } });
      return { module, memory, exports: instance.exports as unknown as KernelExports, shared };
    } catch {
      // no shared memory here (or no SIMD): try the plain variant, then give up
    }
  }
  return null;
}

/** The kernels, or null where this platform cannot run them. */
export const wasm: WasmKernels | null = instantiate();

// The memory's layout:
//   [0, CONTROL_BYTES)      the thread pool's control block
//   [CONTROL_BYTES, brk)    the heap: blocks that outlive a kernel (a plan's buffers, the variables,
//                           kept copies of fed arrays and what kernels prepared from them)
//   [brk, top)              the stack: the scratch of the kernel running now, freed when it returns
// The heap grows only while the stack is empty (between kernels), so the two never overlap.
let brk = CONTROL_BYTES;
let top = CONTROL_BYTES;
/** Live heap blocks: address → bytes. */
const blocks = new Map<number, number>();
/** Free heap blocks below brk, by address, none adjacent (freeing coalesces). */
const holes: { at: number; bytes: number }[] = [];

const align = (n: number): number => (n + 15) & ~15;

/** Makes sure the memory reaches `end` bytes. */
function reach(end: number): void {
  const w = wasm!;
  const have = w.memory.buffer.byteLength;
  if (end <= have) return;
  const pages = Math.ceil((end - have) / PAGE);
  if (have / PAGE + pages > MAX_PAGES) throw new RangeError(`WebAssembly memory exhausted: ${end} bytes needed`);
  w.memory.grow(pages);
}

/** True while no kernel scratch is on the stack (the heap may then grow). */
export function stackEmpty(): boolean {
  return top === brk;
}

/** A heap block of `bytes` (16-byte aligned, contents undefined); only while the stack is empty. */
export function malloc(bytes: number): number {
  if (!stackEmpty()) throw new Error('malloc while a kernel holds scratch memory');
  const size = align(Math.max(bytes, 16));
  const h = holes.findIndex((x) => x.bytes >= size);
  let at: number;
  if (h >= 0) {
    const hole = holes[h]!;
    at = hole.at;
    if (hole.bytes === size) holes.splice(h, 1);
    else holes[h] = { at: at + size, bytes: hole.bytes - size };
  } else {
    // a hole ending at brk is extended rather than left behind
    const last = holes[holes.length - 1];
    at = last && last.at + last.bytes === brk ? (holes.pop(), last.at) : brk;
    reach(at + size);
    brk = top = at + size;
  }
  blocks.set(at, size);
  return at;
}

/** Returns a heap block to the free list (the heap shrinks when it was the last block and the stack is empty). */
export function free(at: number): void {
  const size = blocks.get(at);
  if (size === undefined) throw new Error(`free of ${at}: not a heap block`);
  blocks.delete(at);
  let i = holes.findIndex((x) => x.at > at);
  if (i < 0) i = holes.length;
  holes.splice(i, 0, { at, bytes: size });
  const next = holes[i + 1];
  if (next && at + size === next.at) holes.splice(i, 2, { at, bytes: size + next.bytes });
  const prev = holes[i - 1];
  if (prev && prev.at + prev.bytes === at) holes.splice(i - 1, 2, { at: prev.at, bytes: prev.bytes + holes[i]!.bytes });
  const last = holes[holes.length - 1]!;
  if (stackEmpty() && last.at + last.bytes === brk) {
    holes.pop();
    brk = top = last.at;
  }
}

/**
 * Runs `build` with an empty stack and keeps what it allocated there as one heap block (its
 * address, for free(), is the second result; null when it allocated nothing).
 */
export function keep<T>(build: () => T): [T, number | null] {
  if (!stackEmpty()) throw new Error('keep while a kernel holds scratch memory');
  const start = brk;
  const v = build();
  if (top === start) return [v, null];
  const size = align(top - start);
  reach(start + size);
  blocks.set(start, size);
  brk = top = start + size;
  return [v, start];
}

/** Allocates `bytes` (16-byte aligned) of scratch at the top of the stack, growing the memory as needed. */
export function alloc(bytes: number): number {
  const p = align(top);
  reach(p + bytes);
  top = p + bytes;
  return p;
}

/** The current top of the stack, to release() to. */
export function mark(): number {
  return top;
}

/** Frees everything allocated since `m`. */
export function release(m: number): void {
  top = m;
}

/** Frees the whole stack (a run ended, or failed inside a kernel). */
export function clearStack(): void {
  top = brk;
}

/** The memory's buffer objects: a shared memory hands out a new one after each grow, each still valid. */
const buffers = new WeakSet<ArrayBufferLike>();

function buffer(): ArrayBuffer | SharedArrayBuffer {
  const b = wasm!.memory.buffer;
  buffers.add(b);
  return b;
}

/** A float32 view of `n` elements at byte address `p` (made fresh: a plain memory's buffer changes when it grows). */
export function f32(p: number, n: number): Float32Array {
  return new Float32Array(buffer(), p, n);
}

/** Copies `a` into fresh scratch (with SLACK bytes after it) and returns its address. */
export function copyIn(a: Float32Array): number {
  const p = alloc(a.byteLength + SLACK);
  f32(p, a.length).set(a);
  return p;
}

/** The byte address of `a` when it lies in the kernels' shared memory (so kernels read and write it in place); else null. */
export function addressOf(a: ArrayBufferView): number | null {
  return wasm?.shared && buffers.has(a.buffer) ? a.byteOffset : null;
}

// Host arrays in the memory: freed when their view is collected, or at once by hostFree().
const collected = new FinalizationRegistry<number>((at) => free(at));

/** A zeroed view of `n` floats in a fresh heap block, freed when the view is collected; an ordinary array where that cannot be. */
function heapArray(n: number, View: new (buffer: ArrayBuffer, at: number, n: number) => Float32Array): Float32Array {
  if (!wasm?.shared || !stackEmpty() || n === 0) return new Float32Array(n);
  const at = malloc(n * 4 + SLACK);
  const view = new View(buffer() as unknown as ArrayBuffer, at, n);
  view.fill(0);
  collected.register(view, at, view);
  return view;
}

/**
 * A zeroed float32 array of `n` elements living in the kernels' memory, which SIMD kernels read and
 * write in place (where the memory is shared, so views survive its growth, and the stack is empty);
 * otherwise an ordinary Float32Array.
 */
export function hostFloat32(n: number): Float32Array {
  return heapArray(n, Float32Array);
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
 * is the kernels' whole memory.)
 */
export function pinnedFloat32(n: number): Float32Array {
  return heapArray(n, PinnedFloat32Array);
}

/** Frees a hostFloat32 array now (a no-op for an ordinary array); it must not be used afterwards. */
export function hostFree(a: Float32Array): void {
  const at = addressOf(a);
  if (at !== null && collected.unregister(a)) free(at);
}

/** Heap bytes in use and the heap's extent, for tests. */
export function heapStats(): { live: number; blocks: number; brk: number } {
  let live = 0;
  for (const b of blocks.values()) live += b;
  return { live, blocks: blocks.size, brk };
}
