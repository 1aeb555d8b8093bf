import { allocHost, allocStrings, BYTES_PER_ELEMENT, dtypeProtoName, type DType, type HostArray, type StringArray } from './dtypes.js';
import { InvalidArgumentError, ResourceExhaustedError } from './errors.js';
import { formatArray } from './format.js';

/**
 * The largest array (1 GiB) the engine allocates on the host. A bigger request fails with TF1's OOM error
 * (ResourceExhaustedError) before any memory is taken, rather than taking the machine's memory or
 * surfacing as a raw RangeError from the typed-array constructor.
 */
export const MAX_TENSOR_BYTES = 2 ** 30;

/** Checks a shape an op (named `op`, when known) is about to allocate: non-negative integer dims and at most MAX_TENSOR_BYTES. */
export function checkAllocation(shape: readonly number[], dtype: DType, op: string | null = null): void {
  // indexed loops: a for-of over an NDArray's frozen shape allocates its iterator on every call
  for (let i = 0; i < shape.length; i++) {
    const d = shape[i]!;
    if (!Number.isSafeInteger(d) || d < 0) throw new InvalidArgumentError(`Dimension ${d} must be a non-negative integer (shape [${shape.join(',')}])`, op);
  }
  // a string element is at least its 24-byte C++ std::string in TF1; here a reference to a byte array
  if (sizeOf(shape) * (BYTES_PER_ELEMENT[dtype] || 8) > MAX_TENSOR_BYTES) {
    throw new ResourceExhaustedError(
      `OOM when allocating tensor with shape[${shape.join(',')}] and type ${dtypeProtoName(dtype)} on /job:localhost/replica:0/task:0/device:CPU:0 by allocator cpu (tf1-ts allocates at most ${MAX_TENSOR_BYTES} bytes per tensor)`,
      op,
    );
  }
}

/** Number of elements of a shape (1 for a scalar). */
export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (let i = 0; i < shape.length; i++) n *= shape[i]!;
  return n;
}

/** A host value: a shape, a dtype and its elements in row-major order; prints as NumPy prints. */
export class NDArray {
  /** Dimensions, outermost first; `[]` for a scalar. */
  readonly shape: readonly number[];
  /** Element type. */
  readonly dtype: DType;
  readonly #data: HostArray | null;
  readonly #strings: StringArray | null;

  /** A numeric or bool array over `data`, or a string array over `data`'s byte strings (dtype 'string'). */
  constructor(data: HostArray | StringArray, shape: readonly number[], dtype: DType) {
    if (data.length !== sizeOf(shape)) {
      throw new RangeError(`NDArray of shape [${shape.join(',')}] needs ${sizeOf(shape)} elements, got ${data.length}`);
    }
    if (Array.isArray(data) !== (dtype === 'string'))
      throw new TypeError(`NDArray of dtype ${dtype} over ${Array.isArray(data) ? 'byte strings' : 'a typed array'}`);
    this.#data = Array.isArray(data) ? null : data;
    this.#strings = Array.isArray(data) ? data : null;
    this.shape = Object.freeze([...shape]);
    this.dtype = dtype;
  }

  /** Elements in row-major order (int64 as exact doubles, bool as 0/1); a string array has none (see `strings`). */
  get data(): HostArray {
    const d = this.#data;
    if (d === null) throw new TypeError('a string NDArray holds byte strings, not numbers: read its `strings`');
    return d;
  }

  /** A string array's elements (one Uint8Array of bytes each), in row-major order; a numeric array has none. */
  get strings(): StringArray {
    const s = this.#strings;
    if (s === null) throw new TypeError(`an NDArray of dtype ${this.dtype} holds numbers, not byte strings: read its \`data\``);
    return s;
  }

  /** A string array of JS strings or byte strings (JS strings are UTF-8 encoded). */
  static fromStrings(values: readonly (string | Uint8Array)[], shape: readonly number[] = [values.length]): NDArray {
    return new NDArray(
      values.map((v) => (typeof v === 'string' ? UTF8.encode(v) : v)),
      shape,
      'string',
    );
  }

  /** A zero-filled array (empty byte strings for string); bad or oversized shapes raise TF1's errors (see checkAllocation). */
  static zeros(shape: readonly number[], dtype: DType = 'float32'): NDArray {
    checkAllocation(shape, dtype);
    return new NDArray(dtype === 'string' ? allocStrings(sizeOf(shape)) : allocHost(dtype, sizeOf(shape)), shape, dtype);
  }

  /** A copy that shares nothing with this array's storage (byte strings are never written in place, so they are shared). */
  copy(): NDArray {
    return new NDArray(this.#strings ? [...this.#strings] : this.data.slice(), this.shape, this.dtype);
  }

  /** A string array's elements decoded as UTF-8, nested as the array (Python's `.decode()` of each). */
  decode(): unknown {
    const s = this.strings;
    return nest(this.shape, (i) => UTF8_DECODER.decode(s[i]!));
  }

  /** Number of elements. */
  get size(): number {
    return (this.#data ?? this.#strings!).length;
  }

  /** Number of dimensions. */
  get ndim(): number {
    return this.shape.length;
  }

  /** The element at the given indices (all of them; `get()` for a scalar) of a numeric or bool array. */
  get(...index: number[]): number {
    if (index.length !== this.shape.length) {
      throw new RangeError(`index of ${index.length} dims for an array of ${this.shape.length}`);
    }
    let flat = 0;
    for (let i = 0; i < index.length; i++) {
      const d = this.shape[i]!;
      const k = index[i]!;
      if (k < 0 || k >= d) throw new RangeError(`index ${k} is out of bounds for axis ${i} with size ${d}`);
      flat = flat * d + k;
    }
    return this.data[flat]!;
  }

  /** The single element of a size-1 array, as NumPy's `item()`. */
  item(): number {
    if (this.size !== 1) throw new RangeError('can only convert an array of size 1 to a scalar');
    return this.data[0]!;
  }

  /** Flat index of the largest element (first on ties), as NumPy's `argmax()` with no axis. */
  argmax(): number {
    const d = this.data;
    let best = 0;
    for (let i = 1; i < d.length; i++) if (d[i]! > d[best]!) best = i;
    return best;
  }

  /** Nested JS arrays (numbers; booleans for bool; Uint8Arrays for string, as Python's bytes), as NumPy's `tolist()`. */
  tolist(): unknown {
    if (this.#strings) {
      const s = this.#strings;
      return nest(this.shape, (i) => s[i]!);
    }
    const d = this.data;
    return nest(this.shape, (i) => (this.dtype === 'bool' ? d[i] !== 0 : d[i]!));
  }

  /** NumPy's `str()` of the array. */
  toString(): string {
    return formatArray(this);
  }
}

const UTF8 = new TextEncoder();
const UTF8_DECODER = new TextDecoder();

/** Nested arrays of shape `shape` whose element at flat index i is `at(i)` (a scalar for shape []). */
function nest(shape: readonly number[], at: (i: number) => unknown): unknown {
  if (shape.length === 0) return at(0);
  const build = (axis: number, offset: number): unknown[] => {
    const n = shape[axis]!;
    const stride = sizeOf(shape.slice(axis + 1));
    const out: unknown[] = [];
    for (let i = 0; i < n; i++) out.push(axis === shape.length - 1 ? at(offset + i) : build(axis + 1, offset + i * stride));
    return out;
  };
  return build(0, 0);
}
