import { allocHost, isInteger, isSmallInt, smallIntRange, type DType, type HostArray, type StringArray } from './dtypes.js';
import { checkAllocation, NDArray } from './ndarray.js';

/** Nested JS arrays of numbers, booleans or strings (JS strings or Uint8Array bytes), as users write values (`[[1, 2], [3, 4]]`, `['a', 'b']`). */
export type NestedArray = number | boolean | string | Uint8Array | readonly NestedArray[];

/** Values a user may give where an array is expected: NDArray, nested arrays, scalars, typed arrays. */
export type ArrayLike = NDArray | NestedArray | HostArray;

/** Why a value could not become an array; callers turn it into TF1's error class (`type`: TypeError, else ValueError). */
export class ConversionError extends Error {
  constructor(
    message: string,
    readonly type = false,
    readonly ragged: { got: number[]; wanted: number[] } | null = null,
  ) {
    super(message);
  }
}

/** The most dimensions a value may have (TF1's largest rank). */
const MAX_RANK = 254;

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
/** int64 values are exact doubles, so the representable range is what a double holds below 2^63. */
const INT64_LIMIT = 2 ** 63;

function isTyped(v: unknown): v is HostArray {
  return (
    v instanceof Float32Array ||
    v instanceof Float64Array ||
    v instanceof Int32Array ||
    v instanceof Uint8Array ||
    v instanceof Int8Array ||
    v instanceof Int16Array ||
    v instanceof Uint16Array
  );
}

/** The dtype NumPy would infer for a JS value (floats become float32 as TF1's convert_to_tensor does). */
export function inferDtype(v: ArrayLike): DType {
  if (v instanceof NDArray) return v.dtype;
  if (hasString(v)) return 'string';
  if (v instanceof Float32Array) return 'float32';
  if (v instanceof Float64Array) return 'float64';
  if (v instanceof Int32Array) return 'int32';
  // a Uint8Array is how bools are stored; uint8 values say their dtype (an NDArray, or a dtype given)
  if (v instanceof Uint8Array) return 'bool';
  if (v instanceof Int8Array) return 'int8';
  if (v instanceof Int16Array) return 'int16';
  if (v instanceof Uint16Array) return 'uint16';
  let sawFloat = false;
  let sawBool = false;
  let sawNum = false;
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (typeof x === 'boolean') sawBool = true;
    else if (typeof x === 'number') {
      sawNum = true;
      if (!Number.isInteger(x)) sawFloat = true;
    }
  };
  let wide = false;
  let huge = false;
  const walk2 = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk2);
    else if (typeof x === 'number' && Number.isInteger(x)) {
      if (x < INT32_MIN || x > INT32_MAX) wide = true;
      if (x < -INT64_LIMIT || x >= INT64_LIMIT) huge = true;
    }
  };
  walk(v);
  if (sawBool && !sawNum) return 'bool';
  if (sawFloat) return 'float32';
  // As NumPy and TF1 infer for Python ints: int32 when every value fits, else int64; beyond int64, a float.
  walk2(v);
  return huge ? 'float32' : wide ? 'int64' : 'int32';
}

/**
 * True when a value is or holds a JS string, or holds a Uint8Array inside JS arrays (Python's str and bytes: NumPy
 * makes such a value a string array, TF1 a string tensor). A Uint8Array on its own is a bool array, as it stores one.
 */
function hasString(v: unknown): boolean {
  if (typeof v === 'string') return true;
  if (!Array.isArray(v)) return false;
  const stack: unknown[] = [v];
  while (stack.length) {
    const x = stack.pop();
    if (typeof x === 'string' || x instanceof Uint8Array) return true;
    if (Array.isArray(x)) for (const e of x) stack.push(e);
  }
  return false;
}

const UTF8 = new TextEncoder();

/** Python's type name of a JS value, for TF1's "Expected string, got 1 of type 'int' instead." */
const pyTypeName = (x: unknown): string =>
  typeof x === 'number' ? (Number.isInteger(x) ? 'int' : 'float') : typeof x === 'boolean' ? 'bool' : x === null ? 'NoneType' : typeof x;

/** The shape a nested array claims by its first elements (checked element by element when it is walked). */
function probeShape(v: unknown): number[] {
  const shape: number[] = [];
  let probe: unknown = v;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    if (shape.length > MAX_RANK) throw new ConversionError(`The requested array would exceed the maximum number of dimensions (${MAX_RANK}).`);
    probe = probe[0];
  }
  return shape;
}

/** A string array from JS strings (UTF-8 encoded) and Uint8Arrays (bytes, taken as they are), nested to any depth. */
function toStringArray(v: unknown): NDArray {
  const shape = probeShape(v);
  checkAllocation(shape, 'string');
  const out: StringArray = [];
  const walk = (x: unknown, depth: number): void => {
    if (depth === shape.length) {
      if (typeof x === 'string') out.push(UTF8.encode(x));
      else if (x instanceof Uint8Array) out.push(x);
      else if (Array.isArray(x)) throw new ConversionError('setting an array element with a sequence.');
      else throw new ConversionError(`Expected string, got ${String(x)} of type '${pyTypeName(x)}' instead.`, true);
      return;
    }
    if (!Array.isArray(x) || x.length !== shape[depth]) throw inhomogeneous(depth, shape);
    for (const e of x) walk(e, depth + 1);
  };
  walk(v, 0);
  return new NDArray(out, shape, 'string');
}

