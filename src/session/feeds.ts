import type { Graph } from '../graph/graph.js';
import { Operation } from '../graph/operation.js';
import { Tensor } from '../graph/tensor.js';
import { IndexedSlices, IndexedSlicesValue } from '../graph/indexed_slices.js';
import { allocHost, type DType } from '../framework/dtypes.js';
import { TypeError as TFTypeError, ValueError } from '../framework/errors.js';
import { checkAllocation, NDArray } from '../framework/ndarray.js';
import { ConversionError, toNDArray } from '../framework/from_js.js';
import { RefVariable } from '../ops/variables.js';
import { pyType } from '../ops/kinds.js';
import { resolveElement } from './fetches.js';

/**
 * A value a user may feed: NDArray, nested JS arrays, a scalar (a JS string too), or a typed array (shaped by the
 * tensor); for an IndexedSlices key, an IndexedSlicesValue or an array of its parts.
 */
export type FeedValue = NDArray | number | boolean | string | readonly unknown[] | Float32Array | Float64Array | Int32Array | Uint8Array | IndexedSlicesValue;

/** A feed_dict key: a tensor, a variable, an IndexedSlices (its parts fed) or a tensor name. */
export type FeedKey = Tensor | RefVariable | IndexedSlices | string;

/** Feeds keyed by tensor, variable, IndexedSlices or tensor name: a Map, an array of pairs, or a plain object of names. */
export type FeedDict = ReadonlyMap<FeedKey, FeedValue> | readonly (readonly [FeedKey, FeedValue])[] | { readonly [tensorName: string]: FeedValue };

/** Validated feeds: each fed tensor's value, and which of those values still share the caller's memory. */
export interface Feeds {
  values: Map<Tensor, NDArray>;
  /** Fed tensors whose NDArray's elements are the caller's typed array (fed as they are, uncopied). */
  borrowed: Set<Tensor>;
}

/** NumPy's limit on dimensions: TF1 converts feeds with np.asarray, which refuses deeper nesting. */
const NUMPY_MAX_DIMS = 32;

const pyShape = (s: readonly number[]): string => (s.length === 1 ? `(${s[0]},)` : `(${s.join(', ')})`);

/** The shape a flat typed array takes when fed to `t`: its static shape with at most one unknown dim solved. */
function shapeForFlat(t: Tensor, n: number): number[] | undefined {
  const dims = t.shape.dims;
  if (dims === null) return undefined;
  const known = dims.filter((d): d is number => d !== null).reduce((a, b) => a * b, 1);
  const unknown = dims.filter((d) => d === null).length;
  if (unknown === 0) return known === n ? (dims as number[]) : undefined;
  if (unknown === 1 && known > 0 && n % known === 0) return dims.map((d) => d ?? n / known);
  return undefined;
}

type Viewed = ArrayBufferView & { length: number };
type BufferFlags = { detached?: boolean; resizable?: boolean; growable?: boolean };

/** True when the view's buffer was transferred or freed (its elements are gone). */
function isDetached(a: ArrayBufferView): boolean {
  const b = a.buffer as ArrayBufferLike & BufferFlags;
  if (typeof b.detached === 'boolean') return b.detached;
  // Before ES2024's `detached`: a detached view reads as empty, and no new view can be made on its buffer.
  if (a.byteLength !== 0 || !(b instanceof ArrayBuffer)) return false;
  try {
    new Uint8Array(b);
    return false;
  } catch {
    return true;
  }
}

/** True when the view's length can change after the call: a resizable or growable buffer (length-tracking views live on those). */
function canChangeLength(a: ArrayBufferView): boolean {
  const b = a.buffer as ArrayBufferLike & BufferFlags;
  return b.resizable === true || b.growable === true;
}

/** A plain copy of a host array in its dtype's storage. */
function copyOf<T extends Viewed>(a: T, dtype: DType): T {
  const out = allocHost(dtype, a.length);
  out.set(a as unknown as ArrayLike<number>);
  return out as unknown as T;
}

