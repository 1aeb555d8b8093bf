/**
 * Parity cases of Assert and Print (framework/ops/logging.ts): its condition holds, so the run goes on to what depends on it
 * (an Identity with a control input on it); the WebGPU backend checks it on the host. Its message: test/ops/assert.test.ts.
 */
import { NDArray } from '../../../src/framework/ndarray.js';
import type { LoggingAttrs } from '../../../src/framework/ops/logging.js';
import { arrayOf, floatValue, op } from './harness.js';
import { feedThrough, parity, type ParityCase } from './cases_math.js';

/** Cases of Assert and Print (its output its input; first_n 0 keeps the test's stderr quiet). */
export const LOGGING_CASES = {
  Assert: parity(arrayOf([2, 3], 'float32', floatValue), (g, x) =>
    feedThrough(g, [new NDArray(Uint8Array.of(1), [], 'bool'), x], ([c, d]) => {
      const check = g.create_op('Assert', [c!, d!], { summarize: 3 }, 'Assert');
      return [g.control_dependencies([check], () => op(g, 'Identity', [d!], {})[0]!)];
    }),
  ),
  Print: parity(arrayOf([2, 3], 'float32', floatValue), (g, x) =>
    feedThrough(g, [x, x], ([input, d]) => op(g, 'Print', [input!, d!], { message: 'x: ', first_n: 0, summarize: 3 })),
  ),
} satisfies Record<keyof LoggingAttrs, ParityCase>;
