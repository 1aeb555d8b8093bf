import { f32, free, keep, malloc, SLACK, wasm } from './memory.js';

// A fed array that a kernel reads in place (the images X, read by X·W and by the weight gradient
// X^T·G) is copied into the memory once per run, with what kernels prepare from it. Training feeds
// the same images run after run, so the copy is kept: the next run compares the fed bytes with it
// (memcmp, where Node's Buffer exists) and, when they are equal, reuses the copy and its prepared
// forms instead of copying and preparing again. Any difference, even one bit, copies afresh.
interface Resident {
  address: number;
  /** Compared with the fed bytes during this run. */
  checked: boolean;
  /** What kernels built from the copy, with the heap block holding it. */
  prepared: Map<string, { value: unknown; block: number | null }>;
}

/** Beyond this many kept arrays or bytes, the next run starts with none (a mini-batch loop feeds new arrays each step). */
const MAX_RESIDENT = 8;
const MAX_RESIDENT_BYTES = 1 << 30;
const residents = new Map<Float32Array, Resident>();
let residentBytes = 0;
const stable = new Set<Float32Array>();

type BufferLike = { equals(other: Uint8Array): boolean };
const NodeBuffer = (globalThis as { Buffer?: { from(b: ArrayBufferLike, offset: number, length: number): BufferLike & Uint8Array } }).Buffer;

function sameBytes(a: Float32Array, address: number): boolean {
  if (!NodeBuffer) return false;
  const mine = NodeBuffer.from(wasm!.memory.buffer, address, a.byteLength);
  return NodeBuffer.from(a.buffer, a.byteOffset, a.byteLength).equals(mine);
}

function clearPrepared(r: Resident): void {
  for (const p of r.prepared.values()) if (p.block !== null) free(p.block);
  r.prepared.clear();
}

function drop(a: Float32Array): void {
  const r = residents.get(a);
  if (!r) return;
  clearPrepared(r);
  free(r.address);
  residentBytes -= a.byteLength;
  residents.delete(a);
}

/** Bytes of fed arrays copied into the memory and kept, for tests. */
export function keptBytes(): number {
  return residentBytes;
}

/** Drops every kept copy and prepared form (a backend closed); call between runs. */
export function dropKept(): void {
  for (const a of [...residents.keys()]) drop(a);
  for (const a of [...inPlace.keys()]) dropInPlace(a);
}

/** Declares the arrays that stay unchanged until endRun() (a run's feeds). */
export function beginRun(arrays: Iterable<Float32Array>): void {
  // too many copies kept (a mini-batch loop feeds new arrays each step): start afresh
  if (residents.size > MAX_RESIDENT || residentBytes > MAX_RESIDENT_BYTES) for (const a of [...residents.keys()]) drop(a);
  for (const a of arrays) stable.add(a);
}

/** Ends the run: the kept copies stay, to be checked again by the next run that reads them. */
export function endRun(): void {
  stable.clear();
  for (const r of residents.values()) r.checked = false;
  for (const forms of inPlace.values()) for (const p of forms.values()) p.checked = false;
}

/** True when `a` is fed to the run in progress. */
export function fedThisRun(a: Float32Array): boolean {
  return stable.has(a);
}

/** Stops treating `a` as unchanged (a ref-writing op just wrote it). */
export function forget(a: Float32Array): void {
  stable.delete(a);
  drop(a);
  dropInPlace(a);
}

/** The address of `a`'s copy in memory, if `a` is fed to this run (copied or checked on first use); null otherwise. Call with nothing on the stack. */
export function resident(a: Float32Array): number | null {
  if (!stable.has(a)) return null;
  let r = residents.get(a);
  if (r?.checked) return r.address;
  if (r && sameBytes(a, r.address)) {
    r.checked = true;
    return r.address;
  }
  if (!r) {
    r = { address: malloc(a.byteLength + SLACK), checked: true, prepared: new Map() };
    residents.set(a, r);
    residentBytes += a.byteLength;
  }
  f32(r.address, a.length).set(a);
  r.checked = true;
  clearPrepared(r);
  return r.address;
}

// An array that lies in the memory (a pinned feed) is read in place, but what kernels prepare from
// it (the packed form) is kept across runs too, checked against its current contents once per run
// (cheaper than rebuilding), and rebuilt when the check fails.
interface InPlace {
  value: unknown;
  block: number | null;
  checked: boolean;
}
const MAX_IN_PLACE = 8;
const inPlace = new Map<Float32Array, Map<string, InPlace>>();

function dropInPlace(a: Float32Array): void {
  for (const p of inPlace.get(a)?.values() ?? []) if (p.block !== null) free(p.block);
  inPlace.delete(a);
}

/** What was prepared from `a` (an array in the memory) under `key`, and whether it was checked against `a` in this run. */
export function keptInPlace<T>(a: Float32Array, key: string): { value: T; checked: boolean } | undefined {
  return inPlace.get(a)?.get(key) as { value: T; checked: boolean } | undefined;
}

/** Records that the kept form passed its check in this run. */
export function markChecked(a: Float32Array, key: string): void {
  inPlace.get(a)!.get(key)!.checked = true;
}

/**
 * Builds (again) what is kept for `a` under `key`, counted as checked for this run. Call with
 * nothing on the stack: what `build` allocates there is kept.
 */
export function keepInPlace<T>(a: Float32Array, key: string, build: () => T): T {
  let forms = inPlace.get(a);
  if (!forms) {
    if (inPlace.size >= MAX_IN_PLACE) dropInPlace(inPlace.keys().next().value!);
    inPlace.set(a, (forms = new Map()));
  }
  const old = forms.get(key);
  if (old?.block != null) free(old.block);
  forms.delete(key);
  const [value, block] = keep(build);
  forms.set(key, { value, block, checked: true });
  return value;
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
  const have = r.prepared.get(key);
  if (have) return have.value as T;
  const [value, block] = keep(() => build(address));
  r.prepared.set(key, { value, block });
  return value;
}
