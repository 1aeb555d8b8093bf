// TF1's IndexedSlices (python/framework/ops.py): the rows `indices` of a larger tensor, given as `values`, as the
// gradient of a gather is; and IndexedSlicesValue, what Session.run gives for one.
import { kind, opt, parseArgs, req, signed, type Call, type Kind } from '../framework/args.js';
import { ValueError } from '../framework/errors.js';
import type { DType } from '../framework/dtypes.js';
import { NDArray } from '../framework/ndarray.js';
import type { Graph } from './graph.js';
import type { Operation } from './operation.js';
import { Tensor } from './tensor.js';

/** Both classes' parameters, `(values, indices, dense_shape)`, each part of kind `part`. */
const partsParams = <T>(part: Kind<T>) => [req('values', part), req('indices', part), opt('dense_shape', part)] as const;
const INIT = partsParams(kind<Tensor>('Tensor', (v) => v instanceof Tensor));
const VALUE = partsParams(kind<NDArray>('NDArray', (v) => v instanceof NDArray));

/** The three parts of a call of class `cls`, dense_shape null when not given. */
function parseParts<T>(cls: string, params: ReturnType<typeof partsParams<T>>, args: readonly unknown[]): { values: T; indices: T; dense_shape: T | null } {
  const a = parseArgs(cls, params, args);
  return { values: a.values, indices: a.indices, dense_shape: a.dense_shape ?? null };
}

/**
 * `tf.IndexedSlices(values, indices, dense_shape)`: `dense[indices[i], ...] = values[i, ...]` for a dense tensor of
 * shape `dense_shape` (null when unknown). Its name, dtype, op and graph are its values'.
 */
export class IndexedSlices {
  /** The slices: a Tensor of shape [D0, D1, ..., Dn]. */
  readonly values: Tensor;
  /** Which rows of the dense tensor they are: a 1-D integer Tensor of shape [D0]. */
  readonly indices: Tensor;
  /** The dense tensor's shape as a 1-D integer Tensor, or null. */
  readonly dense_shape: Tensor | null;

  constructor(...args: Call<typeof INIT>) {
    const a = parseParts('IndexedSlices', INIT, args);
    // TF1's `_get_graph_from_inputs([values, indices, dense_shape])`: one graph for all three.
    for (const t of [a.indices, a.dense_shape]) {
      if (t && t.graph !== a.values.graph) throw new ValueError(`${t} must be from the same graph as ${a.values}.`);
    }
    this.values = a.values;
    this.indices = a.indices;
    this.dense_shape = a.dense_shape;
  }

  /** The values' name (`Gather_grad/Reshape:0`). */
  get name(): string {
    return this.values.name;
  }

  /** The values' element type. */
  get dtype(): DType {
    return this.values.dtype;
  }

  /** The op that produces the values. */
  get op(): Operation {
    return this.values.op;
  }

  /** The graph of the values, indices and shape. */
  get graph(): Graph {
    return this.values.graph;
  }

  /** TF1's printed form: `IndexedSlices(indices=Tensor(...), values=Tensor(...), dense_shape=Tensor(...))`. */
  toString(): string {
    const shape = this.dense_shape ? `, dense_shape=${this.dense_shape}` : '';
    return `IndexedSlices(indices=${this.indices}, values=${this.values}${shape})`;
  }
}
signed(IndexedSlices, 'IndexedSlices', INIT);

/** TF1's IndexedSlicesValue: the fetched value of an IndexedSlices (its three parts' values; dense_shape null if it had none). */
export class IndexedSlicesValue {
  /** The slices' values. */
  readonly values: NDArray;
  /** Their row indices. */
  readonly indices: NDArray;
  /** The dense shape, or null. */
  readonly dense_shape: NDArray | null;

  constructor(...args: Call<typeof VALUE>) {
    const a = parseParts('IndexedSlicesValue', VALUE, args);
    this.values = a.values;
    this.indices = a.indices;
    this.dense_shape = a.dense_shape;
  }

  /** Unpacks as TF1's namedtuple does: `const [values, indices, dense_shape] = value`. */
  *[Symbol.iterator](): IterableIterator<NDArray | null> {
    yield this.values;
    yield this.indices;
    yield this.dense_shape;
  }

  /** TF1's printed form of the namedtuple. */
  toString(): string {
    return `IndexedSlicesValue(values=${this.values}, indices=${this.indices}, dense_shape=${this.dense_shape ?? 'None'})`;
  }
}
signed(IndexedSlicesValue, 'IndexedSlicesValue', VALUE);
