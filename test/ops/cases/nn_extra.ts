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

/** The gradient properties of BiasAdd and BiasAddGrad. */
export const cases: readonly OpCase[] = [biasAdd, ...biasAddGrad];
