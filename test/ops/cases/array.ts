import fc from 'fast-check';
import * as tf from '../../../src/index.js';
import { denseGradients } from '../../helpers/dense_gradients.js';
import { ndarray, shape } from '../../../src/testing/index.js';
import { known } from '../helpers/check.js';
import { gradientProperty, type OpCase } from '../helpers/op_case.js';

const small = shape({ max_dim: 3 });

/** A target shape with the same number of elements: the dims shuffled, one of them maybe -1. */
const reshapeTarget = (s: number[]) =>
  fc
    .tuple(fc.shuffledSubarray(s, { minLength: s.length, maxLength: s.length }), fc.integer({ min: -1, max: s.length - 1 }))
    .map(([dims, minus]) => dims.map((d, i) => (i === minus ? -1 : d)));

/** y times distinct weights 1..n, so a gradient routed to the wrong element shows. */
const weighted = (y: tf.Tensor, dims: readonly number[]): tf.Tensor =>
  y.mul(
    tf.constant(
      Float64Array.from({ length: dims.reduce((a, b) => a * b, 1) }, (_, i) => i + 1),
      { shape: [...dims] },
    ),
  );

const reshape: OpCase[] = [
  gradientProperty(
    'Reshape',
    'to a shuffled shape, maybe with -1',
    fc.tuple(
      small.chain((s) => fc.tuple(ndarray(s), reshapeTarget(s))),
      known,
    ),
    ([[x, target], k]) => ({
      inputs: [x],
      build: ([t]) =>
        weighted(
          tf.reshape(t!, target),
          target.map((d) => (d === -1 ? x.size / -target.reduce((a, b) => a * b, 1) : d)),
        ),
      known: k,
    }),
    40,
  ),
  gradientProperty(
    'Reshape',
    'to a flat vector',
    fc.tuple(ndarray(small), known),
    ([x, k]) => ({ inputs: [x], build: ([t]) => weighted(tf.reshape(t!, [-1]), [x.size]), known: k }),
    20,
  ),
];

/** The shape expand_dims(x, axis) has. */
function expanded(s: readonly number[], axis: number): number[] {
  const at = axis < 0 ? axis + s.length + 1 : axis;
  return [...s.slice(0, at), 1, ...s.slice(at)];
}

const expandDims = gradientProperty(
  'ExpandDims',
  'at every axis from -rank-1 to rank',
  fc.tuple(
    small.chain((s) => fc.tuple(ndarray(s), fc.integer({ min: -s.length - 1, max: s.length }))),
    known,
  ),
  ([[x, axis], k]) => ({ inputs: [x], build: ([t]) => weighted(tf.expand_dims(t!, axis), expanded(x.shape, axis)), known: k }),
  40,
);

const tile = gradientProperty(
  'Tile',
  'by 1 to 3 along each axis',
  fc.tuple(
    small.chain((s) => fc.tuple(ndarray(s), fc.array(fc.integer({ min: 1, max: 3 }), { minLength: s.length, maxLength: s.length }))),
    known,
  ),
  ([[x, multiples], k]) => ({
    inputs: [x],
    // Weights that differ per tile, so summing the wrong tiles would show.
    build: ([t]) =>
      weighted(
        tf.tile(t!, multiples),
        x.shape.map((d, i) => d * multiples[i]!),
      ),
    known: k,
  }),
  40,
);

/** tile's gradient with int64 multiples (TF1 takes the input's shape in the multiples' dtype), whose static shape is the input's. */
const tileInt64 = gradientProperty(
  'Tile',
  "by int64 multiples; the gradient has the input's static shape",
  fc.tuple(
    small.chain((s) => fc.tuple(ndarray(s), fc.array(fc.integer({ min: 1, max: 3 }), { minLength: s.length, maxLength: s.length }))),
    known,
  ),
  ([[x, multiples], k]) => ({
    inputs: [x],
    build: ([t]) => {
      const y = weighted(
        tf.tile(t!, tf.constant(multiples, tf.int64)),
        x.shape.map((d, i) => d * multiples[i]!),
      );
      const [grad] = denseGradients(y, [t!]);
      if (String(grad!.shape) !== String(t!.shape)) throw new Error(`tile's gradient has static shape ${grad!.shape}, its input ${t!.shape}`);
      return y;
    },
    known: k,
  }),
  20,
);

const fill = gradientProperty(
  'Fill',
  'the value, filled into any shape',
  fc.tuple(small, ndarray([])),
  ([dims, v]) => ({ inputs: [v], build: ([t]) => weighted(tf.square(tf.fill(dims, t!)), dims) }),
  20,
);

/** reshape, expand_dims, tile and fill. */
export const cases: OpCase[] = [...reshape, expandDims, tile, tileInt64, fill];
