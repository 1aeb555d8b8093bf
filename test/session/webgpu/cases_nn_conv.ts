/** Parity cases of Conv2D and its backprops: random NHWC geometries (sizes, strides, SAME/VALID, Conv2D's dilations). */
import fc from 'fast-check';
import type { OpType } from '../../../src/framework/op_defs.js';
import type { ConvAttrs } from '../../../src/framework/ops/nn_conv.js';
import { conv2dGeometry } from '../../../src/session/kernels/nn_conv.js';
import * as tf from '../../../src/index.js';
import { arrayOf, op } from './harness.js';
import { feedThrough, parity, valuesOf, type ParityCase } from './cases_math.js';

/** A geometry whose output is not empty: input [B, H, W, C], filter [FH, FW, C, OC], the attrs, the output shape. */
const geometry = (dilated: boolean) =>
  fc
    .record({
      B: fc.integer({ min: 1, max: 2 }),
      H: fc.integer({ min: 1, max: 7 }),
      W: fc.integer({ min: 1, max: 7 }),
      C: fc.integer({ min: 1, max: 3 }),
      FH: fc.integer({ min: 1, max: 3 }),
      FW: fc.integer({ min: 1, max: 3 }),
      OC: fc.integer({ min: 1, max: 3 }),
      sh: fc.integer({ min: 1, max: 3 }),
      sw: fc.integer({ min: 1, max: 3 }),
      dh: dilated ? fc.integer({ min: 1, max: 2 }) : fc.constant(1),
      dw: dilated ? fc.integer({ min: 1, max: 2 }) : fc.constant(1),
      padding: fc.constantFrom<'SAME' | 'VALID'>('SAME', 'VALID'),
    })
    .filter((r) => r.padding === 'SAME' || (r.H >= (r.FH - 1) * r.dh + 1 && r.W >= (r.FW - 1) * r.dw + 1))
    .map((r) => {
      const attrs: ConvAttrs = {
        strides: [1, r.sh, r.sw, 1],
        use_cudnn_on_gpu: true,
        padding: r.padding,
        data_format: 'NHWC',
        dilations: [1, r.dh, r.dw, 1],
      };
      const input = [r.B, r.H, r.W, r.C];
      const filter = [r.FH, r.FW, r.C, r.OC];
      const g = conv2dGeometry('c', input, filter, attrs);
      return { input, filter, attrs, out: [g.B, g.OH, g.OW, g.OC] };
    });

const v = valuesOf('float32');
const abs = (g: tf.Graph, t: tf.Tensor) => op(g, 'Abs', [t], {})[0]!;

const conv2d = parity(
  geometry(true).chain((c) => fc.tuple(fc.constant(c), arrayOf(c.input, 'float32', v), arrayOf(c.filter, 'float32', v))),
  (g, [c, x, f]) =>
    feedThrough(
      g,
      [x, f],
      (ph) => op(g, 'Conv2D', ph, c.attrs),
      // S: the same sums of |x|·|f|.
      (ph) => op(g, 'Conv2D', [abs(g, ph[0]!), abs(g, ph[1]!)], c.attrs),
    ),
);

const backpropInput = parity(
  geometry(false).chain((c) => fc.tuple(fc.constant(c), arrayOf(c.filter, 'float32', v), arrayOf(c.out, 'float32', v))),
  (g, [c, f, dy]) =>
    g.as_default(() => {
      const sizes = tf.constant(c.input, { dtype: 'int32' });
      return feedThrough(
        g,
        [f, dy],
        (ph) => op(g, 'Conv2DBackpropInput', [sizes, ph[0]!, ph[1]!], c.attrs),
        (ph) => op(g, 'Conv2DBackpropInput', [sizes, abs(g, ph[0]!), abs(g, ph[1]!)], c.attrs),
      );
    }),
);

const backpropFilter = parity(
  geometry(false).chain((c) => fc.tuple(fc.constant(c), arrayOf(c.input, 'float32', v), arrayOf(c.out, 'float32', v))),
  (g, [c, x, dy]) =>
    g.as_default(() => {
      const sizes = tf.constant(c.filter, { dtype: 'int32' });
      return feedThrough(
        g,
        [x, dy],
        (ph) => op(g, 'Conv2DBackpropFilter', [ph[0]!, sizes, ph[1]!], c.attrs),
        (ph) => op(g, 'Conv2DBackpropFilter', [abs(g, ph[0]!), sizes, abs(g, ph[1]!)], c.attrs),
      );
    }),
);

/** Cases of Conv2D, Conv2DBackpropInput and Conv2DBackpropFilter. */
export const NN_CONV_CASES = {
  Conv2D: conv2d,
  Conv2DBackpropInput: backpropInput,
  Conv2DBackpropFilter: backpropFilter,
} satisfies Partial<Record<OpType, ParityCase>>;
