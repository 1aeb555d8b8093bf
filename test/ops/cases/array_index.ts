// Gradient properties of the indexing ops: GatherV2 along every axis (its axis known while building, or only at run
// time), UnsortedSegmentSum with repeated and negative ids of rank 1 and 2, StridedSlice(Grad), and DynamicStitch
// (TF1's gather of the gradient) by a permutation.
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

/** params of rank 1 to 3, an axis, and indices (rank 0 to 2, repeats allowed) into that axis. */
const gatherArgs = shape({ min_rank: 1, max_rank: 3, min_dim: 1, max_dim: 3 }).chain((s) =>
  fc.integer({ min: 0, max: s.length - 1 }).chain((axis) =>
    fc.tuple(
      ndarray(s),
      fc.constant(axis),
      fc
        .array(fc.integer({ min: 1, max: 3 }), { maxLength: 2 })
        .chain((is) =>
          fc.tuple(
            fc.constant(is),
            fc.array(fc.integer({ min: 0, max: s[axis]! - 1 }), { minLength: is.reduce((a, b) => a * b, 1), maxLength: is.reduce((a, b) => a * b, 1) }),
          ),
        ),
    ),
  ),
);

const gatheredShape = (s: readonly number[], axis: number, is: readonly number[]): number[] => [...s.slice(0, axis), ...is, ...s.slice(axis + 1)];

/** data whose leading dims are the ids' shape, ids in [-1, num) (so some rows are dropped). */
const segmentArgs = fc
  .tuple(
    fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 2 }),
    fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 1 }),
    fc.integer({ min: 1, max: 4 }),
  )
  .chain(([is, tail, num]) =>
    fc.tuple(
      ndarray([...is, ...tail]),
      fc.constant(is),
      fc.array(fc.integer({ min: -1, max: num - 1 }), { minLength: is.reduce((a, b) => a * b, 1), maxLength: is.reduce((a, b) => a * b, 1) }),
      fc.constant(num),
      fc.constant(tail),
    ),
  );

export const cases: OpCase[] = [
  gradientProperty(
    'GatherV2',
    'along any axis, the axis a constant',
    fc.tuple(gatherArgs, known),
    ([[x, axis, [is, idx]], k]) => ({
      inputs: [x],
      build: ([t]) => weighted(tf.gather(t!, tf.constant(idx, tf.int32, is), { axis }), gatheredShape(x.shape, axis, is)),
      known: k,
    }),
    40,
  ),
  gradientProperty(
    'GatherV2',
    'along any axis known only at run time (the permutations built with ops)',
    gatherArgs,
    ([x, axis, [is, idx]]) => ({
      inputs: [x],
      // Identity hides the axis from the gradient rule, and a negative axis counts from the end.
      build: ([t]) =>
        weighted(tf.gather(t!, tf.constant(idx, tf.int32, is), { axis: tf.identity(tf.constant(axis - x.shape.length)) }), gatheredShape(x.shape, axis, is)),
    }),
    30,
  ),
  gradientProperty(
    'UnsortedSegmentSum',
    'ids of rank 1 or 2, repeated and negative (dropped)',
    fc.tuple(segmentArgs, known),
    ([[x, is, ids, num, tail], k]) => ({
      inputs: [x],
      build: ([t]) => weighted(tf.unsorted_segment_sum(t!, tf.constant(ids, tf.int32, is), num), [num, ...tail]),
      known: k,
    }),
    40,
  ),
];

