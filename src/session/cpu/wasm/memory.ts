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
// Below the stack, from CONTROL_BYTES to `floor`, lie the copies of fed arrays and what was
// prepared from them (a matmul's packed A), kept across runs (see resident()).
let top = CONTROL_BYTES;
let floor = CONTROL_BYTES;

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

/** Copies `a` into fresh scratch (with SLACK bytes after it) and returns its address. */
export function copyIn(a: Float32Array): number {
  const p = alloc(a.byteLength + SLACK);
  f32(p, a.length).set(a);
  return p;
}

// A fed array that a kernel reads in place (the images X, read by X·W and by the weight gradient
// X^T·G) is copied into the memory once per run, with what kernels prepare from it. Training feeds
// the same images run after run, so the copy is kept: the next run compares the fed bytes with it
// (memcmp, where Node's Buffer exists) and, when they are equal, reuses the copy and its prepared
// forms instead of copying and preparing again. Any difference, even one bit, copies afresh.
interface Resident {
  address: number;
  /** Compared with the fed bytes during this run. */
  checked: boolean;
  prepared: Map<string, unknown>;
}

/** Beyond this many kept arrays or bytes, the next run starts with none (a mini-batch loop feeds new arrays each step). */
const MAX_RESIDENT = 8;
const MAX_RESIDENT_BYTES = 1 << 30;
const residents = new Map<Float32Array, Resident>();
const stable = new Set<Float32Array>();

type BufferLike = { equals(other: Uint8Array): boolean };
const NodeBuffer = (globalThis as { Buffer?: { from(b: ArrayBufferLike, offset: number, length: number): BufferLike & Uint8Array } }).Buffer;

function sameBytes(a: Float32Array, address: number): boolean {
  if (!NodeBuffer) return false;
  const mine = NodeBuffer.from(wasm!.memory.buffer, address, a.byteLength);
  return NodeBuffer.from(a.buffer, a.byteOffset, a.byteLength).equals(mine);
}

/** Declares the arrays that stay unchanged until endRun() (a run's feeds). */
export function beginRun(arrays: Iterable<Float32Array>): void {
  if (residents.size > MAX_RESIDENT || floor - CONTROL_BYTES > MAX_RESIDENT_BYTES) {
    residents.clear();
    floor = CONTROL_BYTES;
  }
  top = floor;
  for (const a of arrays) stable.add(a);
}

/** Ends the run: its scratch is freed, the kept copies stay. */
export function endRun(): void {
  stable.clear();
  for (const r of residents.values()) r.checked = false;
  top = floor;
}

/** Drops every kept copy (a backend closed); called between runs, when nothing is on the stack. */
export function dropKept(): void {
  residents.clear();
  floor = CONTROL_BYTES;
  top = floor;
}

/** Stops treating `a` as unchanged (a ref-writing op just wrote it). */
export function forget(a: Float32Array): void {
  stable.delete(a);
  residents.delete(a);
}

/** Allocates below the stack (the caller guarantees nothing is on it: see preparedOnce). */
function allocKept(bytes: number): number {
  top = floor;
  const p = alloc(bytes);
  floor = top;
  return p;
}

/** The address of `a`'s copy in memory, if `a` is fed to this run (copied or checked on first use); null otherwise. */
export function resident(a: Float32Array): number | null {
  if (!stable.has(a)) return null;
  let r = residents.get(a);
  if (r?.checked) return r.address;
  if (r && sameBytes(a, r.address)) {
    r.checked = true;
    return r.address;
  }
  if (!r) {
    r = { address: allocKept(a.byteLength + SLACK), checked: true, prepared: new Map() };
    residents.set(a, r);
  }
  f32(r.address, a.length).set(a);
  r.checked = true;
  r.prepared.clear();
  return r.address;
}

/**
 * `build()`'s result for an array fed to this run, built once per content and kept with its copy;
 * null when `a` is not fed. Call with nothing on the stack (before a kernel's mark()): what
 * `build` allocates is kept.
 */
export function preparedOnce<T>(a: Float32Array, key: string, build: (address: number) => T): T | null {
  const address = resident(a);
  if (address === null) return null;
  const r = residents.get(a)!;
  if (r.prepared.has(key)) return r.prepared.get(key) as T;
  top = floor;
  const v = build(address);
  floor = top;
  r.prepared.set(key, v);
  return v;
}
