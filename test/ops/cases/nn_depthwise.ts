import fc from 'fast-check';
import * as tf from '../../../src/index.js';
import { ndarray } from '../../../src/testing/index.js';
import { known } from '../helpers/check.js';
import { gradientProperty, type OpCase } from '../helpers/op_case.js';

/** An NHWC geometry with a non-empty output: input [B, H, W, C], filter [FH, FW, C, multiplier], one stride, padding. */
const geometry = fc
  .record({
    B: fc.integer({ min: 1, max: 2 }),
    H: fc.integer({ min: 1, max: 5 }),
    W: fc.integer({ min: 1, max: 5 }),
    C: fc.integer({ min: 1, max: 3 }),
    FH: fc.integer({ min: 1, max: 3 }),
    FW: fc.integer({ min: 1, max: 3 }),
    DM: fc.integer({ min: 1, max: 2 }),
    s: fc.integer({ min: 1, max: 2 }),
    padding: fc.constantFrom<'SAME' | 'VALID'>('SAME', 'VALID'),
  })
  .filter((r) => r.padding === 'SAME' || (r.H >= r.FH && r.W >= r.FW))
  .map((r) => ({ input: [r.B, r.H, r.W, r.C], filter: [r.FH, r.FW, r.C, r.DM], strides: [1, r.s, r.s, 1], padding: r.padding }));

const depthwise = gradientProperty(
  'DepthwiseConv2dNative',
  'NHWC, SAME and VALID, strides 1-2, multipliers 1-2, by input and filter',
  fc.tuple(
    geometry.chain((g) => fc.tuple(fc.constant(g), ndarray(g.input), ndarray(g.filter))),
    known,
  ),
  ([[g, x, f], k]) => ({ inputs: [x, f], build: ([t, w]) => tf.nn.depthwise_conv2d_native(t!, w!, g.strides, g.padding), known: k }),
  30,
);

/** The gradient property of DepthwiseConv2dNative (r1.12 registers no gradient for its backprops). */
export const cases: readonly OpCase[] = [depthwise];
