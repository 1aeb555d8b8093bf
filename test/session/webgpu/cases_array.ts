/** Parity cases of the array, shape, state and executor-handled ops, and the distribution checks of the random ops. */
import fc from 'fast-check';
import { expect } from 'vitest';
import * as tf from '../../../src/index.js';
import type { DType } from '../../../src/framework/dtypes.js';
import type { NDArray } from '../../../src/framework/ndarray.js';
import type { OpType } from '../../../src/framework/op_defs.js';
import { arrayOf, broadcastPair, floatValue, intValue, nd, op, shapeOf, type Built } from './harness.js';
import { feedThrough, parity, valuesOf, type ParityCase } from './cases_math.js';

const iv = (v: readonly number[]): NDArray => nd(v, [v.length], 'int32');
const scalar = (v: number, dtype: DType): NDArray => nd([v], [], dtype);
const anyDtype = fc.constantFrom<DType>('float32', 'int32', 'int64', 'bool');
const anyArray = fc.tuple(shapeOf(), anyDtype).chain(([s, d]) => arrayOf(s, d, valuesOf(d)));

const addN = parity(
  fc
    .tuple(shapeOf(), fc.constantFrom<DType>('float32', 'int32'), fc.integer({ min: 1, max: 10 }))
    .chain(([s, d, n]) => fc.array(arrayOf(s, d, valuesOf(d)), { minLength: n, maxLength: n })),
  (g, xs) => feedThrough(g, xs, (ph) => op(g, 'AddN', ph, {})),
);

// Floats include what TF1 casts to INT_MIN (NaN, infinities, out of int32's range), except into int64,
// where such a value does not fit the GPU's 32 bits and is an error of its own (webgpu/cast_range.test.ts).
const specialFloat = fc.constantFrom(NaN, Infinity, -Infinity, 3e9, -3e9, 2 ** 31, -(2 ** 31), 1e30);
const castFloat = (dst: DType): fc.Arbitrary<number> =>
  dst === 'int64' ? floatValue.map((v) => v * 8) : fc.oneof({ weight: 6, arbitrary: floatValue.map((v) => v * 8) }, { weight: 1, arbitrary: specialFloat });
const cast = parity(
  fc
    .tuple(anyDtype, anyDtype, shapeOf())
    .chain(([src, dst, s]) => fc.tuple(arrayOf(s, src, src === 'float32' ? castFloat(dst) : valuesOf(src)), fc.constant(dst))),
  (g, [x, dst]) => feedThrough(g, [x], (ph) => op(g, 'Cast', ph, { DstT: dst })),
);

// Shape, Size and Rank fold at plan time when their input's shape is known; a Fill sized by a fed
// value has a shape the plan cannot know, so these run in the backend.
function shapeMeta(type: 'Shape' | 'Size' | 'Rank'): ParityCase {
  return parity(fc.tuple(shapeOf(3, 4), fc.constantFrom<'int32' | 'int64'>('int32', 'int64')), (g, [s, outType]) =>
    g.as_default(() => {
      const dims = tf.placeholder(tf.int32, [s.length]);
      const filled = op(g, 'Fill', [dims, tf.constant(1.5)], {})[0]!;
      const attrs = type === 'Rank' ? {} : { out_type: outType };
      return { runs: [{ fetches: op(g, type as 'Shape', [filled], attrs as { out_type: 'int32' }), feeds: new Map([[dims, iv(s)]]) }] };
    }),
  );
}

const fill = parity(
  fc.tuple(shapeOf(3, 4), anyDtype).chain(([s, d]) =>
    fc.tuple(
      fc.constant(s),
      valuesOf(d).map((v) => scalar(v, d)),
    ),
  ),
  (g, [s, v]) => feedThrough(g, [iv(s), v], (ph) => op(g, 'Fill', ph, {})),
);

function constantLike(type: 'ZerosLike' | 'OnesLike'): ParityCase {
  return parity(anyArray, (g, x) => feedThrough(g, [x], (ph) => op(g, type, ph, {})));
}