/** A shape of rank 1 to 3 and a Python index into it: per dim a slice (any of its parts left out, steps ±1, ±2) or an integer, maybe an ellipsis and new axes. */
const sliceArgs = shape({ min_rank: 1, max_rank: 3, min_dim: 1, max_dim: 4 }).chain((s) =>
  fc
    .tuple(
      fc.tuple(
        ...s.map((d) =>
          fc.oneof(
            fc.integer({ min: -d, max: d - 1 }),
            fc
              .tuple(
                fc.option(fc.integer({ min: -d - 1, max: d + 1 }), { nil: null }),
                fc.option(fc.integer({ min: -d - 1, max: d + 1 }), { nil: null }),
                fc.option(fc.constantFrom(-2, -1, 1, 2), { nil: null }),
              )
              .map(([a, b, c]) => `${a ?? ''}:${b ?? ''}${c === null ? '' : `:${c}`}` as tf.SliceString),
          ),
        ),
      ),
      fc.integer({ min: 0, max: s.length }),
      fc.boolean(),
      fc.integer({ min: 0, max: s.length }),
    )
    .map(([idx, ellipsisAt, withEllipsis, newAxisAt]) => {
      let spec: tf.Index[] = [...idx];
      // An ellipsis stands for the dims it replaces (the ones after `ellipsisAt` are kept explicit).
      if (withEllipsis) spec = [...spec.slice(0, ellipsisAt), '...', ...spec.slice(ellipsisAt + (spec.length - ellipsisAt > 0 ? 1 : 0))];
      spec.splice(Math.min(newAxisAt, spec.length), 0, tf.newaxis);
      return [s, spec] as const;
    })
    .chain(([sh, spec]) => fc.tuple(ndarray(sh), fc.constant(spec))),
);

/** The static shape x.at(...spec) has (the slice of a known-shape constant). */
const slicedShape = (dims: readonly number[], spec: readonly tf.Index[]): number[] =>
  new tf.Graph().as_default(
    () =>
      tf
        .zeros([...dims])
        .at(...spec)
        .shape.as_list() as number[],
  );

cases.push(
  gradientProperty(
    'StridedSlice',
    'by a Python index: slices, integers, an ellipsis, a new axis',
    fc.tuple(sliceArgs, known),
    ([[x, spec], k]) => ({ inputs: [x], build: ([t]) => weighted(t!.at(...spec), slicedShape(x.shape, spec)), known: k }),
    40,
  ),
  gradientProperty(
    'StridedSliceGrad',
    'by dy (its gradient is the forward slice of the incoming gradient)',
    sliceArgs.chain(([x, spec]) => fc.tuple(fc.constant(x.shape), fc.constant(spec), ndarray(slicedShape(x.shape, spec)))),
    ([dims, spec, dy]) => ({
      inputs: [dy],
      build: ([t]) => {
        // The spec's begin, end, strides and masks, as x.at(...spec) builds them.
        const slice = tf.zeros([...dims]).at(...spec).op;
        const [, b, e, s] = slice.inputs;
        const y = tf.get_default_graph().create_op('StridedSliceGrad', [tf.constant(dims, tf.int32), b!, e!, s!, t!], slice.attrs as never, 'StridedSliceGrad')
          .outputs[0]!;
        return weighted(y, dims);
      },
    }),
    30,
  ),
);

/** A permutation of 0..n-1 (n ≥ 2) split into two index vectors, and data rows of a common tail shape for each. */
const stitchArgs = fc.tuple(fc.integer({ min: 2, max: 5 }), fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 1 })).chain(([n, tail]) =>
  fc
    .tuple(
      fc.shuffledSubarray(
        Array.from({ length: n }, (_, i) => i),
        { minLength: n, maxLength: n },
      ),
      fc.integer({ min: 1, max: n - 1 }),
    )
    .chain(([perm, k]) => fc.tuple(fc.constant(perm), fc.constant(k), fc.constant(tail), ndarray([k, ...tail]), ndarray([n - k, ...tail]))),
);

cases.push(
  gradientProperty(
    'DynamicStitch',
    'two data inputs stitched by a permutation (distinct indices, so each element reaches the output)',
    stitchArgs,
    ([perm, k, tail, a, b]) => ({
      inputs: [a, b],
      build: ([x, y]) =>
        weighted(tf.dynamic_stitch([tf.constant(perm.slice(0, k), tf.int32), tf.constant(perm.slice(k), tf.int32)], [x!, y!]), [perm.length, ...tail]),
    }),
    30,
  ),
);
