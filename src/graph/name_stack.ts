// A graph's names: the current name scope and the names in use, as TF1's Graph keeps them
// (`unique_name` and `name_scope`).
import { TypeError as TFTypeError, ValueError } from '../framework/errors.js';
import { VALID_OP_NAME, VALID_SCOPE_NAME } from './names.js';

/** The name scope stack and the (case-insensitive) names used in one graph. */
export class NameStack {
  private inUse = new Map<string, number>();
  /** The current name scope, without a trailing slash ('' at the root). */
  current = '';

  /** TF1's `unique_name`: scope-prefixed, case-insensitive, `_1`, `_2` suffixes; `markAsUsed` reserves it. */
  unique(name: string, markAsUsed: boolean): string {
    if (this.current) name = `${this.current}/${name}`;
    let key = name.toLowerCase();
    let i = this.inUse.get(key) ?? 0;
    if (markAsUsed) this.inUse.set(key, i + 1);
    if (i > 0) {
      const base = key;
      while (this.inUse.has(key)) key = `${base}_${i++}`;
      if (markAsUsed) this.inUse.set(key, 1);
      name = `${name}_${i - 1}`;
    }
    return name;
  }

  /**
   * Runs `fn` inside name scope `name`; `fn` gets the scope string. As TF1: null and '' reset to the root
   * (`fn` gets ''); a name ending in '/' is taken as it is, so `'/'` (allowed inside a scope) also resets
   * to the root and `fn` gets '/'.
   */
  scope<T>(name: string | null, fn: (scope: string) => T): T {
    if (name !== null && name !== undefined && typeof name !== 'string') throw new TFTypeError(`name must be a string or null, got ${String(name)}`);
    if (name) {
      const re = this.current ? VALID_SCOPE_NAME : VALID_OP_NAME;
      if (!re.test(name)) throw new ValueError(`'${name}' is not a valid scope name`);
    }
    const old = this.current;
    let next: string;
    if (!name) next = '';
    else if (name.endsWith('/')) next = name.slice(0, -1);
    else next = this.unique(name, true);
    this.current = next;
    try {
      return fn(name ? `${next}/` : '');
    } finally {
      this.current = old;
    }
  }
}