const tile = parity(
  fc
    .tuple(shapeOf(3, 3), anyDtype)
    .chain(([s, d]) => fc.tuple(arrayOf(s, d, valuesOf(d)), fc.array(fc.integer({ min: 0, max: 3 }), { minLength: s.length, maxLength: s.length }))),
  (g, [x, m]) => feedThrough(g, [x, iv(m)], (ph) => op(g, 'Tile', ph, {})),
);

const range = parity(
  fc.oneof(
    fc
      .tuple(fc.integer({ min: -20, max: 20 }), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 5 }), fc.boolean())
      .map(([a, n, d, down]) => [a, down ? a - n : a + n, down ? -d : d, 'int32'] as const),
    fc
      .tuple(floatValue, fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 512 }))
      .map(([a, n, d]) => [a, a + (n * d) / 1024 + 1 / 2048, d / 1024, 'float32'] as const),
  ),
  (g, [start, limit, delta, d]) => feedThrough(g, [scalar(start, d), scalar(limit, d), scalar(delta, d)], (ph) => op(g, 'Range', ph, {})),
);

const dynamicStitch = parity(
  fc
    .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 6 }), shapeOf(2, 3, false), fc.constantFrom<DType>('float32', 'int32'))
    .chain(([n, rows, tail, d]) =>
      fc.array(
        fc
          .array(fc.integer({ min: 0, max: rows - 1 }), { minLength: 0, maxLength: 4 })
          .chain((idx) => fc.tuple(fc.constant(idx), arrayOf([idx.length, ...tail], d, valuesOf(d)))),
        { minLength: n, maxLength: n },
      ),
    ),
  (g, parts) => feedThrough(g, [...parts.map(([idx]) => iv(idx)), ...parts.map(([, data]) => data)], (ph) => op(g, 'DynamicStitch', ph, {})),
);

const broadcastGradientArgs = parity(broadcastPair, (g, [a, b]) => feedThrough(g, [iv(a), iv(b)], (ph) => op(g, 'BroadcastGradientArgs', ph, {})));

/** A variable of `shape` initialized from a feed (Assign), then `update` run twice; every run's results are compared. */
function stateful(update: (g: tf.Graph, v: tf.Tensor, delta: tf.Tensor) => tf.Tensor, selfUpdate = false): ParityCase {
  return parity(
    fc
      .tuple(shapeOf(3, 4), fc.boolean())
      .chain(([s, self]) => fc.tuple(arrayOf(s, 'float32', floatValue), arrayOf(s, 'float32', floatValue), fc.constant(self && selfUpdate))),
    (g, [init, delta, self]) =>
      g.as_default((): Built => {
        const v = op(g, 'VariableV2', [], { dtype: 'float32', shape: init.shape })[0]!;
        const pInit = tf.placeholder(tf.float32);
        const pDelta = tf.placeholder(tf.float32);
        const assign = op(g, 'Assign', [v, pInit], { validate_shape: false, use_locking: false })[0]!;
        // v.assign_add(v) binds the variable's buffer as input and output: the backend must read a copy.
        const upd = update(g, v, self ? v : pDelta);
        const feeds = new Map([
          [pInit, init],
          [pDelta, delta],
        ]);
        return {
          runs: [
            { fetches: [assign], feeds },
            { fetches: [upd], feeds },
            { fetches: [upd], feeds },
            { fetches: [v], feeds },
          ],
        };
      }),
  );
}

const assign = parity(
  fc.tuple(shapeOf(3, 4), shapeOf(3, 4)).chain(([a, b]) => fc.tuple(arrayOf(a, 'int32', intValue), arrayOf(b, 'int32', intValue))),
  (g, [first, second]) =>
    g.as_default((): Built => {
      const v = op(g, 'VariableV2', [], { dtype: 'int32', shape: first.shape })[0]!;
      const p = tf.placeholder(tf.int32);
      const a = op(g, 'Assign', [v, p], { validate_shape: false, use_locking: false })[0]!;
      const read = op(g, 'Identity', [v], {})[0]!;
      // The second value may change the variable's shape (validate_shape=false), which reallocates its buffer.
      return {
        runs: [
          { fetches: [a], feeds: new Map([[p, first]]) },
          { fetches: [read], feeds: new Map() },
          { fetches: [a, read], feeds: new Map([[p, second]]) },
        ],
      };
    }),
);

