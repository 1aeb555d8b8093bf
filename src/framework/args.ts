// Python's calling convention for TF1's functions, in JavaScript. A TF1 program passes any parameter by
// position, in TF1's order, or by its name as a keyword; here keywords travel in one plain object after
// the positional values: `tf.reduce_sum(x, 1)`, `tf.reduce_sum(x, { axis: 1, keepdims: true })`,
// `tf.reduce_sum(x, 1, { keepdims: true })`. Each function declares its parameters once (name, kind of
// value, required or not); the declaration gives both its TypeScript type and the run-time check, so a
// value of the wrong kind anywhere, or a name TF1 does not have, is Python's TypeError, never ignored.
import { TypeError as TFTypeError } from './errors.js';

/** Returned by a kind's parser for a value it does not take. */
export const MISMATCH: unique symbol = Symbol('mismatch');

/** A kind of argument value: what it is (for messages), and a parser that normalises a value or refuses it. */
export interface Kind<T, In = T> {
  /** Type-only: what callers may pass (an alias a kind resolves, say); the parsed value is a T. */
  readonly __in?: In;
  /** What the kind takes, as the error message says it ("bool", "a Tensor or a value convertible to one"). */
  readonly what: string;
  /** The value as the function uses it (an alias resolved, say), or MISMATCH. */
  parse(v: unknown): T | typeof MISMATCH;
  /** Whether plain objects are values of this kind, so a trailing plain object in its place may be positional. */
  readonly takesObject?: boolean;
  /** How a refused value is reported: TF1's own wording where it has one (default: op_def_library's). */
  readonly refuse?: (v: unknown, param: string, fn: string) => Error;
}

/** One parameter: its TF1 name, the kind of value it takes, and whether the caller must give it. */
export interface Param<N extends string = string, T = unknown, R extends boolean = boolean, In = T> {
  readonly name: N;
  readonly kind: Kind<T, In>;
  readonly required: R;
}

/** A function's parameters in TF1's positional order. */
export type Params = readonly Param<string, unknown, boolean, unknown>[];

/** A kind from a predicate (the value is taken as it is). */
export function kind<T, In = T>(what: string, test: (v: unknown) => boolean, extra: Partial<Omit<Kind<T, In>, 'what' | 'parse'>> = {}): Kind<T, In> {
  return { what, parse: (v) => (test(v) ? (v as T) : MISMATCH), ...extra };
}

/** A parameter the caller must give. */
export const req = <const N extends string, T, In>(name: N, kind: Kind<T, In>): Param<N, T, true, In> => ({ name, kind, required: true });
/** A parameter with a default (Python's `=None` or another default): omitted, undefined or null means the default. */
export const opt = <const N extends string, T, In>(name: N, kind: Kind<T, In>): Param<N, T, false, In> => ({ name, kind, required: false });

type KindOf<P> = P extends Param<string, infer T, boolean, unknown> ? T : never;
type InOf<P> = P extends Param<string, unknown, boolean, infer In> ? In : never;
/** The value a caller may pass for a parameter (optional ones also take null and undefined, as Python's None). */
type Given<P> = P extends Param<string, unknown, infer R, infer In> ? (R extends true ? In : In | null | undefined) : never;
type Required<P extends Params> = Extract<P[number], { required: true }>;
type Optional<P extends Params> = Exclude<P[number], { required: true }>;

/** The keyword object for parameters `P` (those not given by position): required ones must be there. */
export type Keywords<P extends Params> = { [E in Required<P> as E['name']]: InOf<E> } & { [E in Optional<P> as E['name']]?: Given<E> };

type HasRequired<P extends Params> = [Required<P>] extends [never] ? false : true;

/**
 * The argument lists a TF1 function with parameters `P` takes: a prefix of them by position, then at
 * most one object with any of the rest by name (and every required one not given by position).
 */
export type Call<P extends Params> = P extends readonly [infer H extends Param, ...infer R extends Params]
  ? (HasRequired<P> extends true ? [keywords: Keywords<P>] : [keywords?: Keywords<P>] | [value?: Given<H>]) | [Given<H>, ...Call<R>]
  : [keywords?: Record<string, never>];

type Drop<P extends Params, N extends number, Seen extends unknown[] = []> = Seen['length'] extends N
  ? P
  : P extends readonly [Param, ...infer R extends Params]
    ? Drop<R, N, [...Seen, unknown]>
    : P;

/** The argument lists after the first `N` positional parameters (for functions whose leading ones are typed by hand). */
export type RestOf<P extends Params, N extends number> = Call<Drop<P, N>>;

/** The parsed arguments: every parameter by name (undefined when not given; null when given as None). */
export type Parsed<P extends Params> = { [E in Required<P> as E['name']]: KindOf<E> } & { [E in Optional<P> as E['name']]: KindOf<E> | null | undefined };

