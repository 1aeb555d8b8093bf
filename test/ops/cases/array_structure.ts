import fc from 'fast-check';
import * as tf from '../../../src/index.js';
import { ndarray, shape } from '../../../src/testing/index.js';
import { known } from '../helpers/check.js';
import { gradientProperty, type OpCase } from '../helpers/op_case.js';

/** y times distinct weights 1..n, so a gradient routed to the wrong element shows. */
const weighted = (y: tf.Tensor, dims: readonly number[]): tf.Tensor =>
  y.mul(
    tf.constant(
      Float64Array.from({ length: dims.reduce((a, b) => a * b, 1) }, (_, i) => i + 1),
      { shape: [...dims] },
    ),
  );

/** Paddings as an int32 [rank, 2] array (a scalar's is [0, 2]). */
const paddings = (pads: readonly (readonly [number, number])[]): tf.NDArray => new tf.NDArray(Int32Array.from(pads.flat()), [pads.length, 2], 'int32');
const padded = (x: tf.NDArray, pads: readonly (readonly [number, number])[]): number[] => x.shape.map((d, i) => d + pads[i]![0] + pads[i]![1]);

/** A rank >= 1 shape, an axis of it (maybe negative), and 2 to 4 arrays that differ only along the axis. */
const concatParts = shape({ min_rank: 1, max_rank: 3, max_dim: 3 }).chain((s) =>
  fc.integer({ min: 0, max: s.length - 1 }).chain((axis) =>
    fc.tuple(
      fc.array(
        fc.integer({ min: 1, max: 3 }).chain((k) => ndarray(s.map((d, i) => (i === axis ? k : d)))),
        { minLength: 2, maxLength: 4 },
      ),
      fc.constantFrom(axis, axis - s.length),
    ),
  ),
);

/** 1 to 4 arrays of one shape, and an axis of the stacked shape. */
const packParts = shape({ max_rank: 3, max_dim: 3 }).chain((s) =>
  fc.tuple(fc.array(ndarray(s), { minLength: 1, maxLength: 4 }), fc.integer({ min: -s.length - 1, max: s.length })),
);

/** An array and a box in it: begin, and size (-1 now and then: the rest). */
const sliceParts = shape({ max_rank: 3, max_dim: 4 }).chain((s) =>
  fc.tuple(
    ndarray(s),
    fc.tuple(...s.map((d) => fc.integer({ min: 0, max: d - 1 }).chain((b) => fc.tuple(fc.constant(b), fc.integer({ min: -1, max: d - b }))))),
  ),
);

/** An array and its paddings. */
const padParts = shape({ max_rank: 3, max_dim: 3 }).chain((s) =>
  fc.tuple(ndarray(s), fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 })), { minLength: s.length, maxLength: s.length })),
);

/** A rank >= 1 array, an axis (maybe negative), cut points along it, and whether the first size is -1. */
const splitParts = shape({ min_rank: 1, max_rank: 3, max_dim: 4 }).chain((s) =>
  fc
    .integer({ min: 0, max: s.length - 1 })
    .chain((axis) =>
      fc.tuple(ndarray(s), fc.constantFrom(axis, axis - s.length), fc.array(fc.boolean(), { minLength: s[axis]!, maxLength: s[axis]! }), fc.boolean()),
    ),
);

/** Part sizes from cut points: a part ends after each true (and at the end). */
function sizesOf(d: number, cuts: readonly boolean[]): number[] {
  const sizes: number[] = [];
  let run = 0;
  for (let i = 0; i < d; i++) {
    run++;
    if (cuts[i] || i === d - 1) {
      sizes.push(run);
      run = 0;
    }
  }
  return sizes;
}

/** sum(part_i * (i + 2) * part_i) over the parts, one of them left out: each part's gradient differs, one is unconnected. */
const weightedParts = (parts: tf.Tensor[], drop: boolean): tf.Tensor =>
  tf.add_n(parts.flatMap((p, i) => (drop && parts.length > 1 && i === 1 ? [] : [tf.reduce_sum(p.mul(i + 2).mul(p))])));

