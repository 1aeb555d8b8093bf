/** Parity cases of the indexing ops: GatherV2 (any axis, empty shapes, every dtype), UnsortedSegmentSum, OneHot, StridedSlice and its gradient. */
import fc from 'fast-check';
import * as tf from '../../../src/index.js';
import type { DType } from '../../../src/framework/dtypes.js';
import { arrayOf, nd, op, shapeOf } from './harness.js';
import { parity, valuesOf, type ParityCase } from './cases_math.js';

const iv = (v: readonly number[], shape: readonly number[], dtype: DType = 'int32') => nd(v, shape, dtype);
const indexDtype = fc.constantFrom<DType>('int32', 'int64');

/** params (rank >= 1), an axis, indices of rank 0 to 2 into it (fed), the axis fed or constant. */
const gather = parity(
  fc
    .tuple(shapeOf(3, 4), fc.constantFrom<DType>('float32', 'int32', 'int64', 'bool'), indexDtype, fc.boolean())
    .filter(([s]) => s.length >= 1)
    .chain(([s, d, it, fed]) =>
      fc.integer({ min: 0, max: s.length - 1 }).chain((axis) =>
        fc.tuple(
          arrayOf(s, d, valuesOf(d)),
          fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 2 }).chain((is) =>
            fc
              .array(fc.integer({ min: 0, max: Math.max(0, s[axis]! - 1) }), {
                minLength: is.reduce((a, b) => a * b, 1),
                maxLength: is.reduce((a, b) => a * b, 1),
              })
              .map((v) => (s[axis] === 0 ? iv([], [0], it) : iv(v, is, it))),
          ),
          fc.constant(axis),
          fc.constant(fed),
        ),
      ),
    ),
  (g, [x, idx, axis, fed]) =>
    g.as_default(() => {
      const px = tf.placeholder(x.dtype);
      const pi = tf.placeholder(idx.dtype);
      const pa = fed ? tf.placeholder(tf.int32, []) : tf.constant(axis);
      const feeds = new Map([
        [px, x],
        [pi, idx],
      ]);
      if (fed) feeds.set(pa, iv([axis], []));
      return { runs: [{ fetches: op(g, 'GatherV2', [px, pi, pa], {}), feeds }] };
    }),
);

/** data [ids..., tail...], ids in [-1, num) (negative rows dropped), num fed. */
const unsortedSegmentSum = parity(
  fc
    .tuple(shapeOf(2, 5), shapeOf(2, 4), fc.constantFrom<DType>('float32', 'int32'), indexDtype, fc.integer({ min: 0, max: 6 }))
    .chain(([is, tail, d, it, num]) =>
      fc.tuple(
        arrayOf([...is, ...tail], d, valuesOf(d)),
        fc
          .array(fc.integer({ min: -1, max: num - 1 }), { minLength: is.reduce((a, b) => a * b, 1), maxLength: is.reduce((a, b) => a * b, 1) })
          .map((v) => iv(v, is, it)),
        fc.constant(num),
      ),
    ),
  (g, [x, ids, num]) =>
    g.as_default(() => {
      const px = tf.placeholder(x.dtype);
      const pi = tf.placeholder(ids.dtype);
      const pn = tf.placeholder(tf.int32, []);
      const feeds = new Map([
        [px, x],
        [pi, ids],
        [pn, iv([num], [])],
      ]);
      return { runs: [{ fetches: op(g, 'UnsortedSegmentSum', [px, pi, pn], {}), feeds }] };
    }),
);

/** indices (out of range and negative ones too), depth, on/off of every dtype, any axis. */
const oneHot = parity(
  fc.tuple(shapeOf(3, 4), fc.integer({ min: 0, max: 5 }), fc.constantFrom<DType>('float32', 'int32', 'int64', 'bool'), indexDtype).chain(([s, depth, d, it]) =>
    fc.tuple(
      arrayOf(s, it, fc.integer({ min: -1, max: depth })),
      fc.constant(depth),
      valuesOf(d).map((v) => nd([v], [], d)),
      valuesOf(d).map((v) => nd([v], [], d)),
      fc.integer({ min: -1, max: s.length }),
    ),
  ),
  (g, [idx, depth, on, off, axis]) =>
    g.as_default(() => {
      const pi = tf.placeholder(idx.dtype);
      const pd = tf.placeholder(tf.int32, []);
      const pon = tf.placeholder(on.dtype, []);
      const poff = tf.placeholder(off.dtype, []);
      const feeds = new Map([
        [pi, idx],
        [pd, iv([depth], [])],
        [pon, on],
        [poff, off],
      ]);
      return { runs: [{ fetches: op(g, 'OneHot', [pi, pd, pon, poff], { axis }), feeds }] };
    }),
);

