/** Parity cases of CheckNumerics (numerics.ts): finite values pass through (its errors: test/session/check_numerics.test.ts). */
import type { NumericsAttrs } from '../../../src/framework/ops/numerics.js';
import { arrayOf, floatValue, op, shapeOf } from './harness.js';
import { feedThrough, parity, type ParityCase } from './cases_math.js';

/** Cases of CheckNumerics. */
export const NUMERICS_CASES = {
  CheckNumerics: parity(
    shapeOf().chain((s) => arrayOf(s, 'float32', floatValue)),
    (g, x) => feedThrough(g, [x], (ph) => op(g, 'CheckNumerics', ph, { message: 'parity' })),
  ),
} satisfies Record<keyof NumericsAttrs, ParityCase>;
