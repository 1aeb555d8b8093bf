import { ResourceExhaustedError } from '../../../framework/errors.js';
import { f32, free, keep, malloc, SLACK } from '../../../framework/memory/host.js';
import { ArrayTable } from '../../../session/cpu/wasm/array_table.js';
import { wasm } from '../../../session/cpu/wasm/instance.js';

// A fed array that a kernel reads in place (the images X, read by X·W and by the weight gradient
// X^T·G) is copied into the memory once per run, with what kernels prepare from it. Training feeds
// the same images run after run, so the copy is kept: the next run compares the fed bytes with it
// (memcmp, where Node's Buffer exists) and, when they are equal, reuses the copy and its prepared
// forms instead of copying and preparing again. Any difference, even one bit, copies afresh; so does
// a change of length (a view of a resizable buffer), into a block of the new size: nothing is ever
// written past the block the copy was given. A mini-batch loop feeds a new array each run: its copy
// takes over the block of the previous batch's (an array fed once, not in this run), so one block,
// still in cache, serves every step. Kept copies and forms are only a saving: where the memory is
// full they are not made (resident() and preparedOnce() return null).

interface Resident {
  address: number;
  /** The bytes copied (the array's byteLength then); the block holds SLACK more. */
  bytes: number;
  /** Compared with the fed bytes during this run. */
  checked: boolean;
  /** Compared with the fed bytes during this run and found different (keptUnchecked's caller compared first): copy, don't compare again. */
  differs: boolean;
  /** Later runs that found the array unchanged: 0 for an array fed once (a mini-batch loop's batch). */
  hits: number;
  /** What kernels built from the copy, with the heap block holding it. */
  prepared: Map<string, { value: unknown; block: number }>;
}

/** Beyond this many kept arrays or bytes, the next run starts with none (a mini-batch loop feeds new arrays each step). */
const MAX_RESIDENT = 8;
const MAX_RESIDENT_BYTES = 2 ** 30;
// not a Map or a Set: array_table.ts says why (a batch fed once must be able to die young)
const residents = new ArrayTable<Float32Array, Resident>();
let residentBytes = 0;
const stable = new ArrayTable<Float32Array, true>();

type BufferLike = { equals(other: Uint8Array): boolean };
const NodeBuffer = (globalThis as { Buffer?: { from(b: ArrayBufferLike, offset: number, length: number): BufferLike & Uint8Array } }).Buffer;

/** True when `a` holds the `bytes` bytes kept at `address` (the caller checked the lengths agree). */
function sameBytes(a: Float32Array, address: number, bytes: number): boolean {
  if (!NodeBuffer) return false;
  const mine = NodeBuffer.from(wasm!.memory.buffer, address, bytes);
  return NodeBuffer.from(a.buffer, a.byteOffset, bytes).equals(mine);
}

/** Null instead of TF1's OOM error: what `make` would keep is only a saving. */
function unlessFull<T>(make: () => T): T | null {
  try {
    return make();
  } catch (e) {
    if (e instanceof ResourceExhaustedError) return null;
    throw e;
  }
}

function clearPrepared(r: Resident): void {
  for (const p of r.prepared.values()) free(p.block);
  r.prepared.clear();
}

function drop(a: Float32Array): void {
  const r = residents.get(a);
  if (!r) return;
  clearPrepared(r);
  free(r.address);
  residentBytes -= r.bytes;
  residents.delete(a);
}

function dropResidents(): void {
  while (residents.size > 0) drop(residents.keyAt(residents.size - 1));
}

/** Bytes of fed arrays copied into the memory and kept, for tests. */
export function keptBytes(): number {
  return residentBytes;
}

/** Drops every kept copy and prepared form (a backend closed); call between runs. */
export function dropKept(): void {
  dropResidents();
  for (const e of [...entries]) dropEntry(e);
}

/** Declares the arrays that stay unchanged until endRun() (a run's feeds). */
export function beginRun(arrays: Iterable<Float32Array>): void {
  // too many copies kept (a mini-batch loop feeds new arrays each step): start afresh
  if (residents.size > MAX_RESIDENT || residentBytes > MAX_RESIDENT_BYTES) dropResidents();
  for (const a of arrays) stable.set(a, true);
}

