import { KERNELS_PLAIN, KERNELS_SHARED } from './binary.js';

/** The exports of kernels.wat (addresses are byte offsets in the memory; see kernels.wat). */
export interface KernelExports {
  pack(a: number, K: number, m0: number, m1: number, vals: number, idx: number, starts: number, ends: number, dense: number): void;
  mm_nn(vals: number, idx: number, starts: number, ends: number, b: number, c: number, m0: number, m1: number): void;
  mm_tn(vals: number, idx: number, starts: number, ends: number, g: number, ct: number, k0: number, k1: number, Q: number): void;
}

/** Kernel names in a fixed order: the thread pool sends a kernel to its workers by index. */
export const KERNEL_NAMES = ['pack', 'mm_nn', 'mm_tn'] as const satisfies readonly (keyof KernelExports)[];

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

// A stack allocator: a kernel marks, allocates its scratch, and releases to the mark when done.
// Arrays fed to a run are copied in once per run, below every kernel's mark (see resident()).
let top = CONTROL_BYTES;

/** Allocates `bytes` (16-byte aligned) at the top of the stack, growing the memory as needed. */
export function alloc(bytes: number): number {
  const w = wasm!;
  const p = (top + 15) & ~15;
  const end = p + bytes;
  const have = w.memory.buffer.byteLength;
  if (end > have) {
    const pages = Math.ceil((end - have) / PAGE);
    if (have / PAGE + pages > MAX_PAGES) throw new RangeError(`WebAssembly memory exhausted: ${end} bytes needed`);
    w.memory.grow(pages);
  }
  top = end;
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

/** A float32 view of `n` elements at byte address `p` (made fresh: a plain memory's buffer changes when it grows). */
export function f32(p: number, n: number): Float32Array {
  return new Float32Array(wasm!.memory.buffer, p, n);
}

// Feeds are not written during a run, so a feed that several kernels read (the images X, read by
// X·W and by the weight gradient X^T·G) is copied into the memory, and prepared, once per run.
const stable = new Set<Float32Array>();
const copies = new Map<Float32Array, number>();
const prepared = new Map<string, Map<Float32Array, unknown>>();

/** Declares the arrays that stay unchanged until endRun() (a run's feeds). */
export function beginRun(arrays: Iterable<Float32Array>): void {
  for (const a of arrays) stable.add(a);
}

/** Forgets the run's arrays and frees their copies. */
export function endRun(): void {
  stable.clear();
  copies.clear();
  prepared.clear();
  top = CONTROL_BYTES;
}

/** Stops treating `a` as unchanged (a ref-writing op just wrote it). */
export function forget(a: Float32Array): void {
  stable.delete(a);
  copies.delete(a);
  for (const m of prepared.values()) m.delete(a);
}

/**
 * `build()`'s result for a stable array of this run, built once and kept (with its allocations)
 * until endRun(); null when `a` is not stable. Call before mark(), so release() keeps it.
 */
export function preparedOnce<T>(a: Float32Array, key: string, build: (address: number) => T): T | null {
  if (!stable.has(a)) return null;
  let m = prepared.get(key);
  if (!m) prepared.set(key, (m = new Map()));
  if (m.has(a)) return m.get(a) as T;
  const v = build(resident(a)!);
  m.set(a, v);
  return v;
}

/** The address of `a` in memory, copied in on first use if `a` is a stable array of this run; null otherwise. */
export function resident(a: Float32Array): number | null {
  if (!stable.has(a)) return null;
  let p = copies.get(a);
  if (p === undefined) {
    p = copyIn(a);
    copies.set(a, p);
  }
  return p;
}

/** Copies `a` into fresh scratch (with SLACK bytes after it) and returns its address. */
export function copyIn(a: Float32Array): number {
  const p = alloc(a.byteLength + SLACK);
  f32(p, a.length).set(a);
  return p;
}