/** Converts one JS number into a dtype's storage, as NumPy 2's asarray does a Python number (truncation for ints). */
function castElement(x: number, dtype: DType): number {
  if (isInteger(dtype) && !Number.isFinite(x)) throw new ConversionError(`cannot convert float ${x} to integer`);
  if (isSmallInt(dtype)) {
    const t = Math.trunc(x);
    const [lo, hi] = smallIntRange(dtype);
    if (t < lo || t > hi) throw new ConversionError(`Python integer ${t} out of bounds for ${dtype}`, true);
    return t;
  }
  if (dtype === 'int32') {
    const t = Math.trunc(x);
    if (t < INT32_MIN || t > INT32_MAX) throw new ConversionError(`Python integer ${t} out of bounds for int32`, true);
    return t;
  }
  if (dtype === 'int64') {
    const t = Math.trunc(x);
    if (t < -INT64_LIMIT || t >= INT64_LIMIT) throw new ConversionError(`Python integer ${t} out of bounds for int64`, true);
    return t;
  }
  if (dtype === 'bool') return x ? 1 : 0;
  return x;
}

/** Converts one element of a typed array or NDArray, as NumPy's astype does (C casts: NaN and out-of-range floats to int32 give INT_MIN on x86). */
function castStored(x: number, dtype: DType): number {
  if (dtype === 'int32') {
    if (Number.isNaN(x) || x <= INT32_MIN - 1 || x >= INT32_MAX + 1) return INT32_MIN;
    return Math.trunc(x);
  }
  if (dtype === 'int64') {
    if (Number.isNaN(x) || x < -INT64_LIMIT || x >= INT64_LIMIT) return -INT64_LIMIT;
    return Math.trunc(x);
  }
  if (dtype === 'bool') return x ? 1 : 0;
  // The narrow integers: an integer wraps as C's conversion does (the typed array's store); a fraction or a float
  // out of int32's range goes through int32 first, as x86 converts a float (NaN and out of range to INT_MIN).
  if (isSmallInt(dtype)) return Number.isInteger(x) ? x : Number.isNaN(x) || x <= INT32_MIN - 1 || x >= INT32_MAX + 1 ? INT32_MIN : Math.trunc(x);
  return x;
}

/** Turns a JS value into an NDArray of `dtype`, taking `shapeHint` for flat typed arrays. */
export function toNDArray(v: unknown, dtype?: DType, shapeHint?: readonly number[]): NDArray {
  if (v instanceof NDArray) {
    if (!dtype || v.dtype === dtype) return v;
    // NumPy's astype between bytes and numbers parses or prints; TF1 refuses a tensor of the other kind
    if (v.dtype === 'string' || dtype === 'string') throw new ConversionError(`Expected ${dtype}, got an array of dtype ${v.dtype} instead.`, true);
    const out = allocHost(dtype, v.size);
    for (let i = 0; i < v.size; i++) out[i] = castStored(v.data[i]!, dtype);
    return new NDArray(out, v.shape, dtype);
  }
  // a string tensor: JS strings and byte strings (a Uint8Array is one element, as Python's bytes is)
  if (dtype === 'string' || (dtype === undefined && hasString(v))) return toStringArray(v);
  if (isTyped(v)) {
    const d = dtype ?? inferDtype(v);
    const shape = shapeHint ?? [v.length];
    if (shape.reduce((a, b) => a * b, 1) !== v.length) throw new ConversionError(`cannot reshape array of size ${v.length} into shape (${shape.join(', ')})`);
    if (d === inferDtype(v) && !(v instanceof Float64Array && d === 'int64')) return new NDArray(v, shape, d);
    const out = allocHost(d, v.length);
    for (let i = 0; i < v.length; i++) out[i] = castStored(v[i]!, d);
    return new NDArray(out, shape, d);
  }
  const shape = probeShape(v);
  const d = dtype ?? inferDtype(v as NestedArray);
  checkAllocation(shape, d);
  const out = allocHost(
    d,
    shape.reduce((a, b) => a * b, 1),
  );
  let k = 0;
  const walk = (x: unknown, depth: number): void => {
    if (depth === shape.length) {
      if (typeof x === 'number') out[k++] = castElement(x, d);
      else if (typeof x === 'boolean') out[k++] = castElement(x ? 1 : 0, d);
      else if (Array.isArray(x)) throw new ConversionError('setting an array element with a sequence.');
      else
        throw new ConversionError(
          `could not convert ${typeof x === 'string' ? `string to ${d === 'float32' || d === 'float64' ? 'float' : 'int'}: '${x}'` : `${Object.prototype.toString.call(x)} to ${d}`}`,
        );
      return;
    }
    if (!Array.isArray(x) || x.length !== shape[depth]) throw inhomogeneous(depth, shape);
    for (const e of x) walk(e, depth + 1);
  };
  walk(v, 0);
  return new NDArray(out, shape, d);
}

/** NumPy's error for nested lists whose lengths do not form `shape` (they stop agreeing at `depth`). */
function inhomogeneous(depth: number, shape: number[]): ConversionError {
  const got = shape.slice(0, depth);
  return new ConversionError(
    `setting an array element with a sequence. The requested array has an inhomogeneous shape after ${depth} dimensions. The detected shape was (${got.join(', ')}${got.length === 1 ? ',' : ''}) + inhomogeneous part.`,
    false,
    { got, wanted: shape },
  );
}
