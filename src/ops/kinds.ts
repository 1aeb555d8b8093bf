// The kinds of argument value TF1's functions take (see graph/args.ts), with TF1's messages for the
// values they refuse.
import { dtypeOf, type DType, type DTypeLike } from '../framework/dtypes.js';
import { MISMATCH, kind, repr, isPlainObject, req, tf1, type Kind } from '../framework/args.js';

export { kind };
import { TypeError as TFTypeError } from '../framework/errors.js';
import { Operation } from '../graph/operation.js';
import { TensorShape, type ShapeLike } from '../framework/shape.js';
import { Tensor } from '../graph/tensor.js';
import { IndexedSlices } from '../graph/indexed_slices.js';
import { NDArray } from '../framework/ndarray.js';
import type { TensorLike } from './convert.js';
import type { RefVariable } from './variables.js';

/** Marks a Variable object, so kinds can tell one without importing the Variable module (no import cycle). */
export const VARIABLE: unique symbol = Symbol.for('tf1-ts.variable');

/** True for a tf.Variable. */
export const isVariable = (v: unknown): boolean => typeof v === 'object' && v !== null && VARIABLE in v;

const isTyped = (v: unknown): boolean => ArrayBuffer.isView(v) && !(v instanceof DataView);

/** Python's type name of a JS value, as TF1 names it in conversion errors (`<class 'str'>`). */
export function pyType(v: unknown): string {
  if (typeof v === 'string') return "<class 'str'>";
  if (typeof v === 'function') return "<class 'function'>";
  if (Array.isArray(v)) return "<class 'list'>";
  if (isPlainObject(v)) return "<class 'dict'>";
  if (typeof v === 'object' && v !== null) return `<class '${(v as object).constructor?.name ?? 'object'}'>`;
  if (typeof v === 'number') return Number.isInteger(v) ? "<class 'int'>" : "<class 'float'>";
  if (typeof v === 'boolean') return "<class 'bool'>";
  if (v === null || v === undefined) return "<class 'NoneType'>";
  return `<class '${typeof v}'>`;
}

/** TF1's TypeError for a value that cannot become a Tensor. */
export const notConvertible = (v: unknown): Error =>
  new TFTypeError(`Failed to convert object of type ${pyType(v)} to Tensor. Contents: ${repr(v)}. Consider casting elements to a supported type.`);

const tensorish = (v: unknown): boolean =>
  v instanceof Tensor ||
  isVariable(v) ||
  v instanceof IndexedSlices ||
  v instanceof TensorShape ||
  v instanceof NDArray ||
  typeof v === 'number' ||
  typeof v === 'boolean' ||
  typeof v === 'string' ||
  Array.isArray(v) ||
  isTyped(v);

/** A Tensor, a Variable, an IndexedSlices, or a value convertible to a Tensor (number, boolean, string, nested array, typed array, NDArray, TensorShape). */
export const TENSOR: Kind<TensorLike> = kind('a Tensor or a value convertible to one', tensorish, {
  refuse: (v) =>
    v instanceof Operation ? new TFTypeError(`Can't convert Operation '${v.name}' to Tensor (target dtype=None, name=None, as_ref=False)`) : notConvertible(v),
});

/** A host value: a number, boolean, nested array, typed array or NDArray (not a Tensor). */
export const ARRAY_LIKE: Kind<import('../framework/from_js.js').ArrayLike> = kind(
  'array-like value',
  (v) => v instanceof NDArray || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string' || Array.isArray(v) || isTyped(v),
);

/** A symbolic Tensor only (or a Variable, which stands for its value). */
export const SYMBOLIC: Kind<Tensor | RefVariable> = kind('Tensor', (v) => v instanceof Tensor || isVariable(v));

/** A dtype: `tf.float32`, or a TF1 name or alias (`"float"`, `"double"`), resolved to its canonical name. */
export const DTYPE: Kind<DType, DTypeLike> = {
  what: 'DType',
  parse: (v) => dtypeOf(v) ?? MISMATCH,
  refuse: (v) => new TFTypeError(`Cannot convert value ${repr(v)} to a TensorFlow DType.`),
};

/** `tf.as_dtype(type_value)`: the dtype a name or alias stands for; TypeError for anything else. */
export const as_dtype = tf1('as_dtype', [req('type_value', DTYPE)], (a): DType => a.type_value) as (type_value: DTypeLike) => DType;

const isDim = (d: unknown): boolean => d === null || typeof d === 'number';

/** A static shape as users write it: a list of sizes and nulls, a TensorShape, or one size (checked by toShape). */
export const SHAPE: Kind<Exclude<ShapeLike, null | undefined> | number> = kind(
  'TensorShape',
  (v) => v instanceof TensorShape || typeof v === 'number' || (Array.isArray(v) && v.every(isDim)),
  { refuse: (v) => new TFTypeError(`Cannot convert ${repr(v)} to a TensorShape: a shape is a list of integers and nulls, a TensorShape or null.`) },
);

/** Python's bool, as op_def_library checks it. */
export const BOOL: Kind<boolean> = kind('bool', (v) => typeof v === 'boolean');
/** Python's int (a safe integer). */
export const INT: Kind<number> = kind('int', (v) => typeof v === 'number' && Number.isSafeInteger(v));
/** Python's float (any number). */
export const FLOAT: Kind<number> = kind('float', (v) => typeof v === 'number');
/** Python's str. */
export const STR: Kind<string> = kind('string', (v) => typeof v === 'string');
/** A callback (Python's `with` block, or a function argument). */
export const FUNC: Kind<(...args: never[]) => unknown> = kind('callable', (v) => typeof v === 'function');
/** An Operation. */
export const OPERATION: Kind<Operation> = kind('Operation', (v) => v instanceof Operation);
/** Anything: the function checks it with its own TF1 message. */
export const ANY: Kind<unknown> = kind('any value', () => true);

// Nested lists too, as TF1 converts any int array-like: the reductions' shape rule then refuses rank > 1 with TF1's message.
const isIntList = (v: unknown): boolean => Array.isArray(v) && v.every((a) => (typeof a === 'number' && Number.isInteger(a)) || isIntList(a));

/** An axis or list of axes: an integer, a list of integers, or an integer Tensor. */
export const AXIS: Kind<number | readonly number[] | Tensor> = kind(
  'int or list of ints or Tensor',
  (v) => (typeof v === 'number' && Number.isInteger(v)) || isIntList(v) || v instanceof Tensor || isVariable(v) || v instanceof NDArray || isTyped(v),
);

/** An instance of `cls`. */
export function instance<T>(cls: abstract new (...a: never[]) => T, what = cls.name): Kind<T> {
  return kind(what, (v) => v instanceof cls);
}

/** A list whose every element is of `k`. */
export function list<T>(k: Kind<T>, what = `list of ${k.what}`): Kind<readonly T[]> {
  return {
    what,
    parse: (v) => {
      if (!Array.isArray(v)) return MISMATCH;
      const out: T[] = [];
      for (const e of v) {
        const p = k.parse(e);
        if (p === MISMATCH) return MISMATCH;
        out.push(p);
      }
      return out;
    },
  };
}

/** A value of any one of `kinds` (the first that takes it). */
export function oneOf<T extends unknown[]>(what: string, ...kinds: { [I in keyof T]: Kind<T[I]> }): Kind<T[number]> {
  return {
    what,
    parse: (v) => {
      for (const k of kinds as Kind<unknown>[]) {
        const p = k.parse(v);
        if (p !== MISMATCH) return p as T[number];
      }
      return MISMATCH;
    },
    takesObject: (kinds as Kind<unknown>[]).some((k) => k.takesObject),
  };
}