/** A shape (empty dims too) and a Python index into it: per dim a slice or an integer, maybe an ellipsis and a new axis. */
const sliceSpec = shapeOf(4, 4)
  .filter((s) => s.length >= 1)
  .chain((s) =>
    fc.tuple(
      fc.constant(s),
      fc.tuple(
        ...s.map((d) =>
          d > 0
            ? fc.oneof(
                fc.integer({ min: -d, max: d - 1 }),
                fc
                  .tuple(fc.integer({ min: -d - 1, max: d + 1 }), fc.integer({ min: -d - 1, max: d + 1 }), fc.constantFrom(-3, -1, 1, 2))
                  .map(([a, b, c]) => `${a}:${b}:${c}` as tf.SliceString),
              )
            : fc.constant<tf.Index>(':'),
        ),
      ),
      fc.boolean(),
    ),
  )
  .map(([s, idx, newAxis]) => [s, (newAxis ? [tf.newaxis, '...', ...idx.slice(1)] : idx) as tf.Index[]] as const);

const stridedSlice = parity(
  fc
    .tuple(sliceSpec, fc.constantFrom<DType>('float32', 'int32', 'int64', 'bool'))
    .chain(([[s, spec], d]) => fc.tuple(arrayOf(s, d, valuesOf(d)), fc.constant(spec))),
  (g, [x, spec]) =>
    g.as_default(() => {
      const px = tf.placeholder(x.dtype);
      return { runs: [{ fetches: [px.at(...spec)], feeds: new Map([[px, x]]) }] };
    }),
);

/** The gradient of a slice: dy (fed) scattered into zeros of the input's shape. */
const stridedSliceGrad = parity(
  fc.tuple(sliceSpec, fc.constantFrom<DType>('float32', 'int32')).chain(([[s, spec], d]) => {
    const dyShape = new tf.Graph().as_default(
      () =>
        tf
          .zeros(s)
          .at(...spec)
          .shape.as_list() as number[],
    );
    return fc.tuple(fc.constant(s), fc.constant(spec), arrayOf(dyShape, d, valuesOf(d)));
  }),
  (g, [s, spec, dy]) =>
    g.as_default(() => {
      const slice = tf.zeros(s).at(...spec).op;
      const [, b, e, st] = slice.inputs;
      const pdy = tf.placeholder(dy.dtype);
      const pshape = tf.placeholder(tf.int32, [s.length]);
      const feeds = new Map([
        [pdy, dy],
        [pshape, iv(s, [s.length])],
      ]);
      return { runs: [{ fetches: op(g, 'StridedSliceGrad', [pshape, b!, e!, st!, pdy], slice.attrs as never), feeds }] };
    }),
);

/** LinSpace: float32 start and stop, num 1 to 40, all fed. */
const linSpace = parity(fc.tuple(valuesOf('float32'), valuesOf('float32'), fc.integer({ min: 1, max: 40 }), indexDtype), (g, [start, stop, num, it]) =>
  g.as_default(() => {
    const ps = tf.placeholder(tf.float32, []);
    const pe = tf.placeholder(tf.float32, []);
    const pn = tf.placeholder(it, []);
    const feeds = new Map([
      [ps, nd([start], [], 'float32')],
      [pe, nd([stop], [], 'float32')],
      [pn, nd([num], [], it)],
    ]);
    return { runs: [{ fetches: op(g, 'LinSpace', [ps, pe, pn], {}), feeds }] };
  }),
);

/** The cases of the indexing ops. */
export const ARRAY_INDEX_CASES = {
  GatherV2: gather,
  UnsortedSegmentSum: unsortedSegmentSum,
  OneHot: oneHot,
  StridedSlice: stridedSlice,
  StridedSliceGrad: stridedSliceGrad,
  LinSpace: linSpace,
} satisfies Record<string, ParityCase>;
