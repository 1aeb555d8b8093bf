import type { Graph } from '../graph/graph.js';
import { Operation } from '../graph/operation.js';
import { Tensor } from '../graph/tensor.js';
import { TypeError as TFTypeError, ValueError } from '../graph/errors.js';
import { NDArray } from '../ndarray/ndarray.js';
import { ConversionError, toNDArray } from '../ndarray/from_js.js';
import { RefVariable } from '../ops/variables.js';
import { resolveElement } from './fetches.js';

/** A value a user may feed: NDArray, nested JS arrays, a scalar, or a typed array (shaped by the tensor). */
export type FeedValue = NDArray | number | boolean | readonly unknown[] | Float32Array | Float64Array | Int32Array | Uint8Array;

/** Feeds keyed by tensor, variable or tensor name: a Map, an array of pairs, or a plain object of names. */
export type FeedDict =
  | ReadonlyMap<Tensor | RefVariable | string, FeedValue>
  | readonly (readonly [Tensor | RefVariable | string, FeedValue])[]
  | { readonly [tensorName: string]: FeedValue };

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

/** Validates and converts feeds as TF1's session.py does, before anything runs. */
export function normaliseFeeds(graph: Graph, feeds: FeedDict | undefined | null): Map<Tensor, NDArray> {
  const out = new Map<Tensor, NDArray>();
  if (!feeds) return out;
  let entries: [unknown, unknown][];
  if (feeds instanceof Map) entries = [...feeds.entries()];
  else if (Array.isArray(feeds)) entries = feeds.map((p) => [p[0], p[1]]);
  else if (typeof feeds === 'object') entries = Object.entries(feeds);
  else throw new TFTypeError(`feed_dict must be a Map, an array of pairs or an object, got ${typeof feeds}`);
  for (const [key, value] of entries) {
    const el = resolveElement(graph, key, 'feed_dict key');
    if (el instanceof Operation) throw new TFTypeError(`Cannot interpret feed_dict key as Tensor: Can not convert a Operation into a Tensor.`);
    const t = el;
    if (value instanceof Tensor || value instanceof RefVariable || value instanceof Operation) {
      throw new TFTypeError('The value of a feed cannot be a tf.Tensor object. Acceptable feed values include JS numbers, booleans, nested arrays, typed arrays and NDArrays.');
    }
    if (value === null || value === undefined) throw new TFTypeError(`The value fed to ${t.name} is ${String(value)}; feed a number, an array or an NDArray.`);
    let arr: NDArray;
    try {
      const hint = ArrayBuffer.isView(value) && !(value instanceof DataView) ? shapeForFlat(t, (value as Float32Array).length) : undefined;
      arr = toNDArray(value, t.dtype, hint);
    } catch (e) {
      if (e instanceof ConversionError) throw e.type ? new TFTypeError(e.message) : new ValueError(`${e.message} (feeding ${t.name})`);
      throw e;
    }
    if (t.dtype === 'int32' && typeof value === 'number' && (value | 0) !== value) {
      throw new TFTypeError(`Type of feed value ${value} with type number is not compatible with Tensor type int32. Try explicitly setting the type of the feed tensor to a larger type (e.g. int64).`);
    }
    const s = t.shape;
    const ok = s.dims === null || (s.dims.length === arr.shape.length && s.dims.every((d, i) => d === null || d === arr.shape[i]));
    if (!ok) throw new ValueError(`Cannot feed value of shape ${pyShape(arr.shape)} for Tensor '${t.name}', which has shape '${s}'`);
    out.set(t, arr);
  }
  return out;
}
