// What a graph records about its elements apart from its node table: collections, the tensors that may not be
// fed and the ops that may not be fetched, and whether it is finalized. TF1's Graph holds these itself; here
// Graph extends this class, so each file keeps one job.
import { Collections } from './collections.js';
import type { Operation } from './operation.js';
import { Tensor } from './tensor.js';

/** The collections, feed/fetch guards and finalized flag of a Graph (its base class). */
export class GraphRegistry {
  private _collections = new Collections();
  private _unfeedable = new Set<Tensor>();
  private _unfetchable = new Set<Operation>();
  protected _finalized = false;

  /** TF1's `add_to_collection(name, value)`: appends `value` to collection `name`. */
  add_to_collection(name: string, value: unknown): void {
    this._collections.add(name, value);
  }

  /** TF1's `add_to_collections(names, value)`: adds `value` to each collection named (a string is one name), once each. */
  add_to_collections(names: string | Iterable<string>, value: unknown): void {
    this._collections.addToMany(names, value);
  }

  /** TF1's `get_collection(name, scope)`: a copy of collection `name` (empty when absent), with `scope` only items whose name matches it. */
  get_collection<T = unknown>(name: string, scope?: string | null): T[] {
    return this._collections.get(name, scope) as T[];
  }

  /** TF1's `get_collection_ref(name)`: the collection's own list (made empty when absent); changing it changes the collection. */
  get_collection_ref<T = unknown>(name: string): T[] {
    return this._collections.ref(name) as T[];
  }

  /** The names of all collections (TF1's `get_all_collection_keys()`). */
  get_all_collection_keys(): string[] {
    return this._collections.keys();
  }

  /** The names of all collections (TF1's `collections` property). */
  get collections(): string[] {
    return this._collections.keys();
  }

  /** TF1's `prevent_feeding(tensor)`: Session.run refuses to feed it. */
  prevent_feeding(tensor: Tensor): void {
    this._unfeedable.add(tensor);
  }

  /** TF1's `is_feedable(tensor)`. */
  is_feedable(tensor: Tensor): boolean {
    return !this._unfeedable.has(tensor);
  }

  /** TF1's `prevent_fetching(op)`: Session.run refuses to fetch it or its outputs. */
  prevent_fetching(op: Operation): void {
    this._unfetchable.add(op);
  }

  /** TF1's `is_fetchable(tensor_or_op)`. */
  is_fetchable(tensor_or_op: Tensor | Operation): boolean {
    return !this._unfetchable.has(tensor_or_op instanceof Tensor ? tensor_or_op.op : tensor_or_op);
  }

  /** Makes the graph read-only, as TF1's `finalize()`. */
  finalize(): void {
    this._finalized = true;
  }

  /** TF1's `_unsafe_unfinalize()`: makes a finalized graph writable again. */
  _unsafe_unfinalize(): void {
    this._finalized = false;
  }

  /** True once finalized. */
  get finalized(): boolean {
    return this._finalized;
  }
}
