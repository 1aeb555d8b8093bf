/** Parity cases of BiasAdd and BiasAddGrad (random shapes, both data formats, float32 and int32), TopKV2 and InTopKV2. */
import fc from 'fast-check';
import type { DType } from '../../../src/framework/dtypes.js';
import type { OpType } from '../../../src/framework/op_defs.js';
import type { DataFormat } from '../../../src/framework/ops/nn_extra.js';
import * as tf from '../../../src/index.js';
import { arrayOf, nd, op, shapeOf } from './harness.js';
import { feedThrough, parity, valuesOf, type ParityCase } from './cases_math.js';

/** A value shape of rank 2-4 (3-4 for NCHW), its format, and a dtype. */
const biasShapes = fc.tuple(fc.constantFrom<DataFormat>('NHWC', 'NCHW'), fc.constantFrom<DType>('float32', 'int32')).chain(([f, d]) =>
  fc.tuple(
    fc.constant(f),
    fc.constant(d),
    shapeOf(4, 5).filter((s) => s.length >= (f === 'NCHW' ? 3 : 2)),
  ),
);

const channel = (s: readonly number[], f: DataFormat): number => s[f === 'NCHW' ? 1 : s.length - 1]!;

const biasAdd = parity(
  biasShapes.chain(([f, d, s]) => fc.tuple(fc.constant(f), arrayOf(s, d, valuesOf(d)), arrayOf([channel(s, f)], d, valuesOf(d)))),
  (g, [f, x, b]) => feedThrough(g, [x, b], (ph) => op(g, 'BiasAdd', ph, { data_format: f })),
);

const biasAddGrad = parity(
  biasShapes.chain(([f, d, s]) => fc.tuple(fc.constant(f), arrayOf(s, d, valuesOf(d)))),
  (g, [f, x]) =>
    feedThrough(
      g,
      [x],
      (ph) => op(g, 'BiasAddGrad', ph, { data_format: f }),
      // S: the same sums of |g|, the magnitude of the terms.
      (ph) => op(g, 'BiasAddGrad', [op(g, 'Maximum', [ph[0]!, op(g, 'Neg', [ph[0]!], {})[0]!], {})[0]!], { data_format: f }),
    ),
);

/** Few distinct values, so ties (broken by the earlier index) are common. */
const tied = fc.integer({ min: -3, max: 3 });

const topK = parity(
  fc
    .tuple(
      shapeOf(3, 6, false).filter((s) => s.length > 0),
      fc.constantFrom<DType>('float32', 'int32'),
    )
    .chain(([s, d]) => fc.tuple(arrayOf(s, d, tied), fc.integer({ min: 0, max: s[s.length - 1]! }))),
  (g, [x, k]) =>
    g.as_default(() => {
      const px = tf.placeholder(x.dtype);
      return { runs: [{ fetches: op(g, 'TopKV2', [px, tf.constant(k, { dtype: 'int32' })], { sorted: true }), feeds: new Map([[px, x]]) }] };
    }),
);

const inTopK = parity(
  fc
    .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 8 }))
    .chain(([B, C]) =>
      fc.tuple(arrayOf([B, C], 'float32', tied), fc.array(fc.integer({ min: -1, max: C }), { minLength: B, maxLength: B }), fc.integer({ min: 0, max: C + 1 })),
    ),
  (g, [p, targets, k]) =>
    g.as_default(() => {
      const [pp, pt] = [tf.placeholder('float32'), tf.placeholder('int32')];
      const fetches = op(g, 'InTopKV2', [pp, pt, tf.constant(k, { dtype: 'int32' })], {});
      return {
        runs: [
          {
            fetches,
            feeds: new Map([
              [pp, p],
              [pt, nd(targets, [targets.length], 'int32')],
            ]),
          },
        ],
      };
    }),
);

/** Cases of BiasAdd, BiasAddGrad, TopKV2 and InTopKV2. */
export const NN_EXTRA_CASES = {
  BiasAdd: biasAdd,
  BiasAddGrad: biasAddGrad,
  TopKV2: topK,
  InTopKV2: inTopK,
} satisfies Partial<Record<OpType, ParityCase>>;
