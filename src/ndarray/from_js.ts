import { allocHost, type DType, type HostArray } from '../graph/dtypes.js';
import { NDArray } from './ndarray.js';

/** Nested JS arrays of numbers or booleans, as users write values (`[[1, 2], [3, 4]]`). */
export type NestedArray = number | boolean | readonly NestedArray[];

/** Values a user may give where an array is expected: NDArray, nested arrays, scalars, typed arrays. */
export type ArrayLike = NDArray | NestedArray | HostArray;

/** Why a value could not become an array; callers turn it into TF1's error class. */
export class ConversionError extends Error {}

function isTyped(v: unknown): v is HostArray {
  return v instanceof Float32Array || v instanceof Float64Array || v instanceof Int32Array || v instanceof Uint8Array;
}

/** The dtype NumPy would infer for a JS value (floats become float32 as TF1's convert_to_tensor does). */
export function inferDtype(v: ArrayLike): DType {
  if (v instanceof NDArray) return v.dtype;
  if (v instanceof Float32Array) return 'float32';
  if (v instanceof Float64Array) return 'float64';
  if (v instanceof Int32Array) return 'int32';
  if (v instanceof Uint8Array) return 'bool';
  let sawFloat = false;
  let sawBool = false;
  let sawNum = false;
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (typeof x === 'boolean') sawBool = true;
    else if (typeof x === 'number') { sawNum = true; if (!Number.isInteger(x)) sawFloat = true; }
  };
  walk(v);
  if (sawBool && !sawNum) return 'bool';
  return sawFloat ? 'float32' : 'int32';
}

/** Converts one JS element into a dtype's storage, as NumPy's asarray does (truncation for ints). */
function castElement(x: number, dtype: DType): number {
  if ((dtype === 'int32' || dtype === 'int64') && !Number.isFinite(x)) throw new ConversionError(`cannot convert float ${x} to integer`);
  if (dtype === 'int32') return x | 0;
  if (dtype === 'int64') return Math.trunc(x);
  if (dtype === 'bool') return x ? 1 : 0;
  return x;
}

/** Turns a JS value into an NDArray of `dtype`, taking `shapeHint` for flat typed arrays. */
export function toNDArray(v: unknown, dtype?: DType, shapeHint?: readonly number[]): NDArray {
  if (v instanceof NDArray) {
    if (!dtype || v.dtype === dtype) return v;
    const out = allocHost(dtype, v.size);
    for (let i = 0; i < v.size; i++) out[i] = castElement(v.data[i]!, dtype);
    return new NDArray(out, v.shape, dtype);
  }
  if (isTyped(v)) {
    const d = dtype ?? inferDtype(v);
    const shape = shapeHint ?? [v.length];
    if (shape.reduce((a, b) => a * b, 1) !== v.length) throw new ConversionError(`cannot reshape array of size ${v.length} into shape (${shape.join(', ')})`);
    if (d === inferDtype(v) && !(v instanceof Float64Array && d === 'int64')) return new NDArray(v, shape, d);
    const out = allocHost(d, v.length);
    for (let i = 0; i < v.length; i++) out[i] = castElement(v[i]!, d);
    return new NDArray(out, shape, d);
  }
  const shape: number[] = [];
  let probe: unknown = v;
  while (Array.isArray(probe)) { shape.push(probe.length); probe = probe[0]; }
  const d = dtype ?? inferDtype(v as NestedArray);
  const out = allocHost(d, shape.reduce((a, b) => a * b, 1));
  let k = 0;
  const walk = (x: unknown, depth: number): void => {
    if (depth === shape.length) {
      if (typeof x === 'number') out[k++] = castElement(x, d);
      else if (typeof x === 'boolean') out[k++] = castElement(x ? 1 : 0, d);
      else if (Array.isArray(x)) throw new ConversionError('setting an array element with a sequence.');
      else throw new ConversionError(`could not convert ${typeof x === 'string' ? `string to ${d === 'float32' || d === 'float64' ? 'float' : 'int'}: '${x}'` : `${Object.prototype.toString.call(x)} to ${d}`}`);
      return;
    }
    if (!Array.isArray(x) || x.length !== shape[depth]) throw new ConversionError('setting an array element with a sequence. The requested array has an inhomogeneous shape.');
    for (const e of x) walk(e, depth + 1);
  };
  walk(v, 0);
  return new NDArray(out, shape, d);
}
