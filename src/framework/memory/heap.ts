import { ResourceExhaustedError } from '../errors.js';
import { CONTROL_BYTES, linear, MAX_PAGES, PAGE } from './linear.js';

// The allocator of the kernels' memory. Its layout:
//   [0, CONTROL_BYTES)      the thread pool's control block
//   [CONTROL_BYTES, brk)    the heap: blocks that outlive a kernel (a plan's buffers, the variables,
//                           pinned arrays, kept copies of fed arrays and what kernels prepared from them)
//   [brk, top)              the stack: the scratch of the kernel running now, freed when it returns
//   [top, HEAP_LIMIT)       unused; the memory grows into it on demand
// The heap grows only while the stack is empty (between kernels), so the two never overlap.
// Addresses go up to 2^32, past the int32 range of JavaScript's bitwise operators, so every address
// and size here is a plain double (exact far beyond 2^32); the kernels receive them as i32 whose
// bits are the unsigned address, and compare them unsigned.

/**
 * The highest address a block or scratch may end at. The memory's last page is never used, so an
 * end address a kernel computes in 32 bits (address + length) never wraps around to 0.
 */
export const HEAP_LIMIT = MAX_PAGES * PAGE - PAGE;

/**
 * What arrays handed to users and plans (pinned arrays, host buffers) may hold of the memory together:
 * the rest stays for kernels' scratch, packed forms and kept copies, so a program that fills the memory
 * with arrays it no longer uses (but the collector has not yet freed) still runs. Past it, such arrays
 * are ordinary ones, which the collector sees and frees as usual.
 */
export const HOST_BUDGET = HEAP_LIMIT - 2 ** 30;

let brk = CONTROL_BYTES;
let top = CONTROL_BYTES;
/** No block or scratch has ever reached this address: the memory from here on is still the zeros grow() made. */
let clean = CONTROL_BYTES;
/** Live heap blocks: address → bytes. */
const blocks = new Map<number, number>();
let live = 0;
/** Free heap blocks below brk, by address, none adjacent (freeing coalesces). */
const holes: { at: number; bytes: number }[] = [];

/** `n` rounded up to a multiple of 16, in doubles (a bitwise mask would wrap past 2^31). */
const align = (n: number): number => Math.ceil(n / 16) * 16;

function checked(bytes: number): number {
  if (!Number.isSafeInteger(bytes) || bytes < 0) throw new RangeError(`cannot allocate ${bytes} bytes`);
  return bytes;
}

/** TF1's OOM error (as its allocators word it), for a request the memory cannot take. */
function oom(bytes: number): ResourceExhaustedError {
  return new ResourceExhaustedError(
    `OOM when allocating tensor with shape[${Math.ceil(bytes / 4)}] and type float on /job:localhost/replica:0/task:0/device:CPU:0 by allocator cpu ` +
      `(the CPU kernels' WebAssembly memory holds at most ${HEAP_LIMIT} bytes, ${live + top - brk} of them in use)`,
  );
}

/** Makes sure the memory reaches `end` bytes, or throws OOM with nothing changed. */
function reach(end: number, bytes: number): void {
  if (end > HEAP_LIMIT) throw oom(bytes);
  const memory = linear!.memory;
  const have = memory.buffer.byteLength;
  if (end <= have) return;
  try {
    memory.grow(Math.ceil((end - have) / PAGE));
  } catch {
    // grow() throws a RangeError when the pages cannot be had: the same OOM, and the memory is as it was
    throw oom(bytes);
  }
}

/** Gives the hole that ends at brk back to the unused memory above, while the stack is empty. */
function trim(): void {
  const last = holes[holes.length - 1];
  if (top === brk && last && last.at + last.bytes === brk) {
    holes.pop();
    brk = top = last.at;
  }
}

/** Heap bytes in live blocks. */
export function liveBytes(): number {
  return live;
}

/** True while no kernel scratch is on the stack (the heap may then grow). */
export function stackEmpty(): boolean {
  return top === brk;
}

