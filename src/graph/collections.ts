// A graph's collections, as TF1's Graph keeps them: named lists in insertion order, read as copies
// (`get_collection`, optionally filtered by a name regex) or as the list itself (`get_collection_ref`).
import { TypeError as TFTypeError } from '../framework/errors.js';

/** The named lists of a graph. */
export class Collections {
  private readonly lists = new Map<string, unknown[]>();

  /** Appends `value` to collection `name`. */
  add(name: string, value: unknown): void {
    this.ref(name).push(value);
  }

  /** TF1's `add_to_collections`: a string is one name; any other iterable of names is taken as a set, so each name gets `value` once. */
  addToMany(names: string | Iterable<string>, value: unknown): void {
    if (typeof names === 'string') {
      this.add(names, value);
      return;
    }
    if (names === null || typeof (names as Partial<Iterable<string>>)[Symbol.iterator] !== 'function') {
      throw new TFTypeError(`'${String(names)}' object is not iterable`);
    }
    for (const name of new Set(names)) this.add(name, value);
  }

  /**
   * TF1's `get_collection(name, scope)`: a copy of the list; with `scope`, only the items whose `name`
   * matches the regex `scope` at its start (Python's `re.match`).
   */
  get(name: string, scope?: string | null): unknown[] {
    const list = this.lists.get(name);
    if (!list) return [];
    if (scope === null || scope === undefined) return [...list];
    const re = new RegExp(`^(?:${scope})`);
    return list.filter((item) => {
      const n = typeof item === 'object' && item !== null ? (item as { name?: unknown }).name : undefined;
      return typeof n === 'string' && re.test(n);
    });
  }

  /** TF1's `get_collection_ref(name)`: the list itself, created empty when absent, so changes to it are the collection's. */
  ref(name: string): unknown[] {
    let list = this.lists.get(name);
    if (!list) this.lists.set(name, (list = []));
    return list;
  }

  /** The names of the collections, in the order they were made. */
  keys(): string[] {
    return [...this.lists.keys()];
  }
}
