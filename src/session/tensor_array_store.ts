// TF1 r1.12's TensorArray resource (core/kernels/tensor_array.h): a list of tensors that the TensorArray ops
// write, read, gather, scatter, concat and split, with TF1's rules and messages (write once unless it is a gradient
// array, whose writes add up; clear_after_read; dynamic_size; an element shape every value must meet). A run owns
// its arrays (TF1's per-step resources): the store is made fresh for each Session.run and dropped with it, so
// nothing outlives the run. Values are copied in, since a run's buffers are reused after their last use.
import { dtypeProtoName, type DType } from '../framework/dtypes.js';
import { InvalidArgumentError, NotFoundError, ResourceExhaustedError } from '../framework/errors.js';
import { NDArray } from '../framework/ndarray.js';
import type { Dim } from '../framework/shape.js';
import { sameShape } from './kernels/util.js';

/** A partly known shape as TF1's PartialTensorShape prints it (`<unknown>`, `[?,2]`). */
export const partialStr = (s: readonly Dim[] | null): string => (s === null ? '<unknown>' : `[${s.map((d) => (d === null ? '?' : d)).join(',')}]`);

/** A known shape as TF1's TensorShape prints it (`[]`, `[1,2]`). */
export const shapeStr = (s: readonly number[]): string => `[${s.join(',')}]`;

const compatible = (p: readonly Dim[] | null, s: readonly number[]): boolean =>
  p === null || (p.length === s.length && p.every((d, i) => d === null || d === s[i]));

const fullyDefined = (p: readonly Dim[] | null): p is readonly number[] => p?.every((d) => d !== null) ?? false;

/** A backend's value (a host array, a GPU slot): its shape and dtype. */
export interface Element {
  readonly shape: readonly number[];
  readonly dtype: DType;
}

/** What an array does with its backend's values: copy one in, add two (a gradient array's writes), make zeros. */
export interface ElementOps<V extends Element> {
  copy(v: V): V;
  add(a: V, b: V): V;
  zeros(shape: readonly number[], dtype: DType): V;
}

/** The host arrays' ElementOps. */
export const HOST_ELEMENTS: ElementOps<NDArray> = { copy: (v) => v.copy(), add: (a, b) => addArrays(a, b), zeros: (s, d) => NDArray.zeros(s, d) };

/** One slot: TF1's TensorAndState. A written slot without a value (a gradient array's copied shape) reads as zeros. */
interface Slot<V> {
  value: V | null;
  shape: number[];
  written: boolean;
  read: boolean;
  cleared: boolean;
}

/** The most arrays one run may create (each TensorArrayV3 or TensorArrayGradV3 that runs makes one). */
export const MAX_TENSOR_ARRAYS = 1 << 16;

/** How a TensorArray is made (TensorArrayV3's attributes, or what TensorArrayGradV3 copies from its source). */
export interface TensorArraySpec {
  dtype: DType;
  size: number;
  elementShape: readonly Dim[] | null;
  dynamicSize: boolean;
  clearAfterRead: boolean;
  identicalElementShapes: boolean;
  aggregate: boolean;
  isGrad: boolean;
  markedSize: number;
}

/** One TensorArray of a run. */
export class TensorArrayState<V extends Element = NDArray> {
  private readonly slots = new Map<number, Slot<V>>();
  private length: number;
  private closed = false;
  private gradientsDisallowed = false;
  elementShape: readonly Dim[] | null;
  dynamicSize: boolean;
  markedSize: number;

  constructor(
    readonly name: string,
    readonly spec: TensorArraySpec,
    private readonly ops: ElementOps<V>,
  ) {
    this.length = spec.size;
    this.elementShape = spec.elementShape;
    this.dynamicSize = spec.dynamicSize;
    this.markedSize = spec.markedSize;
  }

  get dtype(): DType {
    return this.spec.dtype;
  }

  private checkOpen(): void {
    if (this.closed) throw new InvalidArgumentError(`TensorArray ${this.name} has already been closed.`);
  }