/** Views and sources, which the executor handles without a program. */
const views = {
  Placeholder: parity(anyArray, (g, x) => feedThrough(g, [x], (ph) => [ph[0]!, op(g, 'ZerosLike', ph, {})[0]!])),
  Const: parity(fc.tuple(shapeOf(), floatValue), (g, [s, c]) =>
    feedThrough(g, [nd(new Array(s.reduce((a, b) => a * b, 1)).fill(0.25), s, 'float32')], (ph) =>
      op(g, 'Add', [ph[0]!, tf.constant(c, { dtype: 'float32' })], {}),
    ),
  ),
  Identity: parity(anyArray, (g, x) => feedThrough(g, [x], (ph) => op(g, 'Identity', op(g, 'OnesLike', ph, {}), {}))),
  StopGradient: parity(anyArray, (g, x) => feedThrough(g, [x], (ph) => op(g, 'StopGradient', op(g, 'ZerosLike', ph, {}), {}))),
  // The target shape is fed, so the plan cannot know it: the executor reads it on the host.
  Reshape: parity(
    fc
      .tuple(shapeOf(3, 4), fc.boolean())
      .chain(([s, minus]) =>
        fc.tuple(arrayOf(s, 'float32', floatValue), fc.shuffledSubarray(s, { minLength: s.length, maxLength: s.length }), fc.constant(minus)),
      ),
    // A -1 replaces the first size; beside a zero size it takes the product of the others (TF1's kernel).
    (g, [x, perm, minus]) =>
      feedThrough(g, [x, iv(minus && perm.length > 0 && perm[0] !== 0 ? [-1, ...perm.slice(1)] : perm)], (ph) =>
        op(g, 'Reshape', [op(g, 'Neg', [ph[0]!], {})[0]!, ph[1]!], {}),
      ),
  ),
  ExpandDims: parity(
    shapeOf(3, 4).chain((s) => fc.tuple(arrayOf(s, 'float32', floatValue), fc.integer({ min: -s.length - 1, max: s.length }))),
    (g, [x, axis]) => feedThrough(g, [x, scalar(axis, 'int32')], (ph) => op(g, 'ExpandDims', [op(g, 'Exp', [ph[0]!], {})[0]!, ph[1]!], {})),
  ),
  NoOp: parity(anyArray, (g, x) =>
    g.as_default((): Built => {
      const p = tf.placeholder(x.dtype);
      const out = tf.identity(op(g, 'OnesLike', [p], {})[0]!);
      const noop = g.create_op('NoOp', [], {}, 'NoOp', [out.op]);
      return { runs: [{ fetches: [noop, out], feeds: new Map([[p, x]]) }] };
    }),
  ),
};

/** Cases of the array, shape, state and executor ops. */
export const ARRAY_STATE_CASES = {
  ...views,
  VariableV2: assign,
  Assign: assign,
  AssignAdd: stateful((g, v, d) => op(g, 'AssignAdd', [v, d], { use_locking: false })[0]!, true),
  AssignSub: stateful((g, v, d) => op(g, 'AssignSub', [v, d], { use_locking: false })[0]!, true),
  ApplyGradientDescent: stateful((g, v, d) => op(g, 'ApplyGradientDescent', [v, tf.constant(0.375), d], { use_locking: false })[0]!),
  AddN: addN,
  Cast: cast,
  Shape: shapeMeta('Shape'),
  Size: shapeMeta('Size'),
  Rank: shapeMeta('Rank'),
  Fill: fill,
  ZerosLike: constantLike('ZerosLike'),
  OnesLike: constantLike('OnesLike'),
  Tile: tile,
  Range: range,
  DynamicStitch: dynamicStitch,
  BroadcastGradientArgs: broadcastGradientArgs,
} satisfies Partial<Record<OpType, ParityCase>>;

/** A random op's check: its values differ between backends (as TF1's CPU and GPU kernels do), so each backend's sample is checked for the distribution. */
export interface DistributionCase {
  kind: 'distribution';
  check: (sample: Float32Array) => void;
  /** The op drawing the sample (seeds 7 and 11); absent for the draws of shape [8192] that need no other input. */
  build?: (g: tf.Graph) => tf.Tensor;
}