/** The shape np.asarray would give nested arrays, read along first elements; refuses NumPy's too-deep nesting (and cycles). */
function nestedShape(v: readonly unknown[], name: string): number[] {
  const shape: number[] = [];
  let probe: unknown = v;
  while (Array.isArray(probe)) {
    if (shape.length === NUMPY_MAX_DIMS) {
      throw new ValueError(
        `setting an array element with a sequence. The requested array would exceed the maximum number of dimension of ${NUMPY_MAX_DIMS}. (feeding ${name})`,
      );
    }
    shape.push(probe.length);
    probe = (probe as unknown[])[0];
  }
  return shape;
}

/** Checks a value's storage and size before converting it: detached buffers, 1 GiB per tensor; copies what can change length later. */
function guarded(value: unknown, t: Tensor): unknown {
  // byte strings: a string array's elements are its own Uint8Arrays (never written in place); a Uint8Array fed to a
  // string tensor is one element (Python's bytes), copied as its bytes could change after the call
  if (value instanceof NDArray && value.dtype === 'string') return value;
  if (t.dtype === 'string' && value instanceof Uint8Array) return value.slice();
  if (value instanceof NDArray) {
    if (isDetached(value.data))
      throw new TFTypeError(
        `The value fed to ${t.name} is an NDArray whose buffer is detached (transferred or freed); feed an array that still holds its elements.`,
      );
    checkAllocation(value.shape, t.dtype);
    return canChangeLength(value.data) ? new NDArray(copyOf(value.data, value.dtype), value.shape, value.dtype) : value;
  }
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const a = value as Viewed;
    if (isDetached(a))
      throw new TFTypeError(
        `The value fed to ${t.name} is a ${a.constructor.name} whose buffer is detached (transferred or freed); feed an array that still holds its elements.`,
      );
    checkAllocation([a.length], t.dtype);
    return canChangeLength(a) ? new (a.constructor as new (x: Viewed) => Viewed)(a) : a;
  }
  if (Array.isArray(value)) checkAllocation(nestedShape(value, t.name), t.dtype);
  return value;
}

/** The fed tensor a feed_dict key names; any failure is TF1's TypeError "Cannot interpret feed_dict key as Tensor". */
function feedTensor(graph: Graph, key: unknown): Tensor {
  const el = resolveElement(graph, key, 'feed_dict key');
  if (el instanceof Operation) throw new TFTypeError('Cannot interpret feed_dict key as Tensor: Can not convert a Operation into a Tensor.');
  return el;
}

/** One feed's value as an NDArray of the tensor's dtype and a compatible shape, as TF1's session.py checks it. */
function feedValue(t: Tensor, raw: unknown): NDArray {
  if (raw instanceof Tensor || raw instanceof RefVariable || raw instanceof Operation) {
    throw new TFTypeError(
      'The value of a feed cannot be a tf.Tensor object. Acceptable feed values include JS numbers, booleans, nested arrays, typed arrays and NDArrays.',
    );
  }
  if (raw === null || raw === undefined) throw new TFTypeError(`The value fed to ${t.name} is ${String(raw)}; feed a number, an array or an NDArray.`);
  if (t.dtype === 'int32' && typeof raw === 'number' && (raw | 0) !== raw) {
    throw new TFTypeError(
      `Type of feed value ${raw} with type ${pyType(raw)} is not compatible with Tensor type <dtype: 'int32'>. Try explicitly setting the type of the feed tensor to a larger type (e.g. int64).`,
    );
  }
  const value = guarded(raw, t);
  let arr: NDArray;
  try {
    const hint = ArrayBuffer.isView(value) ? shapeForFlat(t, (value as Viewed).length) : undefined;
    arr = toNDArray(value, t.dtype, hint);
  } catch (e) {
    if (e instanceof ConversionError) throw e.type ? new TFTypeError(e.message) : new ValueError(`${e.message} (feeding ${t.name})`);
    throw e;
  }
  const s = t.shape;
  if (!fitsShape(s.dims, arr.shape)) throw new ValueError(`Cannot feed value of shape ${pyShape(arr.shape)} for Tensor '${t.name}', which has shape '${s}'`);
  return arr;
}

/** Whether a value's shape fits a tensor's static dims (null: unknown rank; a null dim: any size). A loop: it runs for every feed of every run. */
function fitsShape(dims: readonly (number | null)[] | null, shape: readonly number[]): boolean {
  if (dims === null) return true;
  if (dims.length !== shape.length) return false;
  for (let i = 0; i < dims.length; i++) if (dims[i] !== null && dims[i] !== shape[i]) return false;
  return true;
}

