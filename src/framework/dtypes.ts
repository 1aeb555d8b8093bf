/** The element types a tensor can hold; TF1's names (`tf.float32`, ...). */
export type DType = 'float32' | 'float64' | 'int32' | 'int64' | 'bool' | 'uint8' | 'int8' | 'int16' | 'uint16' | 'string' | 'resource';

/** The numeric and bool dtypes (every dtype but string), in a fixed order: what the ops that compute on elements take. */
export const DTYPES: readonly DType[] = ['float32', 'float64', 'int32', 'int64', 'bool', 'uint8', 'int8', 'int16', 'uint16'];

/** Every dtype, string included (TF1's DT_STRING: byte strings, as Python 3's bytes): what the ops that only move elements take. */
export const ALL_DTYPES: readonly DType[] = [...DTYPES, 'string'];

/** The integer dtypes narrower than 32 bits: stored in their own typed arrays, whose stores wrap as C's casts do. */
export const SMALL_INTS: readonly DType[] = ['uint8', 'int8', 'int16', 'uint16'];

/**
 * Host storage per dtype. int64 values live in a Float64Array: exact up to 2^53, and no BigInt in hot loops. The
 * narrow integers have their own arrays, so a store wraps a result as TF1's kernels do (uint8 250 + 10 is 4).
 */
export type TypedArrayFor<D extends DType> = D extends 'float32'
  ? Float32Array
  : D extends 'float64' | 'int64' | 'resource'
    ? Float64Array
    : D extends 'int32'
      ? Int32Array
      : D extends 'int8'
        ? Int8Array
        : D extends 'int16'
          ? Int16Array
          : D extends 'uint16'
            ? Uint16Array
            : Uint8Array;

/** A string tensor's elements on the host: one byte string per element, in row-major order. */
export type StringArray = Uint8Array[];

/** Any of the host storage arrays (of the numeric and bool dtypes; string tensors hold a StringArray). */
export type HostArray = Float32Array | Float64Array | Int32Array | Uint8Array | Int8Array | Int16Array | Uint16Array;

/** Bytes per element as TF1 stores each dtype (a string's are variable: 0 here; a resource handle's 8). */
export const BYTES_PER_ELEMENT: Readonly<Record<DType, number>> = {
  float32: 4,
  float64: 8,
  int32: 4,
  int64: 8,
  bool: 1,
  uint8: 1,
  int8: 1,
  int16: 2,
  uint16: 2,
  string: 0,
  resource: 8,
};

/** The name TF1's C++ layer gives a dtype in messages (`dtype float`, `double`). */
export function dtypeProtoName(d: DType): string {
  switch (d) {
    case 'float32':
      return 'float';
    case 'float64':
      return 'double';
    default:
      return d;
  }
}

/** A fresh zeroed host array for `n` elements of a numeric or bool dtype `d` (string arrays: allocStrings). */
export function allocHost(d: DType, n: number): HostArray {
  switch (d) {
    case 'string':
      throw new Error('allocHost: string tensors hold byte strings, not a typed array (allocStrings)');
    case 'float32':
      return new Float32Array(n);
    case 'float64':
    case 'int64':
    case 'resource':
      return new Float64Array(n);
    case 'int32':
      return new Int32Array(n);
    case 'bool':
    case 'uint8':
      return new Uint8Array(n);
    case 'int8':
      return new Int8Array(n);
    case 'int16':
      return new Int16Array(n);
    case 'uint16':
      return new Uint16Array(n);
  }
}

/** `n` empty byte strings: a fresh string array. */
export function allocStrings(n: number): StringArray {
  return Array.from({ length: n }, () => EMPTY_BYTES);
}

/** The empty byte string (shared: byte strings are never written in place). */
export const EMPTY_BYTES = new Uint8Array(0);

/** True for float32 and float64. */
export function isFloating(d: DType): boolean {
  return d === 'float32' || d === 'float64';
}

/** True for the integer dtypes: int32, int64 and the narrow ones. */
export function isInteger(d: DType): boolean {
  return d === 'int32' || d === 'int64' || SMALL_INTS.includes(d);
}

/** True for uint8, int8, int16 and uint16. */
export function isSmallInt(d: DType): boolean {
  return SMALL_INTS.includes(d);
}

/** The range of a narrow integer dtype. */
export function smallIntRange(d: DType): [number, number] {
  switch (d) {
    case 'uint8':
      return [0, 255];
    case 'int8':
      return [-128, 127];
    case 'int16':
      return [-32768, 32767];
    default:
      return [0, 65535];
  }
}

/** TF1's other names for dtypes (`tf.as_dtype('float')` is float32, `'double'` float64). */
const ALIASES: Readonly<Record<string, DType>> = { float: 'float32', double: 'float64' };

/** What users may write for a dtype: its name or one of TF1's aliases (`"float"`, `"double"`). */
export type DTypeLike = DType | 'float' | 'double';

/** The dtype a name or alias stands for, or null when it is none (tf.as_dtype raises for that). */
export function dtypeOf(v: unknown): DType | null {
  if (typeof v !== 'string') return null;
  if ((ALL_DTYPES as readonly string[]).includes(v)) return v as DType;
  return Object.hasOwn(ALIASES, v) ? ALIASES[v]! : null;
}

/** Checks a string is a dtype name, for values that arrive untyped (JSON, user input). */
export function isDType(s: unknown): s is DType {
  return typeof s === 'string' && (ALL_DTYPES as readonly string[]).includes(s);
}
