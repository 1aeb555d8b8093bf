import type { Graph } from '../graph/graph.js';
import { Operation } from '../graph/operation.js';
import { Tensor } from '../graph/tensor.js';
import { IndexedSlices, IndexedSlicesValue } from '../graph/indexed_slices.js';
import { TypeError as TFTypeError, ValueError } from '../framework/errors.js';
import type { NDArray } from '../framework/ndarray.js';
import { RefVariable } from '../ops/variables.js';

/** What `Session.run` accepts as fetches: graph elements, IndexedSlices or names, nested in arrays and plain objects. */
export type Fetch = Tensor | Operation | RefVariable | IndexedSlices | string | readonly Fetch[] | { readonly [key: string]: Fetch };

/** The value `Session.run` returns for a fetch: the same structure, NDArrays for tensors, IndexedSlicesValues for IndexedSlices, null for operations. */
export type FetchResult<F> = F extends Tensor | RefVariable
  ? NDArray
  : F extends IndexedSlices
    ? IndexedSlicesValue
    : F extends Operation
      ? null
      : F extends string
        ? NDArray | null
        : F extends readonly unknown[]
          ? { -readonly [I in keyof F]: FetchResult<F[I]> }
          : F extends object
            ? { -readonly [K in keyof F]: FetchResult<F[K]> }
            : never;

/** One element to fetch: a tensor to return, or an op to run for its effect. */
export type Element = Tensor | Operation;

/** Python's name for a value's type in TF1's messages ("Can not convert a int into a Tensor."), in JS terms. */
function typeName(f: unknown): string {
  if (f === null) return 'NoneType';
  if (typeof f !== 'object') return typeof f;
  return Array.isArray(f) ? 'Array' : ((f as object).constructor?.name ?? 'object');
}

/**
 * TF1's `as_graph_element` for a fetch or a feed_dict key: names resolve to tensors (`x:0`) or, for
 * fetches, operations (`x`). Failures are TF1's: for a fetch a ValueError (TypeError for a value of the
 * wrong type); for a feed key always TypeError "Cannot interpret feed_dict key as Tensor: ...".
 */
export function resolveElement(graph: Graph, f: unknown, what: 'Fetch' | 'feed_dict key'): Element {
  // the common case first, without making the messages' closures (a run resolves its feeds' keys and fetches each time)
  if ((f instanceof Tensor || f instanceof Operation) && f.graph === graph) return f;
  // described only on failure: an Operation prints as its whole NodeDef
  const given = f;
  const desc = (): string => (typeof given === 'string' ? `'${given}'` : String(given));
  const fail = (why: string): never => {
    if (what === 'Fetch') throw new ValueError(`Fetch argument ${desc()} cannot be interpreted as a Tensor. (${why})`);
    throw new TFTypeError(`Cannot interpret feed_dict key as Tensor: ${why}`);
  };
  if (f instanceof RefVariable) f = f._ref();
  if (f instanceof Tensor || f instanceof Operation) {
    if (f.graph !== graph) fail(`${f instanceof Tensor ? 'Tensor' : 'Operation'} ${f} is not an element of this graph.`);
    return f as Element;
  }
  if (typeof f === 'string') {
    try {
      if (f.includes(':')) return graph.get_tensor_by_name(f);
      if (what === 'feed_dict key')
        return fail(`The name '${f}' looks like an (invalid) Operation name, not a Tensor. Tensor names must be of the form "<op_name>:<output_index>".`);
      return graph.get_operation_by_name(f);
    } catch (e) {
      if (e instanceof ValueError && !e.message.startsWith('Fetch argument')) return fail(e.message);
      throw e;
    }
  }
  const type = typeName(f);
  if (what === 'feed_dict key') return fail(`Can not convert a ${type} into a Tensor.`);
  throw new TFTypeError(
    `Fetch argument ${String(f)} has invalid type ${type}, must be a string or Tensor. (Can not convert a ${type} into a Tensor or Operation.)`,
  );
}

