import { allocHost, type DType, type HostArray } from '../graph/dtypes.js';
import { formatArray } from './format.js';

/** Number of elements of a shape (1 for a scalar). */
export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** A host value: a shape, a dtype and its elements in row-major order; prints as NumPy prints. */
export class NDArray {
  /** Dimensions, outermost first; `[]` for a scalar. */
  readonly shape: readonly number[];
  /** Element type. */
  readonly dtype: DType;
  /** Elements in row-major order (int64 as exact doubles, bool as 0/1). */
  readonly data: HostArray;

  constructor(data: HostArray, shape: readonly number[], dtype: DType) {
    if (data.length !== sizeOf(shape)) {
      throw new RangeError(`NDArray of shape [${shape.join(',')}] needs ${sizeOf(shape)} elements, got ${data.length}`);
    }
    this.data = data;
    this.shape = Object.freeze([...shape]);
    this.dtype = dtype;
  }

  /** A zero-filled array. */
  static zeros(shape: readonly number[], dtype: DType = 'float32'): NDArray {
    return new NDArray(allocHost(dtype, sizeOf(shape)), shape, dtype);
  }

  /** Number of elements. */
  get size(): number {
    return this.data.length;
  }

  /** Number of dimensions. */
  get ndim(): number {
    return this.shape.length;
  }

  /** The element at the given indices (all of them; `get()` for a scalar). */
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

  /** Nested JS arrays (numbers; booleans for bool), as NumPy's `tolist()`. */
  tolist(): unknown {
    const conv = (v: number): unknown => (this.dtype === 'bool' ? v !== 0 : v);
    if (this.shape.length === 0) return conv(this.data[0]!);
    const build = (axis: number, offset: number): unknown[] => {
      const n = this.shape[axis]!;
      const stride = sizeOf(this.shape.slice(axis + 1));
      const out: unknown[] = [];
      for (let i = 0; i < n; i++) {
        out.push(axis === this.shape.length - 1 ? conv(this.data[offset + i]!) : build(axis + 1, offset + i * stride));
      }
      return out;
    };
    return build(0, 0);
  }

  /** NumPy's `str()` of the array. */
  toString(): string {
    return formatArray(this);
  }
}