  /** TF1's LockedWriteOrAggregate: `value` (copied) into slot `index`. */
  write(index: number, value: V): void {
    this.checkOpen();
    const where = `TensorArray ${this.name}: Could not write to TensorArray index ${index}`;
    if (index < 0 || (!this.dynamicSize && index >= this.length)) {
      throw new InvalidArgumentError(`TensorArray ${this.name}: Tried to write to index ${index} but array is not resizeable and size is: ${this.length}`);
    }
    if (index >= this.length) this.length = index + 1;
    if (value.dtype !== this.dtype) {
      throw new InvalidArgumentError(
        `${where} because the value dtype is ${dtypeProtoName(value.dtype)} but TensorArray dtype is ${dtypeProtoName(this.dtype)}.`,
      );
    }
    if (!compatible(this.elementShape, value.shape)) {
      throw new InvalidArgumentError(
        `${where} because the value shape is ${shapeStr(value.shape)} which is incompatible with the TensorArray's inferred element shape: ${partialStr(this.elementShape)} (consider setting infer_shape=False).`,
      );
    }
    if (this.spec.identicalElementShapes && !fullyDefined(this.elementShape)) this.elementShape = [...value.shape];
    const t = this.slots.get(index) ?? { value: null, shape: [], written: false, read: false, cleared: false };
    this.slots.set(index, t);
    if (t.read) throw new InvalidArgumentError(`${where} because it has already been read.`);
    if (!this.spec.aggregate && t.written) throw new InvalidArgumentError(`${where} because it has already been written to.`);
    if (t.written) {
      if (!sameShape(value.shape, t.shape)) {
        throw new InvalidArgumentError(
          `TensorArray ${this.name}: Could not aggregate to TensorArray index ${index} because the existing shape is ${shapeStr(t.shape)} but the new input shape is ${shapeStr(value.shape)}.`,
        );
      }
      if (t.value === null) t.value = this.ops.copy(value);
      else if (value.dtype === 'string' || value.dtype === 'bool')
        throw new InvalidArgumentError(`tensor_array::AddToTensor type not supported: ${value.dtype}`);
      else t.value = this.ops.add(t.value, value);
      this.gradientsDisallowed = true;
      return;
    }
    t.value = this.ops.copy(value);
    t.shape = [...value.shape];
    t.written = true;
  }

  /** TF1's LockedRead: slot `index` (zeros of its shape when only a shape was recorded); clears it if clear_after_read. */
  read(index: number): V {
    this.checkOpen();
    if (index < 0 || index >= this.length) throw new InvalidArgumentError(`Tried to read from index ${index} but array size is: ${this.length}`);
    const t = this.slots.get(index);
    if (!t?.written) {
      // an element never written reads as zeros when the element shape is fully known (TF1 r1.12's fill), else fails
      if (fullyDefined(this.elementShape)) return this.ops.zeros(this.elementShape, this.dtype);
      throw new InvalidArgumentError(`TensorArray ${this.name}: Could not read from TensorArray index ${index} because it has not yet been written to.`);
    }
    if (t.cleared) {
      throw new InvalidArgumentError(
        `TensorArray ${this.name}: Could not read index ${index} twice because it was cleared after a previous read (perhaps try setting clear_after_read = false?).`,
      );
    }
    const v = t.value ?? this.ops.zeros(t.shape, this.dtype);
    if (this.spec.clearAfterRead) {
      t.value = null;
      t.cleared = true;
    } else t.value = v;
    t.read = true;
    return v;
  }

  /** The array's size (TensorArraySizeV3). */
  size(): number {
    this.checkOpen();
    return this.length;
  }

  /** The size stack-by-concat uses: a gradient array's marked size (its source's after a split or scatter). */
  packOrConcatSize(): number {
    this.checkOpen();
    return this.spec.isGrad ? this.markedSize : this.length;
  }

  /** Records the size after a scatter or split (a gradient array keeps its source's). */
  setMarkedSize(n: number): void {
    this.checkOpen();
    if (!this.spec.isGrad) this.markedSize = n;
  }

