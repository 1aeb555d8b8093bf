/** Parity cases of BiasAdd and BiasAddGrad: random shapes, both data formats, float32 and int32. */
import fc from 'fast-check';
import type { DType } from '../../../src/framework/dtypes.js';
import type { OpType } from '../../../src/framework/op_defs.js';
import type { DataFormat } from '../../../src/framework/ops/nn_extra.js';
import { arrayOf, op, shapeOf } from './harness.js';
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

/** Cases of BiasAdd and BiasAddGrad. */
export const NN_EXTRA_CASES = {
  BiasAdd: biasAdd,
  BiasAddGrad: biasAddGrad,
} satisfies Partial<Record<OpType, ParityCase>>;