function moments(x: Float32Array): { mean: number; sd: number; min: number; max: number } {
  let s = 0;
  let s2 = 0;
  for (const v of x) {
    s += v;
    s2 += v * v;
  }
  const mean = s / x.length;
  return { mean, sd: Math.sqrt(s2 / x.length - mean * mean), min: Math.min(...x), max: Math.max(...x) };
}

// With 8192 draws the standard error of the mean is sd/90.5, so 5 standard errors are the bounds below.
/** Distribution checks of the random ops. */
export const RANDOM_CASES = {
  RandomUniform: {
    kind: 'distribution',
    check: (x) => {
      const m = moments(x);
      expect(m.min).toBeGreaterThanOrEqual(0);
      expect(m.max).toBeLessThan(1);
      expect(Math.abs(m.mean - 0.5)).toBeLessThan((5 * 0.2887) / 90.5);
      expect(Math.abs(m.sd - 0.2887)).toBeLessThan(0.01);
    },
  },
  RandomStandardNormal: {
    kind: 'distribution',
    check: (x) => {
      const m = moments(x);
      expect(Math.abs(m.mean)).toBeLessThan(5 / 90.5);
      expect(Math.abs(m.sd - 1)).toBeLessThan(0.04);
      expect(m.max).toBeGreaterThan(2.5); // the tails are there
    },
  },
  TruncatedNormal: {
    kind: 'distribution',
    check: (x) => {
      const m = moments(x);
      expect(m.min).toBeGreaterThan(-2);
      expect(m.max).toBeLessThan(2);
      expect(Math.abs(m.mean)).toBeLessThan((5 * 0.88) / 90.5);
      expect(Math.abs(m.sd - 0.8796)).toBeLessThan(0.04); // the sd of a normal truncated at ±2
    },
  },
  // Drawn in [-3, 14) (see the test): integers only, each of the 17 about 8192/17 times, within 5 standard deviations.
  RandomUniformInt: {
    kind: 'distribution',
    check: (x) => {
      const counts = new Array<number>(17).fill(0);
      for (const v of x) {
        expect(Number.isInteger(v) && v >= -3 && v < 14).toBe(true);
        counts[v + 3]!++;
      }
      const p = 1 / 17;
      for (const c of counts) expect(Math.abs(c - x.length * p)).toBeLessThan(5 * Math.sqrt(x.length * p * (1 - p)));
    },
  },
  // 0..8191 shuffled: a permutation of them, far from the identity.
  RandomShuffle: {
    kind: 'distribution',
    build: (g) => g.as_default(() => op(g, 'RandomShuffle', [tf.range(8192)], { seed: 7, seed2: 11 })[0]!),
    check: (x) => {
      expect(Array.from(x).sort((a, b) => a - b)).toEqual(Array.from({ length: 8192 }, (_, i) => i));
      expect(x.filter((v, i) => v === i).length).toBeLessThan(10);
    },
  },
  // 8192 classes drawn for one row of probabilities 0.15, 0.5, 0.3, 0.05, each count within 5 standard deviations.
  Multinomial: {
    kind: 'distribution',
    build: (g) =>
      g.as_default(
        () =>
          op(g, 'Multinomial', [tf.log(tf.constant([[0.15, 0.5, 0.3, 0.05]], tf.float32)), tf.constant(8192)], {
            seed: 7,
            seed2: 11,
            output_dtype: 'int64',
          })[0]!,
      ),
    check: (x) => {
      const probs = [0.15, 0.5, 0.3, 0.05];
      const counts = probs.map(() => 0);
      for (const v of x) counts[v]!++;
      expect(counts.reduce((a, b) => a + b, 0)).toBe(x.length);
      probs.forEach((p, k) => expect(Math.abs(counts[k]! - x.length * p)).toBeLessThan(5 * Math.sqrt(x.length * p * (1 - p))));
    },
  },
} satisfies Partial<Record<OpType, DistributionCase>>;