/** A function's name and parameters, attached to it so the API walker can check every public function. */
export interface Signature<P extends Params = Params> {
  readonly name: string;
  readonly params: P;
}

/** Where a public function keeps its Signature. */
export const SIGNATURE: unique symbol = Symbol.for('tf1-ts.signature');

/** True for `{...}` literals and null-prototype objects: the only values taken as the keyword object. */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Python's repr of a value, for messages. */
export function repr(v: unknown): string {
  if (typeof v === 'string') return `'${v}'`;
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'function') return `<function ${v.name || '<lambda>'}>`;
  if (typeof v === 'object' && !Array.isArray(v) && !isPlainObject(v)) return String(v);
  try {
    const s = JSON.stringify(v);
    if (s !== undefined) return s.length > 80 ? `${s.slice(0, 77)}...` : s;
  } catch {
    // cyclic or otherwise not JSON: fall through
  }
  return Object.prototype.toString.call(v);
}

function positionalCount(fn: string, params: Params, given: number): Error {
  const required = params.filter((p) => p.required).length;
  const range = required === params.length ? `${params.length}` : `from ${required} to ${params.length}`;
  const plural = params.length === 1 && required === params.length ? 'argument' : 'arguments';
  return new TFTypeError(`${fn}() takes ${range} positional ${plural} but ${given} were given`);
}

/** Whether the trailing plain object `o`, which would land on parameter `at`, is the keyword object. */
function isKeywords(params: Params, at: number, o: Record<string, unknown>): boolean {
  const p = params[at];
  if (!p?.kind.takesObject) return true;
  const keys = Object.keys(o);
  return keys.length > 0 && keys.every((k) => params.some((q) => q.name === k));
}

function take<P extends Param>(fn: string, p: P, v: unknown, out: Record<string, unknown>): void {
  if (v === undefined) return;
  if (v === null && !p.required) {
    out[p.name] = null;
    return;
  }
  const parsed = p.kind.parse(v);
  if (parsed === MISMATCH) {
    throw p.kind.refuse ? p.kind.refuse(v, p.name, fn) : new TFTypeError(`Expected ${p.kind.what} for argument '${p.name}' not ${repr(v)}.`);
  }
  out[p.name] = parsed;
}

/** Parses `args` as Python binds a call to `fn(params)`: positional values, then one keyword object; TypeError otherwise. */
export function parseArgs<P extends Params>(fn: string, params: P, args: readonly unknown[]): Parsed<P> {
  let n = args.length;
  while (n > 0 && args[n - 1] === undefined) n--;
  let keywords: Record<string, unknown> | null = null;
  if (n > 0) {
    const last = args[n - 1];
    if (isPlainObject(last) && isKeywords(params, n - 1, last)) {
      keywords = last;
      n--;
    }
  }
  if (n > params.length) throw positionalCount(fn, params, n);
  const out: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) take(fn, params[i]!, args[i], out);
  if (keywords) {
    for (const key of Object.keys(keywords)) {
      const i = params.findIndex((p) => p.name === key);
      if (i < 0) throw new TFTypeError(`${fn}() got an unexpected keyword argument '${key}'`);
      if (i < n && args[i] !== undefined) throw new TFTypeError(`${fn}() got multiple values for argument '${key}'`);
      take(fn, params[i]!, keywords[key], out);
    }
  }
  // checked before the list of missing names is made: a call that misses nothing allocates nothing here
  if (params.some((p) => p.required && !Object.hasOwn(out, p.name))) {
    const missing = params.filter((p) => p.required && !Object.hasOwn(out, p.name)).map((p) => `'${p.name}'`);
    const list = missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(', ')} and ${missing[missing.length - 1]}`;
    throw new TFTypeError(`${fn}() missing ${missing.length} required positional argument${missing.length === 1 ? '' : 's'}: ${list}`);
  }
  return out as Parsed<P>;
}

/** Attaches a signature to a function or class (for the API walker) and returns it. */
export function signed<F extends object, P extends Params>(f: F, name: string, params: P): F {
  Object.defineProperty(f, SIGNATURE, { value: { name, params } satisfies Signature<P>, enumerable: false });
  return f;
}

/**
 * A public TF1 function: `impl` receives the parsed arguments; the result takes TF1's positional and keyword
 * forms (see Call) and carries its signature.
 */
export function tf1<const P extends Params, R>(name: string, params: P, impl: (a: Parsed<P>) => R): (...args: Call<P>) => R {
  const short = name.slice(name.lastIndexOf('.') + 1);
  const f = { [short]: (...args: Call<P>): R => impl(parseArgs(short, params, args)) }[short]!;
  return signed(f, name, params);
}

/** The signature attached to a function or class, if any. */
export function signatureOf(f: unknown): Signature | undefined {
  return typeof f === 'function' ? (f as unknown as Record<symbol, Signature>)[SIGNATURE] : undefined;
}
