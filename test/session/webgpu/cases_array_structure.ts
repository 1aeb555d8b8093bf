/** Parity cases of the structural array ops (ConcatV2, Pack, Unpack, Slice, Pad, ...), with fed axes and sizes so the GPU kernels run. */
import fc from 'fast-check';
import * as tf from '../../../src/index.js';
import type { DType } from '../../../src/framework/dtypes.js';
import type { NDArray } from '../../../src/framework/ndarray.js';
import { arrayOf, nd, op, shapeOf, type Built } from './harness.js';
import { feedThrough, parity, valuesOf } from './cases_math.js';

const iv = (v: readonly number[]): NDArray => nd(v, [v.length], 'int32');
const scalar = (v: number): NDArray => nd([v], [], 'int32');
const anyDtype = fc.constantFrom<DType>('float32', 'int32', 'bool');

/** A rank >= 1 shape, an axis of it, and `n` arrays that differ only along the axis. */
const concatParts = fc
  .tuple(
    shapeOf(4, 4).filter((s) => s.length > 0),
    anyDtype,
    fc.integer({ min: 2, max: 5 }),
  )
  .chain(([s, d, n]) =>
    fc.integer({ min: 0, max: s.length - 1 }).chain((axis) =>
      fc.tuple(
        fc.array(
          fc.integer({ min: 0, max: 4 }).chain((k) =>
            arrayOf(
              s.map((x, i) => (i === axis ? k : x)),
              d,
              valuesOf(d),
            ),
          ),
          { minLength: n, maxLength: n },
        ),
        fc.integer({ min: 0, max: 1 }).map((neg) => (neg ? axis - s.length : axis)),
      ),
    ),
  );

/** `n` arrays of one shape, and an axis of the packed shape. */
const packParts = fc
  .tuple(shapeOf(3, 4), anyDtype, fc.integer({ min: 1, max: 5 }))
  .chain(([s, d, n]) => fc.tuple(fc.array(arrayOf(s, d, valuesOf(d)), { minLength: n, maxLength: n }), fc.integer({ min: -s.length - 1, max: s.length })));

/** An array, and a box in it: begin and size (-1 now and then: the rest). */
const sliceParts = fc
  .tuple(shapeOf(4, 5), anyDtype)
  .chain(([s, d]) =>
    fc.tuple(
      arrayOf(s, d, valuesOf(d)),
      fc.tuple(...s.map((dim) => fc.integer({ min: 0, max: dim }).chain((b) => fc.tuple(fc.constant(b), fc.integer({ min: -1, max: dim - b }))))),
    ),
  );

/** An array and its paddings. */
const padParts = fc.tuple(shapeOf(4, 4), anyDtype).chain(([s, d]) =>
  fc.tuple(
    arrayOf(s, d, valuesOf(d)),
    fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 2 * s.length, maxLength: 2 * s.length }),
    valuesOf(d).map((v) => nd([v], [], d)),
  ),
);

/** A rank >= 1 array, an axis (maybe negative), and sizes along it that add up to its size (one maybe -1). */
const splitParts = fc
  .tuple(
    shapeOf(4, 4).filter((s) => s.length > 0),
    anyDtype,
  )
  .chain(([s, d]) =>
    fc
      .integer({ min: 0, max: s.length - 1 })
      .chain((axis) =>
        fc.tuple(
          arrayOf(s, d, valuesOf(d)),
          fc.constantFrom(axis, axis - s.length),
          fc.array(fc.boolean(), { minLength: s[axis]!, maxLength: s[axis]! }),
          fc.boolean(),
        ),
      ),
  );

/** Sizes from cut points: a part ends after each true (and at the end). */
function sizesOf(d: number, cuts: readonly boolean[], minus: boolean): number[] {
  const sizes: number[] = [];
  let run = 0;
  for (let i = 0; i < d; i++) {
    run++;
    if (cuts[i] || i === d - 1) {
      sizes.push(run);
      run = 0;
    }
  }
  if (sizes.length === 0) sizes.push(0);
  if (minus) sizes[0] = -1;
  return sizes;
}

/** An array for MirrorPad (rank 0 to 4, no empty dims: REFLECT allows no padding of one; float32 or int32) and a mode. */
const mirrorParts = fc
  .tuple(shapeOf(4, 4, false), fc.constantFrom<DType>('float32', 'int32'), fc.constantFrom<'REFLECT' | 'SYMMETRIC'>('REFLECT', 'SYMMETRIC'))
  .chain(([s, d, mode]) => fc.tuple(arrayOf(s, d, valuesOf(d)), fc.constant(mode)));

/** Paddings MirrorPad allows: below each dim (REFLECT) or up to it (SYMMETRIC). */
const mirrorPads = (shape: readonly number[], mode: 'REFLECT' | 'SYMMETRIC'): fc.Arbitrary<number[]> =>
  fc
    .tuple(
      ...shape.map((d) =>
        fc.tuple(
          fc.integer({ min: 0, max: Math.max(0, mode === 'REFLECT' ? d - 1 : d) }),
          fc.integer({ min: 0, max: Math.max(0, mode === 'REFLECT' ? d - 1 : d) }),
        ),
      ),
    )
    .map((p) => p.flat());

/** ConcatOffset and ShapeN are shape metadata: fed through a Fill whose size the plan cannot know, so they run in the backend. */
function filled(g: tf.Graph, dims: tf.Tensor): tf.Tensor {
  return op(g, 'Fill', [dims, tf.constant(0.5)], {})[0]!;
}

