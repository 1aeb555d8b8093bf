// Random feeds and fetches for the fuzz tests: well-formed values next to wrong shapes and dtypes,
// NaN and infinities, empty and oversized arrays, and values that are not arrays at all.
import fc from 'fast-check';
import * as tf from '../../src/index.js';
import { valueArb } from './programs.js';

/** How one placeholder is fed in one run. */
export interface FeedSpec {
  kind: 'good' | 'shape' | 'dtype' | 'typed' | 'garbage' | 'huge' | 'omit';
  dims: number[];
  values: number[];
  garbage: number;
}

/** One run: what to fetch (indices into the built tensors/ops, or a bad fetch) and how to feed each placeholder. */
export interface RunSpec {
  fetches: number[];
  badFetch: number | null;
  feeds: FeedSpec[];
  badKey: number | null;
  init: boolean;
}

const feedArb: fc.Arbitrary<FeedSpec> = fc.record({
  kind: fc.constantFrom('good', 'good', 'good', 'shape', 'dtype', 'typed', 'garbage', 'huge', 'omit'),
  dims: fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 }),
  values: fc.array(valueArb, { minLength: 1, maxLength: 8 }),
  garbage: fc.nat(),
});

/** null mostly, a value one time in eight. */
const rarely = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.oneof({ weight: 7, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: a });

/** Random runs: a few fetches (counted back from the newest tensor or op, up to `reach`), one feed spec per placeholder (cycled), sometimes a bad fetch or key. */
export const runArb = (reach = 60): fc.Arbitrary<RunSpec> =>
  fc.record({
    fetches: fc.array(fc.nat(reach), { minLength: 1, maxLength: 4 }),
    badFetch: rarely(fc.nat()),
    feeds: fc.array(feedArb, { minLength: 3, maxLength: 3 }),
    badKey: rarely(fc.nat()),
    init: fc.boolean(),
  });

const GARBAGE: (() => unknown)[] = [
  () => undefined,
  () => null,
  () => 'abc',
  () => ({}),
  () => [[1], [1, 2]],
  () => [1, 'a'],
  () => Symbol('s'),
  () => 10n,
  () => () => 1,
  () => new Map(),
  () => NaN,
  () => [[[]]],
  () => new Array(3),
  () => ({ length: 2 }),
  () => [null],
  () => new Float32Array(0),
  () => new DataView(new ArrayBuffer(4)),
  () => [[1, 2], 3],
  () => true,
  () => Object.create(null),
];
const BAD_FETCHES: ((g: tf.Graph) => unknown)[] = [
  () => 'nope:0',
  () => 'nope',
  () => 42,
  () => null,
  () => undefined,
  () => ({ a: 'Placeholder:7' }),
  () => [[Symbol('f')]],
  () => new tf.Graph().as_default(() => tf.constant(1)),
  () => 'Placeholder:0:0',
  () => '',
  () => new Map(),
];
const BAD_KEYS: unknown[] = ['nope:0', 'Placeholder', 42, null, '', 'Placeholder:9', {}];

/** A nested JS array of `dims` filled cyclically from `values`. */
function nested(dims: readonly number[], values: readonly unknown[]): unknown {
  let k = 0;
  const make = (d: number): unknown => (d === dims.length ? values[k++ % values.length] : Array.from({ length: dims[d]! }, () => make(d + 1)));
  return make(0);
}

/** The dims a good feed uses: the static shape with unknown dims from `dims`, or `dims` for unknown rank. */
function goodDims(t: tf.Tensor, dims: readonly number[]): number[] {
  const s = t.shape.dims;
  if (s === null) return [...dims];
  return s.map((d, i) => d ?? dims[i] ?? 1);
}

const asDtype = (v: number, d: tf.DType): number | boolean =>
  d === 'bool' ? v > 0 : d === 'int32' || d === 'int64' ? (Number.isFinite(v) ? Math.trunc(v) % 1000 : 0) : v;

/** The value fed to placeholder `t` for `f`, or undefined to leave it unfed. */
export function feedValue(t: tf.Tensor, f: FeedSpec): { value: unknown } | undefined {
  const good = goodDims(t, f.dims);
  switch (f.kind) {
    case 'omit':
      return undefined;
    case 'good':
      return {
        value: nested(
          good,
          f.values.map((v) => asDtype(v, t.dtype)),
        ),
      };
    case 'shape':
      return { value: nested(good.length ? good.map((d, i) => (i === 0 ? d + 1 : d)) : [2], f.values) };
    case 'dtype':
      return {
        value: nested(
          good,
          f.values.map((v, i) => (i % 2 ? `${v}` : v + 0.5)),
        ),
      };
    case 'typed': {
      const n = good.reduce((a, b) => a * b, 1) + (f.garbage % 3) - 1;
      const ctor = [Float32Array, Float64Array, Int32Array, Uint8Array][f.garbage % 4]!;
      return { value: new ctor(Math.max(0, n)).fill(f.values[0]! | 0) };
    }
    case 'garbage':
      return { value: GARBAGE[f.garbage % GARBAGE.length]!() };
    case 'huge':
      return { value: t.dtype === 'int32' || t.dtype === 'int64' ? nested(good, [65536, 2 ** 31 - 1, 3e9]) : nested(good, [1e308, -1e308]) };
  }
}

/** The fetch structure and feed dict of a run over what a program built. */
export function runArgs(
  spec: RunSpec,
  built: { g: tf.Graph; tensors: tf.Tensor[]; ops: tf.Operation[]; placeholders: tf.Tensor[] },
  init: tf.Operation | null,
): { fetches: unknown; feeds: Map<unknown, unknown> } {
  const pool: (tf.Tensor | tf.Operation)[] = [...built.tensors, ...built.ops];
  const fetches: unknown[] = spec.fetches.map((i) => pool[pool.length - 1 - (i % pool.length)]!);
  if (spec.init && init) fetches.push(init);
  if (spec.badFetch !== null) fetches.push(BAD_FETCHES[spec.badFetch % BAD_FETCHES.length]!(built.g));
  const feeds = new Map<unknown, unknown>();
  built.placeholders.forEach((p, i) => {
    const v = feedValue(p, spec.feeds[i % spec.feeds.length]!);
    if (v) feeds.set(p, v.value);
  });
  if (spec.badKey !== null) feeds.set(BAD_KEYS[spec.badKey % BAD_KEYS.length], 1);
  return { fetches: spec.fetches.length % 2 ? fetches : { list: fetches }, feeds };
}
