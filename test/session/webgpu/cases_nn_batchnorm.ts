/** Parity cases of FusedBatchNorm and FusedBatchNormGrad: random NHWC shapes (the CPU backend takes NHWC only, as TF1's CPU kernels), training and inference. */
import fc from 'fast-check';
import type { OpType } from '../../../src/framework/op_defs.js';
import type { FusedBatchNormAttrs } from '../../../src/framework/ops/nn_batchnorm.js';
import { arrayOf } from './harness.js';
import { feedThrough, parity, type ParityCase, valuesOf } from './cases_math.js';

const v = valuesOf('float32');
/** Variances: non-negative values on the grid. */
const nonNegative = v.map(Math.abs);

const geometry = fc.record({
  x: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 })),
  is_training: fc.boolean(),
  epsilon: fc.constantFrom(0.001, 1.001e-5, 0.1),
});

const attrsOf = (c: { is_training: boolean; epsilon: number }): FusedBatchNormAttrs => ({
  epsilon: c.epsilon,
  data_format: 'NHWC',
  is_training: c.is_training,
});

const forward = parity(
  geometry.chain((c) => {
    const C = c.x[3];
    const stats = c.is_training ? 0 : C;
    return fc.tuple(
      fc.constant(c),
      arrayOf(c.x, 'float32', v),
      arrayOf([C], 'float32', v),
      arrayOf([C], 'float32', v),
      arrayOf([stats], 'float32', v),
      arrayOf([stats], 'float32', nonNegative),
    );
  }),
  (g, [c, x, scale, offset, mean, variance]) =>
    feedThrough(g, [x, scale, offset, mean, variance], (ph) => [...g.create_op('FusedBatchNorm', ph, attrsOf(c), 'FusedBatchNorm').outputs]),
);

const backward = parity(
  geometry.chain((c) => {
    const C = c.x[3];
    return fc.tuple(
      fc.constant(c),
      arrayOf(c.x, 'float32', v),
      arrayOf(c.x, 'float32', v),
      arrayOf([C], 'float32', v),
      arrayOf([C], 'float32', v),
      arrayOf([C], 'float32', nonNegative),
    );
  }),
  (g, [c, dy, x, scale, mean, variance]) =>
    feedThrough(g, [dy, x, scale, mean, variance], (ph) => [...g.create_op('FusedBatchNormGrad', ph, attrsOf(c), 'FusedBatchNormGrad').outputs].slice(0, 3)),
);

/** Cases of FusedBatchNorm and FusedBatchNormGrad. */
export const NN_BATCHNORM_CASES = {
  FusedBatchNorm: forward,
  FusedBatchNormGrad: backward,
} satisfies Partial<Record<OpType, ParityCase>>;