/** Parity cases of the structural array ops. */
export const ARRAY_STRUCTURE_CASES = {
  ConcatV2: parity(concatParts, (g, [xs, axis]) => feedThrough(g, [...xs, scalar(axis)], (ph) => op(g, 'ConcatV2', ph, {}))),
  ConcatOffset: parity(concatParts, (g, [xs, axis]) => feedThrough(g, [scalar(axis), ...xs.map((x) => iv(x.shape))], (ph) => op(g, 'ConcatOffset', ph, {}))),
  Pack: parity(packParts, (g, [xs, axis]) => feedThrough(g, xs, (ph) => op(g, 'Pack', ph, { axis }))),
  Unpack: parity(packParts, (g, [xs, axis]) =>
    feedThrough(g, xs, (ph) => {
      const packed = op(g, 'Pack', ph, { axis })[0]!;
      return op(g, 'Unpack', [op(g, 'Neg', [op(g, 'Cast', [packed], { DstT: 'float32' })[0]!], {})[0]!], { num: xs.length, axis });
    }),
  ),
  ShapeN: parity(fc.array(shapeOf(3, 4), { minLength: 1, maxLength: 4 }), (g, shapes) =>
    g.as_default((): Built => {
      const dims = shapes.map((s) => tf.placeholder(tf.int32, [s.length]));
      const fetches = op(
        g,
        'ShapeN',
        dims.map((d) => filled(g, d)),
        { out_type: 'int32' },
      );
      return { runs: [{ fetches, feeds: new Map(dims.map((d, i) => [d, iv(shapes[i]!)])) }] };
    }),
  ),
  Slice: parity(sliceParts, (g, [x, box]) => feedThrough(g, [x, iv(box.map(([b]) => b)), iv(box.map(([, s]) => s))], (ph) => op(g, 'Slice', ph, {}))),
  Pad: parity(padParts, (g, [x, pads]) => feedThrough(g, [x, nd(pads, [x.shape.length, 2], 'int32')], (ph) => op(g, 'Pad', ph, {}))),
  Split: parity(
    splitParts.chain(([x, axis]) => {
      const d = x.shape[axis < 0 ? axis + x.shape.length : axis]!;
      const divisors = Array.from({ length: Math.max(d, 1) }, (_, i) => i + 1).filter((k) => d % k === 0);
      return fc.tuple(fc.constant(x), fc.constant(axis), fc.constantFrom(...divisors));
    }),
    (g, [x, axis, num]) => feedThrough(g, [scalar(axis), x], (ph) => op(g, 'Split', ph, { num_split: num })),
  ),
  SplitV: parity(splitParts, (g, [x, axis, cuts, minus]) => {
    const sizes = sizesOf(x.shape[axis < 0 ? axis + x.shape.length : axis]!, cuts, minus);
    return feedThrough(g, [x, iv(sizes), scalar(axis)], (ph) => op(g, 'SplitV', ph, { num_split: sizes.length }));
  }),
  Squeeze: parity(
    fc
      .tuple(fc.array(fc.constantFrom(1, 1, 2, 3), { minLength: 0, maxLength: 4 }), anyDtype)
      .chain(([s, d]) => fc.tuple(arrayOf(s, d, valuesOf(d)), fc.subarray(s.flatMap((k, i) => (k === 1 ? [i] : []))))),
    (g, [x, dims]) => feedThrough(g, [x], (ph) => op(g, 'Squeeze', ph, { squeeze_dims: dims })),
  ),
  ReverseV2: parity(
    fc.tuple(shapeOf(4, 4), anyDtype).chain(([s, d]) =>
      fc.tuple(
        arrayOf(s, d, valuesOf(d)),
        fc.subarray(s.map((_, i) => i)).map((axes) => axes.map((a, i) => (i % 2 ? a - s.length : a))),
      ),
    ),
    (g, [x, axes]) => feedThrough(g, [x, iv(axes)], (ph) => op(g, 'ReverseV2', ph, {})),
  ),
  MirrorPad: parity(
    mirrorParts.chain(([x, mode]) => fc.tuple(fc.constant(x), fc.constant(mode), mirrorPads(x.shape, mode))),
    (g, [x, mode, pads]) => feedThrough(g, [x, nd(pads, [x.shape.length, 2], 'int32')], (ph) => op(g, 'MirrorPad', ph, { mode })),
  ),
  MirrorPadGrad: parity(
    mirrorParts.chain(([x, mode]) => fc.tuple(fc.constant(x), fc.constant(mode), mirrorPads(x.shape, mode))),
    (g, [x, mode, pads]) => {
      const padded = x.shape.map((d, i) => d + pads[2 * i]! + pads[2 * i + 1]!);
      const grad = nd(
        Array.from({ length: padded.reduce((a, b) => a * b, 1) }, (_, i) => ((i * 37) % 97) / 64),
        padded,
        x.dtype === 'float32' ? 'float32' : 'int32',
      );
      return feedThrough(g, [grad, nd(pads, [x.shape.length, 2], 'int32')], (ph) => op(g, 'MirrorPadGrad', ph, { mode }));
    },
  ),
  PadV2: parity(padParts, (g, [x, pads, c]) => feedThrough(g, [x, nd(pads, [x.shape.length, 2], 'int32'), c], (ph) => op(g, 'PadV2', ph, {}))),
};