/** Ends the run: the kept copies stay, to be checked again by the next run that reads them. */
export function endRun(): void {
  stable.clear();
  for (let i = 0; i < residents.size; i++) {
    const r = residents.valueAt(i);
    r.checked = r.differs = false;
  }
  for (const e of entries) for (const p of e.forms.values()) p.checked = false;
}

/** A plan's folded constants in the memory (their arena copies): never written, so what is prepared from them needs no check. */
const constants = new WeakSet<Float32Array>();

/** Declares `a` a constant's copy in the memory, unchanged for as long as it lives (arena.ts). */
export function markConstant(a: Float32Array): void {
  constants.add(a);
}

/** True when `a` is a constant's copy (markConstant). */
export function isConstant(a: Float32Array): boolean {
  return constants.has(a);
}

/** True when `a` is fed to the run in progress. */
export function fedThisRun(a: Float32Array): boolean {
  return stable.has(a);
}

/** Stops treating `a` as unchanged (a ref-writing op just wrote it). */
export function forget(a: Float32Array): void {
  stable.delete(a);
  drop(a);
  const e = inPlace.get(a);
  if (e?.live) dropEntry(e);
}

/**
 * The address of `a`'s copy in memory, if `a` is fed to this run (copied or checked on first use);
 * null otherwise, or when the memory has no room for a copy. Call with nothing on the stack.
 */
export function resident(a: Float32Array): number | null {
  if (!stable.has(a)) return null;
  const bytes = a.byteLength;
  let r = residents.get(a);
  // another length is other content, and needs another block
  if (r && r.bytes !== bytes) {
    drop(a);
    r = undefined;
  }
  if (r?.checked) return r.address;
  if (r && !r.differs && confirm(a, r)) return r.address;
  r ??= takeOver(a, bytes);
  if (!r) {
    const address = unlessFull(() => malloc(bytes + SLACK));
    if (address === null) return null;
    r = { address, bytes, checked: true, differs: false, hits: 0, prepared: new Map() };
    residents.set(a, r);
    residentBytes += bytes;
  }
  f32(r.address, bytes / 4).set(a);
  r.checked = true;
  r.differs = false;
  clearPrepared(r);
  return r.address;
}

/** Compares `a` with its kept copy `r` (same length): true, with `a` counted as checked for this run, when equal. */
function confirm(a: Float32Array, r: Resident): boolean {
  if (!sameBytes(a, r.address, r.bytes)) {
    r.differs = true;
    return false;
  }
  r.checked = true;
  r.hits++;
  return true;
}

/**
 * The kept copy of `a` (fed to this run) and its form prepared under `key`, while `a` is not yet compared with the
 * copy in this run: other threads may compute from them while this one compares (confirmKept), the result kept only
 * when the bytes are equal. Null where there is no such copy and form, or no way to compare them.
 */
export function keptUnchecked<T>(a: Float32Array, key: string): { address: number; value: T } | null {
  const r = stable.has(a) ? residents.get(a) : undefined;
  const form = r?.prepared.get(key);
  if (!r || !form || r.checked || r.bytes !== a.byteLength || !NodeBuffer) return null;
  return { address: r.address, value: form.value as T };
}

/** Compares `a` with the copy keptUnchecked(a, ...) returned: true, with `a` counted as checked for this run, when equal. */
export function confirmKept(a: Float32Array): boolean {
  const r = residents.get(a);
  return r !== undefined && confirm(a, r);
}

/**
 * The kept copy of the latest array that was fed once, not to this run, with `bytes` bytes (a
 * mini-batch loop's previous batch), handed over to `a`: the new batch is copied into a block
 * still in cache, with no block freed and none allocated. Undefined where there is none.
 */
