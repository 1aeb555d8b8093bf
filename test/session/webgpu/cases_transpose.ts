/** Parity case of Transpose: random shapes (empty ones too), permutations and dtypes, perm fed or constant. */
import fc from 'fast-check';
import * as tf from '../../../src/index.js';
import type { DType } from '../../../src/framework/dtypes.js';
import { arrayOf, nd, op, shapeOf } from './harness.js';
import { parity, valuesOf, type ParityCase } from './cases_math.js';

const transpose = parity(
  fc.tuple(shapeOf(5, 4), fc.constantFrom<DType>('float32', 'int32', 'int64', 'bool'), fc.boolean()).chain(([s, d, fed]) =>
    fc.tuple(
      arrayOf(s, d, valuesOf(d)),
      fc.shuffledSubarray(
        s.map((_, i) => i),
        { minLength: s.length, maxLength: s.length },
      ),
      fc.constant(fed),
    ),
  ),
  (g, [x, perm, fed]) =>
    g.as_default(() => {
      const px = tf.placeholder(x.dtype);
      const permValue = nd(perm, [perm.length], 'int32');
      const pp = fed ? tf.placeholder(tf.int32) : tf.constant(permValue);
      const feeds = new Map([[px, x]]);
      if (fed) feeds.set(pp, permValue);
      return { runs: [{ fetches: op(g, 'Transpose', [px, pp], {}), feeds }] };
    }),
);

/** The case of Transpose. */
export const TRANSPOSE_CASES = { Transpose: transpose } satisfies Record<string, ParityCase>;
