import fc from 'fast-check';
import * as tf from '../../../src/index.js';
import { ndarray } from '../../../src/testing/index.js';
import { known } from '../helpers/check.js';
import { gradientProperty, type OpCase } from '../helpers/op_case.js';

type Format = 'NHWC' | 'NCHW';
const dim = fc.integer({ min: 1, max: 3 });

/** A data format, a value shape of rank 2-4 (3-4 for NCHW) and its channel count. */
const layout = fc
  .constantFrom<Format>('NHWC', 'NCHW')
  .chain((f) => fc.tuple(fc.constant(f), fc.array(dim, { minLength: f === 'NCHW' ? 3 : 2, maxLength: 4 })))
  .map(([f, s]) => ({ f, s, c: s[f === 'NCHW' ? 1 : s.length - 1]! }));

const biasAdd = gradientProperty(
  'BiasAdd',
  'NHWC and NCHW, by value and bias',
  fc.tuple(
    layout.chain(({ f, s, c }) => fc.tuple(fc.constant(f), ndarray(s), ndarray([c]))),
    known,
  ),
  ([[f, x, b], k]) => ({ inputs: [x, b], build: ([v, bias]) => tf.nn.bias_add(v!, bias!, { data_format: f }), known: k }),
  40,
);

const biasAddGrad: OpCase[] = [
  gradientProperty(
    'BiasAddGrad',
    'the op itself, NHWC and NCHW',
    fc.tuple(
      layout.chain(({ f, s }) => fc.tuple(fc.constant(f), ndarray(s))),
      known,
    ),
    ([[f, g], k]) => ({ inputs: [g], build: ([t]) => t!.graph.create_op('BiasAddGrad', [t!], { data_format: f }, 'BiasAddGrad').outputs[0]!, known: k }),
    40,
  ),
  gradientProperty(
    'BiasAddGrad',
    'second order: d/d bias of d sum(square(bias_add(x, bias))) / d bias',
    fc.tuple(
      layout.chain(({ f, s, c }) => fc.tuple(fc.constant(f), ndarray([c]), ndarray(s))),
      known,
    ),
    ([[f, b, x], k]) => ({ inputs: [b, x], build: ([bias, v]) => tf.square(tf.nn.bias_add(v!, bias!, { data_format: f })), order: 2, known: k }),
    30,
  ),
];

/** Distinct values 0.25 apart (no ties, which would make top_k's choice jump within the differences' step). */
const distinct = (n: number) =>
  fc.shuffledSubarray(
    Array.from({ length: 40 }, (_, i) => i / 4 - 5),
    { minLength: n, maxLength: n },
  );

/** An [r, c] (or [c]) input of distinct values and a k in [0, c]. */
const topKInput = fc
  .tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 5 }))
  .chain(([r, c]) => fc.tuple(distinct(Math.max(r, 1) * c), fc.integer({ min: 0, max: c }), fc.constant(r === 0 ? [c] : [r, c])))
  .map(([v, k, s]) => ({ x: new tf.NDArray(Float64Array.from(v), s, 'float64'), k }));

const topK = gradientProperty(
  'TopKV2',
  'the values by the input, rank 1 and 2, k from 0 to the row length',
  fc.tuple(topKInput, known),
  ([{ x, k }, kn]) => ({
    inputs: [x],
    // Distinct weights, so a gradient routed to the wrong position shows.
    build: ([t]) => {
      const values = tf.nn.top_k(t!, k).values;
      const n = x.shape.slice(0, -1).reduce((a, b) => a * b, 1) * k;
      return values.mul(
        tf.constant(
          Float64Array.from({ length: n }, (_, i) => i + 1),
          { shape: [...x.shape.slice(0, -1), k] },
        ),
      );
    },
    known: kn,
  }),
  40,
);

/** The gradient properties of BiasAdd, BiasAddGrad and TopKV2. */
export const cases: readonly OpCase[] = [biasAdd, ...biasAddGrad, topK];