function takeOver(a: Float32Array, bytes: number): Resident | undefined {
  let last: Float32Array | undefined;
  for (let i = 0; i < residents.size; i++) {
    const r = residents.valueAt(i);
    if (r.bytes === bytes && r.hits === 0 && !stable.has(residents.keyAt(i))) last = residents.keyAt(i);
  }
  if (!last) return undefined;
  const r = residents.get(last)!;
  residents.delete(last);
  residents.set(a, r);
  r.hits = 0;
  return r;
}

/** What was prepared from `a`'s kept copy under `key`, if anything (call after resident(a) has checked the copy this run). */
export function preparedForm<T>(a: Float32Array, key: string): T | undefined {
  return residents.get(a)?.prepared.get(key)?.value as T | undefined;
}

/**
 * `build()`'s result for an array fed to this run, built once per content into a kept block of
 * `bytes` (at `at`) from the copy at `address`; null when `a` is not fed or the memory is full.
 * Call with nothing on the stack. `key` must name everything the result depends on besides the
 * contents (the shape it was built for).
 */
export function preparedOnce<T>(a: Float32Array, key: string, bytes: number, build: (address: number, at: number) => T): T | null {
  const address = resident(a);
  if (address === null) return null;
  const r = residents.get(a)!;
  const have = r.prepared.get(key);
  if (have) return have.value as T;
  const made = unlessFull(() => keep(bytes, (at) => build(address, at)));
  if (!made) return null;
  r.prepared.set(key, { value: made[0], block: made[1] });
  return made[0];
}

// An array that lies in the memory (a pinned feed) is read in place, but what kernels prepare from
// it (the packed form) is kept across runs too, checked against its current contents once per run
// (cheaper than rebuilding), and rebuilt when the check fails. The forms must not keep a dropped
// array alive (its block is freed when it is collected), so they hang off it in a WeakMap, and a
// finalizer frees them when it goes. The entries' set, for dropping the oldest, holds no reference
// to the arrays (not even a WeakRef: one keeps its target alive until the event loop turns, which
// a training loop of awaited runs may not let it do); a dropped entry is marked dead instead.
interface InPlace {
  value: unknown;
  block: number;
  checked: boolean;
}
interface Entry {
  forms: Map<string, InPlace>;
  /** False once dropped (evicted, forgotten or closed): the array then gets a new entry. */
  live: boolean;
}
const MAX_IN_PLACE = 8;
const inPlace = new WeakMap<Float32Array, Entry>();
/** Live entries, oldest first. */
const entries = new Set<Entry>();
const formsCollected = new FinalizationRegistry<Entry>((e) => dropEntry(e));

function dropEntry(e: Entry): void {
  for (const p of e.forms.values()) free(p.block);
  e.forms.clear();
  entries.delete(e);
  formsCollected.unregister(e);
  e.live = false;
}

/** What was prepared from `a` (an array in the memory) under `key`, and whether it was checked against `a` in this run. */
export function keptInPlace<T>(a: Float32Array, key: string): { value: T; checked: boolean } | undefined {
  return inPlace.get(a)?.forms.get(key) as { value: T; checked: boolean } | undefined;
}

/** Records that the kept form passed its check in this run. */
export function markChecked(a: Float32Array, key: string): void {
  inPlace.get(a)!.forms.get(key)!.checked = true;
}

/**
 * Builds (again) what is kept for `a` under `key` into a block of `bytes` (at `at`), counted as
 * checked for this run; null when the memory is full. Call with nothing on the stack. `key` must
 * name everything the result depends on besides the contents.
 */
export function keepInPlace<T>(a: Float32Array, key: string, bytes: number, build: (at: number) => T): T | null {
  let e = inPlace.get(a);
  if (!e?.live) {
    // the oldest array's forms go first, so the new one may take their place
    if (entries.size >= MAX_IN_PLACE) dropEntry(entries.values().next().value!);
    e = { forms: new Map(), live: true };
    inPlace.set(a, e);
    entries.add(e);
    formsCollected.register(a, e, e);
  }
  const old = e.forms.get(key);
  if (old) {
    free(old.block);
    e.forms.delete(key);
  }
  const made = unlessFull(() => keep(bytes, build));
  if (!made) return null;
  e.forms.set(key, { value: made[0], block: made[1], checked: true });
  return made[0];
}
