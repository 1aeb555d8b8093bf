/** Parity cases of DepthwiseConv2dNative and its backprops: random NHWC geometries (sizes, multipliers, strides, SAME/VALID). */
import fc from 'fast-check';
import type { OpType } from '../../../src/framework/op_defs.js';
import type { DepthwiseAttrs } from '../../../src/framework/ops/nn_depthwise.js';
import { depthwiseGeometry } from '../../../src/session/kernels/nn_depthwise.js';
import * as tf from '../../../src/index.js';
import { arrayOf, op } from './harness.js';
import { feedThrough, parity, type ParityCase, valuesOf } from './cases_math.js';

/** A geometry whose output is not empty: input [B, H, W, C], filter [FH, FW, C, DM], the attrs, the output shape. */
const geometry = fc
  .record({
    B: fc.integer({ min: 1, max: 2 }),
    H: fc.integer({ min: 1, max: 7 }),
    W: fc.integer({ min: 1, max: 7 }),
    C: fc.integer({ min: 1, max: 3 }),
    FH: fc.integer({ min: 1, max: 3 }),
    FW: fc.integer({ min: 1, max: 3 }),
    DM: fc.integer({ min: 1, max: 3 }),
    s: fc.integer({ min: 1, max: 3 }),
    padding: fc.constantFrom<'SAME' | 'VALID'>('SAME', 'VALID'),
  })
  .filter((r) => r.padding === 'SAME' || (r.H >= r.FH && r.W >= r.FW))
  .map((r) => {
    const attrs: DepthwiseAttrs = { strides: [1, r.s, r.s, 1], padding: r.padding, data_format: 'NHWC', dilations: [1, 1, 1, 1] };
    const input = [r.B, r.H, r.W, r.C];
    const filter = [r.FH, r.FW, r.C, r.DM];
    const g = depthwiseGeometry('d', input, filter, attrs);
    return { input, filter, attrs, out: [g.B, g.OH, g.OW, g.OC] };
  });

const v = valuesOf('float32');
const abs = (g: tf.Graph, t: tf.Tensor) => op(g, 'Abs', [t], {})[0]!;

const forward = parity(
  geometry.chain((c) => fc.tuple(fc.constant(c), arrayOf(c.input, 'float32', v), arrayOf(c.filter, 'float32', v))),
  (g, [c, x, f]) =>
    feedThrough(
      g,
      [x, f],
      (ph) => op(g, 'DepthwiseConv2dNative', ph, c.attrs),
      // S: the same sums of |x|·|f|.
      (ph) => op(g, 'DepthwiseConv2dNative', [abs(g, ph[0]!), abs(g, ph[1]!)], c.attrs),
    ),
);

const backpropInput = parity(
  geometry.chain((c) => fc.tuple(fc.constant(c), arrayOf(c.filter, 'float32', v), arrayOf(c.out, 'float32', v))),
  (g, [c, f, dy]) =>
    g.as_default(() => {
      const sizes = tf.constant(c.input, { dtype: 'int32' });
      return feedThrough(
        g,
        [f, dy],
        (ph) => op(g, 'DepthwiseConv2dNativeBackpropInput', [sizes, ph[0]!, ph[1]!], c.attrs),
        (ph) => op(g, 'DepthwiseConv2dNativeBackpropInput', [sizes, abs(g, ph[0]!), abs(g, ph[1]!)], c.attrs),
      );
    }),
);

const backpropFilter = parity(
  geometry.chain((c) => fc.tuple(fc.constant(c), arrayOf(c.input, 'float32', v), arrayOf(c.out, 'float32', v))),
  (g, [c, x, dy]) =>
    g.as_default(() => {
      const sizes = tf.constant(c.filter, { dtype: 'int32' });
      return feedThrough(
        g,
        [x, dy],
        (ph) => op(g, 'DepthwiseConv2dNativeBackpropFilter', [ph[0]!, sizes, ph[1]!], c.attrs),
        (ph) => op(g, 'DepthwiseConv2dNativeBackpropFilter', [abs(g, ph[0]!), sizes, abs(g, ph[1]!)], c.attrs),
      );
    }),
);

/** Cases of DepthwiseConv2dNative, DepthwiseConv2dNativeBackpropInput and DepthwiseConv2dNativeBackpropFilter. */
export const NN_DEPTHWISE_CASES = {
  DepthwiseConv2dNative: forward,
  DepthwiseConv2dNativeBackpropInput: backpropInput,
  DepthwiseConv2dNativeBackpropFilter: backpropFilter,
} satisfies Partial<Record<OpType, ParityCase>>;
