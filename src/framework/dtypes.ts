/** The element types a tensor can hold; TF1's names (`tf.float32`, ...). */
export type DType = 'float32' | 'float64' | 'int32' | 'int64' | 'bool';

/** Every dtype, in a fixed order. */
export const DTYPES: readonly DType[] = ['float32', 'float64', 'int32', 'int64', 'bool'];

/** Host storage per dtype. int64 values live in a Float64Array: exact up to 2^53, and no BigInt in hot loops. */
export type TypedArrayFor<D extends DType> = D extends 'float32'
  ? Float32Array
  : D extends 'float64' | 'int64'
    ? Float64Array
    : D extends 'int32'
      ? Int32Array
      : Uint8Array;

/** Any of the host storage arrays. */
export type HostArray = Float32Array | Float64Array | Int32Array | Uint8Array;

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

/** A fresh zeroed host array for `n` elements of dtype `d`. */
export function allocHost(d: DType, n: number): HostArray {
  switch (d) {
    case 'float32':
      return new Float32Array(n);
    case 'float64':
    case 'int64':
      return new Float64Array(n);
    case 'int32':
      return new Int32Array(n);
    case 'bool':
      return new Uint8Array(n);
  }
}

/** True for float32 and float64. */
export function isFloating(d: DType): boolean {
  return d === 'float32' || d === 'float64';
}

/** True for int32 and int64. */
export function isInteger(d: DType): boolean {
  return d === 'int32' || d === 'int64';
}

/** TF1's other names for dtypes (`tf.as_dtype('float')` is float32, `'double'` float64). */
const ALIASES: Readonly<Record<string, DType>> = { float: 'float32', double: 'float64' };

/** What users may write for a dtype: its name or one of TF1's aliases (`"float"`, `"double"`). */
export type DTypeLike = DType | 'float' | 'double';

/** The dtype a name or alias stands for, or null when it is none (tf.as_dtype raises for that). */
export function dtypeOf(v: unknown): DType | null {
  if (typeof v !== 'string') return null;
  if ((DTYPES as readonly string[]).includes(v)) return v as DType;
  return Object.hasOwn(ALIASES, v) ? ALIASES[v]! : null;
}

/** Checks a string is a dtype name, for values that arrive untyped (JSON, user input). */
export function isDType(s: unknown): s is DType {
  return typeof s === 'string' && (DTYPES as readonly string[]).includes(s);
}