/** A fetch structure flattened to unique elements, with the function that rebuilds the structure from their values. */
export interface FlatFetches {
  elements: Element[];
  rebuild(values: readonly (NDArray | null)[]): unknown;
}

/** TF1's ValueError for an element the graph marked unfetchable (Graph.prevent_fetching). */
export function checkFetchable(graph: Graph, el: Element): void {
  if (!graph.is_fetchable(el)) throw new ValueError(`Operation '${el instanceof Tensor ? el.op.name : el.name}' has been marked as not fetchable.`);
}

/** Flattens nested fetches, deduplicating elements (TF1 fetches each once and returns it wherever asked). */
export function flattenFetches(graph: Graph, fetches: unknown): FlatFetches {
  const elements: Element[] = [];
  const index = new Map<Element, number>();
  const walk = (f: unknown): ((v: readonly (NDArray | null)[]) => unknown) => {
    if (Array.isArray(f)) {
      const parts = f.map(walk);
      return (v) => parts.map((p) => p(v));
    }
    if (f !== null && typeof f === 'object' && Object.getPrototypeOf(f) === Object.prototype) {
      const parts = Object.entries(f as Record<string, unknown>).map(([k, x]) => [k, walk(x)] as const);
      return (v) => Object.fromEntries(parts.map(([k, p]) => [k, p(v)]));
    }
    if (f instanceof IndexedSlices) {
      // session.py's fetch mapper for IndexedSlices: its parts fetched, made an IndexedSlicesValue (dense_shape None if absent)
      const parts = (f.dense_shape ? [f.values, f.indices, f.dense_shape] : [f.values, f.indices]).map(walk);
      return (v) => {
        const [values, indices, dense] = parts.map((p) => p(v) as NDArray);
        return new IndexedSlicesValue(values!, indices!, dense);
      };
    }
    const el = resolveElement(graph, f, 'Fetch');
    checkFetchable(graph, el);
    let i = index.get(el);
    if (i === undefined) {
      i = elements.length;
      elements.push(el);
      index.set(el, i);
    }
    const at = i;
    return el instanceof Operation ? () => null : (v) => v[at] ?? null;
  };
  const rebuild = walk(fetches);
  return { elements, rebuild };
}

const isElementOf = (graph: Graph, f: unknown): f is Element => (f instanceof Tensor || f instanceof Operation) && f.graph === graph;

/**
 * The last run's fetches, flattened: a run that fetches the same graph element, or a flat list of the same ones,
 * reuses that (each element still checked fetchable, as the graph may forbid it later); anything else is flattened.
 */
export class RecentFetches {
  private given: Element[] = [];
  /** Whether the fetch was one element, not a list of them. */
  private single = false;
  private flat: FlatFetches | null = null;

  /** `fetches` flattened (see flattenFetches). */
  get(graph: Graph, fetches: unknown): FlatFetches {
    const kept = this.flat;
    if (kept && this.same(fetches)) {
      for (let i = 0; i < kept.elements.length; i++) checkFetchable(graph, kept.elements[i]!);
      return kept;
    }
    this.flat = null;
    const flat = flattenFetches(graph, fetches);
    if (isElementOf(graph, fetches)) this.keep([fetches], true, flat);
    else if (Array.isArray(fetches) && fetches.every((f) => isElementOf(graph, f))) this.keep([...fetches], false, flat);
    return flat;
  }

  private keep(given: Element[], single: boolean, flat: FlatFetches): void {
    this.given = given;
    this.single = single;
    this.flat = flat;
  }

  private same(fetches: unknown): boolean {
    const g = this.given;
    if (this.single) return fetches === g[0];
    if (!Array.isArray(fetches) || fetches.length !== g.length) return false;
    for (let i = 0; i < g.length; i++) if (fetches[i] !== g[i]) return false;
    return true;
  }
}