  /** Merges the element shape a gather names into the array's (TF1's SetElemShape). */
  mergeElementShape(s: readonly Dim[] | null): readonly Dim[] | null {
    const a = this.elementShape;
    if (s === null) return a;
    if (a === null) return (this.elementShape = [...s]);
    if (a.length !== s.length || a.some((d, i) => d !== null && s[i] !== null && d !== s[i])) {
      throw new InvalidArgumentError(`Incompatible shapes during merge: ${partialStr(a)} vs. ${partialStr(s)}`);
    }
    return (this.elementShape = a.map((d, i) => d ?? s[i]!));
  }

  /** Empties and closes the array (TensorArrayCloseV3). */
  close(): void {
    this.slots.clear();
    this.closed = true;
  }

  /** A gradient array for this one: its size, element shape and written slots' shapes (TF1's CopyShapesFrom). */
  gradient(name: string): TensorArrayState<V> {
    this.checkOpen();
    if (this.gradientsDisallowed) {
      throw new InvalidArgumentError(
        `Unable to create a gradients TensorArray for ${this.name}.  Perhaps you used the multiple_writes_aggregate flag on a previous write?  Gradient calculation is impossible when multiple writes are performed to the same index.`,
      );
    }
    this.dynamicSize = false;
    const g = new TensorArrayState<V>(
      name,
      {
        ...this.spec,
        size: this.length,
        elementShape: this.elementShape,
        dynamicSize: false,
        clearAfterRead: true,
        identicalElementShapes: false,
        aggregate: true,
        isGrad: true,
        markedSize: this.markedSize,
      },
      this.ops,
    );
    for (const [i, t] of this.slots) if (t.written) g.slots.set(i, { value: null, shape: [...t.shape], written: true, read: false, cleared: false });
    return g;
  }
}

/** a + b elementwise in their dtype (a gradient array's aggregated writes); TF1 adds only numbers. */
function addArrays(a: NDArray, b: NDArray): NDArray {
  const out = a.copy();
  const o = out.data;
  const y = b.data;
  for (let i = 0; i < o.length; i++) o[i] = o[i]! + y[i]!;
  return out;
}

/** The TensorArrays of one run, by handle (TF1's `_tensor_arrays` container), of a backend's values (host arrays by default). */
export class TensorArrayStore<V extends Element = NDArray> {
  // The run's arrays: a handle's value is its array's index here; by name, to find a gradient array again.
  private readonly arrays: TensorArrayState<V>[] = [];
  private readonly ids = new Map<string, number>();
  private counter = 0;

  constructor(private readonly ops: ElementOps<V> = HOST_ELEMENTS as unknown as ElementOps<V>) {}

  /** A new array named `<tensor_array_name>_<n>`; its handle a resource of TF1's static shape [2]. */
  create(baseName: string, spec: TensorArraySpec): NDArray {
    return this.add(`${baseName}_${this.counter++}`, (name) => new TensorArrayState<V>(name, spec, this.ops));
  }

  private add(name: string, make: (name: string) => TensorArrayState<V>): NDArray {
    let id = this.ids.get(name);
    if (id === undefined) {
      if (this.arrays.length >= MAX_TENSOR_ARRAYS) throw new ResourceExhaustedError(`Too many TensorArrays in one run (at most ${MAX_TENSOR_ARRAYS})`);
      id = this.arrays.push(make(name)) - 1;
      this.ids.set(name, id);
    }
    // A resource handle of the static shape TF1 gives it ([2]): the array's number in this run, twice.
    return new NDArray(Float64Array.of(id, id), [2], 'resource');
  }

  /** The array a handle names; TF1's NotFoundError for a handle of no array of this run. */
  lookup(handle: NDArray): TensorArrayState<V> {
    const id = handle.dtype === 'resource' && handle.size === 2 ? handle.data[1]! : null;
    const ta = id === null ? undefined : this.arrays[id];
    if (!ta) throw new NotFoundError(`Container _tensor_arrays does not exist. (Could not find resource: _tensor_arrays/${id ?? '?'})`);
    return ta;
  }

  /** The gradient array of `handle`'s array for `source` (the same one each time it is asked for). */
  gradient(handle: NDArray, source: string): NDArray {
    const ta = this.lookup(handle);
    const name = `${ta.name}@${source}`;
    return this.add(name, (n) => ta.gradient(n));
  }
}
