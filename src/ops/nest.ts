// TF1's tensorflow.python.util.nest for the structures tf.cond's branches return: JavaScript arrays stand for
// Python's lists and tuples, plain objects for dicts (their keys sorted, as nest sorts a dict's keys); anything
// else (a Tensor, an Operation, a Variable, a number) is a leaf.
import { isPlainObject, repr } from '../framework/args.js';
import { TypeError as TFTypeError, ValueError } from '../framework/errors.js';

/** A nested structure of leaves. */
export type Nest<T> = T | readonly Nest<T>[] | { readonly [k: string]: Nest<T> };

/** TF1's `is_sequence`: a list (array) or a dict (plain object). */
export const isSequence = (v: unknown): v is readonly unknown[] | Record<string, unknown> => Array.isArray(v) || isPlainObject(v);

const children = (v: readonly unknown[] | Record<string, unknown>): unknown[] =>
  Array.isArray(v)
    ? [...v]
    : Object.keys(v)
        .sort()
        .map((k) => (v as Record<string, unknown>)[k]);

/** TF1's `nest.flatten`: the leaves, depth first. */
export function flatten<T>(structure: unknown): T[] {
  if (!isSequence(structure)) return [structure as T];
  return children(structure).flatMap((c) => flatten<T>(c));
}

/** TF1's `_sequence_like`: a namedtuple (an array with Python's `_make`, such as LSTMStateTuple) keeps its type. */
const remake = (s: readonly unknown[], items: unknown[]): unknown => {
  const make = (s as { _make?: (items: unknown[]) => unknown })._make;
  return typeof make === 'function' ? make.call(s, items) : items;
};

/** TF1's `nest.pack_sequence_as`: `flat`'s leaves in `structure`'s shape. */
export function pack_sequence_as<T>(structure: unknown, flat: readonly T[]): unknown {
  let i = 0;
  const pack = (s: unknown): unknown => {
    if (!isSequence(s)) return flat[i++];
    if (Array.isArray(s)) return remake(s, s.map(pack));
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(s).sort()) out[k] = pack((s as Record<string, unknown>)[k]);
    return out;
  };
  return pack(structure);
}

/** TF1's `nest.map_structure` of one structure. */
export function map_structure<T, U>(fn: (leaf: T) => U, structure: unknown): unknown {
  return pack_sequence_as(structure, flatten<T>(structure).map(fn));
}

/** Python's `str()` of a structure, as nest's messages print it. */
export function nestStr(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(nestStr).join(', ')}]`;
  if (isPlainObject(v))
    return `{${Object.keys(v)
      .sort()
      .map((k) => `'${k}': ${nestStr(v[k])}`)
      .join(', ')}}`;
  if (v === null || v === undefined) return 'None';
  return typeof v === 'object' ? String(v) : repr(v);
}

const typeName = (v: unknown): string =>
  Array.isArray(v) ? 'list' : isPlainObject(v) ? 'dict' : typeof v === 'object' && v !== null ? v.constructor.name : typeof v;

/** The ValueError for `x` (within `a`) a sequence where `y` (within `b`) is not, or the other way round. */
function sequenceMismatch(a: unknown, b: unknown, x: unknown, y: unknown): never {
  const [s, n] = isSequence(x) ? [x, y] : [y, x];
  throw new ValueError(
    `The two structures don't have the same nested structure.\n\nFirst structure: ${nestStr(a)}\n\nSecond structure: ${nestStr(b)}\n\nMore specifically: Substructure "type=${typeName(s)} str=${nestStr(s)}" is a sequence, while substructure "type=${typeName(n)} str=${nestStr(n)}" is not`,
  );
}

/**
 * TF1's `nest.assert_same_structure(nest1, nest2)`: ValueError when the leaf counts or the nesting differ,
 * TypeError when a list meets a dict.
 */
export function assert_same_structure(a: unknown, b: unknown): void {
  // a sequence against a leaf is a structure error before any count (r1.12's functional_ops_test expects it so)
  if (isSequence(a) !== isSequence(b)) sequenceMismatch(a, b, a, b);
  const na = isSequence(a) ? flatten(a).length : 1;
  const nb = isSequence(b) ? flatten(b).length : 1;
  if (na !== nb) {
    throw new ValueError(
      `The two structures don't have the same number of elements.\n\nFirst structure (${na} elements): ${nestStr(a)}\n\nSecond structure (${nb} elements): ${nestStr(b)}`,
    );
  }
  const walk = (x: unknown, y: unknown): void => {
    if (isSequence(x) !== isSequence(y)) sequenceMismatch(a, b, x, y);
    if (!isSequence(x)) return;
    if (Array.isArray(x) !== Array.isArray(y)) {
      // r1.12's AssertSameStructure (util.cc) words every type mismatch so, namedtuple or not
      throw new TFTypeError(
        `The two structures don't have the same nested structure.\n\nFirst structure: ${nestStr(a)}\n\nSecond structure: ${nestStr(b)}\n\nMore specifically: The two namedtuples don't have the same sequence type. First structure type=${typeName(x)} str=${nestStr(x)} has type ${typeName(x)}, while second structure type=${typeName(y)} str=${nestStr(y)} has type ${typeName(y)}`,
      );
    }
    const cx = children(x);
    const cy = children(y as readonly unknown[] | Record<string, unknown>);
    if (cx.length !== cy.length) {
      throw new ValueError(
        `The two structures don't have the same nested structure.\n\nFirst structure: ${nestStr(a)}\n\nSecond structure: ${nestStr(b)}\n\nMore specifically: The two namedtuples don't have the same sequence type.`,
      );
    }
    if (!Array.isArray(x)) {
      const kx = Object.keys(x).sort();
      const ky = Object.keys(y as object).sort();
      if (kx.join('\0') !== ky.join('\0')) {
        throw new ValueError(
          `The two dictionaries don't have the same set of keys. First structure has keys [${kx.map((k) => `'${k}'`).join(', ')}], while second structure has keys [${ky.map((k) => `'${k}'`).join(', ')}].`,
        );
      }
    }
    cx.forEach((c, i) => walk(c, cy[i]));
  };
  walk(a, b);
}