/** An array with no empty dims, a mirror mode, and paddings that mode allows (below each dim, or up to it). */
const mirrorParts = fc.tuple(shape({ max_rank: 3, max_dim: 3 }), fc.constantFrom<'REFLECT' | 'SYMMETRIC'>('REFLECT', 'SYMMETRIC')).chain(([s, mode]) =>
  fc.tuple(
    ndarray(s),
    fc.constant(mode),
    fc.tuple(
      ...s.map((d) => {
        const max = mode === 'REFLECT' ? d - 1 : d;
        return fc.tuple(fc.integer({ min: 0, max }), fc.integer({ min: 0, max }));
      }),
    ),
  ),
);

/** concat, stack, unstack, slice and pad: first order, and the second order through their gradients' ops. */
export const cases: OpCase[] = [
  gradientProperty(
    'ConcatV2',
    'of 2 to 4 inputs along any axis, negative ones included',
    fc.tuple(concatParts, known),
    ([[xs, axis], k]) => {
      const r = xs[0]!.shape.length;
      const ax = axis < 0 ? axis + r : axis;
      const dims = xs[0]!.shape.map((d, i) => (i === ax ? xs.reduce((n, x) => n + x.shape[ax]!, 0) : d));
      return { inputs: xs, build: (ts) => weighted(tf.concat(ts, axis), dims), known: k };
    },
    40,
  ),
  gradientProperty(
    'ConcatV2',
    'of 17 to 19 inputs, whose gradient TF1 splits (SplitV) instead of slicing',
    fc.tuple(
      shape({ min_rank: 1, max_rank: 2, max_dim: 2 }).chain((s) =>
        fc.tuple(fc.array(ndarray(s), { minLength: 17, maxLength: 19 }), fc.integer({ min: -s.length, max: s.length - 1 })),
      ),
      known,
    ),
    ([[xs, axis], k]) => {
      const r = xs[0]!.shape.length;
      const ax = axis < 0 ? axis + r : axis;
      const dims = xs[0]!.shape.map((d, i) => (i === ax ? d * xs.length : d));
      return {
        inputs: xs,
        build: (ts) => {
          const y = weighted(tf.concat(ts, axis), dims);
          tf.gradients(y, ts);
          if (!ts[0]!.graph.get_operations().some((op) => op.type === 'SplitV')) throw new Error('the gradient of 17 or more inputs did not split');
          return y;
        },
        known: k,
      };
    },
    10,
  ),
  gradientProperty(
    'Pack',
    'of 1 to 4 inputs along any axis',
    fc.tuple(packParts, known),
    ([[xs, axis], k]) => {
      const dims = [...xs[0]!.shape];
      dims.splice(axis < 0 ? axis + dims.length + 1 : axis, 0, xs.length);
      return { inputs: xs, build: (ts) => weighted(tf.stack(ts, { axis }), dims), known: k };
    },
    40,
  ),
  gradientProperty(
    'Unpack',
    'along any axis, some outputs unused',
    fc.tuple(
      packParts.filter(([xs]) => xs[0]!.shape.length > 0),
      fc.integer({ min: 0, max: 3 }),
    ),
    ([[xs, axis], drop]) => {
      const x = xs[0]!;
      const r = x.shape.length;
      const ax = Math.min(Math.max(axis, -r), r - 1);
      return {
        inputs: [x],
        build: ([t]) => {
          const parts = tf.unstack(t!, { axis: ax });
          const used = parts.filter((_, i) => parts.length === 1 || i !== drop % parts.length);
          return tf.add_n(used.map((p, i) => tf.reduce_sum(p.mul(i + 2).mul(p))));
        },
      };
    },
    40,
  ),
  gradientProperty(
    'Slice',
    'of any box, size -1 included',
    fc.tuple(sliceParts, known),
    ([[x, box], k]) => ({
      inputs: [x],
      build: ([t]) =>
        weighted(
          tf.slice(
            t!,
            box.map(([b]) => b),
            box.map(([, s]) => s),
          ),
          box.map(([b, s], i) => (s === -1 ? x.shape[i]! - b : s)),
        ),
      known: k,
    }),
    40,
  ),
  gradientProperty(
    'Pad',
    'with any paddings',
    fc.tuple(padParts, known),
    ([[x, pads], k]) => ({ inputs: [x], build: ([t]) => weighted(tf.pad(t!, paddings(pads)), padded(x, pads)), known: k }),
    40,
  ),
  gradientProperty(
    'PadV2',
    'with a constant value',
    fc.tuple(padParts, known),
    ([[x, pads], k]) => ({ inputs: [x], build: ([t]) => weighted(tf.pad(t!, paddings(pads), { constant_values: 1.5 }), padded(x, pads)), known: k }),
    30,
  ),
  gradientProperty(
    'Split',
    'into equal parts along any axis, one part unused',
    fc.tuple(splitParts, known),
    ([[x, axis, , drop], k]) => {
      const d = x.shape[axis < 0 ? axis + x.shape.length : axis]!;
      const num = [3, 2, 1].find((n) => d % n === 0)!;
      return { inputs: [x], build: ([t]) => weightedParts(tf.split(t!, num, axis), drop), known: k };
    },
    40,
  ),
  gradientProperty(
    'SplitV',
    'into parts of given sizes (the first maybe -1), one part unused',
    fc.tuple(splitParts, known),
    ([[x, axis, cuts, minus], k]) => {
      const sizes = sizesOf(x.shape[axis < 0 ? axis + x.shape.length : axis]!, cuts);
      if (minus) sizes[0] = -1;
      return { inputs: [x], build: ([t]) => weightedParts(tf.split(t!, sizes, axis), !minus), known: k };
    },
    40,
  ),
  gradientProperty(
    'Squeeze',
    'all dims of size 1, or some of them',
    fc.tuple(
      fc.array(fc.constantFrom(1, 1, 2, 3), { maxLength: 4 }).chain((s) => fc.tuple(ndarray(s), fc.subarray(s.flatMap((k, i) => (k === 1 ? [i] : []))))),
      known,
    ),
    ([[x, dims], k]) => ({
      inputs: [x],
      build: ([t]) =>
        weighted(
          tf.squeeze(t!, dims.length ? dims : null),
          x.shape.filter((d, i) => !(d === 1 && (dims.length === 0 || dims.includes(i)))),
        ),
      known: k === 'none' ? 'rank' : k,
    }),
    30,
  ),
  gradientProperty(
    'ReverseV2',
    'along any axes, negative ones included',
    fc.tuple(
      shape({ max_rank: 3, max_dim: 3 }).chain((s) =>
        fc.tuple(
          ndarray(s),
          fc.subarray(s.map((_, i) => i)).map((axes) => axes.map((a, i) => (i % 2 ? a - s.length : a))),
        ),
      ),
      known,
    ),
    ([[x, axes], k]) => ({ inputs: [x], build: ([t]) => weighted(tf.reverse(t!, axes), x.shape), known: k }),
    30,
  ),
  gradientProperty(
    'MirrorPad',
    'REFLECT and SYMMETRIC, with any allowed paddings',
    fc.tuple(mirrorParts, known),
    ([[x, mode, pads], k]) => ({ inputs: [x], build: ([t]) => weighted(tf.pad(t!, paddings(pads), mode), padded(x, pads)), known: k }),
    40,
  ),
  gradientProperty(
    'MirrorPadGrad',
    "second order: MirrorPad's gradient (MirrorPadGrad) differentiated again",
    fc.tuple(mirrorParts, known),
    ([[x, mode, pads], k]) => ({
      inputs: [x],
      build: ([t]) => tf.reduce_sum(weighted(tf.square(tf.pad(t!, paddings(pads), mode)), padded(x, pads))),
      order: 2,
      known: k,
    }),
    20,
  ),
  gradientProperty(
    'Slice',
    "second order: slice's gradient (Pad) differentiated again",
    fc.tuple(sliceParts, known),
    ([[x, box], k]) => ({
      inputs: [x],
      build: ([t]) =>
        tf.reduce_sum(
          tf.slice(
            t!.mul(t!),
            box.map(([b]) => b),
            box.map(([, s]) => s),
          ),
        ),
      order: 2,
      known: k,
    }),
    20,
  ),
];
