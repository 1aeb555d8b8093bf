// A few entries keyed by fed arrays, that never leaves a reference to a removed key behind in memory the program
// no longer uses. Why not a Map or a Set: V8's hash tables copy their entries into a new table as they grow or
// fill with deleted entries, and the table left behind still points at the keys it held. When it lies in the old
// generation, the young-generation collector (which trusts every old-to-young pointer it has recorded, dead object
// or not) keeps those keys alive, and promotes them, until the next full collection. A mini-batch loop feeds a new
// 313 KB array each step: kept that way, every batch reached the old generation, and its memory was given back only
// by full collections (30 in 5,000 steps instead of 2). Here a removed entry's slots are overwritten, and the slot
// arrays only ever grow.

/** Entries keyed by arrays, in insertion order; linear lookups, for a handful of entries. */
export class ArrayTable<K extends object, V> {
  private readonly keys: (K | undefined)[] = [];
  private readonly vals: (V | undefined)[] = [];
  private n = 0;

  get size(): number {
    return this.n;
  }

  private indexOf(key: K): number {
    for (let i = 0; i < this.n; i++) if (this.keys[i] === key) return i;
    return -1;
  }

  has(key: K): boolean {
    return this.indexOf(key) >= 0;
  }

  get(key: K): V | undefined {
    const i = this.indexOf(key);
    return i < 0 ? undefined : this.vals[i];
  }

  /** Sets `key`'s value (a new key goes last). */
  set(key: K, value: V): void {
    const i = this.indexOf(key);
    if (i >= 0) {
      this.vals[i] = value;
      return;
    }
    this.keys[this.n] = key;
    this.vals[this.n] = value;
    this.n++;
  }

  /** Removes `key`, keeping the others' order; true when it was there. */
  delete(key: K): boolean {
    const i = this.indexOf(key);
    if (i < 0) return false;
    for (let j = i + 1; j < this.n; j++) {
      this.keys[j - 1] = this.keys[j];
      this.vals[j - 1] = this.vals[j];
    }
    this.n--;
    this.keys[this.n] = undefined;
    this.vals[this.n] = undefined;
    return true;
  }

  clear(): void {
    for (let i = 0; i < this.n; i++) {
      this.keys[i] = undefined;
      this.vals[i] = undefined;
    }
    this.n = 0;
  }

  /** The key at position `i` (0 to size - 1), oldest first. */
  keyAt(i: number): K {
    return this.keys[i]!;
  }

  /** The value at position `i` (0 to size - 1), oldest first. */
  valueAt(i: number): V {
    return this.vals[i]!;
  }
}