/**
 * A heap block of `bytes` (16-byte aligned, contents undefined): the first hole it fits, else the
 * top of the heap; only while the stack is empty. When the memory cannot take it, throws TF1's
 * ResourceExhaustedError and leaves the heap as it was.
 */
export function malloc(bytes: number): number {
  if (!stackEmpty()) throw new Error('malloc while a kernel holds scratch memory');
  const size = align(Math.max(checked(bytes), 16));
  let at: number;
  const h = holes.findIndex((x) => x.bytes >= size);
  if (h >= 0) {
    const hole = holes[h]!;
    at = hole.at;
    if (hole.bytes === size) holes.splice(h, 1);
    else holes[h] = { at: at + size, bytes: hole.bytes - size };
  } else {
    // a hole ending at brk is extended rather than left behind; it is taken only once the memory reaches
    const last = holes[holes.length - 1];
    const extend = last !== undefined && last.at + last.bytes === brk;
    at = extend ? last.at : brk;
    reach(at + size, size);
    if (extend) holes.pop();
    brk = top = at + size;
    if (brk > clean) clean = brk;
  }
  blocks.set(at, size);
  live += size;
  return at;
}

/** malloc, the first `bytes` zeroed: only what lies below `clean` is written (memory from grow() is zero already). */
export function calloc(bytes: number): number {
  const dirtyBelow = clean;
  const at = malloc(bytes);
  const end = Math.min(at + bytes, dirtyBelow);
  if (end > at) new Uint8Array(linear!.memory.buffer, at, end - at).fill(0);
  return at;
}

/** Returns a heap block to the free list (the heap shrinks when it was the last block and the stack is empty). */
export function free(at: number): void {
  const size = blocks.get(at);
  if (size === undefined) throw new Error(`free of ${at}: not a heap block`);
  blocks.delete(at);
  live -= size;
  let i = holes.findIndex((x) => x.at > at);
  if (i < 0) i = holes.length;
  holes.splice(i, 0, { at, bytes: size });
  const next = holes[i + 1];
  if (next && at + size === next.at) holes.splice(i, 2, { at, bytes: size + next.bytes });
  const prev = holes[i - 1];
  if (prev && prev.at + prev.bytes === at) holes.splice(i - 1, 2, { at: prev.at, bytes: prev.bytes + holes[i]!.bytes });
  trim();
}

/**
 * A heap block of `bytes` (placed as malloc places it, in a hole where one fits) that `build`
 * fills, given its address; `build` may use scratch, released when it returns. Returns what
 * `build` returned and the block, for free(). If `build` throws, the block is freed again.
 */
export function keep<T>(bytes: number, build: (at: number) => T): [T, number] {
  const at = malloc(bytes);
  const m = top;
  let value: T;
  try {
    value = build(at);
  } catch (e) {
    release(m);
    free(at);
    throw e;
  }
  release(m);
  return [value, at];
}

/**
 * Allocates `bytes` (16-byte aligned) of scratch at the top of the stack, growing the memory as
 * needed; throws TF1's ResourceExhaustedError, with the stack unchanged, when it cannot.
 */
export function alloc(bytes: number): number {
  const p = align(top);
  const end = p + checked(bytes);
  reach(end, bytes);
  top = end;
  if (end > clean) clean = end;
  return p;
}

/** The current top of the stack, to release() to. */
export function mark(): number {
  return top;
}

/** Frees everything allocated since `m`. */
export function release(m: number): void {
  top = m;
  trim();
}

/** Frees the whole stack (a run ended, or failed inside a kernel). */
export function clearStack(): void {
  top = brk;
  trim();
}

/** Heap bytes in use, the heap's extent and its holes, for tests. */
export function heapStats(): { live: number; blocks: number; brk: number; holes: { at: number; bytes: number }[] } {
  return { live, blocks: blocks.size, brk, holes: holes.map((h) => ({ ...h })) };
}