/** session.py's `_get_feeds_for_indexed_slices`: the key's parts paired with the value's (zip: the shorter decides). */
function indexedSlicesFeeds(key: IndexedSlices, value: unknown): [unknown, unknown][] {
  const parts = key.dense_shape ? [key.values, key.indices, key.dense_shape] : [key.values, key.indices];
  let vals: readonly unknown[];
  if (value instanceof IndexedSlicesValue) vals = [value.values, value.indices, value.dense_shape];
  else if (Array.isArray(value)) vals = value;
  else throw new TFTypeError(`The value fed to ${key} must be an IndexedSlicesValue or an array of its values, indices and dense_shape, got ${pyType(value)}`);
  return parts.slice(0, vals.length).map((p, i) => [p, vals[i]]);
}

/**
 * Validates and converts feeds as TF1's session.py does, before anything runs. Typed arrays and
 * NDArrays of the tensor's dtype are taken as they are, not copied (see Feeds.borrowed).
 */
export function convertFeeds(graph: Graph, feeds: FeedDict | undefined | null): Feeds {
  const out: Feeds = { values: new Map<Tensor, NDArray>(), borrowed: new Set<Tensor>() };
  if (!feeds) return out;
  // each entry in order, as session.py's loop takes them; a Map is read as it is, not copied to a list first
  if (feeds instanceof Map) for (const [k, v] of feeds) addEntry(graph, out, k, v);
  else if (Array.isArray(feeds)) for (const p of feeds as readonly (readonly [unknown, unknown])[]) addEntry(graph, out, p[0], p[1]);
  else if (typeof feeds === 'object') for (const [k, v] of Object.entries(feeds)) addEntry(graph, out, k, v);
  else throw new TFTypeError(`feed_dict must be a Map, an array of pairs or an object, got ${typeof feeds}`);
  return out;
}

/** Feeds given as keys and values (a callable's feed_list and its arguments), paired as Python's zip pairs them; see convertFeeds. */
export function convertFeedList(graph: Graph, keys: readonly unknown[], values: readonly unknown[]): Feeds {
  const out: Feeds = { values: new Map<Tensor, NDArray>(), borrowed: new Set<Tensor>() };
  const n = Math.min(keys.length, values.length);
  for (let i = 0; i < n; i++) addEntry(graph, out, keys[i], values[i]);
  return out;
}

/** One feed_dict entry into `out`: an IndexedSlices key as its parts. */
function addEntry(graph: Graph, out: Feeds, key: unknown, raw: unknown): void {
  if (key instanceof IndexedSlices) for (const [part, value] of indexedSlicesFeeds(key, raw)) addFeed(graph, out, part, value);
  else addFeed(graph, out, key, raw);
}

/** One fed tensor's value, checked and converted, into `out` (a later entry for the same tensor replaces it). */
function addFeed(graph: Graph, out: Feeds, key: unknown, raw: unknown): void {
  const t = feedTensor(graph, key);
  if (!graph.is_feedable(t)) throw new ValueError(`Tensor ${t} may not be fed.`);
  const arr = feedValue(t, raw);
  out.values.set(t, arr);
  if (arr.dtype !== 'string' && (arr.data === raw || (raw instanceof NDArray && raw.dtype !== 'string' && arr.data === raw.data))) out.borrowed.add(t);
  else out.borrowed.delete(t);
}

/** The fed values with every borrowed array copied: for a run that starts after its call returns. */
export function ownedFeeds(feeds: Feeds): Map<Tensor, NDArray> {
  if (feeds.borrowed.size === 0) return feeds.values;
  const out = new Map(feeds.values);
  for (const t of feeds.borrowed) {
    const a = feeds.values.get(t)!;
    out.set(t, new NDArray(copyOf(a.data, a.dtype), a.shape, a.dtype));
  }
  return out;
}

/** Validates and converts feeds (see convertFeeds), as a map from tensor to value. */
export function normaliseFeeds(graph: Graph, feeds: FeedDict | undefined | null): Map<Tensor, NDArray> {
  return convertFeeds(graph, feeds).values;
}
