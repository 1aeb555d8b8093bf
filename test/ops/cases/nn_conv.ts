import fc from 'fast-check';
import * as tf from '../../../src/index.js';
import { ndarray } from '../../../src/testing/index.js';
import { known } from '../helpers/check.js';
import { gradientProperty, type OpCase } from '../helpers/op_case.js';

/** An NHWC geometry with a non-empty output: input and filter shapes, strides, padding, and the output shape. */
const geometry = fc
  .record({
    B: fc.integer({ min: 1, max: 2 }),
    H: fc.integer({ min: 1, max: 5 }),
    W: fc.integer({ min: 1, max: 5 }),
    C: fc.integer({ min: 1, max: 2 }),
    FH: fc.integer({ min: 1, max: 3 }),
    FW: fc.integer({ min: 1, max: 3 }),
    OC: fc.integer({ min: 1, max: 2 }),
    sh: fc.integer({ min: 1, max: 2 }),
    sw: fc.integer({ min: 1, max: 2 }),
    padding: fc.constantFrom<'SAME' | 'VALID'>('SAME', 'VALID'),
  })
  .filter((r) => r.padding === 'SAME' || (r.H >= r.FH && r.W >= r.FW))
  .map((r) => {
    const out = (n: number, f: number, s: number) => (r.padding === 'SAME' ? Math.ceil(n / s) : Math.floor((n - f + s) / s));
    return {
      input: [r.B, r.H, r.W, r.C],
      filter: [r.FH, r.FW, r.C, r.OC],
      output: [r.B, out(r.H, r.FH, r.sh), out(r.W, r.FW, r.sw), r.OC],
      strides: [1, r.sh, r.sw, 1],
      padding: r.padding,
    };
  });

type Geometry = typeof geometry extends fc.Arbitrary<infer G> ? G : never;
/** The geometry and arrays of the two given shapes of it. */
const withArrays = (a: (g: Geometry) => number[], b: (g: Geometry) => number[]) =>
  fc.tuple(
    geometry.chain((g) => fc.tuple(fc.constant(g), ndarray(a(g)), ndarray(b(g)))),
    known,
  );

const conv2d = gradientProperty(
  'Conv2D',
  'NHWC, SAME and VALID, strides 1-2, by input and filter',
  withArrays(
    (g) => g.input,
    (g) => g.filter,
  ),
  ([[g, x, f], k]) => ({ inputs: [x, f], build: ([t, w]) => tf.nn.conv2d(t!, w!, g.strides, g.padding), known: k }),
  30,
);

const backpropInput = gradientProperty(
  'Conv2DBackpropInput',
  'by filter and out_backprop (conv2d_backprop_input)',
  withArrays(
    (g) => g.filter,
    (g) => g.output,
  ),
  ([[g, f, dy], k]) => ({ inputs: [f, dy], build: ([w, d]) => tf.nn.conv2d_backprop_input(g.input, w!, d!, g.strides, g.padding), known: k }),
  30,
);

const backpropFilter = gradientProperty(
  'Conv2DBackpropFilter',
  'by input and out_backprop (conv2d_backprop_filter)',
  withArrays(
    (g) => g.input,
    (g) => g.output,
  ),
  ([[g, x, dy], k]) => ({ inputs: [x, dy], build: ([t, d]) => tf.nn.conv2d_backprop_filter(t!, g.filter, d!, g.strides, g.padding), known: k }),
  30,
);

/** The gradient properties of Conv2D, Conv2DBackpropInput and Conv2DBackpropFilter. */
export const cases: readonly OpCase[] = [conv2d, backpropInput, backpropFilter];
